/** IPv4 headers (RFC 791 3.1): bytes, the checks parsing makes, the raw-protocol description. */
import { describe, expect, it } from 'vitest';
import { internetChecksum } from '../../src/wire/checksum.js';
import { describeFrame, encodeFrame } from '../../src/wire/ethernet.js';
import { ICMP_ECHO_REQUEST } from '../../src/wire/icmp.js';
import { IP1, IP2, MAC1, MAC2, echo, errorOf, frame, ip, ipv4, parsed, toHex, udp } from './fixtures.js';

/** GRE (protocol 47) from 10.0.0.1 to 10.9.9.9, 8 data bytes the model does not carry. */
const RAW_IP_BYTES = '52 54 00 00 00 02 52 54 00 00 00 01 08 00'
  + ' 45 00 00 1c 00 00 40 00 40 2f 1d a1 0a 00 00 01 0a 09 09 09'
  + ' 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00';

/** Recomputes the IPv4 header checksum of an untagged frame after a test edited the header. */
function fixIpv4Checksum(b: Uint8Array): Uint8Array {
  b[24] = 0; b[25] = 0;
  const c = internetChecksum(b, 14, 34);
  b[24] = c >> 8; b[25] = c & 0xff;
  return b;
}

const smallEcho = () => encodeFrame(frame(MAC2, MAC1, ipv4(IP1, IP2, echo(ICMP_ECHO_REQUEST, 1, 1, 0))));

describe('IPv4 emit', () => {
  it("IPv4 header of Wikipedia's checksum example (DF, TTL 64, UDP, total length 115)", () => {
    const f = frame(MAC2, MAC1, ipv4(ip('192.168.0.1'), ip('192.168.0.199'), udp(1, 2, 115 - 28)));
    expect(toHex(encodeFrame(f).subarray(14, 34)))
      .toBe('45 00 00 73 00 00 40 00 40 11 b8 61 c0 a8 00 01 c0 a8 00 c7');
  });
});

describe('IPv4 parse', () => {
  it('reads a datagram of another protocol as raw bytes', () => {
    expect(parsed(RAW_IP_BYTES))
      .toEqual(frame(MAC2, MAC1, ipv4(IP1, ip('10.9.9.9'), { kind: 'raw-ip', protocol: 47, dataLength: 8 })));
  });

  it('IPv4 header checksum', () => {
    const b = smallEcho();
    b[24] = 0x00; // 0x26df -> 0x00df
    expect(errorOf(b)).toBe('IPv4 header checksum 0x00df != 0x26df');
  });

  it('IPv4 version, options, fragments, total length', () => {
    let b = smallEcho(); b[14] = 0x65;
    expect(errorOf(b)).toBe('IPv4 version 6 != 4');
    b = smallEcho(); b[14] = 0x46;
    expect(errorOf(b)).toBe('IPv4 header length 24 bytes: options are not supported');
    b = smallEcho(); b[20] = b[20]! | 0x20;
    expect(errorOf(b)).toBe('IPv4 fragment (MF or fragment offset set) is not supported');
    b = smallEcho(); b[16] = 0x05; b[17] = 0x00;
    expect(errorOf(fixIpv4Checksum(b))).toBe('IPv4 total length 1280 exceeds the 46 bytes that follow');
  });
});

describe('IPv4 describe', () => {
  it('another protocol shows its number and length', () => {
    expect(describeFrame(frame(MAC2, MAC1, ipv4(IP1, ip('10.9.9.9'), { kind: 'raw-ip', protocol: 47, dataLength: 80 }))))
      .toBe('52:54:00:00:00:01 > 52:54:00:00:00:02 IPv4 10.0.0.1 > 10.9.9.9 proto 47 len 80');
  });
});
