/**
 * The Internet checksum (RFC 1071): the 16-bit one's complement of the one's complement sum of the
 * data taken as big-endian 16-bit words. IPv4 (RFC 791 3.1), ICMP (RFC 792), UDP (RFC 768) and TCP
 * (RFC 9293 3.1) all use it; UDP and TCP also cover a pseudo-header.
 *
 * Sums are kept as plain (unfolded) numbers while accumulating, so partial sums over several ranges
 * can be added together and folded once at the end (RFC 1071 2(B), "deferred carries"). A
 * frame is at most 64 KiB, so the unfolded sum stays far below 2^53.
 */
import type { Ipv4Address } from './ipv4-address.js';

/**
 * Adds the bytes `bytes[start..end)` as big-endian 16-bit words to `initial`, unfolded. An odd
 * final byte is padded with a zero byte (RFC 1071 4.1); so only the last range of a checksummed
 * message may have an odd length, and every range must start at an even offset of the message.
 */
export function onesComplementSum(bytes: Uint8Array, start: number, end: number, initial = 0): number {
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (bytes[i]! << 8) | bytes[i + 1]!;
  if (i < end) sum += bytes[i]! << 8;
  return sum;
}

/** Folds the carries of an unfolded sum back into 16 bits (end-around carry, RFC 1071 2(A)). */
export function foldSum(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/** The checksum field value: the one's complement of the folded sum. */
export function finishChecksum(sum: number): number {
  return ~foldSum(sum) & 0xffff;
}

/** The Internet checksum of `bytes[start..end)`, plus an optional unfolded partial sum (a pseudo-header). */
export function internetChecksum(bytes: Uint8Array, start = 0, end = bytes.length, initial = 0): number {
  return finishChecksum(onesComplementSum(bytes, start, end, initial));
}

/**
 * Unfolded sum of the IPv4 pseudo-header that UDP (RFC 768) and TCP (RFC 9293 3.1) checksums
 * cover: source address, destination address, zero, protocol, and the UDP/TCP length.
 */
export function pseudoHeaderSum(src: Ipv4Address, dst: Ipv4Address, protocol: number, length: number): number {
  return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + (protocol & 0xff) + (length & 0xffff);
}

/**
 * Unfolded sum of `length` data bytes following the pattern byte i = (first + i) & 0xff, as if they
 * started at an even offset of the message. Lets the encoder compute the checksum of a message it
 * does not write out in full (the datagram an ICMP error quotes, RFC 792).
 */
export function patternSum(length: number, first: number): number {
  let sum = 0;
  let i = 0;
  for (; i + 1 < length; i += 2) sum += (((first + i) & 0xff) << 8) | ((first + i + 1) & 0xff);
  if (i < length) sum += ((first + i) & 0xff) << 8;
  return sum;
}
