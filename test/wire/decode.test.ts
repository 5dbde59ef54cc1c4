import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeFrame } from '../../src/wire/decode.js';
import { encodeFrame } from '../../src/wire/encode.js';
import { internetChecksum } from '../../src/wire/checksum.js';
import {
  ICMP_DEST_UNREACHABLE, ICMP_ECHO_REQUEST, makeFrame,
  type EthernetFrame, type EthernetPayload, type IcmpMessage, type IpPayload, type Ipv4Packet, type StpBpdu,
  type VlanTag,
} from '../../src/wire/frame.js';
import {
  IP1, IP2, MAC1, MAC2, arpReply, arpRequest, configBpdu, echo, echoReply, echoRequest, frame, ipv4,
  portUnreachable, stpFrame, svlan, tcnBpdu, tcpFrame, tcpSyn, timeExceeded, udp, udpFrame, vlan,
} from './fixtures.js';

function roundTrip(f: EthernetFrame, uid = 0): EthernetFrame {
  const r = decodeFrame(encodeFrame(f), uid);
  if (!r.ok) throw new Error(r.error);
  return r.frame;
}

function errorOf(bytes: Uint8Array): string {
  const r = decodeFrame(bytes);
  return r.ok ? 'decoded without error' : r.error;
}

/** Recomputes the IPv4 header checksum of an untagged frame after a test edited the header. */
function fixIpv4Checksum(b: Uint8Array): Uint8Array {
  b[24] = 0; b[25] = 0;
  const c = internetChecksum(b, 14, 34);
  b[24] = c >> 8; b[25] = c & 0xff;
  return b;
}

describe('decodeFrame: round trips', () => {
  const cases: [string, EthernetFrame][] = [
    ['ARP request', arpRequest()],
    ['ARP reply', arpReply()],
    ['ICMP echo request', echoRequest(3, 56)],
    ['ICMP echo reply, odd data length', echoReply(4, 7)],
    ['ICMP echo without data', echoRequest(1, 0)],
    ['UDP', udpFrame(1000)],
    ['UDP, odd data length, no data', udpFrame(0)],
    ['TCP with data', tcpFrame()],
    ['TCP SYN', tcpSyn()],
    ['raw IP (GRE)', frame(MAC2, MAC1, ipv4(IP1, IP2, { kind: 'raw-ip', protocol: 47, dataLength: 100 }))],
    ['ICMP port unreachable quoting UDP', portUnreachable()],
    ['ICMP time exceeded quoting an echo request', timeExceeded(echo(ICMP_ECHO_REQUEST, 9, 4, 56))],
    ['ICMP time exceeded quoting a UDP probe', timeExceeded(udp(33434, 33435, 32))],
    ['ICMP time exceeded quoting TCP (ports and seq)', timeExceeded({
      kind: 'tcp', srcPort: 1, dstPort: 2, seq: 99, ack: 0, flags: 0, window: 0, dataLength: 10,
    })],
    ['ICMP unreachable quoting raw IP', timeExceeded({ kind: 'raw-ip', protocol: 132, dataLength: 3 })],
    ['fragmentation needed with next-hop MTU', frame(MAC1, MAC2, ipv4(IP2, IP1, {
      kind: 'icmp', type: ICMP_DEST_UNREACHABLE, code: 4, id: 0, seq: 1400, dataLength: 0,
      quoted: ipv4(IP1, IP2, udp(1, 2, 1472)),
    }))],
    ['802.1Q tagged ARP', arpRequest([vlan(100, 5, 1)])],
    ['double-tagged (802.1ad + 802.1Q) ICMP', echoRequest(2, 56, [svlan(200, 3), vlan(100)])],
    ['double-tagged UDP', udpFrame(1400, [svlan(4094, 7, 1), vlan(1)])],
    ['STP configuration BPDU', stpFrame(configBpdu(0x81))],
    ['STP TCN BPDU', stpFrame(tcnBpdu())],
    ['tagged BPDU', frame(MAC1, MAC2, configBpdu(), [vlan(10)])],
    ['raw EtherType (IPv6), longer than the minimum', frame(MAC2, MAC1, { kind: 'raw', etherType: 0x86dd, dataLength: 100 })],
    ['raw 802.3 length frame', frame(MAC2, MAC1, { kind: 'raw', etherType: 46, dataLength: 46 })],
  ];
  for (const [name, f] of cases) {
    it(name, () => {
      expect(roundTrip(f)).toEqual(f);
      expect(encodeFrame(roundTrip(f))).toEqual(encodeFrame(f));
    });
  }

  it('uid and origin come from the parameter', () => {
    const f = roundTrip(arpRequest(), 42);
    expect(f.uid).toBe(42);
    expect(f.origin).toBe(42);
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
    expect(roundTrip(f).payload).toEqual({ kind: 'raw', etherType: 0x88cc, dataLength: 46 });
  });

  it('property: decode(encode(f)) equals f for every representable frame', () => {
    fc.assert(fc.property(arbFrame, (f) => {
      expect(roundTrip(f)).toEqual(f);
    }), { numRuns: 500 });
  });
});

