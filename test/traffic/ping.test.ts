/**
 * `ping` from one host to another over one cable: when requests leave, what they carry (echo id,
 * sequence number, size), each round trip as the difference of two clock readings, and how
 * failures count. Times follow from the frame lengths and the cable (see cabled-hosts.ts) and the
 * neighbour table's defaults.
 */
import { describe, expect, it } from 'vitest';
import { MS, SECOND } from '../../src/engine/time.js';
import type { TraceRecord } from '../../src/trace/record.js';
import { DEFAULT_NEIGH } from '../../src/stack/ip-stack.js';
import { Ping, type PingParams } from '../../src/traffic/ping.js';
import { ICMP_DEST_UNREACHABLE, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, ICMP_HEADER_LENGTH } from '../../src/wire/icmp.js';
import type { Icmpv4Message } from '../../src/wire/ipv4.js';
import { IPV4_HEADER_LENGTH } from '../../src/wire/ipv4.js';
import { MIN_FRAME_LENGTH, type EthernetFrame } from '../../src/wire/ethernet.js';
import { parseIpv4 } from '../../src/wire/ipv4-address.js';
import { cabledHosts, crossing } from '../stack/cabled-hosts.js';

const ip = (s: string) => parseIpv4(s)!;
/** An echo frame with `size` data bytes: Ethernet, IPv4 and ICMP headers around it. */
const echoFrame = (size: number) => 14 + IPV4_HEADER_LENGTH + ICMP_HEADER_LENGTH + size;
const ARP_ROUND_TRIP = 2 * crossing(MIN_FRAME_LENGTH);
/** A round trip once both ends know each other; the first one waits for ARP as well. */
const ECHO_RTT = 2 * crossing(echoFrame(56));
const FIRST_RTT = ARP_ROUND_TRIP + ECHO_RTT;

function setup() {
  const hosts = cabledHosts();
  const ping = (dst: string, params: Partial<PingParams>) =>
    new Ping(hosts.net, hosts.h1.stack, hosts.h1, 'h2', { dst: ip(dst), count: 1, interval: SECOND, start: SECOND, size: 56, ...params });
  const events = () => hosts.records
    .filter((r): r is Extract<TraceRecord, { kind: 'app' }> => r.kind === 'app')
    .map((r) => `${r.t} ${r.event} ${r.detail}`);
  const icmpSent = (by: 'h1' | 'h2') => hosts.sentBy(by === 'h1' ? hosts.h1 : hosts.h2)
    .filter((s): s is { t: number; frame: EthernetFrame & { payload: { kind: 'ipv4'; payload: Icmpv4Message } } } =>
      s.frame.payload.kind === 'ipv4' && s.frame.payload.payload.kind === 'icmp')
    .map((s) => ({ t: s.t, type: s.frame.payload.payload.type, id: s.frame.payload.payload.id, seq: s.frame.payload.payload.seq, length: s.frame.length }));
  return { ...hosts, ping, events, icmpSent };
}

