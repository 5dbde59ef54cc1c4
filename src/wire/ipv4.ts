/**
 * IPv4 datagrams (RFC 791 3.1) and what they carry: ICMP (icmp.ts), UDP (udp.ts), TCP (tcp.ts), or
 * any other protocol as unmodelled bytes. Also the datagram an ICMP error quotes (RFC 792): its
 * IPv4 header as sent and the first 8 bytes of its payload.
 *
 * Invariants: the header has no options (IHL 5) and the datagram is never fragmented (DF set,
 * offset 0); parsing refuses options and fragments. The total length field and the header
 * checksum are computed from the value, never stored in it. A quoted header keeps the total
 * length of the whole original datagram, and the quoted 8 bytes the checksum the original carried.
 */
import { finishChecksum, internetChecksum, onesComplementSum } from './checksum.js';
import { hex } from './hex.js';
import {
  describeIcmp, emitIcmp, emitIcmpQuote, ICMP_HEADER_LENGTH, icmpLength, IP_PROTO_ICMP, isIcmpError, parseIcmp,
  parseIcmpQuote, type IcmpMessage,
} from './icmp.js';
import { formatIpv4, type Ipv4Address } from './ipv4-address.js';
import { describeTcp, emitTcp, emitTcpQuote, IP_PROTO_TCP, parseTcp, parseTcpQuote, tcpLength, type TcpSegment } from './tcp.js';
import { describeUdp, emitUdp, emitUdpQuote, IP_PROTO_UDP, parseUdp, parseUdpQuote, udpLength, type UdpDatagram } from './udp.js';
import { needBytes, WireError } from './wire-error.js';

export const ETHERTYPE_IPV4 = 0x0800;
export const IPV4_HEADER_LENGTH = 20;
/** Flags/fragment-offset word: DF set, offset 0. */
const IPV4_DONT_FRAGMENT = 0x4000;
/** How much of a datagram's payload an ICMP error quotes. */
const QUOTED_PAYLOAD_LENGTH = 8;

/** An IPv4 datagram without options, never fragmented in this simulator. */
export interface Ipv4Packet {
  readonly kind: 'ipv4';
  readonly src: Ipv4Address;
  readonly dst: Ipv4Address;
  readonly ttl: number;
  readonly id: number;
  readonly dscp: number;
  readonly payload: IpPayload;
}

/** An ICMP message in an IPv4 datagram; an error quotes the IPv4 datagram it answers. */
export type Icmpv4Message = IcmpMessage<Ipv4Packet>;

export type IpPayload = Icmpv4Message | UdpDatagram | TcpSegment | RawIpPayload;

/** Any other IP protocol: `dataLength` bytes of unmodelled content. */
interface RawIpPayload {
  readonly kind: 'raw-ip';
  readonly protocol: number;
  readonly dataLength: number;
}

export function ipPayloadLength(p: IpPayload): number {
  switch (p.kind) {
    case 'icmp': return icmpLength(p);
    case 'udp': return udpLength(p);
    case 'tcp': return tcpLength(p);
    case 'raw-ip': return p.dataLength;
  }
}

export function ipv4TotalLength(p: Ipv4Packet): number {
  return IPV4_HEADER_LENGTH + ipPayloadLength(p.payload);
}

export function ipProtocolOf(p: IpPayload): number {
  switch (p.kind) {
    case 'icmp': return IP_PROTO_ICMP;
    case 'udp': return IP_PROTO_UDP;
    case 'tcp': return IP_PROTO_TCP;
    case 'raw-ip': return p.protocol;
  }
}

/** Writes the datagram at `o`; returns the offset after it. Raw payloads are zero bytes. */
export function emitIpv4(v: DataView, b: Uint8Array, o: number, p: Ipv4Packet): number {
  emitIpv4Header(v, b, o, p);
  const l4 = o + IPV4_HEADER_LENGTH;
  const pl = p.payload;
  switch (pl.kind) {
    case 'icmp':
      if (pl.quoted) emitQuote(v, b, l4 + ICMP_HEADER_LENGTH, pl.quoted);
      return emitIcmp(v, b, l4, pl);
    case 'udp': return emitUdp(v, b, l4, p.src, p.dst, pl);
    case 'tcp': return emitTcp(v, b, l4, p.src, p.dst, pl);
    case 'raw-ip': b.fill(0, l4, l4 + pl.dataLength); return l4 + pl.dataLength;
  }
}

function emitIpv4Header(v: DataView, b: Uint8Array, o: number, p: Ipv4Packet): void {
  v.setUint8(o, 0x45); // version 4, IHL 5
  v.setUint8(o + 1, (p.dscp & 0x3f) << 2); // DSCP (RFC 2474 3), ECN 0
  v.setUint16(o + 2, ipv4TotalLength(p));
  v.setUint16(o + 4, p.id);
  v.setUint16(o + 6, IPV4_DONT_FRAGMENT);
  v.setUint8(o + 8, p.ttl);
  v.setUint8(o + 9, ipProtocolOf(p.payload));
  v.setUint16(o + 10, 0);
  v.setUint32(o + 12, p.src);
  v.setUint32(o + 16, p.dst);
  v.setUint16(o + 10, internetChecksum(b, o, o + IPV4_HEADER_LENGTH));
}

