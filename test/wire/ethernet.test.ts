/**
 * Ethernet II frames and the whole-frame entry points: lengths and padding, raw payloads, writing
 * into a pcap buffer, what a frame's bytes may and may not hold, the protocol class.
 */
import { describe, expect, it } from 'vitest';
import { decodeFrame, describeFrame, encodeFrame, encodeFrameInto, protocolOf } from '../../src/wire/ethernet.js';
import {
  IP1, IP2, MAC1, MAC2, arpRequest, echoRequest, errorOf, frame, ipv4, parsed, portUnreachable, stpFrame, tcpFrame,
  toHex, udpFrame,
} from './fixtures.js';

/** An IPv6 EtherType with 46 bytes the model does not read. */
const RAW_BYTES = '52 54 00 00 00 02 52 54 00 00 00 01 86 dd' + ' 00'.repeat(46);

describe('Ethernet emit', () => {
  it('raw payload: EtherType then zero bytes', () => {
    const b = encodeFrame(frame(MAC2, MAC1, { kind: 'raw', etherType: 0x86dd, dataLength: 100 }));
    expect(b.length).toBe(114);
    expect(toHex(b.subarray(12, 14))).toBe('86 dd');
    expect(b.subarray(14).every((x) => x === 0)).toBe(true);
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

describe('Ethernet parse', () => {
  it('reads an unmodelled EtherType as a raw payload, padding included', () => {
    expect(parsed(RAW_BYTES)).toEqual(frame(MAC2, MAC1, { kind: 'raw', etherType: 0x86dd, dataLength: 46 }));
  });

  it('uid and origin come from the parameter', () => {
    const r = decodeFrame(encodeFrame(arpRequest()), 42);
    if (!r.ok) throw new Error(r.error);
    expect(r.frame.uid).toBe(42);
    expect(r.frame.origin).toBe(42);
  });

  it('decodes from a view into a larger buffer (a pcap record)', () => {
    const bytes = encodeFrame(udpFrame(100));
    const big = new Uint8Array(bytes.length + 20);
    big.set(bytes, 13);
    const r = decodeFrame(big.subarray(13, 13 + bytes.length));
    expect(r).toEqual({ ok: true, frame: udpFrame(100) });
  });

  it('a raw payload shorter than the minimum reads back with its padding', () => {
    const f = frame(MAC2, MAC1, { kind: 'raw', etherType: 0x88cc, dataLength: 10 });
    const r = decodeFrame(encodeFrame(f));
    if (!r.ok) throw new Error(r.error);
    expect(r.frame.payload).toEqual({ kind: 'raw', etherType: 0x88cc, dataLength: 46 });
  });

  it('too short', () => {
    expect(errorOf(new Uint8Array(42))).toBe('frame is 42 bytes, shorter than the 60-byte minimum');
  });

  it('bytes beyond the content', () => {
    expect(errorOf(encodeFrame({ ...arpRequest(), length: 100 })))
      .toBe('58 bytes follow the ARP packet (frame is 100 bytes, content 42)');
    const u = encodeFrame(udpFrame(1000));
    const longer = new Uint8Array(u.length + 10);
    longer.set(u);
    expect(errorOf(longer)).toBe('10 bytes follow the IPv4 packet (frame is 1052 bytes, content 1042)');
  });
});

describe('Ethernet describe', () => {
  it('other payloads', () => {
    expect(describeFrame(frame(MAC2, MAC1, { kind: 'raw', etherType: 0x86dd, dataLength: 100 })))
      .toBe('52:54:00:00:00:01 > 52:54:00:00:00:02 ethertype 0x86dd (IPv6) len 100');
    expect(describeFrame(frame(MAC2, MAC1, { kind: 'raw', etherType: 46, dataLength: 46 })))
      .toBe('52:54:00:00:00:01 > 52:54:00:00:00:02 802.3 length 46');
  });
});

describe('protocolOf', () => {
  it('classifies every payload kind', () => {
    expect(protocolOf(arpRequest())).toBe('arp');
    expect(protocolOf(echoRequest())).toBe('icmp');
    expect(protocolOf(portUnreachable())).toBe('icmp');
    expect(protocolOf(udpFrame())).toBe('udp');
    expect(protocolOf(tcpFrame())).toBe('tcp');
    expect(protocolOf(stpFrame())).toBe('stp');
    expect(protocolOf(frame(MAC2, MAC1, ipv4(IP1, IP2, { kind: 'raw-ip', protocol: 47, dataLength: 8 })))).toBe('ipv4');
    expect(protocolOf(frame(MAC2, MAC1, { kind: 'raw', etherType: 0x86dd, dataLength: 46 }))).toBe('other');
  });
});
