/**
 * The ARP state machine of a stack (its neighbour table) with Linux's defaults: INCOMPLETE while
 * resolving, REACHABLE on a unicast reply for reachable_time (drawn from the run's seeded stream
 * in [0.5, 1.5) x 30 s), then STALE; DELAY on use, PROBE with unicast requests 5 s later, FAILED
 * when nobody answers. Every time here follows from those constants, the draw and the cable of
 * cabled-hosts.ts.
 */
import { describe, expect, it } from 'vitest';
import { randomStream } from '../../src/engine/random.js';
import { SECOND } from '../../src/engine/time.js';
import type { Host } from '../../src/nodes/host.js';
import { DEFAULT_NEIGH, type IcmpListener } from '../../src/stack/ip-stack.js';
import { ARP_REPLY, ARP_REQUEST } from '../../src/wire/arp.js';
import { ICMP_ECHO_REQUEST } from '../../src/wire/icmp.js';
import type { Icmpv4Message, Ipv4Packet } from '../../src/wire/ipv4.js';
import { MIN_FRAME_LENGTH } from '../../src/wire/ethernet.js';
import { parseIpv4 } from '../../src/wire/ipv4-address.js';
import { BROADCAST_MAC, formatMac } from '../../src/wire/mac.js';
import { outputOf } from '../linux/lines.js';
import { cabledHosts, crossing } from './cabled-hosts.js';

const { baseReachableNs, delayFirstProbeNs, retransNs, ucastSolicit, mcastSolicit, queueLimit } = DEFAULT_NEIGH;
const ip = (s: string) => parseIpv4(s)!;
const H1 = ip('10.0.0.1');
const H2 = ip('10.0.0.2');
/** One ARP packet across the cable, and a request out and its reply back. */
const ARP_CROSSING = crossing(MIN_FRAME_LENGTH);
const ARP_ROUND_TRIP = 2 * ARP_CROSSING;
/** A 56-byte ping's frame: 14 + 20 + 8 + 56. */
const ECHO_CROSSING = crossing(98);

/** h1's reachable_time in the first 300 s: base x (0.5 + u), u the first draw of its stream (engine seed 1). */
const REACHABLE_H1 = Math.floor(baseReachableNs / 2 + randomStream(1, 'h1/neigh/0')() * baseReachableNs);

function udp(host: Host, dst: number, srcPort: number): Ipv4Packet {
  return host.stack.packet(dst, { kind: 'udp', srcPort, dstPort: 9, dataLength: 10, probe: null });
}

function echo(host: Host, dst: number, id: number, seq: number): Ipv4Packet {
  return host.stack.packet(dst, { kind: 'icmp', type: ICMP_ECHO_REQUEST, code: 0, id, seq, dataLength: 56, quoted: null });
}

function neigh(host: Host): string {
  return outputOf(host, 'ip neigh show');
}

