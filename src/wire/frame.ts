/**
 * Ethernet frames as plain immutable data (smoltcp's "Repr" idea): protocol code builds and reads
 * these values; bytes exist only when `encode()` is asked for them (pcap).
 *
 * `uid` and `origin` are the simulator's identity of a frame, not bytes on the wire: `uid` is unique
 * per frame value; `origin` is the uid of the frame as its sender first emitted it, so a frame that a
 * bridge or switch re-tags (a new value) can still be followed along its whole path.
 */
import type { Mac } from './mac.js';
import type { Ipv4Address } from './ipv4-address.js';

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_VLAN = 0x8100;
export const ETHERTYPE_QINQ = 0x88a8;

export const IP_PROTO_ICMP = 1;
export const IP_PROTO_TCP = 6;
export const IP_PROTO_UDP = 17;

/** Smallest Ethernet frame without FCS (IEEE 802.3: 64 bytes with the 4-byte FCS). */
export const MIN_FRAME_LENGTH = 60;

/** One 802.1Q tag (IEEE 802.1Q-2018 9.6). `tpid` is 0x8100, or 0x88a8 for an 802.1ad service tag. */
export interface VlanTag {
  readonly tpid: number;
  readonly pcp: number;
  readonly dei: number;
  readonly vid: number;
}

export interface EthernetFrame {
  readonly uid: number;
  readonly origin: number;
  readonly dst: Mac;
  readonly src: Mac;
  /** Tags in wire order, outermost first; empty for an untagged frame. */
  readonly tags: readonly VlanTag[];
  readonly payload: EthernetPayload;
  /** Bytes on the wire from destination MAC to the end of padding, FCS excluded (what pcap captures). */
  readonly length: number;
}

export type EthernetPayload = ArpPacket | Ipv4Packet | StpBpdu | RawPayload;

/** ARP for IPv4 over Ethernet (RFC 826). */
export interface ArpPacket {
  readonly kind: 'arp';
  readonly op: ArpOp;
  readonly senderMac: Mac;
  readonly senderIp: Ipv4Address;
  readonly targetMac: Mac;
  readonly targetIp: Ipv4Address;
}
export type ArpOp = 1 | 2; // 1 request, 2 reply
export const ARP_REQUEST: ArpOp = 1;
export const ARP_REPLY: ArpOp = 2;
export const ARP_PACKET_LENGTH = 28;

/** IPv4 (RFC 791), no options, never fragmented in this simulator. */
export interface Ipv4Packet {
  readonly kind: 'ipv4';
  readonly src: Ipv4Address;
  readonly dst: Ipv4Address;
  readonly ttl: number;
  readonly id: number;
  readonly dscp: number;
  readonly payload: IpPayload;
}
export const IPV4_HEADER_LENGTH = 20;

export type IpPayload = IcmpMessage | UdpDatagram | TcpSegment | RawIpPayload;

/**
 * ICMP (RFC 792). Echo request/reply carry `id`, `seq` and `dataLength` bytes of data; an error
 * (destination unreachable, time exceeded) carries the offending IPv4 header + 8 bytes, summarised
 * as `quoted`.
 */
export interface IcmpMessage {
  readonly kind: 'icmp';
  readonly type: number;
  readonly code: number;
  readonly id: number;
  readonly seq: number;
  readonly dataLength: number;
  readonly quoted: Ipv4Packet | null;
}
export const ICMP_ECHO_REPLY = 0;
export const ICMP_DEST_UNREACHABLE = 3;
export const ICMP_ECHO_REQUEST = 8;
export const ICMP_TIME_EXCEEDED = 11;
export const ICMP_HEADER_LENGTH = 8;

/** UDP (RFC 768); the payload is `dataLength` bytes whose content is not modelled. */
export interface UdpDatagram {
  readonly kind: 'udp';
  readonly srcPort: number;
  readonly dstPort: number;
  readonly dataLength: number;
}
export const UDP_HEADER_LENGTH = 8;

