/**
 * `ip tuntap add|del|show` (iproute2's ip/iptuntap.c): the TAP a hypervisor's VM NIC attaches to,
 * made persistent ahead of the VM. `user`/`group` and queue flags are accepted and have no effect.
 * Invariants: `add` opens the device with IFF_TUN_EXCL, so an existing name is busy; `del` of a
 * name that does not exist succeeds (the real tool makes it and lets it go again); TUN devices are
 * not modelled.
 */
import { Argv, duparg2, IFNAMSIZ, invarg, matches } from '../core/args.js';
import { notSupported, refuse, refuseUnknown, strerror } from '../core/errors.js';
import type { LinuxKernel } from '../core/kernel.js';
import { failed, printLines, succeeded, type CommandResult } from '../core/result.js';

export type IpTuntapOp =
  | { readonly kind: 'tuntap-add'; readonly name: string; readonly mode: 'tap' | 'tun' }
  | { readonly kind: 'tuntap-del'; readonly name: string; readonly mode: 'tap' | 'tun' };

export interface TuntapShow {
  readonly of: 'tuntaps';
}

interface TuntapRequest {
  name: string | null;
  mode: 'tap' | 'tun' | null;
}

/** The commands `ip tuntap` knows, in its own matching order (for a typo's guess). */
const COMMANDS: readonly string[] = ['add', 'delete', 'show', 'list', 'lst', 'help'];

export function parseIpTuntap(words: readonly string[]): IpTuntapOp | { readonly kind: 'show'; readonly what: TuntapShow } {
  const [command, ...rest] = words;
  if (command === undefined) return { kind: 'show', what: { of: 'tuntaps' } };
  if (matches(command, 'add')) {
    const r = parseTuntapArgs(rest);
    if (r.mode === null) refuse('You failed to specify a tunnel mode');
    if (r.name === null) refuse(notSupported('ip tuntap add without a name', 'ip tuntap add dev NAME mode tap'));
    return { kind: 'tuntap-add', name: r.name, mode: r.mode };
  }
  if (matches(command, 'delete')) {
    const r = parseTuntapArgs(rest);
    if (r.name === null) refuse('ioctl(TUNSETIFF): Invalid argument');
    return { kind: 'tuntap-del', name: r.name, mode: r.mode ?? 'tap' };
  }
  if (matches(command, 'show') || matches(command, 'lst') || matches(command, 'list')) {
    return { kind: 'show', what: { of: 'tuntaps' } };
  }
  if (matches(command, 'help')) refuse('Usage: ip tuntap { add | del | show | list | lst | help } [ dev PHYS_DEV ]\n          [ mode { tun | tap } ] [ user USER ] [ group GROUP ]');
  return refuseUnknown(`Command "${command}" is unknown, try "ip tuntap help".`, command, COMMANDS);
}

function setName(r: TuntapRequest, name: string): void {
  if (r.name !== null) duparg2('name', name);
  if (name.length >= IFNAMSIZ) invarg('"dev" name too long', name);
  r.name = name;
}

function parseTuntapArgs(words: readonly string[]): TuntapRequest {
  const r: TuntapRequest = { name: null, mode: null };
  for (const a = new Argv(words); a.more; a.advance()) {
    const w = a.current;
    if (matches(w, 'mode')) {
      const v = a.nextArg();
      const mode = matches(v, 'tun') ? 'tun' : matches(v, 'tap') ? 'tap' : null;
      if (mode === null) refuse('Cannot guess tunnel mode.');
      if (r.mode !== null && r.mode !== mode) refuse('You managed to ask for more than one tunnel mode.');
      r.mode = mode;
    } else if (matches(w, 'user') || matches(w, 'group')) {
      a.nextArg();
    } else if (matches(w, 'pi') || matches(w, 'one_queue') || matches(w, 'vnet_hdr') || matches(w, 'multi_queue')) {
      continue;
    } else if (matches(w, 'dev')) {
      setName(r, a.nextArg());
    } else {
      if (matches(w, 'help')) refuse('Usage: ip tuntap { add | del } [ dev PHYS_DEV ] [ mode { tun | tap } ]');
      setName(r, matches(w, 'name') ? a.nextArg() : w);
    }
  }
  return r;
}

export function runIpTuntap(kernel: LinuxKernel, op: IpTuntapOp): CommandResult {
  return op.kind === 'tuntap-add' ? add(kernel, op.name, op.mode) : del(kernel, op.name);
}

/** TUNSETIFF with IFF_TUN_EXCL, so an existing name is busy. */
function add(kernel: LinuxKernel, name: string, mode: 'tap' | 'tun'): CommandResult {
  if (mode === 'tun') return failed(notSupported('ip tuntap add ... mode tun', 'ip tuntap add dev NAME mode tap'));
  if (kernel.link(name)) return failed(`ioctl(TUNSETIFF): ${strerror('EBUSY')}`);
  const e = kernel.addTap(name);
  return e ? failed(`ioctl(TUNSETIFF): ${strerror(e === 'EEXIST' ? 'EBUSY' : e)}`) : succeeded();
}

/** Attaches and clears persistence; a name that does not exist is made and gone again. */
function del(kernel: LinuxKernel, name: string): CommandResult {
  const link = kernel.link(name);
  if (!link) return succeeded();
  if (link.kind !== 'tap') return failed(`ioctl(TUNSETIFF): ${strerror('EINVAL')}`);
  const e = kernel.deleteLink(name);
  return e ? failed(`ioctl(TUNSETPERSIST): ${strerror(e)}`) : succeeded();
}

/** Every TAP, with the flags of one made by `ip tuntap add` (no packet info, persistent). */
export function printIpTuntap(kernel: LinuxKernel): CommandResult {
  const taps = kernel.links().filter((l) => l.kind === 'tap').map((l) => l.ifname).sort();
  return succeeded(printLines(taps.map((name) => `${name}: tap persist filter`)));
}
