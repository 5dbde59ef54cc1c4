/** TCP (RFC 9293 3.1) headers without options: bytes, the checks parsing makes, the description. */
import { describe, expect, it } from 'vitest';
import { internetChecksum, pseudoHeaderSum } from '../../src/wire/checksum.js';
import { describeFrame, encodeFrame } from '../../src/wire/ethernet.js';
import { IP_PROTO_TCP, TCP_ACK, TCP_FIN, TCP_SYN } from '../../src/wire/tcp.js';
import { IP1, IP2, MAC1, MAC2, errorOf, frame, ipv4, parsed, tcpFrame, tcpSyn, toHex } from './fixtures.js';

// Pseudo-header 0x141d (length 20, protocol 6); header 03e8+0050+5002 = 0x543a -> ~0x6857 = 0x97a8.
const SYN_BYTES = '52 54 00 00 00 02 52 54 00 00 00 01 08 00'
  + ' 45 00 00 28 00 00 40 00 40 06 26 ce 0a 00 00 01 0a 00 00 02'
  + ' 03 e8 00 50 00 00 00 00 00 00 00 00 50 02 00 00 97 a8 00 00'
  + ' 00 00 00 00 00 00';
const syn = () => frame(MAC2, MAC1, ipv4(IP1, IP2, {
  kind: 'tcp', srcPort: 1000, dstPort: 80, seq: 0, ack: 0, flags: TCP_SYN, window: 0, dataLength: 0,
}));

describe('TCP emit', () => {
  it('TCP SYN header with a checksum worked by hand', () => {
    expect(toHex(encodeFrame(syn()).subarray(34, 54)))
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
});

describe('TCP parse', () => {
  it('reads a SYN from its bytes', () => {
    expect(parsed(SYN_BYTES)).toEqual(syn());
  });

  it('TCP checksum', () => {
    const b = encodeFrame(tcpSyn());
    b[50] = b[50]! ^ 0xff;
    expect(errorOf(b)).toMatch(/^TCP checksum 0x[0-9a-f]{4} != 0x[0-9a-f]{4}$/);
  });

  it('TCP options', () => {
    const b = encodeFrame(tcpSyn());
    b[46] = 0x60;
    expect(errorOf(b)).toBe('TCP header length 24 bytes: options are not supported');
  });
});

describe('TCP describe', () => {
  it('TCP shows address:port pairs and tcpdump flags', () => {
    expect(describeFrame(tcpSyn()))
      .toBe('52:54:00:00:00:01 > 52:54:00:00:00:02 TCP 10.0.0.1:43210 > 10.0.0.2:80 [S] seq 3735928559 win 64240 len 0');
    expect(describeFrame(tcpFrame(TCP_SYN | TCP_ACK, 0))).toContain('[S.] seq 3735928559 ack 12345 win 64240 len 0');
    expect(describeFrame(tcpFrame(TCP_FIN | TCP_ACK, 0))).toContain('[F.]');
    expect(describeFrame(tcpFrame(0, 0))).toContain('[none]');
  });
});
