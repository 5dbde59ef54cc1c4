/**
 * `bridge fdb show [br BR] [brport DEV] [vlan VID]` (iproute2's bridge/fdb.c): how it reads its
 * words and prints the forwarding table (`print_fdb`), one entry a line, device by device in
 * ifindex order. Invariants: like the real tool it ignores words it does not know; changing the
 * table by hand (`add`, `del`, ...) is refused by name.
 */
import { Argv, atoi, duparg, matches, noDeviceMessage } from '../core/args.js';
import { notSupported, refuse, refuseUnknown } from '../core/errors.js';
import type { FdbView, LinuxKernel } from '../core/kernel.js';
import { failed, printLines, succeeded, type CommandResult } from '../core/result.js';
import { formatMac } from '../../wire/mac.js';

export const BRIDGE_SUPPORTED = 'bridge fdb show, bridge vlan add|del|show';

/** `bridge fdb show`'s selectors. */
export interface FdbShow {
  readonly of: 'fdb';
  readonly bridge: string | null;
  readonly dev: string | null;
  readonly vlan: number | null;
}

const USAGE = 'Usage: bridge fdb [ show [ br BRDEV ] [ brport DEV ] [ vlan VID ] ]';

/** The commands `bridge fdb` knows, in its own matching order (for a typo's guess). */
const COMMANDS: readonly string[] = ['add', 'append', 'replace', 'delete', 'get', 'flush', 'show', 'list', 'lst', 'help'];

export function parseFdb(words: readonly string[]): { readonly kind: 'show'; readonly what: FdbShow } {
  const [command, ...rest] = words;
  if (command === undefined) return show([]);
  for (const other of ['add', 'append', 'replace', 'delete', 'get', 'flush']) {
    if (matches(command, other)) refuse(notSupported(`bridge fdb ${other}`, BRIDGE_SUPPORTED));
  }
  if (matches(command, 'show') || matches(command, 'lst') || matches(command, 'list')) return show(rest);
  if (matches(command, 'help')) refuse(USAGE);
  return refuseUnknown(`Command "${command}" is unknown, try "bridge fdb help".`, command, COMMANDS);
}

function show(words: readonly string[]): { readonly kind: 'show'; readonly what: FdbShow } {
  let bridge: string | null = null;
  let dev: string | null = null;
  let vlan: number | null = null;
  for (const a = new Argv(words); a.more; a.advance()) {
    const w = a.current;
    if (w === 'brport' || w === 'dev') {
      dev = a.nextArg();
    } else if (w === 'br') {
      bridge = a.nextArg();
    } else if (w === 'vlan') {
      const v = a.nextArg();
      if (vlan) duparg('vlan', v);
      vlan = atoi(v) || null;
    } else if (w === 'state') {
      refuse(notSupported('bridge fdb show state', 'bridge fdb show [br BR] [brport DEV] [vlan VID]'));
    } else if (matches(w, 'help')) {
      refuse(USAGE);
    }
  }
  return { kind: 'show', what: { of: 'fdb', bridge, dev, vlan } };
}

function ifindexOf(kernel: LinuxKernel, name: string): number {
  return kernel.link(name)?.ifindex ?? Number.MAX_SAFE_INTEGER;
}

/** `MAC dev PORT [vlan VID] master BR [permanent]`; `dev` is left out when filtering by port. */
function fdbLine(f: FdbView, byPort: boolean): string {
  const parts = [formatMac(f.mac)];
  if (!byPort) parts.push(`dev ${f.port}`);
  if (f.vid !== null) parts.push(`vlan ${f.vid}`);
  parts.push(`master ${f.bridge}`);
  if (f.local) parts.push('permanent');
  return parts.join(' ');
}

export function printFdb(kernel: LinuxKernel, { bridge, dev, vlan }: FdbShow): CommandResult {
  if (bridge !== null && !kernel.link(bridge)) return failed(`Cannot find bridge device "${bridge}"`);
  if (dev !== null && !kernel.link(dev)) return failed(noDeviceMessage(dev));
  // The kernel dumps device by device, in ifindex order.
  const entries = kernel.fdb(bridge ?? undefined)
    .filter((f) => (dev === null || f.port === dev) && (vlan === null || f.vid === vlan))
    .map((f, i) => ({ f, i, index: ifindexOf(kernel, f.port) }))
    .sort((a, b) => a.index - b.index || a.i - b.i)
    .map(({ f }) => fdbLine(f, dev !== null));
  return succeeded(printLines(entries));
}
