/**
 * `ip link add|set|delete|show` (iproute2's ip/iplink.c `do_iplink`, `iplink_parse`, and the link
 * printing of ip/ipaddress.c): bridges and VLAN sub-interfaces are created here; `set` changes
 * flags, MAC, MTU, master and bridge attributes; `show` prints one header line per link with its
 * flags, MTU, qdisc, master and operational state, then its link-layer address.
 * Invariants: words are read in `iplink_parse`'s keyword order, so the same abbreviations win;
 * `set` applies in the kernel's order (`rtnl_newlink` then `do_setlink`: kind attributes, MAC,
 * MTU, flags, master) and stops at the first refusal.
 */
import {
  Argv, DEV_REQUIRED, duparg, duparg2, fitsAltIfname, fitsIfname, invarg, isValidIfname, matches, MAX_MTU, MIN_MTU,
  noDeviceMessage, parseInteger,
} from '../core/args.js';
import { applyBridgeOptions, type BridgeOptions } from '../core/bridge-options.js';
import { notSupported, refuse, refuseUnknown, rtnetlink } from '../core/errors.js';
import type { LinkView, LinuxKernel } from '../core/kernel.js';
import { failed, printLines, succeeded, type CommandResult } from '../core/result.js';
import { checkKind, parseBridgeKindOptions, parseVlanKindOptions } from './link-types.js';
import { formatMac, isGroupMac, parseMac, type Mac } from '../../wire/mac.js';

/** The selectors `ip link show` and `ip addr show|flush` share: a device, `up`, `master BR`, `type KIND`. */
export interface LinkFilter {
  readonly dev: string | null;
  readonly up: boolean;
  readonly master: string | null;
  /** `type bridge|vlan|tun` as `ip link show type T` spells it. */
  readonly type: string | null;
}

export type IpLinkOp =
  | { readonly kind: 'bridge-add'; readonly tool: 'ip'; readonly name: string; readonly options: BridgeOptions }
  | { readonly kind: 'vlan-add'; readonly tool: 'ip'; readonly parent: string; readonly name: string; readonly vid: number }
  /** `ip link del DEV` */
  | { readonly kind: 'link-del'; readonly dev: string }
  | {
      readonly kind: 'link-set';
      readonly tool: 'ip';
      readonly dev: string;
      readonly up?: boolean;
      /** A bridge to enslave to, or null to release (`nomaster`). */
      readonly master?: string | null;
      readonly mac?: Mac;
      readonly mtu?: number;
      readonly promisc?: boolean;
      /** `ip link set BR type bridge ...` */
      readonly bridge?: BridgeOptions;
    };

export interface LinkShow {
  readonly of: 'links';
  readonly filter: LinkFilter;
}

const LINK_COMMANDS = 'ip link add, set, delete, show';

export function parseIpLink(words: readonly string[]): IpLinkOp | { readonly kind: 'show'; readonly what: LinkShow } {
  const [command, ...rest] = words;
  if (command === undefined) return { kind: 'show', what: { of: 'links', filter: parseLinkFilter([], 'ip link show') } };
  if (matches(command, 'add')) return linkAdd(parseLinkRequest(rest, 'add'));
  if (matches(command, 'set') || matches(command, 'change')) return linkSet(parseLinkRequest(rest, 'set'));
  if (matches(command, 'replace')) refuse(notSupported('ip link replace', LINK_COMMANDS));
  if (matches(command, 'delete')) return linkDelete(parseLinkRequest(rest, 'delete'));
  if (matches(command, 'show') || matches(command, 'lst') || matches(command, 'list')) {
    return { kind: 'show', what: { of: 'links', filter: parseLinkFilter(rest, 'ip link show') } };
  }
  for (const other of ['xstats', 'afstats', 'property']) {
    if (matches(command, other)) refuse(notSupported(`ip link ${other}`, LINK_COMMANDS));
  }
  if (matches(command, 'help')) refuse('Usage: ip link { add | set | delete | show } ...');
  return refuseUnknown(`Command "${command}" is unknown, try "ip link help".`, command, ['add', 'set', 'change', 'replace', 'delete', 'show', 'list', 'lst', 'xstats', 'afstats', 'property', 'help']);
}

