/** ICMP (RFC 792): echo messages, errors and the datagram they quote; bytes, parsing, description. */
import { describe, expect, it } from 'vitest';
import { internetChecksum } from '../../src/wire/checksum.js';
import { describeFrame, encodeFrame } from '../../src/wire/ethernet.js';
import { ICMP_DEST_UNREACHABLE, ICMP_ECHO_REQUEST } from '../../src/wire/icmp.js';
import type { Icmpv4Message } from '../../src/wire/ipv4.js';
import {
  IP1, IP2, MAC1, MAC2, echo, echoReply, echoRequest, errorOf, frame, hexBytes, ip, ipv4, parsed, portUnreachable,
  timeExceeded, toHex, udp, udpFrame, zeros,
} from './fixtures.js';

// IPv4 header words 4500+001c+0000+4000+4001+0000+0a00+0001+0a00+0002 = 0xd920 -> checksum 0x26df.
// ICMP 0800+0001+0001 = 0x0802 -> checksum 0xf7fd.
const ECHO_REQUEST_BYTES = '52 54 00 00 00 02 52 54 00 00 00 01 08 00'
  + ' 45 00 00 1c 00 00 40 00 40 01 26 df 0a 00 00 01 0a 00 00 02'
  + ' 08 00 f7 fd 00 01 00 01' + zeros(18);

/** A port unreachable from 10.0.0.2 quoting a 1000-byte UDP datagram 10.0.0.1:40000 > 10.0.0.2:5001. */
const PORT_UNREACHABLE_BYTES = '52 54 00 00 00 01 52 54 00 00 00 02 08 00'
  + ' 45 00 00 38 00 63 40 00 40 01 26 60 0a 00 00 02 0a 00 00 01'
  + ' 03 03 a6 84 00 00 00 00'
  + ' 45 b8 04 04 00 07 40 00 40 11 22 28 0a 00 00 01 0a 00 00 02' // quoted IPv4 header
  + ' 9c 40 13 89 03 f0 a2 be'; // quoted UDP header

describe('ICMP emit', () => {
  it('ICMP echo request with checksums worked by hand', () => {
    const f = frame(MAC2, MAC1, ipv4(IP1, IP2, echo(ICMP_ECHO_REQUEST, 1, 1, 0)));
    expect(toHex(encodeFrame(f))).toBe(toHex(hexBytes(ECHO_REQUEST_BYTES)));
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
});

describe('ICMP parse', () => {
  it('reads an echo request and an error with its quote from their bytes', () => {
    expect(parsed(ECHO_REQUEST_BYTES)).toEqual(frame(MAC2, MAC1, ipv4(IP1, IP2, echo(ICMP_ECHO_REQUEST, 1, 1, 0))));
    expect(parsed(PORT_UNREACHABLE_BYTES)).toEqual(portUnreachable());
  });

  it('ICMP checksum', () => {
    const b = encodeFrame(frame(MAC2, MAC1, ipv4(IP1, IP2, echo(ICMP_ECHO_REQUEST, 1, 1, 0))));
    b[36] = 0x00; // 0xf7fd -> 0x00fd
    expect(errorOf(b)).toBe('ICMP checksum 0x00fd != 0xf7fd');
  });

  it('ICMP error with a quote of the wrong size', () => {
    const b = encodeFrame(echoRequest(1, 56));
    b[34] = 3; // echo request -> destination unreachable
    b[36] = 0; b[37] = 0;
    const c = internetChecksum(b, 34, b.length);
    b[36] = c >> 8; b[37] = c & 0xff;
    expect(errorOf(b)).toBe('ICMP type 3 quotes 56 bytes; expected an IPv4 header and 8 bytes (28)');
  });

  it('quoted IPv4 header checksum and ICMP errors about ICMP errors', () => {
    const b = encodeFrame(portUnreachable());
    b[52] = b[52]! ^ 0x01; // quoted header checksum; then make the ICMP checksum right again
    b[36] = 0; b[37] = 0;
    const k = internetChecksum(b, 34, b.length);
    b[36] = k >> 8; b[37] = k & 0xff;
    expect(errorOf(b)).toMatch(/^quoted IPv4 header checksum 0x[0-9a-f]{4} != 0x[0-9a-f]{4}$/);

    const nested: Icmpv4Message = {
      kind: 'icmp', type: ICMP_DEST_UNREACHABLE, code: 1, id: 0, seq: 0, dataLength: 0, quoted: ipv4(IP1, IP2, udp(1, 2, 3)),
    };
    expect(errorOf(encodeFrame(timeExceeded(nested))))
      .toBe('ICMP error quoting an ICMP error (type 3) is not supported (RFC 1122 3.2.2)');
  });
});

describe('ICMP describe', () => {
  it('ICMP echo: len is the ICMP message length, as ping and tcpdump count it', () => {
    expect(describeFrame(echoRequest(3, 56)))
      .toBe('52:54:00:00:00:01 > 52:54:00:00:00:02 IPv4 10.0.0.1 > 10.0.0.2 ICMP echo request id 1 seq 3 len 64');
    expect(describeFrame(echoReply(3, 56)))
      .toBe('52:54:00:00:00:02 > 52:54:00:00:00:01 IPv4 10.0.0.2 > 10.0.0.1 ICMP echo reply id 1 seq 3 len 64');
  });

  it('ICMP errors name what they quote', () => {
    expect(describeFrame(portUnreachable())).toBe('52:54:00:00:00:02 > 52:54:00:00:00:01 IPv4 10.0.0.2 > 10.0.0.1'
      + ' ICMP port unreachable for UDP 10.0.0.1:40000 > 10.0.0.2:5001 len 1000');
    expect(describeFrame(timeExceeded(echo(ICMP_ECHO_REQUEST, 9, 4, 56)))).toBe(
      '52:54:00:00:00:02 > 52:54:00:00:00:01 IPv4 10.0.0.254 > 10.0.0.1 ICMP time exceeded in-transit'
      + ' for IPv4 10.0.0.1 > 192.0.2.9 ICMP echo request id 9 seq 4 len 64');
    const fragNeeded = frame(MAC1, MAC2, ipv4(IP2, IP1, {
      kind: 'icmp', type: 3, code: 4, id: 0, seq: 1400, dataLength: 0, quoted: ipv4(IP1, IP2, udp(1, 2, 1472)),
    }));
    expect(describeFrame(fragNeeded)).toContain('ICMP fragmentation needed (mtu 1400) for UDP 10.0.0.1:1 > 10.0.0.2:2 len 1472');
  });
});
