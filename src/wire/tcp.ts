/**
 * TCP segments (RFC 9293 3.1), header without options: ports, sequence and acknowledgment numbers,
 * data offset 5, flags, window, checksum, urgent pointer 0, then data whose content the model does
 * not carry (data-pattern.ts).
 *
 * Nothing in the simulator sends TCP yet; segments exist so that a capture holding TCP decodes,
 * prints and shows in the visualizer's layers, and writes back byte for byte.
 *
 * Invariants: the checksum covers the IPv4 pseudo-header; parsing refuses options (data offset
 * other than 5). A quoted segment (in an ICMP error) has only its first 8 bytes: ports and `seq`.
 */
import { finishChecksum, onesComplementSum, pseudoHeaderSum } from './checksum.js';
import { fillPattern, L4_PATTERN_FIRST } from './data-pattern.js';
import { hex } from './hex.js';
import { formatIpv4, type Ipv4Address } from './ipv4-address.js';
import { WireError } from './wire-error.js';

export const IP_PROTO_TCP = 6;
const TCP_HEADER_LENGTH = 20;

export const TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_PSH = 0x08, TCP_ACK = 0x10;
const TCP_RST = 0x04, TCP_URG = 0x20, TCP_ECE = 0x40, TCP_CWR = 0x80;

/** The header fields the simulator uses. */
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

/** Header and data, in bytes. */
export function tcpLength(t: TcpSegment): number {
  return TCP_HEADER_LENGTH + t.dataLength;
}

/** Writes the segment carried from `src` to `dst` at `o`; returns the offset after it. */
export function emitTcp(v: DataView, b: Uint8Array, o: number, src: Ipv4Address, dst: Ipv4Address, t: TcpSegment): number {
  const length = tcpLength(t);
  const end = o + length;
  v.setUint16(o, t.srcPort);
  v.setUint16(o + 2, t.dstPort);
  v.setUint32(o + 4, t.seq);
  v.setUint32(o + 8, t.ack);
  v.setUint16(o + 12, (5 << 12) | (t.flags & 0x1ff));
  v.setUint16(o + 14, t.window);
  v.setUint16(o + 16, 0);
  v.setUint16(o + 18, 0); // urgent pointer
  fillPattern(b, o + 20, end, L4_PATTERN_FIRST);
  v.setUint16(o + 16, finishChecksum(onesComplementSum(b, o, end, pseudoHeaderSum(src, dst, IP_PROTO_TCP, length))));
  return end;
}

/** Writes the first 8 bytes of a segment an ICMP error quotes: ports and sequence number. */
export function emitTcpQuote(v: DataView, o: number, t: TcpSegment): void {
  v.setUint16(o, t.srcPort);
  v.setUint16(o + 2, t.dstPort);
  v.setUint32(o + 4, t.seq);
}

/** Reads the segment at `[o, end)` (the IPv4 payload) and checks its header length and checksum. */
export function parseTcp(v: DataView, b: Uint8Array, o: number, end: number, src: Ipv4Address, dst: Ipv4Address): TcpSegment {
  const len = end - o;
  if (len < TCP_HEADER_LENGTH) throw new WireError(`TCP segment of ${len} bytes is shorter than its 20-byte header`);
  const dataOffset = b[o + 12]! >>> 4;
  if (dataOffset !== 5) throw new WireError(`TCP header length ${dataOffset * 4} bytes: options are not supported`);
  const found = v.getUint16(o + 16);
  const sum = onesComplementSum(b, o, o + 16, onesComplementSum(b, o + 18, end, pseudoHeaderSum(src, dst, IP_PROTO_TCP, len)));
  const expected = finishChecksum(sum);
  if (found !== expected) throw new WireError(`TCP checksum ${hex(found)} != ${hex(expected)}`);
  return {
    kind: 'tcp', srcPort: v.getUint16(o), dstPort: v.getUint16(o + 2), seq: v.getUint32(o + 4),
    ack: v.getUint32(o + 8), flags: v.getUint16(o + 12) & 0x1ff, window: v.getUint16(o + 14), dataLength: len - 20,
  };
}

/**
 * Reads the 8 bytes of a segment an ICMP error quotes; `ipPayloadLength` is the segment's length
 * as the quoted IPv4 header gives it. What the quote does not hold (`ack`, `flags`, `window`) reads 0.
 */
export function parseTcpQuote(v: DataView, o: number, ipPayloadLength: number): TcpSegment {
  return {
    kind: 'tcp', srcPort: v.getUint16(o), dstPort: v.getUint16(o + 2), seq: v.getUint32(o + 4),
    ack: 0, flags: 0, window: 0, dataLength: ipPayloadLength - TCP_HEADER_LENGTH,
  };
}

/** `TCP 10.0.0.1:43210 > 10.0.0.2:80 [S.] seq 1 ack 2 win 64240 len 0` (tcpdump style). */
export function describeTcp(src: Ipv4Address, dst: Ipv4Address, t: TcpSegment): string {
  let s = `TCP ${formatIpv4(src)}:${t.srcPort} > ${formatIpv4(dst)}:${t.dstPort} [${tcpFlags(t.flags)}] seq ${t.seq}`;
  if (t.flags & TCP_ACK) s += ` ack ${t.ack}`;
  return `${s} win ${t.window} len ${t.dataLength}`;
}

/** tcpdump's letters and order: FIN, SYN, RST, PSH, URG, ECE, CWR, then "." for ACK. */
function tcpFlags(flags: number): string {
  let s = '';
  if (flags & TCP_FIN) s += 'F';
  if (flags & TCP_SYN) s += 'S';
  if (flags & TCP_RST) s += 'R';
  if (flags & TCP_PSH) s += 'P';
  if (flags & TCP_URG) s += 'U';
  if (flags & TCP_ECE) s += 'E';
  if (flags & TCP_CWR) s += 'W';
  if (flags & TCP_ACK) s += '.';
  return s === '' ? 'none' : s;
}
