/**
 * decode(encode(f)) equals f, for every protocol and combination the model can represent: a list
 * of named frames, then a property over random frames.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { StpBpdu } from '../../src/wire/bpdu.js';
import { decodeFrame, encodeFrame, makeFrame, type EthernetFrame, type EthernetPayload } from '../../src/wire/ethernet.js';
import { ICMP_DEST_UNREACHABLE, ICMP_ECHO_REQUEST } from '../../src/wire/icmp.js';
import type { Icmpv4Message } from '../../src/wire/ipv4.js';
import type { VlanTag } from '../../src/wire/ieee8021q.js';
import type { IpPayload, Ipv4Packet } from '../../src/wire/ipv4.js';
import {
  IP1, IP2, MAC1, MAC2, arpReply, arpRequest, configBpdu, echo, echoReply, echoRequest, frame, ipv4,
  portUnreachable, stpFrame, svlan, tcnBpdu, tcpFrame, tcpSyn, timeExceeded, udp, udpFrame, vlan,
} from './fixtures.js';

function roundTrip(f: EthernetFrame, uid = 0): EthernetFrame {
  const r = decodeFrame(encodeFrame(f), uid);
  if (!r.ok) throw new Error(r.error);
  return r.frame;
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

  it('property: decode(encode(f)) equals f for every representable frame', () => {
    fc.assert(fc.property(arbFrame, (f) => {
      expect(roundTrip(f)).toEqual(f);
    }), { numRuns: 500 });
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
const arbUdp = fc.record({ kind: fc.constant('udp' as const), srcPort: u16, dstPort: u16, dataLength: arbData, probe: fc.constant(null) });
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
const arbIcmpError: fc.Arbitrary<Icmpv4Message> = fc.record({
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

