/**
 * UDP (RFC 768): source port, destination port, length, checksum, then data whose content the
 * model does not carry (data-pattern.ts), except for a measuring stream's probe header.
 *
 * A probe header is what a constant-rate test stream puts at the start of each datagram's data
 * so the receiver can measure one-way delay, loss, duplicates and reordering. Its bytes follow
 * iperf 3's UDP payload (src/iperf_udp.c, iperf_udp_send, 32-bit counters): tv_sec (4 bytes),
 * tv_usec (4), packet count (4), each big-endian, then the data pattern. The model keeps the send
 * time in ns; the bytes carry it in whole microseconds, as iperf does. Data shorter than 12 bytes
 * carries the header's first bytes only. Parsing does not read a probe back (the bytes cannot tell
 * a probe from data): a decoded datagram has `probe: null`.
 *
 * Invariants: the length field equals the IPv4 payload length; the checksum covers the IPv4
 * pseudo-header, and a computed 0 is sent as 0xffff, because 0 on the wire means "no checksum"
 * (which parsing accepts).
 */
import { finishChecksum, onesComplementSum, patternSum, pseudoHeaderSum } from './checksum.js';
import { fillPattern, L4_PATTERN_FIRST } from './data-pattern.js';
import { hex } from './hex.js';
import { formatIpv4, type Ipv4Address } from './ipv4-address.js';
import { WireError } from './wire-error.js';

export const IP_PROTO_UDP = 17;
const UDP_HEADER_LENGTH = 8;

/** Bytes of the probe header at the start of a measuring stream's data. */
export const UDP_PROBE_LENGTH = 12;

/** The probe header of a measuring stream's datagram (iperf 3's UDP payload header). */
export interface UdpProbe {
  /** Packet count: 1 for the stream's first datagram, then one more per datagram. */
  readonly seq: number;
  /** When the sender sent it, in simulated ns. */
  readonly sentNs: number;
}

/**
 * A UDP datagram; the payload is `dataLength` bytes whose content is not modelled, except the
 * probe header a measuring stream puts first (null for any other datagram).
 */
export interface UdpDatagram {
  readonly kind: 'udp';
  readonly srcPort: number;
  readonly dstPort: number;
  readonly dataLength: number;
  readonly probe: UdpProbe | null;
}

/** Header and data, in bytes (the length field). */
export function udpLength(u: UdpDatagram): number {
  return UDP_HEADER_LENGTH + u.dataLength;
}

/** Writes the datagram carried from `src` to `dst` at `o`; returns the offset after it. */
export function emitUdp(v: DataView, b: Uint8Array, o: number, src: Ipv4Address, dst: Ipv4Address, u: UdpDatagram): number {
  const length = udpLength(u);
  const end = o + length;
  v.setUint16(o, u.srcPort);
  v.setUint16(o + 2, u.dstPort);
  v.setUint16(o + 4, length);
  v.setUint16(o + 6, 0);
  fillPattern(b, o + 8, end, L4_PATTERN_FIRST);
  if (u.probe !== null) emitProbe(b, o + 8, end, u.probe);
  const sum = onesComplementSum(b, o, end, pseudoHeaderSum(src, dst, IP_PROTO_UDP, length));
  v.setUint16(o + 6, finishChecksum(sum) || 0xffff);
  return end;
}

/**
 * Writes the 8-byte header of a datagram an ICMP error quotes, with the checksum the whole
 * original carried (computed from the data pattern without writing the data).
 */
export function emitUdpQuote(v: DataView, o: number, src: Ipv4Address, dst: Ipv4Address, u: UdpDatagram): void {
  const length = udpLength(u);
  v.setUint16(o, u.srcPort);
  v.setUint16(o + 2, u.dstPort);
  v.setUint16(o + 4, length);
  const sum = pseudoHeaderSum(src, dst, IP_PROTO_UDP, length)
    + (u.srcPort & 0xffff) + (u.dstPort & 0xffff) + length + dataSum(u);
  v.setUint16(o + 6, finishChecksum(sum) || 0xffff);
}

