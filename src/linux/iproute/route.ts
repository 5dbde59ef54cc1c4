/**
 * `ip route add|del|show` (iproute2's ip/iproute.c `do_iproute`, `iproute_modify`, `print_route`):
 * a destination (`default` or a prefix, `to` optional), `via GATEWAY`, `dev DEV`; what it does to
 * a host's main table, and how the table prints.
 * Invariants: a destination with host bits beyond its prefix length is refused before the kernel
 * is asked; the table prints as the FIB trie dumps it, by destination, shorter prefixes first.
 */
import { Argv, duparg2, invarg, matches, noDeviceMessage } from '../core/args.js';
import { notSupported, refuse, refuseUnknown, rtnetlink } from '../core/errors.js';
import type { LinuxKernel, RouteView } from '../core/kernel.js';
import { failed, printLines, succeeded, type CommandResult } from '../core/result.js';
import { parseAddress, parsePrefix, type Family } from './inet-prefix.js';
import { formatIpv4, prefixMask, type Ipv4Address, type Ipv4Cidr } from '../../wire/ipv4-address.js';

export type IpRouteOp =
  | { readonly kind: 'route-add'; readonly dest: Ipv4Address; readonly prefixLength: number; readonly via: Ipv4Address | null; readonly dev: string | null }
  | { readonly kind: 'route-del'; readonly dest: Ipv4Address; readonly prefixLength: number; readonly via: Ipv4Address | null; readonly dev: string | null };

export interface RouteShow {
  readonly of: 'routes';
  readonly dev: string | null;
}

const ROUTE_COMMANDS = 'ip route add, del, show';
const ROUTE_ARGUMENTS = '[to] PREFIX|default [via GATEWAY] [dev DEV]';

/** `iproute_modify` keywords vnetsim does not model (matched exactly or as iproute2 prefixes). */
const UNMODELLED = [
  'src', 'as', 'from', 'tos', 'dsfield', 'expires', 'metric', 'priority', 'preference', 'mtu', 'hoplimit',
  'initcwnd', 'initrwnd', 'features', 'quickack', 'congctl', 'rtt', 'rttvar', 'reordering', 'window',
  'cwnd', 'ssthresh', 'realms', 'onlink', 'nexthop', 'nhid', 'protocol', 'table', 'vrf', 'scope', 'encap',
  'ttl-propagate', 'pref', 'advmss', 'fastopen_no_cookie', 'lock',
];

/** Route types `rtnl_rtntype_a2n` knows; only unicast is modelled. */
const ROUTE_TYPES = ['unicast', 'local', 'broadcast', 'multicast', 'throw', 'unreachable', 'prohibit', 'blackhole', 'nat', 'anycast'];

/** The commands `ip route` knows, in its own matching order (for a typo's guess). */
const COMMANDS: readonly string[] = ['add', 'change', 'replace', 'prepend', 'append', 'test', 'delete', 'list', 'show', 'lst', 'get', 'flush', 'save', 'restore', 'showdump', 'help'];

export function parseIpRoute(words: readonly string[]): IpRouteOp | { readonly kind: 'show'; readonly what: RouteShow } {
  const [command, ...rest] = words;
  if (command === undefined) return { kind: 'show', what: { of: 'routes', dev: null } };
  if (matches(command, 'add')) return modify('route-add', rest);
  for (const other of ['change', 'replace', 'prepend', 'append', 'test']) {
    if (matches(command, other)) refuse(notSupported(`ip route ${other}`, ROUTE_COMMANDS));
  }
  if (command === 'chg') refuse(notSupported('ip route change', ROUTE_COMMANDS));
  if (matches(command, 'delete')) return modify('route-del', rest);
  if (matches(command, 'list') || matches(command, 'show') || matches(command, 'lst')) return show(rest);
  for (const other of ['get', 'flush', 'save', 'restore', 'showdump']) {
    if (matches(command, other)) refuse(notSupported(`ip route ${other}`, ROUTE_COMMANDS));
  }
  if (matches(command, 'help')) refuse(`Usage: ip route { add | del } ${ROUTE_ARGUMENTS}\n       ip route [ show [ dev DEV ] ]`);
  return refuseUnknown(`Command "${command}" is unknown, try "ip route help".`, command, COMMANDS);
}

