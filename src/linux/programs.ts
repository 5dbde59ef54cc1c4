/**
 * Which programs a line may start with: the tools vnetsim models, each with its parser, the real
 * Linux tools it does not (yet), and bash's answer to anything else, with a hint when a modelled
 * tool is a typo away. Invariant: a program is found by its name alone (`/sbin/brctl` is brctl),
 * and an unknown one never runs anything.
 */
import { parseBridge } from './bridge/bridge.js';
import { parseBrctl } from './brctl/cmd.js';
import type { LinuxOp } from './command.js';
import { didYouMean, type Closeness } from './did-you-mean.js';
import { notSupported } from './core/errors.js';
import { parseIfconfig } from './ifconfig.js';
import { parseIptables } from './iptables.js';
import { parseIp } from './iproute/ip.js';
import { parseSysctl } from './sysctl.js';
import { parseVconfig } from './vconfig.js';
import { parseVirsh } from './virsh.js';

/** The modelled tools, in the order a typo's hint prefers them, with what reads their words. */
const PROGRAMS: ReadonlyMap<string, (args: readonly string[]) => LinuxOp> = new Map<string, (args: readonly string[]) => LinuxOp>([
  ['brctl', parseBrctl], ['ip', parseIp], ['bridge', parseBridge], ['vconfig', parseVconfig], ['sysctl', parseSysctl],
  ['ifconfig', parseIfconfig], ['iptables', parseIptables], ['virsh', parseVirsh],
]);

/** The names of the modelled tools, in the table's order (for docs and schema descriptions). */
export const MODELLED_PROGRAMS: readonly string[] = [...PROGRAMS.keys()];

/** Real programs a host administrator uses that the simulator does not model. */
const KNOWN_UNSUPPORTED = new Set([
  'ip6tables', 'iptables-save', 'iptables-restore', 'iptables-legacy', 'iptables-nft',
  'nft', 'ebtables', 'arptables', 'conntrack', 'ipset',
  'tc', 'ethtool', 'ovs-vsctl', 'ovs-ofctl', 'ovs-appctl', 'ovs-dpctl', 'ovsdb-tool',
  'route', 'arp', 'arping', 'netstat', 'ss', 'tcpdump', 'ping', 'ping6', 'traceroute', 'tracepath',
  'modprobe', 'insmod', 'rmmod', 'tunctl', 'nmcli', 'ifup', 'ifdown', 'ifenslave', 'teamd', 'netplan',
  'virt-install', 'qemu-kvm', 'kvm', 'qemu-system-x86_64', 'dhclient', 'systemctl', 'iw',
  'echo', 'cat', 'mount', 'dnsmasq',
]);

/** A mistyped program or subcommand: exact case, one edit for a short name and two for a longer one, the first in the table on a tie. */
const PROGRAM_TYPO: Closeness = {
  ignoreCase: false,
  limit: (_word, program) => (program.length <= 3 ? 1 : 2),
  pick: 'first-within-limit',
};

/** The parser of a modelled program, or undefined. */
export function programParser(name: string): ((args: readonly string[]) => LinuxOp) | undefined {
  return PROGRAMS.get(name);
}

/** The message for a program that is not a modelled tool. */
export function unknownProgramMessage(name: string): string {
  if (KNOWN_UNSUPPORTED.has(name)) return notSupported(name);
  return withGuess(`${name}: command not found`, name, PROGRAMS.keys());
}

/**
 * A tool's message about a word it does not know, with the nearest word it does when that is a
 * likely typo, in one form for programs and for their subcommands, objects and names:
 * `never heard of command [adif] (did you mean addif?)`. The guess ends the message's first line,
 * so a usage text the tool prints after it stays as the tool prints it.
 */
export function withGuess(message: string, word: string, known: Iterable<string>): string {
  const hint = didYouMean(word, known, PROGRAM_TYPO);
  if (hint === null) return message;
  const nl = message.indexOf('\n');
  const guess = ` (did you mean ${hint}?)`;
  return nl < 0 ? `${message}${guess}` : `${message.slice(0, nl)}${guess}${message.slice(nl)}`;
}
