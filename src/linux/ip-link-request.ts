/**
 * The words after `ip link add|set|delete`, read as iproute2's `iplink_parse` reads them (same
 * keyword order, so the same abbreviations win): a device, flags and attributes, then `type KIND`
 * and the kind's own options, which are left for the kind's parser.
 */
import { notSupported, refuse } from './errors.js';
import { Argv, duparg, duparg2, invarg, matches, parseInteger } from './iproute-args.js';
import { parseMac, type Mac } from '../wire/mac.js';

export interface LinkRequest {
  dev: string | null;
  name: string | null;
  link: string | null;
  up?: boolean;
  master?: string | null;
  mac?: Mac;
  mtu?: number;
  promisc?: boolean;
  type: string | null;
  typeArgs: string[];
  /** Keywords of attributes given (up, master, mtu ...), in order. */
  attributes: string[];
}

const LINK_ATTRIBUTES = 'up, down, master, nomaster, address, mtu, promisc, type bridge';

/** Keywords iproute2 knows that vnetsim does not model: [keyword, matched as a prefix?]. */
const UNMODELLED: readonly (readonly [string, boolean])[] = [
  ['index', false], ['broadcast', true], ['brd', false], ['txqueuelen', true], ['qlen', false], ['txqlen', true],
  ['xdpgeneric', false], ['xdpdrv', false], ['xdpoffload', false], ['xdp', false], ['netns', false],
  ['multicast', false], ['allmulticast', false], ['trailers', false], ['arp', false], ['carrier', false],
  ['vf', false], ['vrf', false], ['dynamic', true], ['alias', true], ['group', false], ['mode', true],
  ['state', true], ['numtxqueues', true], ['numrxqueues', true], ['addrgenmode', true], ['link-netns', true],
  ['link-netnsid', true], ['protodown', false], ['protodown_reason', false], ['gso_max_size', false],
  ['gso_max_segs', false], ['gro_max_size', false], ['parentdev', false],
];

/** A valid interface name, as `check_ifname` and the kernel's `dev_valid_name` see it. */
export function isValidIfname(name: string): boolean {
  return name.length > 0 && name.length < 16 && name !== '.' && name !== '..' && !/[\s/:]/.test(name);
}

function onOff(key: string, value: string): boolean {
  if (value === 'on') return true;
  if (value === 'off') return false;
  return refuse(`Error: argument of "${key}" must be "on" or "off", not "${value}"`);
}

function unmodelled(word: string): string | undefined {
  for (const [keyword, prefix] of UNMODELLED) {
    if (prefix ? matches(word, keyword) : word === keyword) return keyword;
  }
  return undefined;
}

export function parseLinkRequest(words: readonly string[], verb: 'add' | 'set' | 'delete'): LinkRequest {
  const r: LinkRequest = { dev: null, name: null, link: null, type: null, typeArgs: [], attributes: [] };
  for (const a = new Argv(words); a.more; a.advance()) {
    const w = a.current;
    if (w === 'up' || w === 'down') {
      r.up = w === 'up';
      r.attributes.push(w);
    } else if (w === 'name') {
      const v = a.nextArg();
      if (r.name !== null) duparg('name', v);
      if (!isValidIfname(v)) invarg('"name" not a valid ifname', v);
      r.name = v;
      if (r.dev === null) r.dev = v;
    } else if (matches(w, 'link')) {
      r.link = a.nextArg();
    } else if (matches(w, 'address')) {
      const v = a.nextArg();
      const mac = parseMac(v);
      if (mac === null) refuse(`"${v}" is invalid lladdr.`);
      r.mac = mac;
      r.attributes.push('address');
    } else if (w === 'mtu') {
      const v = a.nextArg();
      if (r.mtu !== undefined) duparg('mtu', v);
      const mtu = parseInteger(v);
      if (mtu === null) invarg('Invalid "mtu" value', v);
      r.mtu = mtu;
      r.attributes.push('mtu');
    } else if (w === 'promisc') {
      r.promisc = onOff('promisc', a.nextArg());
      r.attributes.push('promisc');
    } else if (w === 'master') {
      r.master = a.nextArg();
      r.attributes.push('master');
    } else if (matches(w, 'nomaster')) {
      r.master = null;
      r.attributes.push('nomaster');
    } else if (matches(w, 'type')) {
      r.type = a.nextArg();
      r.typeArgs = a.rest();
      break;
    } else if (matches(w, 'help')) {
      refuse('Usage: ip link add [link DEV] [ name ] NAME type TYPE [ ARGS ]\n       ip link set { DEVICE | dev DEVICE } [ up | down ] [ master DEVICE | nomaster ] [ address LLADDR ] [ mtu MTU ] [ promisc on|off ]');
    } else {
      const keyword = unmodelled(w);
      if (keyword !== undefined) refuse(notSupported(`ip link ${verb} ... ${keyword}`, LINK_ATTRIBUTES));
      const dev = w === 'dev' ? a.nextArg() : w;
      if (r.dev !== r.name) duparg2('dev', dev);
      if (dev.length >= 128 || /[\s/]/.test(dev) || dev.length === 0) invarg('"dev" not a valid ifname', dev);
      r.dev = dev;
    }
  }
  return r;
}