/** The words after `ip link add|set|delete`; the kind's own options are left for its parser. */
interface LinkRequest {
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

function parseLinkRequest(words: readonly string[], verb: 'add' | 'set' | 'delete'): LinkRequest {
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
      if (!fitsAltIfname(dev)) invarg('"dev" not a valid ifname', dev);
      r.dev = dev;
    }
  }
  return r;
}

function linkAdd(r: LinkRequest): Extract<IpLinkOp, { kind: 'bridge-add' | 'vlan-add' }> {
  if (r.type === null) refuse('Not enough information: "type" argument is required');
  const kind = checkKind(r.type);
  const name = r.name ?? r.dev;
  if (name === null) refuse(notSupported('ip link add without a name', 'ip link add NAME type bridge|vlan'));
  if (!fitsIfname(name) || name === '.' || name === '..') {
    refuse(`Error: argument "${name}" is wrong: "name" not a valid ifname`);
  }
  const [attribute] = r.attributes;
  if (attribute !== undefined) {
    refuse(notSupported(`ip link add ... ${attribute}`, 'ip link add NAME type KIND, then ip link set'));
  }
  if (kind === 'bridge') {
    return { kind: 'bridge-add', tool: 'ip', name, options: parseBridgeKindOptions(r.typeArgs) };
  }
  const vid = parseVlanKindOptions(r.typeArgs);
  if (r.link === null) refuse('Error: 8021q: link not specified.');
  if (vid === null) refuse('Error: 8021q: VLAN id not specified.');
  return { kind: 'vlan-add', tool: 'ip', parent: r.link, name, vid };
}

function linkSet(r: LinkRequest): IpLinkOp {
  if (r.dev === null) refuse(DEV_REQUIRED);
  if (r.name !== null && r.name !== r.dev) refuse(notSupported('ip link set ... name (renaming)', LINK_ATTRIBUTES));
  if (r.link !== null) refuse(notSupported('ip link set ... link', LINK_ATTRIBUTES));
  let bridge;
  if (r.type !== null) {
    if (checkKind(r.type) !== 'bridge') refuse(notSupported(`ip link set ... type ${r.type}`, 'type bridge'));
    bridge = parseBridgeKindOptions(r.typeArgs);
  }
  return {
    kind: 'link-set',
    tool: 'ip',
    dev: r.dev,
    ...(r.up !== undefined && { up: r.up }),
    ...(r.master !== undefined && { master: r.master }),
    ...(r.mac !== undefined && { mac: r.mac }),
    ...(r.mtu !== undefined && { mtu: r.mtu }),
    ...(r.promisc !== undefined && { promisc: r.promisc }),
    ...(bridge !== undefined && { bridge }),
  };
}

function linkDelete(r: LinkRequest): IpLinkOp {
  if (r.dev === null) refuse(DEV_REQUIRED);
  return { kind: 'link-del', dev: r.dev };
}

/** Address flags `get_filter` accepts; vnetsim's addresses are all permanent and primary or secondary. */
const UNMODELLED_FILTERS = new Set([
  'to', 'scope', 'label', 'group', 'vrf', 'nomaster', 'dynamic', 'primary', 'secondary', 'temporary',
  'nodad', 'optimistic', 'dadfailed', 'home', 'deprecated', 'tentative', 'permanent', 'mngtmpaddr',
  'noprefixroute', 'autojoin', 'stable-privacy',
]);

/** The selectors of `ip link show` and `ip addr show|flush` (iproute2's `ipaddr_list_flush_or_save`). */
export function parseLinkFilter(words: readonly string[], command: string): LinkFilter {
  let dev: string | null = null;
  let up = false;
  let master: string | null = null;
  let type: string | null = null;
  for (const a = new Argv(words); a.more; a.advance()) {
    const w = a.current;
    if (w === 'up') {
      up = true;
    } else if (w === 'master') {
      master = a.nextArg();
    } else if (w === 'type') {
      type = a.nextArg();
    } else if (UNMODELLED_FILTERS.has(w) || (w.startsWith('-') && UNMODELLED_FILTERS.has(w.slice(1)))) {
      refuse(notSupported(`${command} ${w}`, 'dev DEV, up, master BR, type KIND'));
    } else {
      let name = w;
      if (w === 'dev') name = a.nextArg();
      else if (matches(w, 'help')) refuse(`Usage: ${command} [ dev IFNAME ] [ up ] [ master DEVICE ] [ type TYPE ]`);
      if (dev !== null) duparg2('dev', name);
      dev = name;
    }
  }
  return { dev, up, master, type };
}

