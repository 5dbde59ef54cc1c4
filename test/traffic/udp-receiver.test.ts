/**
 * The receiving side of measuring UDP streams, fed directly: datagrams attributed by 5-tuple,
 * duplicates and reordering counted by seq, one-way delay samples and RFC 3550 jitter.
 */
import { describe, expect, it } from 'vitest';
import { UdpReceiver, UdpReception } from '../../src/traffic/udp-receiver.js';
import type { RunContext } from '../../src/net/core/run-context.js';
import { parseIpv4 } from '../../src/wire/ipv4-address.js';
import type { Ipv4Packet } from '../../src/wire/ipv4.js';

const ip = (s: string) => parseIpv4(s)!;

describe('UdpReception', () => {
  it('counts a repeated seq as duplicated only, an earlier seq after a later one as reordered', () => {
    const r = new UdpReception(ip('10.0.0.1'), 40000);
    // (arrival time, seq); seq n was sent at 1000 n.
    const arrivals = [[1100, 1], [3200, 3], [3300, 2], [3400, 3], [5100, 5], [5200, 4], [5300, 1]] as const;
    for (const [t, seq] of arrivals) r.arrive(t, seq, 1000 * seq, 100);
    expect(r.received).toBe(5);
    expect(r.receivedBytes).toBe(500);
    expect(r.duplicated).toBe(2);
    expect(r.reordered).toBe(2);
    expect(r.lastReceivedNs).toBe(5200);
    expect([...r.oneWayNs.view()]).toEqual([100, 200, 1300, 100, 1200]);
  });

  it('jitter: J += (|D| - J) / 16 over consecutive distinct arrivals, kept unrounded', () => {
    const r = new UdpReception(ip('10.0.0.1'), 40000);
    const transits = [100, 260, 100, 100];
    transits.forEach((t, i) => r.arrive(1000 * i + t, i + 1, 1000 * i, 10));
    // D = 160, -160, 0: J = 10, then 10 + (160 - 10)/16 = 19.375, then 19.375 - 19.375/16 = 18.1640625.
    expect(r.jitterNs).toBe(18.1640625);
  });

  it('a seq far beyond the first ones grows the seen-bitmap and is still told apart', () => {
    const r = new UdpReception(ip('10.0.0.1'), 40000);
    r.arrive(10, 100_000, 0, 1);
    r.arrive(20, 100_000, 0, 1);
    r.arrive(30, 99_999, 0, 1);
    expect([r.received, r.duplicated, r.reordered]).toEqual([2, 1, 1]);
  });
});

describe('UdpReceiver', () => {
  const net = { now: 5000 } as unknown as RunContext;
  const packet = (src: string): Ipv4Packet => ({ kind: 'ipv4', src: ip(src), dst: ip('10.0.0.10'), ttl: 64, id: 0, dscp: 0, payload: { kind: 'raw-ip', protocol: 17, dataLength: 0 } });
  const datagram = (srcPort: number, seq: number) => ({ kind: 'udp' as const, srcPort, dstPort: 5001, dataLength: 1000, probe: { seq, sentNs: 1000 } });

  it('attributes each datagram to its stream by source address and port', () => {
    const rx = new UdpReceiver(net);
    const a = rx.expect(ip('10.0.0.1'), 40000);
    const b = rx.expect(ip('10.0.0.2'), 40000); // the same port from another address
    const c = rx.expect(ip('10.0.0.1'), 40001);
    expect(rx.expect(ip('10.0.0.1'), 40000)).toBe(a);
    rx.onUdp(packet('10.0.0.1'), datagram(40000, 1));
    rx.onUdp(packet('10.0.0.2'), datagram(40000, 1));
    rx.onUdp(packet('10.0.0.2'), datagram(40000, 2));
    rx.onUdp(packet('10.0.0.1'), datagram(40001, 1));
    rx.onUdp(packet('10.0.0.3'), datagram(40000, 1)); // no stream announced this tuple
    rx.onUdp(packet('10.0.0.1'), { ...datagram(40000, 9), probe: null });
    expect([a.received, b.received, c.received, rx.unattributed]).toEqual([1, 2, 1, 2]);
    expect([...b.oneWayNs.view()]).toEqual([4000, 4000]);
  });
});