describe('decodeFrame: errors say what is wrong', () => {
  const smallEcho = () => encodeFrame(frame(MAC2, MAC1, ipv4(IP1, IP2, echo(ICMP_ECHO_REQUEST, 1, 1, 0))));
  const smallUdp = () => encodeFrame(frame(MAC2, MAC1, ipv4(IP1, IP2, udp(1, 2, 0))));

  it('too short', () => {
    expect(errorOf(new Uint8Array(42))).toBe('frame is 42 bytes, shorter than the 60-byte minimum');
  });

  it('IPv4 header checksum', () => {
    const b = smallEcho();
    b[24] = 0x00; // 0x26df -> 0x00df
    expect(errorOf(b)).toBe('IPv4 header checksum 0x00df != 0x26df');
  });

  it('ICMP checksum', () => {
    const b = smallEcho();
    b[36] = 0x00; // 0xf7fd -> 0x00fd
    expect(errorOf(b)).toBe('ICMP checksum 0x00fd != 0xf7fd');
  });

  it('UDP checksum; zero means none', () => {
    const b = smallUdp();
    b[40] = 0x00;
    expect(errorOf(b)).toBe('UDP checksum 0x00d8 != 0xebd8');
    b[41] = 0x00;
    expect(decodeFrame(b).ok).toBe(true);
  });

  it('TCP checksum', () => {
    const b = encodeFrame(tcpSyn());
    b[50] ^= 0xff;
    expect(errorOf(b)).toMatch(/^TCP checksum 0x[0-9a-f]{4} != 0x[0-9a-f]{4}$/);
  });

  it('IPv4 version, options, fragments, total length', () => {
    let b = smallEcho(); b[14] = 0x65;
    expect(errorOf(b)).toBe('IPv4 version 6 != 4');
    b = smallEcho(); b[14] = 0x46;
    expect(errorOf(b)).toBe('IPv4 header length 24 bytes: options are not supported');
    b = smallEcho(); b[20] |= 0x20;
    expect(errorOf(b)).toBe('IPv4 fragment (MF or fragment offset set) is not supported');
    b = smallEcho(); b[16] = 0x05; b[17] = 0x00;
    expect(errorOf(fixIpv4Checksum(b))).toBe('IPv4 total length 1280 exceeds the 46 bytes that follow');
  });

  it('UDP length disagreeing with IPv4', () => {
    const b = smallUdp();
    b[39] = 9;
    expect(errorOf(b)).toBe('UDP length 9 != 8 (IPv4 payload length)');
  });

  it('TCP options', () => {
    const b = encodeFrame(tcpSyn());
    b[46] = 0x60;
    expect(errorOf(b)).toBe('TCP header length 24 bytes: options are not supported');
  });

  it('ARP fields', () => {
    let b = encodeFrame(arpRequest()); b[21] = 3;
    expect(errorOf(b)).toBe('ARP opcode 3 is neither request (1) nor reply (2)');
    b = encodeFrame(arpRequest()); b[15] = 6;
    expect(errorOf(b)).toBe('ARP hardware type 6 is not Ethernet (1)');
  });

  it('BPDUs other than 802.1D', () => {
    const b = encodeFrame(stpFrame());
    b[20] = 0x02; // RST BPDU
    expect(errorOf(b)).toBe('BPDU type 0x02 is not supported (only 802.1D configuration 0x00 and TCN 0x80)');
    const c = encodeFrame(stpFrame());
    c[17] = 0x01;
    expect(errorOf(c)).toBe('BPDU protocol identifier 0x0100 != 0x0000');
    const d = encodeFrame(stpFrame());
    d[13] = 20; // 802.3 length 20 < 3 + 35
    expect(errorOf(d)).toBe('truncated configuration BPDU: needs 35 bytes, 17 left');
  });

  it('bytes beyond the content', () => {
    expect(errorOf(encodeFrame({ ...arpRequest(), length: 100 })))
      .toBe('58 bytes follow the ARP packet (frame is 100 bytes, content 42)');
    const u = encodeFrame(udpFrame(1000));
    const longer = new Uint8Array(u.length + 10);
    longer.set(u);
    expect(errorOf(longer)).toBe('10 bytes follow the IPv4 packet (frame is 1052 bytes, content 1042)');
  });

  it('a frame of nothing but tags', () => {
    const b = new Uint8Array(60);
    for (let o = 12; o < 60; o += 4) { b[o] = 0x81; b[o + 1] = 0x00; }
    expect(errorOf(b)).toBe('truncated 0x8100 tag: needs 6 bytes, 4 left');
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
    b[52] ^= 0x01; // quoted header checksum; then make the ICMP checksum right again
    b[36] = 0; b[37] = 0;
    const k = internetChecksum(b, 34, b.length);
    b[36] = k >> 8; b[37] = k & 0xff;
    expect(errorOf(b)).toMatch(/^quoted IPv4 header checksum 0x[0-9a-f]{4} != 0x[0-9a-f]{4}$/);

    const nested: IcmpMessage = {
      kind: 'icmp', type: ICMP_DEST_UNREACHABLE, code: 1, id: 0, seq: 0, dataLength: 0, quoted: ipv4(IP1, IP2, udp(1, 2, 3)),
    };
    expect(errorOf(encodeFrame(timeExceeded(nested))))
      .toBe('ICMP error quoting an ICMP error (type 3) is not supported (RFC 1122 3.2.2)');
  });
});