export function runIpLink(kernel: LinuxKernel, op: IpLinkOp): CommandResult {
  switch (op.kind) {
    case 'bridge-add': {
      const e = kernel.addBridge(op.name) ?? applyBridgeOptions(kernel, op.name, op.options);
      return e ? failed(rtnetlink(e)) : succeeded();
    }
    case 'vlan-add': {
      if (!kernel.link(op.parent)) return failed(noDeviceMessage(op.parent));
      const e = kernel.addVlan(op.parent, op.name, op.vid);
      return e ? failed(rtnetlink(e)) : succeeded();
    }
    case 'link-del': {
      if (!kernel.link(op.dev)) return failed(noDeviceMessage(op.dev));
      const e = kernel.deleteLink(op.dev);
      return e ? failed(rtnetlink(e)) : succeeded();
    }
    case 'link-set':
      return linkSetRun(kernel, op);
  }
}

function linkSetRun(kernel: LinuxKernel, op: Extract<IpLinkOp, { kind: 'link-set' }>): CommandResult {
  const master = op.master === undefined || op.master === null ? op.master : kernel.link(op.master);
  if (master === undefined && typeof op.master === 'string') {
    return failed(`Error: argument "${op.master}" is wrong: Device does not exist`);
  }
  const link = kernel.link(op.dev);
  if (!link) return failed(noDeviceMessage(op.dev));
  if (op.bridge !== undefined) {
    if (link.kind !== 'bridge') return failed(rtnetlink('EOPNOTSUPP'));
    const e = applyBridgeOptions(kernel, op.dev, op.bridge);
    if (e) return failed(rtnetlink(e));
  }
  if (op.mac !== undefined) {
    const e = isGroupMac(op.mac) ? 'EADDRNOTAVAIL' : kernel.setMac(op.dev, op.mac);
    if (e) return failed(rtnetlink(e));
  }
  if (op.mtu !== undefined) {
    if (op.mtu < MIN_MTU) return failed('Error: mtu less than device minimum.');
    if (op.mtu > MAX_MTU) return failed('Error: mtu greater than device maximum.');
    const e = kernel.setMtu(op.dev, op.mtu);
    if (e === 'EINVAL') return failed('Error: mtu greater than device maximum.');
    if (e) return failed(rtnetlink(e));
  }
  if (op.promisc !== undefined) {
    const e = kernel.setPromisc(op.dev, op.promisc);
    if (e) return failed(rtnetlink(e));
  }
  if (op.up !== undefined) {
    const e = kernel.setUp(op.dev, op.up);
    if (e) return failed(rtnetlink(e));
  }
  return master === undefined ? succeeded() : setMaster(kernel, link, master);
}

/** `do_set_master`: releasing is idempotent; enslaving to another bridge moves the port. */
function setMaster(kernel: LinuxKernel, link: LinkView, master: LinkView | null): CommandResult {
  if (link.master === (master?.ifname ?? null)) return succeeded();
  if (master !== null) {
    if (master.kind !== 'bridge') return failed(rtnetlink('EOPNOTSUPP'));
    if (link.kind === 'bridge') return failed('Error: Can not enslave a bridge to a bridge.');
  }
  if (link.master !== null) {
    const e = kernel.setMaster(link.ifname, null);
    if (e) return failed(rtnetlink(e));
  }
  if (master === null) return succeeded();
  const e = kernel.setMaster(link.ifname, master.ifname);
  if (e === 'ELOOP') return failed('Error: Can not enslave a bridge to a bridge.');
  return e ? failed(rtnetlink(e)) : succeeded();
}

/** The kind name `ip link show type T` matches (a TAP is a `tun` device). */
const KIND_NAMES: Partial<Record<LinkView['kind'], string>> = { bridge: 'bridge', vlan: 'vlan', tap: 'tun' };

