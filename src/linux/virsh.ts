/**
 * `virsh migrate [--live] DOMAIN qemu+ssh://HOST/system`: libvirt's live migration of a VM to
 * another host (the article's "VMs are migrated all the time; the wiring must follow"). Other virsh
 * commands are refused by name.
 */
import type { LinuxOp } from './command.js';
import { notSupported, refuse } from './errors.js';

export const VIRSH_SUPPORTED = 'virsh migrate [--live] DOMAIN qemu+ssh://HOST/system';

/** Options of `virsh migrate` that change nothing the simulator models. */
const HARMLESS = new Set(['--live', '--persistent', '--undefinesource', '--verbose', '--p2p', '--tunnelled', '--auto-converge']);

export function parseVirsh(words: readonly string[]): LinuxOp {
  const [sub, ...rest] = words;
  if (sub === undefined) refuse(notSupported('virsh (interactive shell)', VIRSH_SUPPORTED));
  if (sub !== 'migrate') refuse(notSupported(`virsh ${sub}`, VIRSH_SUPPORTED));
  const args: string[] = [];
  for (const w of rest) {
    if (w.startsWith('--')) {
      if (!HARMLESS.has(w)) refuse(notSupported(`virsh migrate ${w}`, VIRSH_SUPPORTED));
    } else args.push(w);
  }
  if (args.length !== 2) refuse("error: command 'migrate' requires <domain> and <desturi> options");
  const [vm, uri] = args as [string, string];
  const m = /^qemu(?:\+(?:ssh|tcp|tls))?:\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/system$/.exec(uri);
  if (m === null) refuse(`error: invalid argument: Unable to parse URI ${uri} (use qemu+ssh://HOST/system)`);
  return { kind: 'vm-migrate', vm, host: m[1]! };
}
