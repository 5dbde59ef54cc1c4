/**
 * The probe header a measuring stream puts at the start of each UDP datagram's data (iperf 3's
 * layout: tv_sec, tv_usec, packet count, big-endian): its bytes, the checksum over them, the
 * checksum an ICMP error quotes for such a datagram, and data shorter than the header.
 */
import { describe, expect, it } from 'vitest';
import { internetChecksum, pseudoHeaderSum } from '../../src/wire/checksum.js';
import { decodeFrame, encodeFrame } from '../../src/wire/ethernet.js';
import { ICMP_DEST_UNREACHABLE } from '../../src/wire/icmp.js';
import { IP_PROTO_UDP, type UdpDatagram } from '../../src/wire/udp.js';
import { IP1, IP2, MAC1, MAC2, frame, ipv4, toHex } from './fixtures.js';

const probed = (dataLength: number, seq: number, sentNs: number): UdpDatagram =>
  ({ kind: 'udp', srcPort: 40000, dstPort: 5001, dataLength, probe: { seq, sentNs } });
const DATA = 14 + 20 + 8;

describe('UDP probe header', () => {
  it('tv_sec, tv_usec (sub-microsecond part dropped) and seq, big-endian, then the data pattern', () => {
    const b = encodeFrame(frame(MAC2, MAC1, ipv4(IP1, IP2, probed(100, 0x01020304, 3_000_123_999))));
    expect(toHex(b.subarray(DATA, DATA + 14))).toBe('00 00 00 03 00 00 00 7b 01 02 03 04 0c 0d');
    expect(internetChecksum(b, 34, b.length, pseudoHeaderSum(IP1, IP2, IP_PROTO_UDP, 108))).toBe(0);
  });

  it('data shorter than the header carries its first bytes, and the checksum still verifies', () => {
    const b = encodeFrame(frame(MAC2, MAC1, ipv4(IP1, IP2, probed(5, 7, 2_500_000_000))));
    expect(toHex(b.subarray(DATA, DATA + 5))).toBe('00 00 00 02 00');
    expect(internetChecksum(b, 34, 34 + 13, pseudoHeaderSum(IP1, IP2, IP_PROTO_UDP, 13))).toBe(0);
  });

  it('an ICMP error quoting a probed datagram carries the checksum the datagram had', () => {
    for (const size of [0, 5, 12, 13, 1000]) {
      const d = probed(size, 65_537, 1_234_567_891);
      const original = encodeFrame(frame(MAC2, MAC1, ipv4(IP1, IP2, d)));
      const error = encodeFrame(frame(MAC1, MAC2, ipv4(IP2, IP1, {
        kind: 'icmp', type: ICMP_DEST_UNREACHABLE, code: 3, id: 0, seq: 0, dataLength: 0, quoted: ipv4(IP1, IP2, d),
      })));
      expect(toHex(error.subarray(14 + 20 + 8 + 20 + 6, 14 + 20 + 8 + 20 + 8))).toBe(toHex(original.subarray(40, 42)));
    }
  });

  it('decoding does not read a probe back: the bytes cannot tell it from data', () => {
    const b = encodeFrame(frame(MAC2, MAC1, ipv4(IP1, IP2, probed(100, 1, 0))));
    const r = decodeFrame(b);
    if (!r.ok) throw new Error(r.error);
    const f = r.frame;
    expect(f.payload.kind === 'ipv4' && f.payload.payload).toEqual({ kind: 'udp', srcPort: 40000, dstPort: 5001, dataLength: 100, probe: null });
  });
});
