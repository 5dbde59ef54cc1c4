/**
 * `ip link show` and `ip address show` in iproute2's layout (ip/ipaddress.c `print_linkinfo`,
 * `print_addrinfo`): one header line per link with flags, MTU, qdisc, master, operational state;
 * the link-layer address; then, for `ip address`, each IPv4 address.
 */
import type { LinkFilter } from './command.js';
import type { LinkView, LinuxKernel } from './kernel.js';
import { failed, printLines, succeeded, type CommandResult } from './result.js';
import { formatCidr, networkOf, type Ipv4Cidr } from '../wire/ipv4-address.js';
import { formatMac } from '../wire/mac.js';

/** The kind name `ip link show type T` matches (a TAP is a `tun` device). */
const KIND_NAMES: Partial<Record<LinkView['kind'], string>> = { bridge: 'bridge', vlan: 'vlan', tap: 'tun' };

/** Bridges, VLAN sub-interfaces and loopback transmit without a queue discipline. */
const NO_QUEUE = new Set<LinkView['kind']>(['bridge', 'vlan', 'loopback']);

function parentOf(link: LinkView, all: readonly LinkView[]): LinkView | undefined {
  return link.vlan ? all.find((l) => l.ifname === link.vlan!.parent) : undefined;
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
  const qdisc = !link.up ? 'noop' : NO_QUEUE.has(link.kind) ? 'noqueue' : 'fq_codel';
  const master = link.master ? ` master ${link.master}` : '';
  const mode = withMode ? ' mode DEFAULT' : '';
  return `${link.ifindex}: ${name}: ${flags(link, all)} mtu ${link.mtu} qdisc ${qdisc}${master} state ${operState(link, all)}${mode} group default qlen 1000`;
}

function linkLayer(link: LinkView): string {
  return link.kind === 'loopback'
    ? '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00'
    : `    link/ether ${formatMac(link.mac)} brd ff:ff:ff:ff:ff:ff`;
}

function sameSubnet(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.prefixLength === b.prefixLength && networkOf(a) === networkOf(b);
}

/** `inet` lines; an address in the subnet of an earlier one is `secondary`. */
function addressLines(link: LinkView): string[] {
  return link.addresses.flatMap((cidr, i) => {
    const secondary = link.addresses.slice(0, i).some((earlier) => sameSubnet(earlier, cidr));
    const scope = cidr.address >>> 24 === 127 ? 'host' : 'global';
    return [
      `    inet ${formatCidr(cidr)} scope ${scope} ${secondary ? 'secondary ' : ''}${link.ifname}`,
      '       valid_lft forever preferred_lft forever',
    ];
  });
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

export function showLinks(kernel: LinuxKernel, filter: LinkFilter, withAddresses: boolean): CommandResult {
  const links = selectLinks(kernel, filter);
  if (typeof links === 'string') return failed(links);
  const all = kernel.links();
  const lines = links.flatMap((l) => [
    header(l, all, !withAddresses),
    linkLayer(l),
    ...(withAddresses ? addressLines(l) : []),
  ]);
  return succeeded(printLines(lines));
}
