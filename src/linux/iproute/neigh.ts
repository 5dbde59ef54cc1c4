/**
 * `ip neigh show [dev DEV]` (iproute2's ip/ipneigh.c `do_ipneigh`, `print_neigh`): the ARP cache,
 * one entry a line. Invariant: the cache is the stack's to fill; changing it by hand is refused
 * by name.
 */
import { Argv, duparg2, matches, noDeviceMessage } from '../core/args.js';
import { notSupported, refuse, refuseUnknown } from '../core/errors.js';
import type { LinuxKernel, NeighView } from '../core/kernel.js';
import { failed, printLines, succeeded, type CommandResult } from '../core/result.js';
import { formatIpv4 } from '../../wire/ipv4-address.js';
import { formatMac } from '../../wire/mac.js';

export interface NeighShow {
  readonly of: 'neighbours';
  readonly dev: string | null;
}

const NEIGH_COMMANDS = 'ip neigh show';

/** The commands `ip neigh` knows, in its own matching order (for a typo's guess). */
const COMMANDS: readonly string[] = ['add', 'change', 'replace', 'delete', 'list', 'show', 'lst', 'get', 'flush', 'help'];

export function parseIpNeigh(words: readonly string[]): { readonly kind: 'show'; readonly what: NeighShow } {
  const [command, ...rest] = words;
  if (command === undefined) return { kind: 'show', what: { of: 'neighbours', dev: null } };
  for (const other of ['add', 'change', 'replace', 'delete']) {
    if (matches(command, other)) refuse(notSupported(`ip neigh ${other}`, NEIGH_COMMANDS));
  }
  if (command === 'chg') refuse(notSupported('ip neigh change', NEIGH_COMMANDS));
  if (matches(command, 'list') || matches(command, 'show') || matches(command, 'lst')) return show(rest);
  for (const other of ['get', 'flush']) {
    if (matches(command, other)) refuse(notSupported(`ip neigh ${other}`, NEIGH_COMMANDS));
  }
  if (matches(command, 'help')) refuse('Usage: ip neigh { show } [ dev DEV ]');
  return refuseUnknown(`Command "${command}" is unknown, try "ip neigh help".`, command, COMMANDS);
}

function show(words: readonly string[]): { readonly kind: 'show'; readonly what: NeighShow } {
  let dev: string | null = null;
  for (const a = new Argv(words); a.more; a.advance()) {
    const w = a.current;
    if (w === 'dev') {
      const v = a.nextArg();
      if (dev !== null) duparg2('dev', v);
      dev = v;
    } else {
      refuse(notSupported(`ip neigh show ${w}`, 'ip neigh show [dev DEV]'));
    }
  }
  return { kind: 'show', what: { of: 'neighbours', dev } };
}

function neighLine(n: NeighView): string {
  const lladdr = n.mac === null ? '' : ` lladdr ${formatMac(n.mac)}`;
  return `${formatIpv4(n.ip)} dev ${n.dev}${lladdr} ${n.state}`;
}

export function printIpNeigh(kernel: LinuxKernel, { dev }: NeighShow): CommandResult {
  if (dev !== null && !kernel.link(dev)) return failed(noDeviceMessage(dev));
  const entries = kernel.neighbours().filter((n) => dev === null || n.dev === dev);
  return succeeded(printLines(entries.map(neighLine)));
}
