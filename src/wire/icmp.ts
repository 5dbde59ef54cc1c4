/**
 * ICMP for IPv4 (RFC 792): type, code, checksum, a 4-byte word, then a body. Echo request and
 * reply (and any other non-error type) carry `id` and `seq` in that word and `dataLength` bytes
 * of data (data-pattern.ts). An error (destination unreachable, source quench, redirect, time
 * exceeded, parameter problem) carries "unused" there (for "fragmentation needed", the next-hop
 * MTU in `seq`, RFC 1191 4) and quotes the offending datagram's IPv4 header and first 8 bytes.
 *
 * Invariants: the checksum covers the whole message, quote included; an error's body is exactly
 * 28 bytes (an IPv4 header without options + 8); an error never quotes an error (RFC 1122 3.2.2),
 * which parsing refuses. The quote itself is an IPv4 header, so ipv4.ts writes and reads it; this
 * file owns the ICMP header around it and the 8 bytes of a quoted ICMP message. ICMP and IPv4
 * types would refer to each other (a datagram carries a message, an error quotes a datagram): so
 * the message here is generic in what it quotes, and ipv4.ts names the ICMPv4 message it carries
 * (`Icmpv4Message`, quoting an `Ipv4Packet`); neither file imports the other's types.
 */
import { finishChecksum, internetChecksum, onesComplementSum, patternSum } from './checksum.js';
import { fillPattern, ICMP_PATTERN_FIRST } from './data-pattern.js';
import { hex } from './hex.js';
import { WireError } from './wire-error.js';

export const IP_PROTO_ICMP = 1;

export const ICMP_ECHO_REPLY = 0;
export const ICMP_DEST_UNREACHABLE = 3;
export const ICMP_ECHO_REQUEST = 8;
export const ICMP_TIME_EXCEEDED = 11;
export const ICMP_HEADER_LENGTH = 8;
/** What an error quotes: an IPv4 header without options and the first 8 bytes of its payload. */
const ICMP_QUOTE_LENGTH = 28;

/**
 * An ICMP message. Echo-like messages carry `id`, `seq` and `dataLength` bytes of data; an error
 * carries the offending datagram, summarised as `quoted` (its `dataLength` is 0).
 */
export interface IcmpMessage<Quote = unknown> {
  readonly kind: 'icmp';
  readonly type: number;
  readonly code: number;
  readonly id: number;
  readonly seq: number;
  readonly dataLength: number;
  readonly quoted: Quote | null;
}

/** ICMP types whose message quotes the offending datagram (RFC 792): unreachable, source quench,
 *  redirect, time exceeded, parameter problem. */
export function isIcmpError(type: number): boolean {
  return type === 3 || type === 4 || type === 5 || type === 11 || type === 12;
}

/** The whole message in bytes, header included (what ping and tcpdump call its length). */
export function icmpLength(m: IcmpMessage): number {
  return ICMP_HEADER_LENGTH + (m.quoted ? ICMP_QUOTE_LENGTH : m.dataLength);
}

/**
 * Writes the message at `o` and returns the offset after it. An error's quote must already be in
 * place at `o + 8` (ipv4.ts writes it), because the checksum covers it.
 */
export function emitIcmp(v: DataView, b: Uint8Array, o: number, m: IcmpMessage): number {
  v.setUint8(o, m.type);
  v.setUint8(o + 1, m.code);
  v.setUint16(o + 2, 0);
  v.setUint16(o + 4, m.id);
  v.setUint16(o + 6, m.seq);
  let end: number;
  if (m.quoted) {
    end = o + ICMP_HEADER_LENGTH + ICMP_QUOTE_LENGTH;
  } else {
    end = o + ICMP_HEADER_LENGTH + m.dataLength;
    fillPattern(b, o + ICMP_HEADER_LENGTH, end, ICMP_PATTERN_FIRST);
  }
  v.setUint16(o + 2, internetChecksum(b, o, end));
  return end;
}

