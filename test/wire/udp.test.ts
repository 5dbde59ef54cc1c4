/** UDP (RFC 768): bytes and pseudo-header checksum, the checks parsing makes, the description. */
import { describe, expect, it } from 'vitest';
import { internetChecksum, pseudoHeaderSum } from '../../src/wire/checksum.js';
import { decodeFrame, describeFrame, encodeFrame } from '../../src/wire/ethernet.js';
import { IP_PROTO_UDP } from '../../src/wire/udp.js';
import { IP1, IP2, MAC1, MAC2, errorOf, frame, ipv4, parsed, toHex, udp, udpFrame } from './fixtures.js';

// Pseudo-header 0a00+0001+0a00+0002+0011+0008 = 0x141c; header 0001+0002+0008 = 0x000b -> ~0x1427 = 0xebd8.
const UDP_BYTES = '52 54 00 00 00 02 52 54 00 00 00 01 08 00'
  + ' 45 b8 00 1c 00 00 40 00 40 11 26 17 0a 00 00 01 0a 00 00 02' // DSCP 46 (EF)
  + ' 00 01 00 02 00 08 eb d8'
  + ' 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00';

const smallUdp = () => encodeFrame(frame(MAC2, MAC1, ipv4(IP1, IP2, udp(1, 2, 0))));

describe('UDP emit', () => {
  it('UDP header with a checksum worked by hand, and DSCP in the TOS byte', () => {
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
});

describe('UDP parse', () => {
  it('reads a datagram from its bytes', () => {
    expect(parsed(UDP_BYTES)).toEqual(frame(MAC2, MAC1, ipv4(IP1, IP2, udp(1, 2, 0), 64, 0, 46)));
  });

  it('UDP checksum; zero means none', () => {
    const b = smallUdp();
    b[40] = 0x00;
    expect(errorOf(b)).toBe('UDP checksum 0x00d8 != 0xebd8');
    b[41] = 0x00;
    expect(decodeFrame(b).ok).toBe(true);
  });

  it('UDP length disagreeing with IPv4', () => {
    const b = smallUdp();
    b[39] = 9;
    expect(errorOf(b)).toBe('UDP length 9 != 8 (IPv4 payload length)');
  });
});

describe('UDP describe', () => {
  it('UDP shows address:port pairs', () => {
    expect(describeFrame(udpFrame(1000)))
      .toBe('52:54:00:00:00:01 > 52:54:00:00:00:02 UDP 10.0.0.1:40000 > 10.0.0.2:5001 len 1000');
  });
});
