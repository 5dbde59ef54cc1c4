/**
 * `virsh migrate [--live] DOMAIN qemu+ssh://HOST/system`: libvirt's live migration of a VM to
 * another host (the article's "VMs are migrated all the time; the wiring must follow").
 * Invariants: other virsh commands and options that change what the simulator models are refused
 * by name; a refused migration prints libvirt's own words and leaves the VM where it was.
 */
import { notSupported, refuse } from './core/errors.js';
import type { LinuxKernel } from './core/kernel.js';
import { failed, succeeded, type CommandResult } from './core/result.js';

export interface VirshOp {
  readonly kind: 'vm-migrate';
  readonly vm: string;
  readonly host: string;
}

const VIRSH_SUPPORTED = 'virsh migrate [--live] DOMAIN qemu+ssh://HOST/system';

/** Options of `virsh migrate` that change nothing the simulator models. */
const HARMLESS = new Set(['--live', '--persistent', '--undefinesource', '--verbose', '--p2p', '--tunnelled', '--auto-converge']);

export function parseVirsh(words: readonly string[]): VirshOp {
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
  const [vm = '', uri = ''] = args;
  const host = /^qemu(?:\+(?:ssh|tcp|tls))?:\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/system$/.exec(uri)?.[1];
  if (host === undefined) refuse(`error: invalid argument: Unable to parse URI ${uri} (use qemu+ssh://HOST/system)`);
  return { kind: 'vm-migrate', vm, host };
}

export function runVirsh(kernel: LinuxKernel, op: VirshOp): CommandResult {
  const refused = kernel.migrateVm(op.vm, op.host);
  return refused === null ? succeeded(`\nMigration: [100 %]\n`) : failed(refused.message);
}
