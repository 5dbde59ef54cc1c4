/**
 * The ARP state machine of a stack (its neighbour table), as the code runs it today with the
 * default parameters: INCOMPLETE while resolving (packets wait, at most `queueLimit`), REACHABLE
 * on a reply, shown STALE once `lifetimeNs` has passed since the last confirmation and resolved
 * again on next use, and given up after `maxProbes` requests `retransNs` apart. Every time here is
 * derived from those constants and the cable of cabled-hosts.ts.
 */
import { describe, expect, it } from 'vitest';
import { SECOND } from '../../src/engine/time.js';
import type { Host } from '../../src/nodes/host.js';
import { DEFAULT_NEIGH, type IcmpListener } from '../../src/stack/ip-stack.js';
import { ARP_REQUEST } from '../../src/wire/arp.js';
import { ICMP_ECHO_REQUEST } from '../../src/wire/icmp.js';
import type { Icmpv4Message } from '../../src/wire/ipv4.js';
import { MIN_FRAME_LENGTH } from '../../src/wire/ethernet.js';
import type { Ipv4Packet } from '../../src/wire/ipv4.js';
import { parseIpv4 } from '../../src/wire/ipv4-address.js';
import { BROADCAST_MAC, formatMac } from '../../src/wire/mac.js';
import { outputOf } from '../linux/lines.js';
import { cabledHosts, crossing } from './cabled-hosts.js';

const { lifetimeNs, retransNs, maxProbes, queueLimit } = DEFAULT_NEIGH;
const ip = (s: string) => parseIpv4(s)!;
const H1 = ip('10.0.0.1');
const H2 = ip('10.0.0.2');
/** An ARP request out and its reply back (both minimum-size frames). */
const ARP_ROUND_TRIP = 2 * crossing(MIN_FRAME_LENGTH);

/** A UDP datagram to a port nobody listens on: the far host answers nothing but ARP. */
function udp(host: Host, dst: number, srcPort: number): Ipv4Packet {
  return host.stack.packet(dst, { kind: 'udp', srcPort, dstPort: 9, dataLength: 10, probe: null });
}

function neigh(host: Host): string {
  return outputOf(host, 'ip neigh show');
}

