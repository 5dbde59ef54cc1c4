/**
 * `ip link add|set|delete|show` (iproute2's ip/iplink.c `do_iplink`): bridges and VLAN
 * sub-interfaces are created here; `set` changes flags, MAC, MTU, master and bridge attributes.
 */
import type { LinuxOp } from './command.js';
import { notSupported, refuse } from './errors.js';
import { checkKind, parseBridgeKindOptions, parseVlanKindOptions } from './ip-link-kinds.js';
import { parseLinkRequest, type LinkRequest } from './ip-link-request.js';
import { parseLinkFilter } from './ip-list-filter.js';
import { DEV_REQUIRED, matches } from './iproute-args.js';

const LINK_COMMANDS = 'ip link add, set, delete, show';

export function parseIpLink(words: readonly string[]): LinuxOp {
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
  return refuse(`Command "${command}" is unknown, try "ip link help".`);
}

function linkAdd(r: LinkRequest): CreateLinkOp {
  if (r.type === null) refuse('Not enough information: "type" argument is required');
  const kind = checkKind(r.type);
  const name = r.name ?? r.dev;
  if (name === null) refuse(notSupported('ip link add without a name', 'ip link add NAME type bridge|vlan'));
  if (!/^[^\s/]{1,15}$/.test(name) || name === '.' || name === '..') {
    refuse(`Error: argument "${name}" is wrong: "name" not a valid ifname`);
  }
  if (r.attributes.length > 0) {
    refuse(notSupported(`ip link add ... ${r.attributes[0]}`, 'ip link add NAME type KIND, then ip link set'));
  }
  if (kind === 'bridge') {
    return { kind: 'bridge-add', tool: 'ip', name, options: parseBridgeKindOptions(r.typeArgs) };
  }
  const { vid } = parseVlanKindOptions(r.typeArgs);
  if (r.link === null) refuse('Error: 8021q: link not specified.');
  if (vid === null) refuse('Error: 8021q: VLAN id not specified.');
  return { kind: 'vlan-add', tool: 'ip', parent: r.link, name, vid };
}

type CreateLinkOp = Extract<LinuxOp, { kind: 'bridge-add' | 'vlan-add' }>;

function linkSet(r: LinkRequest): LinuxOp {
  if (r.dev === null) refuse(DEV_REQUIRED);
  if (r.name !== null && r.name !== r.dev) refuse(notSupported('ip link set ... name (renaming)', 'up, down, master, nomaster, address, mtu, promisc, type bridge'));
  if (r.link !== null) refuse(notSupported('ip link set ... link', 'up, down, master, nomaster, address, mtu, promisc, type bridge'));
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

function linkDelete(r: LinkRequest): LinuxOp {
  if (r.dev === null) refuse(DEV_REQUIRED);
  return { kind: 'link-del', dev: r.dev };
}