/** Writes the quoted datagram `q` of an ICMP error at `o`: its header, then 8 bytes of its payload. */
function emitQuote(v: DataView, b: Uint8Array, o: number, q: Ipv4Packet): void {
  emitIpv4Header(v, b, o, q);
  const l4 = o + IPV4_HEADER_LENGTH;
  const pl = q.payload;
  switch (pl.kind) {
    case 'icmp': emitIcmpQuote(v, l4, pl); break;
    case 'udp': emitUdpQuote(v, l4, q.src, q.dst, pl); break;
    case 'tcp': emitTcpQuote(v, l4, pl); break;
    case 'raw-ip': b.fill(0, l4, l4 + QUOTED_PAYLOAD_LENGTH); break;
  }
}

/** Reads the datagram at `o`, within the frame's `end`, and checks every length and checksum. */
export function parseIpv4(v: DataView, b: Uint8Array, o: number, end: number): Ipv4Packet {
  const total = parseIpv4Header(v, b, o, 'IPv4', end);
  if (o + total > end) {
    throw new WireError(`IPv4 total length ${total} exceeds the ${end - o} bytes that follow`);
  }
  const src = v.getUint32(o + 12), dst = v.getUint32(o + 16);
  const l4 = o + IPV4_HEADER_LENGTH, l4End = o + total;
  const protocol = b[o + 9]!;
  let payload: IpPayload;
  switch (protocol) {
    case IP_PROTO_ICMP: {
      const m = parseIcmp(v, b, l4, l4End);
      payload = isIcmpError(m.type) ? { ...m, quoted: parseQuote(v, b, l4 + ICMP_HEADER_LENGTH, end) } : m;
      break;
    }
    case IP_PROTO_UDP: payload = parseUdp(v, b, l4, l4End, src, dst); break;
    case IP_PROTO_TCP: payload = parseTcp(v, b, l4, l4End, src, dst); break;
    default: payload = { kind: 'raw-ip', protocol, dataLength: total - IPV4_HEADER_LENGTH };
  }
  return { kind: 'ipv4', src, dst, ttl: b[o + 8]!, id: v.getUint16(o + 4), dscp: b[o + 1]! >>> 2, payload };
}

/**
 * Checks the header at `o` and returns its total length; `label` begins every message ("IPv4",
 * "quoted IPv4").
 */
function parseIpv4Header(v: DataView, b: Uint8Array, o: number, label: string, end: number): number {
  needBytes(o, IPV4_HEADER_LENGTH, `${label} header`, end);
  const version = b[o]! >>> 4, ihl = b[o]! & 0xf;
  if (version !== 4) throw new WireError(`${label} version ${version} != 4`);
  if (ihl !== 5) throw new WireError(`${label} header length ${ihl * 4} bytes: options are not supported`);
  const total = v.getUint16(o + 2);
  if (total < IPV4_HEADER_LENGTH) throw new WireError(`${label} total length ${total} < ${IPV4_HEADER_LENGTH}`);
  if ((v.getUint16(o + 6) & 0x3fff) !== 0) {
    throw new WireError(`${label} fragment (MF or fragment offset set) is not supported`);
  }
  const found = v.getUint16(o + 10);
  const expected = finishChecksum(onesComplementSum(b, o, o + 10, onesComplementSum(b, o + 12, o + 20)));
  if (found !== expected) throw new WireError(`${label} header checksum ${hex(found)} != ${hex(expected)}`);
  return total;
}

/** Reads the datagram an ICMP error quotes at `o`: its IPv4 header and the first 8 bytes of its payload. */
function parseQuote(v: DataView, b: Uint8Array, o: number, end: number): Ipv4Packet {
  const total = parseIpv4Header(v, b, o, 'quoted IPv4', end);
  const src = v.getUint32(o + 12), dst = v.getUint32(o + 16);
  const q = o + IPV4_HEADER_LENGTH;
  const protocol = b[o + 9]!;
  const length = total - IPV4_HEADER_LENGTH;
  let payload: IpPayload;
  switch (protocol) {
    case IP_PROTO_ICMP:
      quoteAtLeast(total, 28, 'ICMP');
      payload = parseIcmpQuote(v, b, q, length);
      break;
    case IP_PROTO_UDP:
      quoteAtLeast(total, 28, 'UDP');
      payload = parseUdpQuote(v, q, length);
      break;
    case IP_PROTO_TCP:
      quoteAtLeast(total, 40, 'TCP');
      payload = parseTcpQuote(v, q, length);
      break;
    default:
      payload = { kind: 'raw-ip', protocol, dataLength: length };
  }
  return { kind: 'ipv4', src, dst, ttl: b[o + 8]!, id: v.getUint16(o + 4), dscp: b[o + 1]! >>> 2, payload };
}

/** A quoted header's total length must cover the header of the protocol it says it carries. */
function quoteAtLeast(total: number, min: number, what: string): void {
  if (total < min) throw new WireError(`quoted IPv4 total length ${total} is too short for ${what} (${min})`);
}

/**
 * `IPv4 10.0.0.1 > 10.0.0.2 ICMP echo request ...`; UDP and TCP show address:port pairs instead
 * (tcpdump style, see udp.ts and tcp.ts).
 */
export function describeIpv4(p: Ipv4Packet): string {
  const pl = p.payload;
  switch (pl.kind) {
    case 'icmp':
      return `IPv4 ${formatIpv4(p.src)} > ${formatIpv4(p.dst)} ICMP ${describeIcmp(pl, pl.quoted ? describeIpv4(pl.quoted) : null)}`;
    case 'udp': return describeUdp(p.src, p.dst, pl);
    case 'tcp': return describeTcp(p.src, p.dst, pl);
    case 'raw-ip': return `IPv4 ${formatIpv4(p.src)} > ${formatIpv4(p.dst)} proto ${pl.protocol} len ${pl.dataLength}`;
  }
}