describe('ARP resolution', () => {
  it('first use: INCOMPLETE, one broadcast request, the packet waits; the unicast reply makes it REACHABLE; the asked host learns the asker STALE', () => {
    const { net, h1, h2, eth1, eth2, sentBy } = cabledHosts();
    net.engine.run({ until: SECOND });
    expect(h1.stack.output(udp(h1, H2, 1))).toBe(true);

    const e = h1.stack.neighbours.get(eth1, H2)!;
    expect([e.state, e.mac, e.pending?.length]).toEqual(['INCOMPLETE', null, 1]);
    expect(neigh(h1)).toBe('10.0.0.2 dev eth0 INCOMPLETE\n');
    expect(sentBy(h1).map(({ t, frame }) => [t, frame.dst, frame.payload])).toEqual([
      [SECOND, BROADCAST_MAC, { kind: 'arp', op: ARP_REQUEST, senderMac: eth1.mac, senderIp: H1, targetMac: 0, targetIp: H2 }],
    ]);

    net.engine.run({ until: SECOND + ARP_ROUND_TRIP });
    expect([e.state, e.mac, e.confirmed, e.pending]).toEqual(['REACHABLE', eth2.mac, SECOND + ARP_ROUND_TRIP, null]);
    expect(neigh(h1)).toBe(`10.0.0.2 dev eth0 lladdr ${formatMac(eth2.mac)} REACHABLE\n`);
    const sent = sentBy(h1);
    expect([sent[1]!.t, sent[1]!.frame.dst, sent[1]!.frame.payload.kind]).toEqual([SECOND + ARP_ROUND_TRIP, eth2.mac, 'ipv4']);
    // A request for one of h2's addresses tells h2 who asked, but confirms nothing (Linux: STALE).
    expect(neigh(h2)).toBe(`10.0.0.1 dev eth0 lladdr ${formatMac(eth1.mac)} STALE\n`);
    expect(h2.stack.neighbours.get(eth2, H1)!.updated).toBe(SECOND + ARP_CROSSING);

    // The retransmit timer was stopped by the reply: no second request.
    net.engine.run({ until: SECOND + mcastSolicit * retransNs });
    expect(sentBy(h1).filter((s) => s.frame.payload.kind === 'arp')).toHaveLength(1);
  });

  it(`draws reachable_time from the run's seeded stream, in [${baseReachableNs / 2 / SECOND}, ${1.5 * baseReachableNs / SECOND}) s`, () => {
    const { h1 } = cabledHosts();
    expect(h1.stack.neighbours.reachableTime(0)).toBe(REACHABLE_H1);
    expect(REACHABLE_H1).toBeGreaterThanOrEqual(baseReachableNs / 2);
    expect(REACHABLE_H1).toBeLessThan(1.5 * baseReachableNs);
    // Redrawn every 300 s, each period from its own stream.
    const later = Math.floor(baseReachableNs / 2 + randomStream(1, 'h1/neigh/1')() * baseReachableNs);
    expect(h1.stack.neighbours.reachableTime(300 * SECOND)).toBe(later);
    expect(later).not.toBe(REACHABLE_H1);
  });

  it('a ping every second for 120 s: REACHABLE, STALE after reachable_time, DELAY on the next echo, PROBE with a unicast request 5 s later, REACHABLE again on the reply', () => {
    const { net, h1, eth1, eth2, sentBy } = cabledHosts();
    // The cycle of h1's entry for h2, from the constants: confirmed at `r`, STALE at r + reachable,
    // DELAY at the next whole second (the next echo), PROBE 5 s later, REACHABLE a round trip after.
    const cycles: { reachable: number; stale: number; delay: number; probe: number }[] = [];
    for (let r = SECOND + ARP_ROUND_TRIP; ;) {
      const stale = r + REACHABLE_H1;
      const delay = Math.ceil(stale / SECOND) * SECOND;
      const probe = delay + delayFirstProbeNs;
      if (probe + ARP_ROUND_TRIP > 120 * SECOND) break;
      cycles.push({ reachable: r, stale, delay, probe });
      r = probe + ARP_ROUND_TRIP;
    }
    expect(cycles.length).toBeGreaterThanOrEqual(2);
    const checks: [number, string][] = [];
    for (const c of cycles) {
      checks.push([c.stale - 1, 'REACHABLE'], [c.stale, 'STALE'], [c.delay, 'DELAY'], [c.probe - 1, 'DELAY'], [c.probe, 'PROBE'],
        [c.probe + ARP_ROUND_TRIP - 1, 'PROBE'], [c.probe + ARP_ROUND_TRIP, 'REACHABLE']);
    }
    const id = h1.stack.allocateEchoId({ onIcmp() {}, onUnreachable() {} });
    const pings = Array.from({ length: 120 }, (_, k) => (k + 1) * SECOND);
    const seen: [number, string][] = [];
    const steps = [...pings.map((t) => ({ t, ping: true })), ...checks.map(([t]) => ({ t, ping: false }))]
      .sort((a, b) => a.t - b.t || Number(b.ping) - Number(a.ping)); // an echo first, then what it did
    for (const s of steps) {
      net.engine.run({ until: s.t });
      if (s.ping) h1.stack.output(echo(h1, H2, id, s.t / SECOND));
      else seen.push([s.t, h1.stack.neighbours.get(eth1, H2)!.state]);
    }
    expect(seen).toEqual(checks);
    // h1's ARP requests: the first broadcast, then one unicast probe per cycle, to h2's MAC.
    const requests = sentBy(h1).filter((s) => s.frame.payload.kind === 'arp' && s.frame.payload.op === ARP_REQUEST);
    expect(requests.map((s) => [s.t, s.frame.dst])).toEqual([[SECOND, BROADCAST_MAC], ...cycles.map((c) => [c.probe, eth2.mac])]);
    const mac = formatMac(eth2.mac);
    expect(neigh(h1)).toMatch(new RegExp(`^10\\.0\\.0\\.2 dev eth0 lladdr ${mac} (REACHABLE|STALE|DELAY|PROBE)\\n$`));
  });

  it("the asked host's entry, made STALE by the request, goes DELAY on its first echo reply and PROBE 5 s later", () => {
    const { net, h1, h2, eth1, eth2, sentBy } = cabledHosts();
    net.engine.run({ until: SECOND });
    const id = h1.stack.allocateEchoId({ onIcmp() {}, onUnreachable() {} });
    h1.stack.output(echo(h1, H2, id, 1));
    // The echo leaves h1 with the reply to its request and reaches h2 one echo crossing later.
    const replied = SECOND + ARP_ROUND_TRIP + ECHO_CROSSING;
    net.engine.run({ until: replied });
    expect(h2.stack.neighbours.get(eth2, H1)).toMatchObject({ state: 'DELAY', used: replied });
    expect(neigh(h2)).toBe(`10.0.0.1 dev eth0 lladdr ${formatMac(eth1.mac)} DELAY\n`);
    net.engine.run({ until: replied + delayFirstProbeNs });
    expect(h2.stack.neighbours.get(eth2, H1)!.state).toBe('PROBE');
    expect(sentBy(h2).filter((s) => s.frame.payload.kind === 'arp').map((s) => [s.t, s.frame.dst, s.frame.payload.kind === 'arp' && s.frame.payload.op]))
      .toEqual([[SECOND + ARP_CROSSING, eth1.mac, ARP_REPLY], [replied + delayFirstProbeNs, eth1.mac, ARP_REQUEST]]);
    net.engine.run({ until: replied + delayFirstProbeNs + ARP_ROUND_TRIP });
    expect(h2.stack.neighbours.get(eth2, H1)).toMatchObject({ state: 'REACHABLE', confirmed: replied + delayFirstProbeNs + ARP_ROUND_TRIP });
  });

  it(`PROBE gives up after ${ucastSolicit} unicast requests ${retransNs / SECOND} s apart: FAILED, shown without an address`, () => {
    const { net, h1, eth1, eth2, link, sentBy } = cabledHosts();
    net.engine.run({ until: SECOND });
    h1.stack.output(udp(h1, H2, 1));
    const stale = SECOND + ARP_ROUND_TRIP + REACHABLE_H1;
    net.engine.run({ until: stale });
    expect(neigh(h1)).toBe(`10.0.0.2 dev eth0 lladdr ${formatMac(eth2.mac)} STALE\n`);
    link.setUp(false);
    const used = stale + SECOND;
    net.engine.run({ until: used });
    h1.stack.output(udp(h1, H2, 2));
    const probe = used + delayFirstProbeNs;
    net.engine.run({ until: probe + ucastSolicit * retransNs - 1 });
    expect(h1.stack.neighbours.get(eth1, H2)!.state).toBe('PROBE');
    net.engine.run({ until: probe + ucastSolicit * retransNs });
    expect(h1.stack.neighbours.get(eth1, H2)!.state).toBe('FAILED');
    expect(neigh(h1)).toBe('10.0.0.2 dev eth0 FAILED\n');
    const probes = sentBy(h1).filter((s) => s.frame.payload.kind === 'arp').slice(1);
    expect(probes.map((s) => [s.t, s.frame.dst])).toEqual([0, 1, 2].map((k) => [probe + k * retransNs, eth2.mac]));
  });

  it(`keeps at most ${queueLimit} packets while resolving, dropping the oldest, and sends them in order on the reply`, () => {
    const { net, h1, eth1, sentBy } = cabledHosts();
    net.engine.run({ until: SECOND });
    for (let port = 1; port <= queueLimit + 2; port++) expect(h1.stack.output(udp(h1, H2, port))).toBe(true);
    expect(h1.stack.neighbours.get(eth1, H2)!.pending).toHaveLength(queueLimit);
    net.engine.run({ until: 2 * SECOND });
    const sent = sentBy(h1);
    expect(sent.filter((s) => s.frame.payload.kind === 'arp').map((s) => s.t)).toEqual([SECOND]);
    const datagrams = sent.filter((s) => s.frame.payload.kind === 'ipv4');
    expect(datagrams.map((s) => s.t)).toEqual([SECOND + ARP_ROUND_TRIP, SECOND + ARP_ROUND_TRIP, SECOND + ARP_ROUND_TRIP]);
    expect(datagrams.map((s) => s.frame.payload.kind === 'ipv4' && s.frame.payload.payload.kind === 'udp' && s.frame.payload.payload.srcPort))
      .toEqual([3, 4, 5]);
  });

  it(`gives up after ${mcastSolicit} broadcast requests ${retransNs / SECOND} s apart: waiting pings hear "unreachable", the entry stays FAILED`, () => {
    const { net, h1, eth1, sentBy } = cabledHosts();
    const NOBODY = ip('10.0.0.9');
    const heard: { t: number; seq: number }[] = [];
    const listener: IcmpListener = {
      onIcmp(_p: Ipv4Packet, _m: Icmpv4Message) {},
      onUnreachable(p: Ipv4Packet) {
        heard.push({ t: net.now, seq: p.payload.kind === 'icmp' ? p.payload.seq : -1 });
      },
    };
    const id = h1.stack.allocateEchoId(listener);
    net.engine.run({ until: SECOND });
    h1.stack.output(echo(h1, NOBODY, id, 1));
    h1.stack.output(udp(h1, NOBODY, 7));
    h1.stack.output(echo(h1, NOBODY, id, 2));

    const giveUp = SECOND + mcastSolicit * retransNs;
    net.engine.run({ until: giveUp - 1 });
    const e = h1.stack.neighbours.get(eth1, NOBODY)!;
    expect([e.state, e.pending?.length]).toEqual(['INCOMPLETE', 3]);
    expect(neigh(h1)).toBe('10.0.0.9 dev eth0 INCOMPLETE\n');
    expect(heard).toEqual([]);

    net.engine.run({ until: giveUp });
    const requests = sentBy(h1).filter((s) => s.frame.payload.kind === 'arp').map((s) => [s.t, s.frame.dst]);
    expect(requests).toEqual([0, 1, 2].map((k) => [SECOND + k * retransNs, BROADCAST_MAC]));
    // Only the ICMP packets have someone to tell; the datagram is simply lost.
    expect(heard).toEqual([{ t: giveUp, seq: 1 }, { t: giveUp, seq: 2 }]);
    expect(e.state).toBe('FAILED');
    expect(neigh(h1)).toBe('10.0.0.9 dev eth0 FAILED\n');
    expect(sentBy(h1).filter((s) => s.frame.payload.kind === 'ipv4')).toEqual([]);

    // The next packet resolves again from the same entry, with a broadcast at once.
    net.engine.run({ until: giveUp + SECOND });
    h1.stack.output(echo(h1, NOBODY, id, 3));
    expect(h1.stack.neighbours.get(eth1, NOBODY)).toBe(e);
    expect(e.state).toBe('INCOMPLETE');
    expect(sentBy(h1).at(-1)).toMatchObject({ t: giveUp + SECOND, frame: { dst: BROADCAST_MAC, payload: { kind: 'arp', targetIp: NOBODY } } });
  });

  it('a request for another address makes no entry; a broadcast reply refreshes a known sender as STALE, never REACHABLE', () => {
    const { net, h1, h2, eth1, eth2 } = cabledHosts();
    const OTHER = ip('10.0.0.77');
    net.engine.run({ until: SECOND });
    h2.stack.sendArpRequest(eth2, OTHER);
    net.engine.run({ until: 2 * SECOND });
    expect(neigh(h1)).toBe('');

    h2.stack.sendArpRequest(eth2, H1);
    net.engine.run({ until: 3 * SECOND });
    expect(h1.stack.neighbours.get(eth1, H2)).toMatchObject({ state: 'STALE', mac: eth2.mac });

    h2.stack.sendFrame(eth2, BROADCAST_MAC, { kind: 'arp', op: ARP_REPLY, senderMac: eth2.mac, senderIp: H2, targetMac: BROADCAST_MAC, targetIp: H2 }, 0);
    net.engine.run({ until: 4 * SECOND });
    expect(h1.stack.neighbours.get(eth1, H2)!.state).toBe('STALE');
  });

  it(`collects FAILED entries and those unused for gc_stale_time only once the table holds gc_thresh1 (${DEFAULT_NEIGH.gcThresh1}) entries`, () => {
    const { net, h1, eth1 } = cabledHosts();
    const table = h1.stack.neighbours;
    net.engine.run({ until: 100 * SECOND });
    const at = (k: number) => ip(`10.0.0.${10 + k}`);
    for (let k = 0; k < DEFAULT_NEIGH.gcThresh1 - 1; k++) {
      const e = table.create(eth1, at(k));
      // Every other one FAILED; the rest STALE, last used 60 s ago (gc_stale_time) or 59 s ago.
      Object.assign(e, k % 2 === 0 ? { state: 'FAILED' } : { state: 'STALE', mac: 1, used: 100 * SECOND - DEFAULT_NEIGH.gcStaleNs - (k % 4 === 1 ? 0 : -SECOND) });
    }
    h1.stack.output(udp(h1, at(200), 1)); // resolving: its timer runs, so it is never collected
    expect(table.list()).toHaveLength(DEFAULT_NEIGH.gcThresh1); // below the threshold: nothing collected
    table.create(eth1, at(201));
    // Of k = 0..126: the 64 FAILED and the 32 unused for 60 s go; the 31 used 59 s ago stay, with the two new ones.
    expect(table.list()).toHaveLength(31 + 2);
  });
});
