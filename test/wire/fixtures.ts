/** Sample frames shared by the wire and capture tests, and helpers to read their bytes. */
import { ARP_REPLY, ARP_REQUEST } from '../../src/wire/arp.js';
import { STP_MULTICAST_MAC, type StpBpdu } from '../../src/wire/bpdu.js';
import { decodeFrame, makeFrame, type EthernetFrame, type EthernetPayload } from '../../src/wire/ethernet.js';
import { ICMP_DEST_UNREACHABLE, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, ICMP_TIME_EXCEEDED } from '../../src/wire/icmp.js';
import { ETHERTYPE_QINQ, ETHERTYPE_VLAN, NO_TAGS, type VlanTag } from '../../src/wire/ieee8021q.js';
import { parseIpv4 } from '../../src/wire/ipv4-address.js';
import type { IpPayload, Ipv4Packet } from '../../src/wire/ipv4.js';
import { TCP_ACK, TCP_PSH, TCP_SYN } from '../../src/wire/tcp.js';
import { BROADCAST_MAC, parseMac } from '../../src/wire/mac.js';

export const mac = (s: string): number => parseMac(s)!;
export const ip = (s: string): number => parseIpv4(s)!;

export const MAC1 = mac('52:54:00:00:00:01');
export const MAC2 = mac('52:54:00:00:00:02');
export const IP1 = ip('10.0.0.1');
export const IP2 = ip('10.0.0.2');

export const vlan = (vid: number, pcp = 0, dei = 0): VlanTag => ({ tpid: ETHERTYPE_VLAN, pcp, dei, vid });
export const svlan = (vid: number, pcp = 0, dei = 0): VlanTag => ({ tpid: ETHERTYPE_QINQ, pcp, dei, vid });

export function frame(dst: number, src: number, payload: EthernetPayload, tags: readonly VlanTag[] = NO_TAGS): EthernetFrame {
  return makeFrame(0, 0, dst, src, tags, payload);
}

export function ipv4(src: number, dst: number, payload: IpPayload, ttl = 64, id = 0, dscp = 0): Ipv4Packet {
  return { kind: 'ipv4', src, dst, ttl, id, dscp, payload };
}

export const arpRequest = (tags: readonly VlanTag[] = NO_TAGS): EthernetFrame => frame(BROADCAST_MAC, MAC1, {
  kind: 'arp', op: ARP_REQUEST, senderMac: MAC1, senderIp: IP1, targetMac: 0, targetIp: IP2,
}, tags);

export const arpReply = (): EthernetFrame => frame(MAC1, MAC2, {
  kind: 'arp', op: ARP_REPLY, senderMac: MAC2, senderIp: IP2, targetMac: MAC1, targetIp: IP1,
});

export const echo = (type: number, id: number, seq: number, dataLength: number) =>
  ({ kind: 'icmp', type, code: 0, id, seq, dataLength, quoted: null }) as const;

export const echoRequest = (seq = 1, dataLength = 56, tags: readonly VlanTag[] = NO_TAGS): EthernetFrame =>
  frame(MAC2, MAC1, ipv4(IP1, IP2, echo(ICMP_ECHO_REQUEST, 1, seq, dataLength), 64, 0x1234), tags);

export const echoReply = (seq = 1, dataLength = 56): EthernetFrame =>
  frame(MAC1, MAC2, ipv4(IP2, IP1, echo(ICMP_ECHO_REPLY, 1, seq, dataLength), 64, 0x4321));

export const udp = (srcPort: number, dstPort: number, dataLength: number) =>
  ({ kind: 'udp', srcPort, dstPort, dataLength, probe: null }) as const;

export const udpFrame = (dataLength = 1000, tags: readonly VlanTag[] = NO_TAGS): EthernetFrame =>
  frame(MAC2, MAC1, ipv4(IP1, IP2, udp(40000, 5001, dataLength), 64, 7, 46), tags);

export const tcpFrame = (flags = TCP_PSH | TCP_ACK, dataLength = 100): EthernetFrame =>
  frame(MAC2, MAC1, ipv4(IP1, IP2, {
    kind: 'tcp', srcPort: 43210, dstPort: 80, seq: 0xdeadbeef, ack: 12345, flags, window: 64240, dataLength,
  }));

export const tcpSyn = (): EthernetFrame => frame(MAC2, MAC1, ipv4(IP1, IP2, {
  kind: 'tcp', srcPort: 43210, dstPort: 80, seq: 0xdeadbeef, ack: 0, flags: TCP_SYN, window: 64240, dataLength: 0,
}));

/** A router's "port unreachable" about a UDP datagram from IP1. */
export const portUnreachable = (): EthernetFrame => frame(MAC1, MAC2, ipv4(IP2, IP1, {
  kind: 'icmp', type: ICMP_DEST_UNREACHABLE, code: 3, id: 0, seq: 0, dataLength: 0,
  quoted: ipv4(IP1, IP2, udp(40000, 5001, 1000), 64, 7, 46),
}, 64, 99));

export const timeExceeded = (quoted: IpPayload): EthernetFrame => frame(MAC1, MAC2, ipv4(ip('10.0.0.254'), IP1, {
  kind: 'icmp', type: ICMP_TIME_EXCEEDED, code: 0, id: 0, seq: 0, dataLength: 0,
  quoted: ipv4(IP1, ip('192.0.2.9'), quoted, 1, 55),
}));

export const ROOT_MAC = mac('aa:bb:cc:dd:ee:01');
export const BRIDGE_MAC = mac('aa:bb:cc:dd:ee:02');

export const configBpdu = (flags = 0): StpBpdu => ({
  kind: 'stp', bpduType: 0x00, flags,
  rootId: { priority: 0x8000, mac: ROOT_MAC }, rootPathCost: 4,
  bridgeId: { priority: 0x8000, mac: BRIDGE_MAC }, portId: 0x8001,
  messageAge: 1 * 256, maxAge: 20 * 256, helloTime: 2 * 256, forwardDelay: 15 * 256,
});

export const tcnBpdu = (): StpBpdu => ({
  kind: 'stp', bpduType: 0x80, flags: 0,
  rootId: { priority: 0, mac: 0 }, rootPathCost: 0, bridgeId: { priority: 0, mac: 0 }, portId: 0,
  messageAge: 0, maxAge: 0, helloTime: 0, forwardDelay: 0,
});

export const stpFrame = (bpdu: StpBpdu = configBpdu()): EthernetFrame => frame(STP_MULTICAST_MAC, BRIDGE_MAC, bpdu);

/** Hex string ("ff ff 08 06 ...", whitespace ignored) to bytes. */
export function hexBytes(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
}

/** `n` zero bytes in `hexBytes` notation (padding), with a leading space. */
export const zeros = (n: number): string => ' 00'.repeat(n);

/** What `decodeFrame` says is wrong with `bytes`. */
export function errorOf(bytes: Uint8Array): string {
  const r = decodeFrame(bytes);
  return r.ok ? 'decoded without error' : r.error;
}

/** The frame `decodeFrame` reads from `hex` (uid 0), or a thrown error naming what was wrong. */
export function parsed(hex: string): EthernetFrame {
  const r = decodeFrame(hexBytes(hex));
  if (!r.ok) throw new Error(r.error);
  return r.frame;
}
