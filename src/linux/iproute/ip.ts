/**
 * `ip [OPTIONS] OBJECT COMMAND ...` (iproute2's ip/ip.c): global options, then the object, matched by
 * prefix in iproute2's own table order (`ip a` is address, `ip l` link, `ip r` route, `ip n` neighbour).
 * Invariants: only IPv4 and plain output are modelled, so options that change the family or the
 * layout are refused by name; an object the real tool knows but vnetsim does not is refused by name.
 */
import { matches } from '../core/args.js';
import { notSupported, refuse, refuseUnknown } from '../core/errors.js';
import { parseIpAddress, type AddressShow, type IpAddressOp } from './address.js';
import { parseIpLink, type IpLinkOp, type LinkShow } from './link.js';
import { parseIpNeigh, type NeighShow } from './neigh.js';
import { parseIpRoute, type IpRouteOp, type RouteShow } from './route.js';
import { parseIpTuntap, type IpTuntapOp, type TuntapShow } from './tuntap.js';

const IP_USAGE =
  'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n' +
  'where  OBJECT := { link | address | route | neigh | tuntap }';

/** What any `ip` line asks for: what each object's parser gives. */
export type IpOp =
  | IpLinkOp | IpAddressOp | IpRouteOp | IpTuntapOp
  | { readonly kind: 'show'; readonly what: LinkShow | AddressShow | RouteShow | NeighShow | TuntapShow };

type ObjectParser = (words: readonly string[]) => IpOp;

/** iproute2's object table, in its order; null marks objects vnetsim does not model. */
const OBJECTS: readonly (readonly [string, ObjectParser | null])[] = [
  ['address', parseIpAddress], ['addrlabel', null], ['maddress', null], ['route', parseIpRoute], ['rule', null],
  ['neighbor', parseIpNeigh], ['neighbour', parseIpNeigh], ['ntable', null], ['ntbl', null],
  ['link', parseIpLink], ['l2tp', null], ['fou', null], ['ila', null], ['macsec', null], ['tunnel', null],
  ['tunl', null], ['tuntap', parseIpTuntap], ['tap', parseIpTuntap], ['token', null], ['tcpmetrics', null],
  ['tcp_metrics', null], ['monitor', null], ['xfrm', null], ['mroute', null], ['mrule', null], ['netns', null],
  ['netconf', null], ['vrf', null], ['sr', null], ['nexthop', null], ['mptcp', null], ['ioam', null],
  ['stats', null], ['help', null],
];

/** Global options in iproute2's matching order: [name, takes a value]. */
const OPTIONS: readonly (readonly [string, boolean])[] = [
  ['-loops', true], ['-family', true], ['-4', false], ['-6', false], ['-0', false], ['-I', false], ['-D', false],
  ['-M', false], ['-B', false], ['-human', false], ['-iec', false], ['-stats', false], ['-statistics', false],
  ['-details', false], ['-resolve', false], ['-oneline', false], ['-timestamp', false], ['-tshort', false],
  ['-Version', false], ['-force', false], ['-batch', true], ['-brief', false], ['-json', false],
  ['-pretty', false], ['-rcvbuf', true], ['-color', false], ['-colour', false], ['-help', false],
  ['-netns', true], ['-Numeric', false], ['-all', false], ['-echo', false],
];

const EXACT_OPTIONS = new Set(['-4', '-6', '-0', '-I', '-D', '-M', '-B']);

function findOption(opt: string): readonly [string, boolean] | undefined {
  return OPTIONS.find(([name]) => (EXACT_OPTIONS.has(name) ? opt === name : matches(opt, name)));
}

export function parseIp(words: readonly string[]): IpOp {
  let i = 0;
  for (let given = words[i]; given?.startsWith('-'); given = words[i]) {
    if (given === '--') {
      i++;
      break;
    }
    const opt = given.startsWith('--') ? given.slice(1) : given;
    const option = findOption(opt);
    if (option === undefined) refuse(`Option "${opt}" is unknown, try "ip -help".`);
    const [name, takesValue] = option;
    const value = takesValue ? words[i + 1] : undefined;
    if (takesValue && value === undefined) refuse(IP_USAGE);
    if (name === '-family' && value !== 'inet') {
      if (value === 'help') refuse(IP_USAGE);
      refuse(notSupported(`ip -family ${value}`, 'IPv4 only'));
    }
    if (name === '-help') refuse(IP_USAGE);
    const ignored = name === '-4' || name === '-family' || name === '-color' || name === '-colour';
    if (name === '-6') refuse(notSupported('ip -6', 'IPv4 only'));
    if (!ignored) refuse(notSupported(`ip ${given}`, 'options -4, -family inet, -color'));
    i += takesValue ? 2 : 1;
  }
  const object = words[i];
  if (object === undefined) refuse(IP_USAGE);
  const rest = words.slice(i + 1);
  for (const [name, parser] of OBJECTS) {
    if (!matches(object, name)) continue;
    if (name === 'help') refuse(IP_USAGE);
    if (parser === null) refuse(notSupported(`ip ${name}`));
    return parser(rest);
  }
  return refuseUnknown(`Object "${object}" is unknown, try "ip help".`, object, OBJECTS.map(([name]) => name));
}
