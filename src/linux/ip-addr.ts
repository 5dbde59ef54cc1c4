/**
 * `ip address add|del|flush|show` (iproute2's ip/ipaddress.c `do_ipaddr` and `ipaddr_modify`).
 */
import type { LinuxOp } from './command.js';
import { notSupported, refuse } from './errors.js';
import { parsePrefix } from './iproute-address.js';
import { parseLinkFilter } from './ip-list-filter.js';
import { Argv, DEV_REQUIRED, duparg, duparg2, matches } from './iproute-args.js';
import type { Ipv4Cidr } from '../wire/ipv4-address.js';

const ADDR_COMMANDS = 'ip address add, del, flush, show';
const ADDR_ARGUMENTS = 'ADDRESS/PREFIX dev DEV [brd +]';

/** `ipaddr_modify` keywords vnetsim does not model. */
const UNMODELLED = new Set(['peer', 'remote', 'anycast', 'scope', 'label', 'metric', 'priority', 'preference', 'valid_lft', 'preferred_lft', 'home', 'nodad', 'mngtmpaddr', 'noprefixroute', 'autojoin']);

export function parseIpAddr(words: readonly string[]): LinuxOp {
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
  return refuse(`Command "${command}" is unknown, try "ip address help".`);
}

function modify(kind: 'addr-add' | 'addr-del', words: readonly string[]): LinuxOp {
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

function flush(words: readonly string[]): LinuxOp {
  if (words.length === 0) refuse('Flush requires arguments.');
  const filter = parseLinkFilter(words, 'ip address flush');
  if (filter.dev === null || filter.up || filter.master !== null || filter.type !== null) {
    refuse(notSupported('ip address flush without one device', 'ip address flush dev DEV'));
  }
  return { kind: 'addr-flush', dev: filter.dev };
}