describe('ARP resolution', () => {
  it('first use: INCOMPLETE, one broadcast request, the packet waits; the reply makes it REACHABLE and sends it', () => {
    const { net, h1, h2, eth1, eth2, sentBy } = cabledHosts();
    net.engine.run({ until: SECOND });
    expect(h1.stack.output(udp(h1, H2, 1))).toBe(true);

    const e = h1.stack.neighbours.get(eth1, H2)!;
    expect([e.state, e.probes, e.mac, e.pending?.length]).toEqual(['INCOMPLETE', 1, null, 1]);
    expect(neigh(h1)).toBe('10.0.0.2 dev eth0 INCOMPLETE\n');
    expect(sentBy(h1).map(({ t, frame }) => [t, frame.dst, frame.payload])).toEqual([
      [SECOND, BROADCAST_MAC, { kind: 'arp', op: ARP_REQUEST, senderMac: eth1.mac, senderIp: H1, targetMac: 0, targetIp: H2 }],
    ]);

    net.engine.run({ until: SECOND + ARP_ROUND_TRIP });
    expect([e.state, e.mac, e.confirmed, e.probes, e.pending]).toEqual(['REACHABLE', eth2.mac, SECOND + ARP_ROUND_TRIP, 0, null]);
    expect(neigh(h1)).toBe(`10.0.0.2 dev eth0 lladdr ${formatMac(eth2.mac)} REACHABLE\n`);
    const sent = sentBy(h1);
    expect(sent).toHaveLength(2);
    expect([sent[1]!.t, sent[1]!.frame.dst, sent[1]!.frame.payload.kind]).toEqual([SECOND + ARP_ROUND_TRIP, eth2.mac, 'ipv4']);
    // The asker's address came with the request: h2 knows h1 from the moment the request arrived.
    expect(neigh(h2)).toBe(`10.0.0.1 dev eth0 lladdr ${formatMac(eth1.mac)} REACHABLE\n`);
    expect(h2.stack.neighbours.get(eth2, H1)!.confirmed).toBe(SECOND + crossing(MIN_FRAME_LENGTH));

    // The retransmit timer still fires at 1 s + retransNs and finds the entry resolved: no second request.
    net.engine.run({ until: SECOND + maxProbes * retransNs });
    expect(sentBy(h1).filter((s) => s.frame.payload.kind === 'arp')).toHaveLength(1);
  });

  it('trusts an entry for lifetimeNs after its confirmation; after that it shows STALE and the next packet resolves again', () => {
    const { net, h1, eth1, eth2, sentBy } = cabledHosts();
    net.engine.run({ until: SECOND });
    h1.stack.output(udp(h1, H2, 1));
    const confirmed = SECOND + ARP_ROUND_TRIP;
    net.engine.run({ until: confirmed + lifetimeNs });
    const lladdr = formatMac(eth2.mac);
    expect(neigh(h1)).toBe(`10.0.0.2 dev eth0 lladdr ${lladdr} REACHABLE\n`);
    h1.stack.output(udp(h1, H2, 2));
    expect(sentBy(h1).map((s) => [s.t, s.frame.payload.kind])).toEqual([
      [SECOND, 'arp'], [confirmed, 'ipv4'], [confirmed + lifetimeNs, 'ipv4'],
    ]);

    net.engine.run({ until: confirmed + lifetimeNs + 1 });
    expect(neigh(h1)).toBe(`10.0.0.2 dev eth0 lladdr ${lladdr} STALE\n`);
    // Used again a second later (the cable idle again), it is resolved afresh.
    const stale = confirmed + lifetimeNs + SECOND;
    net.engine.run({ until: stale });
    expect(neigh(h1)).toBe(`10.0.0.2 dev eth0 lladdr ${lladdr} STALE\n`);
    h1.stack.output(udp(h1, H2, 3));
    const e = h1.stack.neighbours.get(eth1, H2)!;
    // Resolving again keeps the old address on show, as INCOMPLETE, until the reply.
    expect([e.state, e.probes, e.pending?.length]).toEqual(['INCOMPLETE', 1, 1]);
    expect(neigh(h1)).toBe(`10.0.0.2 dev eth0 lladdr ${lladdr} INCOMPLETE\n`);
    expect(sentBy(h1).at(-1)).toMatchObject({ t: stale, frame: { dst: BROADCAST_MAC, payload: { kind: 'arp', op: ARP_REQUEST } } });

    net.engine.run({ until: stale + ARP_ROUND_TRIP });
    expect([e.state, e.confirmed]).toEqual(['REACHABLE', stale + ARP_ROUND_TRIP]);
    expect(sentBy(h1).at(-1)).toMatchObject({ t: stale + ARP_ROUND_TRIP, frame: { dst: eth2.mac, payload: { kind: 'ipv4' } } });
    expect(neigh(h1)).toBe(`10.0.0.2 dev eth0 lladdr ${lladdr} REACHABLE\n`);
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

  it(`gives up after ${maxProbes} requests ${retransNs / SECOND} s apart: waiting pings hear "unreachable", the entry goes`, () => {
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
    const echo = (seq: number) => h1.stack.packet(NOBODY, { kind: 'icmp', type: ICMP_ECHO_REQUEST, code: 0, id, seq, dataLength: 56, quoted: null });
    net.engine.run({ until: SECOND });
    h1.stack.output(echo(1));
    h1.stack.output(udp(h1, NOBODY, 7));
    h1.stack.output(echo(2));

    const giveUp = SECOND + maxProbes * retransNs;
    net.engine.run({ until: giveUp - 1 });
    const e = h1.stack.neighbours.get(eth1, NOBODY)!;
    expect([e.state, e.probes, e.pending?.length]).toEqual(['INCOMPLETE', maxProbes, 3]);
    expect(neigh(h1)).toBe('10.0.0.9 dev eth0 INCOMPLETE\n');
    expect(heard).toEqual([]);

    net.engine.run({ until: giveUp });
    const requests = sentBy(h1).filter((s) => s.frame.payload.kind === 'arp').map((s) => s.t);
    expect(requests).toEqual([SECOND, SECOND + retransNs, SECOND + 2 * retransNs]);
    // Only the ICMP packets have someone to tell; the datagram is simply lost.
    expect(heard).toEqual([{ t: giveUp, seq: 1 }, { t: giveUp, seq: 2 }]);
    expect(e.state).toBe('FAILED');
    expect(h1.stack.neighbours.get(eth1, NOBODY)).toBeUndefined();
    expect(neigh(h1)).toBe('');
    expect(sentBy(h1).filter((s) => s.frame.payload.kind === 'ipv4')).toEqual([]);

    // The next packet starts over with a new entry.
    net.engine.run({ until: giveUp + SECOND });
    h1.stack.output(echo(3));
    expect(h1.stack.neighbours.get(eth1, NOBODY)).toMatchObject({ state: 'INCOMPLETE', probes: 1 });
    expect(sentBy(h1).at(-1)).toMatchObject({ t: giveUp + SECOND, frame: { payload: { kind: 'arp', targetIp: NOBODY } } });
  });

  it('an ARP request for one of its addresses makes a REACHABLE entry for the asker; one for another address makes none but refreshes an entry it has', () => {
    const { net, h1, h2, eth1, eth2 } = cabledHosts();
    const OTHER = ip('10.0.0.77');
    net.engine.run({ until: SECOND });
    h2.stack.sendArpRequest(eth2, OTHER);
    net.engine.run({ until: 2 * SECOND });
    expect(neigh(h1)).toBe('');

    h2.stack.sendArpRequest(eth2, H1);
    const arrived = 2 * SECOND + crossing(MIN_FRAME_LENGTH);
    net.engine.run({ until: 3 * SECOND });
    expect(h1.stack.neighbours.get(eth1, H2)).toMatchObject({ state: 'REACHABLE', mac: eth2.mac, confirmed: arrived });

    h2.stack.sendArpRequest(eth2, OTHER);
    net.engine.run({ until: 4 * SECOND });
    expect(h1.stack.neighbours.get(eth1, H2)!.confirmed).toBe(3 * SECOND + crossing(MIN_FRAME_LENGTH));
    expect(neigh(h1)).toBe(`10.0.0.2 dev eth0 lladdr ${formatMac(eth2.mac)} REACHABLE\n`);
  });
});