/**
 * Writes the probe header into the data `[o, end)` (already holding the pattern): tv_sec, tv_usec,
 * seq, big-endian, cut short when the data is shorter than the header.
 */
function emitProbe(b: Uint8Array, o: number, end: number, probe: UdpProbe): void {
  const us = Math.floor(probe.sentNs / 1000);
  const words = [Math.floor(us / 1_000_000), us % 1_000_000, probe.seq];
  for (let w = 0; w < 3; w++) {
    for (let k = 0; k < 4; k++) {
      const at = o + w * 4 + k;
      if (at >= end) return;
      b[at] = Math.floor(words[w]! / 2 ** (8 * (3 - k))) & 0xff;
    }
  }
}

/** Unfolded sum of the datagram's data: the pattern, with the probe header over its start. */
function dataSum(u: UdpDatagram): number {
  if (u.probe === null) return patternSum(u.dataLength, L4_PATTERN_FIRST);
  const head = new Uint8Array(Math.min(UDP_PROBE_LENGTH, u.dataLength));
  fillPattern(head, 0, head.length, L4_PATTERN_FIRST);
  emitProbe(head, 0, head.length, u.probe);
  // The header is an even number of bytes long, so the rest keeps its word alignment.
  const headSum = onesComplementSum(head, 0, head.length);
  return headSum + patternSum(u.dataLength, L4_PATTERN_FIRST) - patternSum(head.length, L4_PATTERN_FIRST);
}

/** Reads the datagram at `[o, end)` (the IPv4 payload) and checks its length and checksum. */
export function parseUdp(v: DataView, b: Uint8Array, o: number, end: number, src: Ipv4Address, dst: Ipv4Address): UdpDatagram {
  const len = end - o;
  if (len < UDP_HEADER_LENGTH) throw new WireError(`UDP datagram of ${len} bytes is shorter than its 8-byte header`);
  const udpLength = v.getUint16(o + 4);
  if (udpLength !== len) throw new WireError(`UDP length ${udpLength} != ${len} (IPv4 payload length)`);
  const found = v.getUint16(o + 6);
  if (found !== 0) {
    const sum = onesComplementSum(b, o, o + 6, onesComplementSum(b, o + 8, end, pseudoHeaderSum(src, dst, IP_PROTO_UDP, len)));
    const expected = finishChecksum(sum) || 0xffff;
    if (found !== expected) throw new WireError(`UDP checksum ${hex(found)} != ${hex(expected)}`);
  }
  return { kind: 'udp', srcPort: v.getUint16(o), dstPort: v.getUint16(o + 2), dataLength: len - 8, probe: null };
}

/**
 * Reads the 8-byte header an ICMP error quotes; `ipPayloadLength` is what the quoted IPv4 header
 * says the datagram's payload was, which the length field must match. The checksum is not checked:
 * the data it covers is not quoted.
 */
export function parseUdpQuote(v: DataView, o: number, ipPayloadLength: number): UdpDatagram {
  const udpLength = v.getUint16(o + 4);
  if (udpLength !== ipPayloadLength) {
    throw new WireError(`quoted UDP length ${udpLength} != ${ipPayloadLength} (IPv4 payload length)`);
  }
  return { kind: 'udp', srcPort: v.getUint16(o), dstPort: v.getUint16(o + 2), dataLength: ipPayloadLength - 8, probe: null };
}

/** `UDP 10.0.0.1:40000 > 10.0.0.2:5001 len 1000` (tcpdump style; `len` counts the data). */
export function describeUdp(src: Ipv4Address, dst: Ipv4Address, u: UdpDatagram): string {
  return `UDP ${formatIpv4(src)}:${u.srcPort} > ${formatIpv4(dst)}:${u.dstPort} len ${u.dataLength}`;
}
