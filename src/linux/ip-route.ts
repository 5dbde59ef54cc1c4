/**
 * `ip route add|del|show` (iproute2's ip/iproute.c `do_iproute` and `iproute_modify`): a destination
 * (`default` or a prefix, `to` optional), `via GATEWAY`, `dev DEV`.
 */
import type { LinuxOp } from './command.js';
import { notSupported, refuse } from './errors.js';
import { parseAddress, parsePrefix, type Family } from './iproute-address.js';
import { Argv, duparg2, invarg, matches } from './iproute-args.js';
import type { Ipv4Address, Ipv4Cidr } from '../wire/ipv4-address.js';

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

export function parseIpRoute(words: readonly string[]): LinuxOp {
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
  return refuse(`Command "${command}" is unknown, try "ip route help".`);
}

function modify(kind: 'route-add' | 'route-del', words: readonly string[]): LinuxOp {
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

function show(words: readonly string[]): LinuxOp {
  let dev: string | null = null;
  for (const a = new Argv(words); a.more; a.advance()) {
    const w = a.current;
    if (w === 'dev' || w === 'oif') dev = a.nextArg();
    else if (w === 'table' && ['main', '254'].includes(a.nextArg())) continue;
    else refuse(notSupported(`ip route show ${w}`, 'ip route show [dev DEV]'));
  }
  return { kind: 'show', what: { of: 'routes', dev } };
}