/** Bridges, VLAN sub-interfaces and loopback transmit without a queue discipline. */
const NO_QUEUE = new Set<LinkView['kind']>(['bridge', 'vlan', 'loopback']);

function parentOf(link: LinkView, all: readonly LinkView[]): LinkView | undefined {
  const vlan = link.vlan;
  return vlan ? all.find((l) => l.ifname === vlan.parent) : undefined;
}

function flags(link: LinkView, all: readonly LinkView[]): string {
  const f: string[] = [];
  if (link.up && !link.lowerUp) f.push('NO-CARRIER');
  if (link.kind === 'loopback') f.push('LOOPBACK');
  else f.push('BROADCAST', 'MULTICAST');
  if (link.promisc) f.push('PROMISC');
  if (link.up) f.push('UP');
  if (link.up && link.lowerUp) f.push('LOWER_UP');
  const parent = parentOf(link, all);
  const parentDown = parent !== undefined && !parent.up;
  return `<${f.join(',')}${parentDown ? ',M-DOWN' : ''}>`;
}

/** RFC 2863 operational state as the kernel reports it; TUN/TAP and loopback do not report one. */
function operState(link: LinkView, all: readonly LinkView[]): string {
  if (!link.up) return 'DOWN';
  if (link.lowerUp) return link.kind === 'tap' || link.kind === 'loopback' ? 'UNKNOWN' : 'UP';
  const parent = parentOf(link, all);
  return parent !== undefined && !(parent.up && parent.lowerUp) ? 'LOWERLAYERDOWN' : 'DOWN';
}

function header(link: LinkView, all: readonly LinkView[], withMode: boolean): string {
  const name = link.vlan ? `${link.ifname}@${link.vlan.parent}` : link.ifname;
  // The modelled qdisc: one drop-tail FIFO of txqueuelen frames, the kernel's pfifo_fast for one TOS.
  const qdisc = !link.up ? 'noop' : NO_QUEUE.has(link.kind) ? 'noqueue' : 'pfifo_fast';
  const master = link.master ? ` master ${link.master}` : '';
  const mode = withMode ? ' mode DEFAULT' : '';
  return `${link.ifindex}: ${name}: ${flags(link, all)} mtu ${link.mtu} qdisc ${qdisc}${master} state ${operState(link, all)}${mode} group default qlen ${link.txQueueLen}`;
}

function linkLayer(link: LinkView): string {
  return link.kind === 'loopback'
    ? '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00'
    : `    link/ether ${formatMac(link.mac)} brd ff:ff:ff:ff:ff:ff`;
}

/** The links a filter selects, in ifindex order, or the complaint about a device that does not exist. */
function selectLinks(kernel: LinuxKernel, filter: LinkFilter): readonly LinkView[] | string {
  if (filter.master !== null && !kernel.link(filter.master)) {
    return `Error: argument "${filter.master}" is wrong: Device does not exist`;
  }
  if (filter.dev !== null && !kernel.link(filter.dev)) return `Device "${filter.dev}" does not exist.`;
  return [...kernel.links()]
    .sort((a, b) => a.ifindex - b.ifindex)
    .filter((l) =>
      (filter.dev === null || l.ifname === filter.dev) &&
      (!filter.up || l.up) &&
      (filter.master === null || l.master === filter.master) &&
      (filter.type === null || KIND_NAMES[l.kind] === filter.type));
}

/**
 * The links a filter selects, each as its header and link-layer lines, then the lines `more`
 * adds (`ip address show` adds the addresses, and leaves out `mode DEFAULT`).
 */
export function printLinkList(kernel: LinuxKernel, filter: LinkFilter, more?: (link: LinkView) => string[]): CommandResult {
  const links = selectLinks(kernel, filter);
  if (typeof links === 'string') return failed(links);
  const all = kernel.links();
  const lines = links.flatMap((l) => [header(l, all, more === undefined), linkLayer(l), ...(more?.(l) ?? [])]);
  return succeeded(printLines(lines));
}

export function printIpLink(kernel: LinuxKernel, { filter }: LinkShow): CommandResult {
  return printLinkList(kernel, filter);
}