/** TCP (RFC 9293) header fields that the simulator uses; no options. */
export interface TcpSegment {
  readonly kind: 'tcp';
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  readonly window: number;
  readonly dataLength: number;
}
export const TCP_HEADER_LENGTH = 20;
export const TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_PSH = 0x08, TCP_ACK = 0x10;

export interface RawIpPayload {
  readonly kind: 'raw-ip';
  readonly protocol: number;
  readonly dataLength: number;
}

/**
 * An IEEE 802.1D configuration or TCN BPDU, carried in LLC (DSAP/SSAP 0x42) to 01:80:c2:00:00:00.
 * Times are in 1/256 s units as on the wire.
 */
export interface StpBpdu {
  readonly kind: 'stp';
  readonly bpduType: 0x00 | 0x80; // 0x00 configuration, 0x80 topology change notification
  readonly flags: number; // bit 0 topology change, bit 7 topology change acknowledgement
  readonly rootId: BridgeId;
  readonly rootPathCost: number;
  readonly bridgeId: BridgeId;
  readonly portId: number;
  readonly messageAge: number;
  readonly maxAge: number;
  readonly helloTime: number;
  readonly forwardDelay: number;
}
export interface BridgeId {
  readonly priority: number;
  readonly mac: Mac;
}
export const STP_MULTICAST_MAC: Mac = 0x0180c2000000;

/** Any other EtherType: `dataLength` bytes of unmodelled content. */
export interface RawPayload {
  readonly kind: 'raw';
  readonly etherType: number;
  readonly dataLength: number;
}

export const NO_TAGS: readonly VlanTag[] = Object.freeze([]);

/** Length of an Ethernet payload in bytes (what follows the EtherType). */
export function payloadLength(p: EthernetPayload): number {
  switch (p.kind) {
    case 'arp': return ARP_PACKET_LENGTH;
    case 'ipv4': return ipv4TotalLength(p);
    case 'stp': return p.bpduType === 0x80 ? 3 + 4 : 3 + 35; // LLC header + BPDU
    case 'raw': return p.dataLength;
  }
}

export function ipPayloadLength(p: IpPayload): number {
  switch (p.kind) {
    case 'icmp': return ICMP_HEADER_LENGTH + (p.quoted ? IPV4_HEADER_LENGTH + 8 : p.dataLength);
    case 'udp': return UDP_HEADER_LENGTH + p.dataLength;
    case 'tcp': return TCP_HEADER_LENGTH + p.dataLength;
    case 'raw-ip': return p.dataLength;
  }
}

export function ipv4TotalLength(p: Ipv4Packet): number {
  return IPV4_HEADER_LENGTH + ipPayloadLength(p.payload);
}

export function frameLength(tags: readonly VlanTag[], payload: EthernetPayload): number {
  return Math.max(MIN_FRAME_LENGTH, 14 + 4 * tags.length + payloadLength(payload));
}

export function etherTypeOf(p: EthernetPayload): number {
  switch (p.kind) {
    case 'arp': return ETHERTYPE_ARP;
    case 'ipv4': return ETHERTYPE_IPV4;
    case 'stp': return -1; // 802.3 length field + LLC, not an EtherType
    case 'raw': return p.etherType;
  }
}

export function ipProtocolOf(p: IpPayload): number {
  switch (p.kind) {
    case 'icmp': return IP_PROTO_ICMP;
    case 'udp': return IP_PROTO_UDP;
    case 'tcp': return IP_PROTO_TCP;
    case 'raw-ip': return p.protocol;
  }
}

/** Builds a frame value; `uid`/`origin` come from the simulation's frame counter (0 outside one). */
export function makeFrame(
  uid: number, origin: number, dst: Mac, src: Mac, tags: readonly VlanTag[], payload: EthernetPayload,
): EthernetFrame {
  return { uid, origin, dst, src, tags, payload, length: frameLength(tags, payload) };
}

/** The VID a frame carries in its outermost tag, or 0 when untagged. */
export function outerVid(f: EthernetFrame): number {
  return f.tags.length === 0 ? 0 : f.tags[0]!.vid;
}