// ---- arbitraries for the round-trip property ----

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const arbMac = fc.integer({ min: 0, max: 2 ** 48 - 1 });
const arbIp = u32;
const arbData = fc.integer({ min: 0, max: 1400 });

const arbTag: fc.Arbitrary<VlanTag> = fc.record({
  tpid: fc.constantFrom(0x8100, 0x88a8),
  pcp: fc.integer({ min: 0, max: 7 }),
  dei: fc.integer({ min: 0, max: 1 }),
  vid: fc.integer({ min: 0, max: 4095 }),
});

const ERROR_TYPES = [3, 4, 5, 11, 12];
const arbEchoLike = fc.record({
  kind: fc.constant('icmp' as const),
  type: u8.filter((t) => !ERROR_TYPES.includes(t)),
  code: u8, id: u16, seq: u16, dataLength: arbData, quoted: fc.constant(null),
});
const arbUdp = fc.record({ kind: fc.constant('udp' as const), srcPort: u16, dstPort: u16, dataLength: arbData });
const arbTcp = fc.record({
  kind: fc.constant('tcp' as const), srcPort: u16, dstPort: u16, seq: u32, ack: u32,
  flags: fc.integer({ min: 0, max: 0x1ff }), window: u16, dataLength: arbData,
});
const arbRawIp = fc.record({
  kind: fc.constant('raw-ip' as const), protocol: u8.filter((p) => p !== 1 && p !== 6 && p !== 17), dataLength: arbData,
});
const arbIpv4 = (payload: fc.Arbitrary<IpPayload>): fc.Arbitrary<Ipv4Packet> => fc.record({
  kind: fc.constant('ipv4' as const), src: arbIp, dst: arbIp, ttl: u8, id: u16,
  dscp: fc.integer({ min: 0, max: 63 }), payload,
});
/** What a quote can carry: 8 bytes hold a TCP segment's ports and seq only. */
const arbQuotedPayload: fc.Arbitrary<IpPayload> = fc.oneof(
  arbEchoLike, arbUdp, arbRawIp, arbTcp.map((t) => ({ ...t, ack: 0, flags: 0, window: 0 })),
);
const arbIcmpError: fc.Arbitrary<IcmpMessage> = fc.record({
  kind: fc.constant('icmp' as const), type: fc.constantFrom(...ERROR_TYPES), code: u8, id: u16, seq: u16,
  dataLength: fc.constant(0), quoted: arbIpv4(arbQuotedPayload),
});
const arbBridgeId = fc.record({ priority: u16, mac: arbMac });
const arbConfigBpdu: fc.Arbitrary<StpBpdu> = fc.record({
  kind: fc.constant('stp' as const), bpduType: fc.constant(0x00 as const), flags: u8,
  rootId: arbBridgeId, rootPathCost: u32, bridgeId: arbBridgeId, portId: u16,
  messageAge: u16, maxAge: u16, helloTime: u16, forwardDelay: u16,
});
const arbRaw = fc.oneof(
  fc.record({
    kind: fc.constant('raw' as const),
    etherType: fc.integer({ min: 0x0600, max: 0xffff }).filter((t) => ![0x0800, 0x0806, 0x8100, 0x88a8].includes(t)),
    dataLength: fc.integer({ min: 46, max: 1500 }),
  }),
  fc.integer({ min: 46, max: 1500 }).chain((dataLength) => fc.record({
    kind: fc.constant('raw' as const), etherType: fc.integer({ min: 0, max: Math.min(dataLength, 0x5ff) }),
    dataLength: fc.constant(dataLength),
  })),
);
const arbPayload: fc.Arbitrary<EthernetPayload> = fc.oneof(
  fc.record({
    kind: fc.constant('arp' as const), op: fc.constantFrom(1 as const, 2 as const),
    senderMac: arbMac, senderIp: arbIp, targetMac: arbMac, targetIp: arbIp,
  }),
  arbIpv4(fc.oneof(arbEchoLike, arbIcmpError, arbUdp, arbTcp, arbRawIp)),
  arbConfigBpdu,
  fc.constant(tcnBpdu()),
  arbRaw,
);
const arbFrame: fc.Arbitrary<EthernetFrame> = fc
  .tuple(arbMac, arbMac, fc.array(arbTag, { maxLength: 3 }), arbPayload)
  .map(([dst, src, tags, payload]) => makeFrame(0, 0, dst, src, tags, payload));