/** Writes the first 8 bytes of a message an error quotes, with the checksum of the whole original. */
export function emitIcmpQuote(v: DataView, o: number, m: IcmpMessage): void {
  v.setUint8(o, m.type);
  v.setUint8(o + 1, m.code);
  // An error quoting an error (which RFC 1122 3.2.2 forbids sending) gets 0: its own quote is not
  // modelled here.
  const checksum = m.quoted ? 0 : finishChecksum((((m.type & 0xff) << 8) | (m.code & 0xff))
    + (m.id & 0xffff) + (m.seq & 0xffff) + patternSum(m.dataLength, ICMP_PATTERN_FIRST));
  v.setUint16(o + 2, checksum);
  v.setUint16(o + 4, m.id);
  v.setUint16(o + 6, m.seq);
}

/**
 * Reads the message at `[o, end)` (the IPv4 payload) and checks its checksum and, for an error,
 * the size of its quote. An error comes back with `quoted` null: the caller (ipv4.ts) reads the
 * quoted datagram at `o + 8`.
 */
export function parseIcmp(v: DataView, b: Uint8Array, o: number, end: number): IcmpMessage<never> {
  const len = end - o;
  if (len < ICMP_HEADER_LENGTH) throw new WireError(`ICMP message of ${len} bytes is shorter than its 8-byte header`);
  const found = v.getUint16(o + 2);
  const expected = finishChecksum(onesComplementSum(b, o, o + 2, onesComplementSum(b, o + 4, end)));
  if (found !== expected) throw new WireError(`ICMP checksum ${hex(found)} != ${hex(expected)}`);
  const type = b[o]!, code = b[o + 1]!, id = v.getUint16(o + 4), seq = v.getUint16(o + 6);
  if (!isIcmpError(type)) return { kind: 'icmp', type, code, id, seq, dataLength: len - 8, quoted: null };
  if (len !== ICMP_HEADER_LENGTH + ICMP_QUOTE_LENGTH) {
    throw new WireError(`ICMP type ${type} quotes ${len - 8} bytes; expected an IPv4 header and 8 bytes (28)`);
  }
  return { kind: 'icmp', type, code, id, seq, dataLength: 0, quoted: null };
}

/**
 * Reads the 8 bytes of a message an error quotes; `ipPayloadLength` is the message's length as
 * the quoted IPv4 header gives it. Refuses a quoted error (RFC 1122 3.2.2).
 */
export function parseIcmpQuote(v: DataView, b: Uint8Array, o: number, ipPayloadLength: number): IcmpMessage<never> {
  const type = b[o]!;
  if (isIcmpError(type)) {
    throw new WireError(`ICMP error quoting an ICMP error (type ${type}) is not supported (RFC 1122 3.2.2)`);
  }
  return {
    kind: 'icmp', type, code: b[o + 1]!, id: v.getUint16(o + 4), seq: v.getUint16(o + 6),
    dataLength: ipPayloadLength - ICMP_HEADER_LENGTH, quoted: null,
  };
}

/** RFC 792 / RFC 1812 5.2.7.1 names for destination unreachable codes. */
const UNREACHABLE = [
  'net', 'host', 'protocol', 'port', 'fragmentation needed', 'source route failed', 'net unknown',
  'host unknown', 'source host isolated', 'net prohibited', 'host prohibited', 'net for TOS', 'host for TOS',
  'administratively prohibited',
];

/**
 * `echo request id 1 seq 3 len 64`, `port unreachable for <quoted>`: the part after `ICMP `.
 * `quoted` is the description of `m.quoted` (ipv4.ts makes it), null when there is none.
 */
export function describeIcmp(m: IcmpMessage, quoted: string | null): string {
  const len = icmpLength(m);
  switch (m.type) {
    case ICMP_ECHO_REPLY: return `echo reply id ${m.id} seq ${m.seq} len ${len}`;
    case ICMP_ECHO_REQUEST: return `echo request id ${m.id} seq ${m.seq} len ${len}`;
    case ICMP_DEST_UNREACHABLE:
      return withQuote(m.code === 4 ? `fragmentation needed (mtu ${m.seq})` : `${UNREACHABLE[m.code] ?? `code ${m.code}`} unreachable`, quoted);
    case ICMP_TIME_EXCEEDED:
      return withQuote(m.code === 0 ? 'time exceeded in-transit' : 'time exceeded in reassembly', quoted);
    default:
      return withQuote(`type ${m.type} code ${m.code}`, quoted) + (quoted !== null ? '' : ` len ${len}`);
  }
}

function withQuote(what: string, quoted: string | null): string {
  return quoted !== null ? `${what} for ${quoted}` : what;
}
