/**
 * Which programs a line may start with: the tools vnetsim models, the real Linux tools it does not
 * (yet), and bash's answer to anything else, with a hint when a modelled tool is a typo away.
 */
import { editDistance } from './edit-distance.js';
import { notSupported } from './errors.js';

export const SUPPORTED_PROGRAMS = ['brctl', 'ip', 'bridge', 'vconfig', 'sysctl', 'ifconfig', 'iptables', 'virsh'] as const;
export type SupportedProgram = (typeof SUPPORTED_PROGRAMS)[number];

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

export function isSupportedProgram(name: string): name is SupportedProgram {
  return (SUPPORTED_PROGRAMS as readonly string[]).includes(name);
}

/** The message for a program that is not a modelled tool. */
export function unknownProgramMessage(name: string): string {
  if (KNOWN_UNSUPPORTED.has(name)) return notSupported(name);
  const hint = closestProgram(name);
  return `${name}: command not found${hint ? ` (did you mean ${hint}?)` : ''}`;
}

/** The modelled tool nearest to a mistyped name, if it is close enough to be a typo. */
export function closestProgram(name: string): SupportedProgram | null {
  let best: SupportedProgram | null = null;
  let bestDistance = Infinity;
  for (const p of SUPPORTED_PROGRAMS) {
    const d = editDistance(name, p);
    const allowed = p.length <= 3 ? 1 : 2;
    if (d <= allowed && d < bestDistance) {
      best = p;
      bestDistance = d;
    }
  }
  return best;
}