function modify(kind: IpRouteOp['kind'], words: readonly string[]): IpRouteOp {
  let dest: Ipv4Cidr | null = null;
  let via: Ipv4Address | null = null;
  let dev: string | null = null;
  let family: Family = 'unspec';
  for (const a = new Argv(words); a.more; a.advance()) {
    const w = a.current;
    if (w === 'via') {
      const v = a.nextArg();
      if (via !== null) invarg('use nexthop syntax to specify multiple via', v);
      via = parseAddress(v, family);
      family = 'inet';
    } else if (w === 'dev' || w === 'oif') {
      dev = a.nextArg();
    } else if (UNMODELLED.some((k) => w === k)) {
      refuse(notSupported(`ip route ... ${w}`, ROUTE_ARGUMENTS));
    } else {
      let text = w === 'to' ? a.nextArg() : w;
      if (!/^[0-9]/.test(text) && ROUTE_TYPES.includes(text)) {
        if (text !== 'unicast') refuse(notSupported(`ip route ... ${text}`, 'unicast routes'));
        text = a.nextArg();
      }
      if (matches(text, 'help')) refuse(`Usage: ip route { add | del } ${ROUTE_ARGUMENTS}`);
      if (dest !== null) duparg2('to', text);
      dest = parsePrefix(text, family);
      if (dest.prefixLength > 0 || text !== 'default') family = 'inet';
    }
  }
  const d = dest ?? { address: 0, prefixLength: 0 };
  return { kind, dest: d.address, prefixLength: d.prefixLength, via, dev };
}

function show(words: readonly string[]): { readonly kind: 'show'; readonly what: RouteShow } {
  let dev: string | null = null;
  for (const a = new Argv(words); a.more; a.advance()) {
    const w = a.current;
    if (w === 'dev' || w === 'oif') dev = a.nextArg();
    else if (w === 'table' && ['main', '254'].includes(a.nextArg())) continue;
    else refuse(notSupported(`ip route show ${w}`, 'ip route show [dev DEV]'));
  }
  return { kind: 'show', what: { of: 'routes', dev } };
}

export function runIpRoute(kernel: LinuxKernel, op: IpRouteOp): CommandResult {
  if (op.dev !== null && !kernel.link(op.dev)) return failed(noDeviceMessage(op.dev));
  if ((op.dest & ~prefixMask(op.prefixLength)) !== 0) return failed('Error: Invalid prefix for given prefix length.');
  const e = op.kind === 'route-add'
    ? kernel.addRoute(op.dest, op.prefixLength, op.via, op.dev)
    : kernel.deleteRoute(op.dest, op.prefixLength);
  return e ? failed(rtnetlink(e)) : succeeded();
}

function destination(r: RouteView): string {
  if (r.prefixLength === 0) return 'default';
  return r.prefixLength === 32 ? formatIpv4(r.dest) : `${formatIpv4(r.dest)}/${r.prefixLength}`;
}

/** `ip route add` routes carry proto boot, which is not printed; connected routes say `proto kernel`. */
function routeLine(r: RouteView, kernel: LinuxKernel): string {
  const parts = [destination(r)];
  if (r.via !== null) parts.push(`via ${formatIpv4(r.via)}`);
  parts.push(`dev ${r.dev}`);
  if (r.proto === 'kernel') parts.push('proto kernel');
  if (r.via === null) parts.push('scope link');
  if (r.src !== null) parts.push(`src ${formatIpv4(r.src)}`);
  const link = kernel.link(r.dev);
  if (link && !link.lowerUp) parts.push('linkdown');
  return parts.join(' ');
}

export function printIpRoute(kernel: LinuxKernel, { dev }: RouteShow): CommandResult {
  if (dev !== null && !kernel.link(dev)) return failed(noDeviceMessage(dev));
  // The main table as the FIB trie dumps it: by destination, shorter prefixes first.
  const routes = kernel.routes()
    .filter((r) => dev === null || r.dev === dev)
    .sort((a, b) => a.dest - b.dest || a.prefixLength - b.prefixLength);
  return succeeded(printLines(routes.map((r) => routeLine(r, kernel))));
}
