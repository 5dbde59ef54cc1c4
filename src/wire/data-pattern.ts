/**
 * The bytes of content the model does not carry. A frame value knows how many data bytes an ICMP
 * echo, a UDP datagram or a TCP segment holds, not what they are; when a capture needs the bytes,
 * they follow a fixed pattern so that every run writes the same pcap:
 * - ICMP echo data: byte i = (0x10 + i) & 0xff (the tail of Linux ping's pattern);
 * - UDP and TCP data: byte i = i & 0xff.
 * `patternSum` (checksum.ts) sums the same patterns without writing them, for the datagram an
 * ICMP error quotes.
 */

/** First byte of the ICMP echo data pattern. */
export const ICMP_PATTERN_FIRST = 0x10;
/** First byte of the UDP/TCP data pattern. */
export const L4_PATTERN_FIRST = 0x00;

/** Writes the pattern that starts at `first` into `b[start..end)`. */
export function fillPattern(b: Uint8Array, start: number, end: number, first: number): void {
  for (let i = start, x = first; i < end; i++, x++) b[i] = x & 0xff;
}
