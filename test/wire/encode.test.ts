import { describe, expect, it } from 'vitest';
import { encodeFrame, encodeFrameInto } from '../../src/wire/encode.js';
import { internetChecksum, pseudoHeaderSum } from '../../src/wire/checksum.js';
import { ICMP_ECHO_REQUEST, IP_PROTO_TCP, IP_PROTO_UDP, TCP_SYN } from '../../src/wire/frame.js';
import {
  IP1, IP2, MAC1, MAC2, arpRequest, echo, echoRequest, frame, hexBytes, ip, ipv4, portUnreachable, stpFrame,
  svlan, tcnBpdu, timeExceeded, toHex, udp, udpFrame, vlan,
} from './fixtures.js';

const zeros = (n: number) => ' 00'.repeat(n);

describe('encodeFrame: known bytes', () => {
  it('ARP request (RFC 826), padded to 60 bytes', () => {
    const b = encodeFrame(arpRequest());
    expect(toHex(b)).toBe(toHex(hexBytes(
      'ff ff ff ff ff ff 52 54 00 00 00 01 08 06'
      + ' 00 01 08 00 06 04 00 01 52 54 00 00 00 01 0a 00 00 01 00 00 00 00 00 00 0a 00 00 02'
      + zeros(18),
    )));
  });

  it('ICMP echo request with checksums worked by hand', () => {
    // IPv4 header words 4500+001c+0000+4000+4001+0000+0a00+0001+0a00+0002 = 0xd920 -> checksum 0x26df.
    // ICMP 0800+0001+0001 = 0x0802 -> checksum 0xf7fd.
    const f = frame(MAC2, MAC1, ipv4(IP1, IP2, echo(ICMP_ECHO_REQUEST, 1, 1, 0)));
    expect(toHex(encodeFrame(f))).toBe(toHex(hexBytes(
      '52 54 00 00 00 02 52 54 00 00 00 01 08 00'
      + ' 45 00 00 1c 00 00 40 00 40 01 26 df 0a 00 00 01 0a 00 00 02'
      + ' 08 00 f7 fd 00 01 00 01' + zeros(18),
    )));
  });

  it('ICMP echo data follows the ping pattern 0x10, 0x11, ...', () => {
    // ICMP 0802 + 1011 + 1213 = 0x2a26 -> 0xd5d9; IPv4 total length 32: 0xd924 -> 0x26db.
    const f = frame(MAC2, MAC1, ipv4(IP1, IP2, echo(ICMP_ECHO_REQUEST, 1, 1, 4)));
    expect(toHex(encodeFrame(f).subarray(14, 46))).toBe(toHex(hexBytes(
      '45 00 00 20 00 00 40 00 40 01 26 db 0a 00 00 01 0a 00 00 02 08 00 d5 d9 00 01 00 01 10 11 12 13',
    )));
  });

  it('a 64-byte ping (56 data bytes) checksums to zero', () => {
    const b = encodeFrame(echoRequest(3, 56));
    expect(b.length).toBe(14 + 20 + 64);
    expect(internetChecksum(b, 14, 34)).toBe(0);
    expect(internetChecksum(b, 34, b.length)).toBe(0);
    expect(b[34 + 8]).toBe(0x10);
    expect(b[34 + 8 + 55]).toBe(0x47);
  });

  it("IPv4 header of Wikipedia's checksum example (DF, TTL 64, UDP, total length 115)", () => {
    const f = frame(MAC2, MAC1, ipv4(ip('192.168.0.1'), ip('192.168.0.199'), udp(1, 2, 115 - 28)));
    expect(toHex(encodeFrame(f).subarray(14, 34)))
      .toBe('45 00 00 73 00 00 40 00 40 11 b8 61 c0 a8 00 01 c0 a8 00 c7');
  });

  it('UDP header with a checksum worked by hand, and DSCP in the TOS byte', () => {
    // Pseudo-header 0a00+0001+0a00+0002+0011+0008 = 0x141c; header 0001+0002+0008 = 0x000b -> ~0x1427 = 0xebd8.
    const f = frame(MAC2, MAC1, ipv4(IP1, IP2, udp(1, 2, 0), 64, 0, 46));
    const b = encodeFrame(f);
    expect(b[15]).toBe(46 << 2);
    expect(toHex(b.subarray(34, 42))).toBe('00 01 00 02 00 08 eb d8');
  });

  it('UDP data bytes are i & 0xff and the checksum verifies with the pseudo-header', () => {
    const b = encodeFrame(udpFrame(1000));
    expect(b.length).toBe(14 + 20 + 8 + 1000);
    expect(b[42]).toBe(0);
    expect(b[42 + 257]).toBe(1);
    expect(internetChecksum(b, 34, b.length, pseudoHeaderSum(IP1, IP2, IP_PROTO_UDP, 1008))).toBe(0);
  });

  it('TCP SYN header with a checksum worked by hand', () => {
    // Pseudo-header 0x141d (length 20, protocol 6); header 03e8+0050+5002 = 0x543a -> ~0x6857 = 0x97a8.
    const f = frame(MAC2, MAC1, ipv4(IP1, IP2, {
      kind: 'tcp', srcPort: 1000, dstPort: 80, seq: 0, ack: 0, flags: TCP_SYN, window: 0, dataLength: 0,
    }));
    expect(toHex(encodeFrame(f).subarray(34, 54)))
      .toBe('03 e8 00 50 00 00 00 00 00 00 00 00 50 02 00 00 97 a8 00 00');
  });

  it('TCP with data verifies with the pseudo-header', () => {
    const f = frame(MAC2, MAC1, ipv4(IP1, IP2, {
      kind: 'tcp', srcPort: 43210, dstPort: 80, seq: 0xfffffff0, ack: 7, flags: 0x18, window: 65535, dataLength: 333,
    }));
    const b = encodeFrame(f);
    expect(internetChecksum(b, 34, b.length, pseudoHeaderSum(IP1, IP2, IP_PROTO_TCP, 353))).toBe(0);
    expect(toHex(b.subarray(38, 42))).toBe('ff ff ff f0');
  });

  it('802.1Q tag: TPID, PCP, DEI, VID (IEEE 802.1Q 9.6)', () => {
    const b = encodeFrame(arpRequest([vlan(100, 5, 1)]));
    expect(b.length).toBe(60); // 14 + 4 + 28 = 46, padded to the minimum
    expect(toHex(b.subarray(12, 18))).toBe('81 00 b0 64 08 06');
  });

  it('double tag: 802.1ad S-tag outside, 802.1Q C-tag inside', () => {
    const b = encodeFrame(arpRequest([svlan(200, 3), vlan(100)]));
    expect(b.length).toBe(60);
    expect(toHex(b.subarray(12, 22))).toBe('88 a8 60 c8 81 00 00 64 08 06');
  });

  it('STP configuration BPDU: 802.3 length, LLC, IEEE 802.1D 9.3.1 fields', () => {
    expect(toHex(encodeFrame(stpFrame()))).toBe(toHex(hexBytes(
      '01 80 c2 00 00 00 aa bb cc dd ee 02 00 26 42 42 03'
      + ' 00 00 00 00 00' // protocol id, version, type, flags
      + ' 80 00 aa bb cc dd ee 01 00 00 00 04 80 00 aa bb cc dd ee 02 80 01' // root, cost, bridge, port
      + ' 01 00 14 00 02 00 0f 00' // message age 1 s, max age 20 s, hello 2 s, forward delay 15 s
      + zeros(8),
    )));
  });

  it('STP topology change notification BPDU is 4 bytes', () => {
    expect(toHex(encodeFrame(stpFrame(tcnBpdu())))).toBe(toHex(hexBytes(
      '01 80 c2 00 00 00 aa bb cc dd ee 02 00 07 42 42 03 00 00 00 80' + zeros(39),
    )));
  });

  it('raw payload: EtherType then zero bytes', () => {
    const b = encodeFrame(frame(MAC2, MAC1, { kind: 'raw', etherType: 0x86dd, dataLength: 100 }));
    expect(b.length).toBe(114);
    expect(toHex(b.subarray(12, 14))).toBe('86 dd');
    expect(b.subarray(14).every((x) => x === 0)).toBe(true);
  });

  it('ICMP error quotes the IPv4 header and first 8 bytes exactly as the original carried them', () => {
    const original = encodeFrame(udpFrame(1000));
    const b = encodeFrame(portUnreachable());
    expect(b.length).toBe(14 + 20 + 8 + 28);
    expect(toHex(b.subarray(34, 36))).toBe('03 03'); // destination unreachable, port
    expect(toHex(b.subarray(38, 42))).toBe('00 00 00 00'); // unused
    expect(toHex(b.subarray(42, 62))).toBe(toHex(original.subarray(14, 34))); // quoted IPv4 header
    expect(toHex(b.subarray(62, 70))).toBe(toHex(original.subarray(34, 42))); // quoted UDP header
    expect(internetChecksum(b, 34, 70)).toBe(0);
  });

  it('quoted ICMP echo carries the checksum of the whole original message', () => {
    const b = encodeFrame(timeExceeded(echo(ICMP_ECHO_REQUEST, 9, 4, 56)));
    const original = encodeFrame(frame(MAC2, MAC1, ipv4(IP1, ip('192.0.2.9'), echo(ICMP_ECHO_REQUEST, 9, 4, 56), 1, 55)));
    expect(toHex(b.subarray(42, 70))).toBe(toHex(original.subarray(14, 42)));
  });

  it('length equals f.length: pads to a larger length, rejects a shorter one', () => {
    const f = arpRequest();
    expect(encodeFrame({ ...f, length: 100 }).length).toBe(100);
    expect(() => encodeFrame({ ...f, length: 41 })).toThrow(/shorter than its content \(42 bytes\)/);
  });

  it('encodeFrameInto writes at an offset and zeroes the padding of a dirty buffer', () => {
    const out = new Uint8Array(70).fill(0xee);
    expect(encodeFrameInto(arpRequest(), out, 5)).toBe(65);
    expect(toHex(out.subarray(5, 65))).toBe(toHex(encodeFrame(arpRequest())));
    expect(out[4]).toBe(0xee);
    expect(out[65]).toBe(0xee);
    expect(() => encodeFrameInto(arpRequest(), out, 20)).toThrow(RangeError);
  });
});
