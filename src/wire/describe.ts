/**
 * One-line, tcpdump-like descriptions of frames (tcpdump -e: link addresses first), and the
 * protocol class that filters and colouring use.
 *
 *   52:54:00:00:00:01 > ff:ff:ff:ff:ff:ff vlan 100 ARP who-has 10.0.0.2 tell 10.0.0.1
 *   52:54:00:00:00:02 > 52:54:00:00:00:01 IPv4 10.0.0.2 > 10.0.0.1 ICMP echo reply id 1 seq 3 len 64
 *   52:54:00:00:00:01 > 52:54:00:00:00:02 UDP 10.0.0.1:40000 > 10.0.0.2:5001 len 1000
 *   aa:bb:cc:dd:ee:02 > 01:80:c2:00:00:00 STP conf root 8000.aa:bb:cc:dd:ee:01 cost 4 port 0x8001 bridge ...
 *
 * Lengths follow tcpdump: ICMP `len` is the ICMP message (header included, so a default ping is 64),
 * UDP and TCP `len` is the data after their header.
 */
import type { EthernetFrame, EthernetPayload, IcmpMessage, IpPayload, Ipv4Packet, StpBpdu, VlanTag } from './frame.js';
import { ETHERTYPE_QINQ, ETHERTYPE_VLAN, ipPayloadLength } from './frame.js';
import { formatMac } from './mac.js';
import { formatIpv4 } from './ipv4-address.js';

export type FrameProtocol = 'arp' | 'icmp' | 'udp' | 'tcp' | 'stp' | 'ipv4' | 'other';

/** The innermost protocol the simulator models; `ipv4` for IPv4 with another protocol inside. */
export function protocolOf(f: EthernetFrame): FrameProtocol {
  const p = f.payload;
  switch (p.kind) {
    case 'arp': return 'arp';
    case 'stp': return 'stp';
    case 'raw': return 'other';
    case 'ipv4':
      switch (p.payload.kind) {
        case 'icmp': return 'icmp';
        case 'udp': return 'udp';
        case 'tcp': return 'tcp';
        case 'raw-ip': return 'ipv4';
      }
  }
}

export function describeFrame(f: EthernetFrame): string {
  let s = `${formatMac(f.src)} > ${formatMac(f.dst)}`;
  for (const t of f.tags) s += describeTag(t);
  return `${s} ${describePayload(f.payload)}`;
}

function describeTag(t: VlanTag): string {
  const name = t.tpid === ETHERTYPE_VLAN ? 'vlan' : t.tpid === ETHERTYPE_QINQ ? 'svlan' : `tag ${hex(t.tpid)}`;
  return ` ${name} ${t.vid}${t.pcp !== 0 ? ` p ${t.pcp}` : ''}${t.dei !== 0 ? ' dei' : ''}`;
}

export function describePayload(p: EthernetPayload): string {
  switch (p.kind) {
    case 'arp':
      if (p.op === 2) return `ARP ${formatIpv4(p.senderIp)} is-at ${formatMac(p.senderMac)}`;
      return `ARP who-has ${formatIpv4(p.targetIp)} tell ${formatIpv4(p.senderIp)}`
        + (p.senderIp === p.targetIp ? ' (gratuitous)' : '');
    case 'ipv4': return describeIpv4(p);
    case 'stp': return describeStp(p);
    case 'raw':
      return p.etherType < 0x0600
        ? `802.3 length ${p.etherType}`
        : `ethertype ${hex(p.etherType)}${ETHERTYPE_NAMES[p.etherType] ? ` (${ETHERTYPE_NAMES[p.etherType]})` : ''} len ${p.dataLength}`;
  }
}

const ETHERTYPE_NAMES: Record<number, string> = { 0x86dd: 'IPv6', 0x88cc: 'LLDP', 0x8035: 'RARP', 0x8809: 'Slow Protocols' };

/** An IPv4 packet; UDP and TCP show address:port pairs (tcpdump style) instead of an `IPv4` prefix. */
export function describeIpv4(p: Ipv4Packet): string {
  const src = formatIpv4(p.src), dst = formatIpv4(p.dst);
  const pl: IpPayload = p.payload;
  switch (pl.kind) {
    case 'icmp': return `IPv4 ${src} > ${dst} ICMP ${describeIcmp(pl)}`;
    case 'udp': return `UDP ${src}:${pl.srcPort} > ${dst}:${pl.dstPort} len ${pl.dataLength}`;
    case 'tcp': {
      let s = `TCP ${src}:${pl.srcPort} > ${dst}:${pl.dstPort} [${tcpFlags(pl.flags)}] seq ${pl.seq}`;
      if (pl.flags & 0x10) s += ` ack ${pl.ack}`;
      return `${s} win ${pl.window} len ${pl.dataLength}`;
    }
    case 'raw-ip': return `IPv4 ${src} > ${dst} proto ${pl.protocol} len ${pl.dataLength}`;
  }
}

/** RFC 792 / RFC 1812 5.2.7.1 names for destination unreachable codes. */
const UNREACHABLE = [
  'net', 'host', 'protocol', 'port', 'fragmentation needed', 'source route failed', 'net unknown',
  'host unknown', 'source host isolated', 'net prohibited', 'host prohibited', 'net for TOS', 'host for TOS',
  'administratively prohibited',
];

function describeIcmp(m: IcmpMessage): string {
  const len = ipPayloadLength(m);
  switch (m.type) {
    case 0: return `echo reply id ${m.id} seq ${m.seq} len ${len}`;
    case 8: return `echo request id ${m.id} seq ${m.seq} len ${len}`;
    case 3: {
      const what = m.code === 4 ? `fragmentation needed (mtu ${m.seq})` : `${UNREACHABLE[m.code] ?? `code ${m.code}`} unreachable`;
      return quotedSuffix(what, m);
    }
    case 11:
      return quotedSuffix(m.code === 0 ? 'time exceeded in-transit' : 'time exceeded in reassembly', m);
    default:
      return quotedSuffix(`type ${m.type} code ${m.code}`, m) + (m.quoted ? '' : ` len ${len}`);
  }
}

function quotedSuffix(what: string, m: IcmpMessage): string {
  return m.quoted ? `${what} for ${describeIpv4(m.quoted)}` : what;
}

function tcpFlags(flags: number): string {
  // tcpdump's letters and order: FIN, SYN, RST, PSH, URG, ECE, CWR, then "." for ACK.
  let s = '';
  if (flags & 0x01) s += 'F';
  if (flags & 0x02) s += 'S';
  if (flags & 0x04) s += 'R';
  if (flags & 0x08) s += 'P';
  if (flags & 0x20) s += 'U';
  if (flags & 0x40) s += 'E';
  if (flags & 0x80) s += 'W';
  if (flags & 0x10) s += '.';
  return s === '' ? 'none' : s;
}

/** Bridge id as Linux shows it: priority (with system id extension) in hex, a dot, the MAC. */
export function formatBridgeId(priority: number, mac: number): string {
  return `${priority.toString(16).padStart(4, '0')}.${formatMac(mac)}`;
}

function describeStp(p: StpBpdu): string {
  if (p.bpduType === 0x80) return 'STP tcn';
  let s = `STP conf root ${formatBridgeId(p.rootId.priority, p.rootId.mac)} cost ${p.rootPathCost}`
    + ` port ${hex(p.portId)} bridge ${formatBridgeId(p.bridgeId.priority, p.bridgeId.mac)}`;
  if (p.flags & 0x01) s += ' tc';
  if (p.flags & 0x80) s += ' tca';
  return s;
}

function hex(n: number): string {
  return '0x' + n.toString(16).padStart(4, '0');
}