describe('ping', () => {
  it('sends count requests interval apart from start, numbered from 1, and times each reply', () => {
    const { net, ping, events, icmpSent } = setup();
    const p = ping('10.0.0.2', { count: 3 });
    net.engine.run({ until: 10 * SECOND });
    expect(events()).toEqual([
      `${SECOND} request seq 1 to 10.0.0.2`,
      `${SECOND + FIRST_RTT} reply seq 1 rtt ${FIRST_RTT}ns`,
      `${2 * SECOND} request seq 2 to 10.0.0.2`,
      `${2 * SECOND + ECHO_RTT} reply seq 2 rtt ${ECHO_RTT}ns`,
      `${3 * SECOND} request seq 3 to 10.0.0.2`,
      `${3 * SECOND + ECHO_RTT} reply seq 3 rtt ${ECHO_RTT}ns`,
    ]);
    const length = echoFrame(56);
    // The first request waited for ARP; each reply carries the request's id and sequence number.
    expect(icmpSent('h1')).toEqual([
      { t: SECOND + ARP_ROUND_TRIP, type: ICMP_ECHO_REQUEST, id: 1, seq: 1, length },
      { t: 2 * SECOND, type: ICMP_ECHO_REQUEST, id: 1, seq: 2, length },
      { t: 3 * SECOND, type: ICMP_ECHO_REQUEST, id: 1, seq: 3, length },
    ]);
    expect(icmpSent('h2').map(({ type, id, seq }) => [type, id, seq])).toEqual([[ICMP_ECHO_REPLY, 1, 1], [ICMP_ECHO_REPLY, 1, 2], [ICMP_ECHO_REPLY, 1, 3]]);
    expect(p.result()).toEqual({
      from: 'h1', to: 'h2', dst: '10.0.0.2', sent: 3, received: 3, errors: 0,
      rttMinNs: ECHO_RTT, rttAvgNs: Math.round((FIRST_RTT + 2 * ECHO_RTT) / 3), rttMaxNs: FIRST_RTT,
    });
  });

  it('gives each ping of a stack its own echo id; the size sets the frame length and so the round trip', () => {
    const { net, ping, icmpSent } = setup();
    const a = ping('10.0.0.2', {});
    const b = ping('10.0.0.2', { count: 2, interval: 500 * MS, start: 2 * SECOND, size: 1000 });
    net.engine.run({ until: 10 * SECOND });
    const big = 2 * crossing(echoFrame(1000));
    expect(icmpSent('h1').map(({ t, id, seq, length }) => [t, id, seq, length])).toEqual([
      [SECOND + ARP_ROUND_TRIP, 1, 1, echoFrame(56)],
      [2 * SECOND, 2, 1, echoFrame(1000)],
      [2 * SECOND + 500 * MS, 2, 2, echoFrame(1000)],
    ]);
    expect(a.result()).toMatchObject({ sent: 1, received: 1, rttMinNs: FIRST_RTT, rttAvgNs: FIRST_RTT, rttMaxNs: FIRST_RTT });
    expect(b.result()).toMatchObject({ sent: 2, received: 2, errors: 0, rttMinNs: big, rttAvgNs: big, rttMaxNs: big });
  });

  it('counts a request with no route as an error at once, and sends nothing', () => {
    const { net, ping, events, icmpSent, sentBy, h1 } = setup();
    const p = ping('192.168.1.1', { count: 2 });
    net.engine.run({ until: 10 * SECOND });
    expect(events()).toEqual([`${SECOND} error seq 1: network is unreachable`, `${2 * SECOND} error seq 2: network is unreachable`]);
    expect(icmpSent('h1')).toEqual([]);
    expect(sentBy(h1)).toEqual([]);
    expect(p.result()).toEqual({
      from: 'h1', to: 'h2', dst: '192.168.1.1', sent: 2, received: 0, errors: 2, rttMinNs: null, rttAvgNs: null, rttMaxNs: null,
    });
  });

  it('counts requests waiting for a neighbour that never answers as errors when ARP gives up', () => {
    const { net, ping, events } = setup();
    const p = ping('10.0.0.9', { count: 2 });
    net.engine.run({ until: 10 * SECOND });
    const giveUp = SECOND + DEFAULT_NEIGH.mcastSolicit * DEFAULT_NEIGH.retransNs;
    expect(events()).toEqual([
      `${SECOND} request seq 1 to 10.0.0.9`,
      `${2 * SECOND} request seq 2 to 10.0.0.9`,
      `${giveUp} unreachable seq 1: destination host unreachable (no ARP reply)`,
      `${giveUp} unreachable seq 2: destination host unreachable (no ARP reply)`,
    ]);
    expect(p.result()).toMatchObject({ sent: 2, received: 0, errors: 2, rttMinNs: null });
  });

  it('has no timeout: a request lost on the way is only sent, neither received nor an error', () => {
    const { net, ping, link } = setup();
    const p = ping('10.0.0.2', { count: 3 });
    net.engine.run({ until: 1500 * MS });
    link.setUp(false);
    net.engine.run({ until: 10 * SECOND });
    expect(p.result()).toMatchObject({ sent: 3, received: 1, errors: 0, rttMinNs: FIRST_RTT, rttMaxNs: FIRST_RTT });
    // Echoes 2 and 3, and h2's unicast probes for h1: its entry, STALE from h1's request, went
    // DELAY with its one echo reply and PROBE 5 s later, ucast_solicit requests into the dead link.
    expect(net.ledger.dropsByReason.get('link-down')).toBe(2 + DEFAULT_NEIGH.ucastSolicit);
  });

  it('ignores a second reply to a sequence number and a reply to one not sent; counts an ICMP unreachable as an error', () => {
    const { net, ping, events, h1 } = setup();
    const p = ping('10.0.0.2', { count: 2 });
    net.engine.run({ until: 10 * SECOND });
    const packet = h1.stack.packet(ip('10.0.0.1'), { kind: 'icmp', type: ICMP_ECHO_REPLY, code: 0, id: 1, seq: 1, dataLength: 56, quoted: null });
    const reply = (seq: number): Icmpv4Message => ({ kind: 'icmp', type: ICMP_ECHO_REPLY, code: 0, id: 1, seq, dataLength: 56, quoted: null });
    const before = events().length;
    for (const seq of [1, 2, 0, 3]) p.onIcmp(packet, reply(seq));
    expect(p.result()).toMatchObject({ sent: 2, received: 2, errors: 0 });
    p.onIcmp(packet, { kind: 'icmp', type: ICMP_DEST_UNREACHABLE, code: 1, id: 1, seq: 0, dataLength: 0, quoted: null });
    expect(p.result()).toMatchObject({ sent: 2, received: 2, errors: 1 });
    expect(events().slice(before)).toEqual([`${10 * SECOND} unreachable code 1`]);
  });
});
