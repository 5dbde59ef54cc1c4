/**
 * `ip address add|del|flush|show` (iproute2's ip/ipaddress.c `do_ipaddr`, `ipaddr_modify`,
 * `print_addrinfo`): how it reads its words, what it does to a host's addresses, and how `show`
 * prints each link (as `ip link show` does) followed by its IPv4 addresses.
 * Invariants: an address in the subnet of an earlier one on the same link prints as `secondary`;
 * deleting an address that is not there is EADDRNOTAVAIL whatever the kernel's lookup said.
 */
import { Argv, DEV_REQUIRED, duparg, duparg2, matches, noDeviceMessage } from '../core/args.js';
import { notSupported, refuse, refuseUnknown, rtnetlink, strerror } from '../core/errors.js';
import type { LinkView, LinuxKernel } from '../core/kernel.js';
import { failed, succeeded, type CommandResult } from '../core/result.js';
import { parsePrefix } from './inet-prefix.js';
import { parseLinkFilter, printLinkList, type LinkFilter } from './link.js';
import { formatCidr, networkOf, type Ipv4Cidr } from '../../wire/ipv4-address.js';

export type IpAddressOp =
  | { readonly kind: 'addr-add'; readonly dev: string; readonly cidr: Ipv4Cidr }
  | { readonly kind: 'addr-del'; readonly dev: string; readonly cidr: Ipv4Cidr }
  | { readonly kind: 'addr-flush'; readonly dev: string };

export interface AddressShow {
  readonly of: 'addresses';
  readonly filter: LinkFilter;
}

const ADDR_COMMANDS = 'ip address add, del, flush, show';
const ADDR_ARGUMENTS = 'ADDRESS/PREFIX dev DEV [brd +]';

/** `ipaddr_modify` keywords vnetsim does not model. */
const UNMODELLED = new Set(['peer', 'remote', 'anycast', 'scope', 'label', 'metric', 'priority', 'preference', 'valid_lft', 'preferred_lft', 'home', 'nodad', 'mngtmpaddr', 'noprefixroute', 'autojoin']);

/** The commands `ip address` knows, in its own matching order (for a typo's guess). */
const COMMANDS: readonly string[] = ['add', 'change', 'replace', 'delete', 'list', 'show', 'lst', 'flush', 'save', 'showdump', 'restore', 'help'];

export function parseIpAddress(words: readonly string[]): IpAddressOp | { readonly kind: 'show'; readonly what: AddressShow } {
  const [command, ...rest] = words;
  if (command === undefined) return { kind: 'show', what: { of: 'addresses', filter: parseLinkFilter([], 'ip address show') } };
  if (matches(command, 'add')) return modify('addr-add', rest);
  if (matches(command, 'change') || command === 'chg' || matches(command, 'replace')) {
    refuse(notSupported(`ip address ${command}`, ADDR_COMMANDS));
  }
  if (matches(command, 'delete')) return modify('addr-del', rest);
  if (matches(command, 'list') || matches(command, 'show') || matches(command, 'lst')) {
    return { kind: 'show', what: { of: 'addresses', filter: parseLinkFilter(rest, 'ip address show') } };
  }
  if (matches(command, 'flush')) return flush(rest);
  for (const other of ['save', 'showdump', 'restore']) {
    if (matches(command, other)) refuse(notSupported(`ip address ${other}`, ADDR_COMMANDS));
  }
  if (matches(command, 'help')) refuse('Usage: ip address {add|del} IFADDR dev IFNAME\n       ip address flush dev IFNAME\n       ip address [ show [ dev IFNAME ] ]');
  return refuseUnknown(`Command "${command}" is unknown, try "ip address help".`, command, COMMANDS);
}

function modify(kind: 'addr-add' | 'addr-del', words: readonly string[]): IpAddressOp {
  let dev: string | null = null;
  let local: Ipv4Cidr | null = null;
  let broadcastGiven = false;
  for (const a = new Argv(words); a.more; a.advance()) {
    const w = a.current;
    if (matches(w, 'broadcast') || w === 'brd') {
      const v = a.nextArg();
      if (broadcastGiven) duparg('broadcast', v);
      if (v !== '+' && v !== '-') refuse(notSupported('ip address add ... broadcast ADDRESS', 'brd +'));
      broadcastGiven = true;
    } else if (w === 'dev') {
      dev = a.nextArg();
    } else if (UNMODELLED.has(w) || matches(w, 'valid_lft') || matches(w, 'preferred_lft')) {
      refuse(notSupported(`ip address ... ${w}`, ADDR_ARGUMENTS));
    } else {
      const text = w === 'local' ? a.nextArg() : w;
      if (matches(text, 'help')) refuse('Usage: ip address {add|del} IFADDR dev IFNAME');
      if (local !== null) duparg2('local', text);
      local = parsePrefix(text, 'unspec');
    }
  }
  if (dev === null) refuse(DEV_REQUIRED);
  if (local === null) refuse('RTNETLINK answers: Operation not supported');
  return { kind, dev, cidr: local };
}

function flush(words: readonly string[]): IpAddressOp {
  if (words.length === 0) refuse('Flush requires arguments.');
  const filter = parseLinkFilter(words, 'ip address flush');
  if (filter.dev === null || filter.up || filter.master !== null || filter.type !== null) {
    refuse(notSupported('ip address flush without one device', 'ip address flush dev DEV'));
  }
  return { kind: 'addr-flush', dev: filter.dev };
}

export function runIpAddress(kernel: LinuxKernel, op: IpAddressOp): CommandResult {
  switch (op.kind) {
    case 'addr-add': {
      if (!kernel.link(op.dev)) return failed(noDeviceMessage(op.dev));
      const e = kernel.addAddress(op.dev, op.cidr);
      return e ? failed(rtnetlink(e)) : succeeded();
    }
    case 'addr-del': {
      if (!kernel.link(op.dev)) return failed(noDeviceMessage(op.dev));
      const e = kernel.deleteAddress(op.dev, op.cidr);
      if (e === 'ESRCH' || e === 'ENOENT') return failed(rtnetlink('EADDRNOTAVAIL'));
      return e ? failed(rtnetlink(e)) : succeeded();
    }
    case 'addr-flush': {
      if (!kernel.link(op.dev)) return failed(`Device "${op.dev}" does not exist.`);
      const e = kernel.flushAddresses(op.dev);
      return e ? failed(`Failed to send flush request: ${strerror(e)}`) : succeeded();
    }
  }
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

export function printIpAddress(kernel: LinuxKernel, { filter }: AddressShow): CommandResult {
  return printLinkList(kernel, filter, addressLines);
}
