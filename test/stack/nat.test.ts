/**
 * NAT mode: MASQUERADE on the host's uplink. The server sees only the host's address, the two
 * guests' equal echo ids are told apart on the outside, and each reply finds its way back.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareScenario, runSimulation, type TraceRecord } from '../../src/index.js';
import { formatIpv4, parseCidr, parseIpv4 } from '../../src/wire/ipv4-address.js';
import { randomStream } from '../../src/engine/random.js';
import type { Netdev } from '../../src/net/dev/netdev.js';
import { Masquerade } from '../../src/stack/nat.js';
import { ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST } from '../../src/wire/icmp.js';
import type { Ipv4Packet } from '../../src/wire/ipv4.js';

const SCENARIO = readFileSync(new URL('../../scenarios/10-nat-mode.yaml', import.meta.url), 'utf8');

interface Seen { at: string; src: string; dst: string; type: number; id: number }

function run(text: string): { received: Map<string, number>; seen: Seen[] } {
  const p = prepareScenario(text, 'nat.yaml');
  if (!p.ok) throw new Error(p.problems.map((x) => x.message).join('\n'));
  const seen: Seen[] = [];
  const sink = {
    record(r: TraceRecord): void {
      if (r.kind !== 'rx' || r.frame.payload.kind !== 'ipv4' || r.frame.payload.payload.kind !== 'icmp') return;
      const ip = r.frame.payload;
      const icmp = r.frame.payload.payload;
      seen.push({ at: r.at.name, src: formatIpv4(ip.src), dst: formatIpv4(ip.dst), type: icmp.type, id: icmp.id });
    },
  };
  const report = runSimulation(p.sim, 'nat.yaml', { sinks: [sink] });
  expect(report.frames.conserved).toBe(true);
  return { received: new Map(report.pings.map((x) => [x.from, x.received])), seen };
}

describe('NAT mode (iptables MASQUERADE)', () => {
  it('answers every echo of both VMs, and the server sees only the host', () => {
    const { received, seen } = run(SCENARIO);
    expect(received.get('vm1')).toBe(3);
    expect(received.get('vm2')).toBe(3);
    const atServer = seen.filter((s) => s.at === 'server/eth0' && s.type === 8);
    expect(atServer).toHaveLength(6);
    expect(new Set(atServer.map((s) => s.src))).toEqual(new Set(['10.0.0.1']));
    // Both guests used echo id 1; outside they are two different ids.
    const inside = seen.filter((s) => s.at.endsWith('/eth0') && s.at.startsWith('vm') && s.type === 0);
    expect(new Set(inside.map((s) => s.id))).toEqual(new Set([1]));
    expect(new Set(atServer.map((s) => s.id)).size).toBe(2);
    // Each reply arrives at its own VM, addressed to its private address.
    expect(new Set(inside.filter((s) => s.at === 'vm1/eth0').map((s) => s.dst))).toEqual(new Set(['192.168.122.10']));
    expect(new Set(inside.filter((s) => s.at === 'vm2/eth0').map((s) => s.dst))).toEqual(new Set(['192.168.122.11']));
  });

  it('without the rule the server gets the private source and cannot answer', () => {
    const { received, seen } = run(SCENARIO.replace(/^ +- iptables -t nat.*$/m, ''));
    expect(received.get('vm1')).toBe(0);
    expect(received.get('vm2')).toBe(0);
    const atServer = seen.filter((s) => s.at === 'server/eth0' && s.type === 8);
    expect(new Set(atServer.map((s) => s.src))).toEqual(new Set(['192.168.122.10', '192.168.122.11']));
  });

  it('a rule for another interface translates nothing', () => {
    const { received } = run(SCENARIO.replace(/^( +- iptables -t nat .*)-o eth0/m, '$1-o eth9'));
    expect(received.get('vm1')).toBe(0);
  });
});

describe('MASQUERADE connection tracking, as Linux does it', () => {
  const ip = (s: string) => parseIpv4(s)!;
  const eth0 = { ifname: 'eth0', ipv4: [{ address: ip('10.0.0.1'), prefixLength: 24 }] } as unknown as Netdev;
  const SERVER = ip('10.0.0.2');
  const S = 1e9;
  const nat = () => {
    const m = new Masquerade(randomStream(1, 'test/nat'));
    m.rules = [{ source: parseCidr('192.168.122.0/24')!, outDev: 'eth0' }];
    return m;
  };
  const echo = (src: string, id: number, dst = SERVER): Ipv4Packet => ({
    kind: 'ipv4', src: ip(src), dst, ttl: 64, id: 0, dscp: 0,
    payload: { kind: 'icmp', type: ICMP_ECHO_REQUEST, code: 0, id, seq: 1, dataLength: 56, quoted: null },
  });
  const reply = (natId: number): Ipv4Packet => ({
    kind: 'ipv4', src: SERVER, dst: ip('10.0.0.1'), ttl: 64, id: 0, dscp: 0,
    payload: { kind: 'icmp', type: ICMP_ECHO_REPLY, code: 0, id: natId, seq: 1, dataLength: 56, quoted: null },
  });
  const udp = (src: string, srcPort: number, dstPort = 9999): Ipv4Packet => ({
    kind: 'ipv4', src: ip(src), dst: SERVER, ttl: 64, id: 0, dscp: 0, payload: { kind: 'udp', srcPort, dstPort, dataLength: 10, probe: null },
  });
  const idOut = (p: Ipv4Packet) => (p.payload.kind === 'icmp' ? p.payload.id : p.payload.kind === 'udp' ? p.payload.srcPort : -1);

  it('keeps a flow\'s echo id when it is free toward the destination, and picks another when it is not', () => {
    const m = nat();
    expect(idOut(m.postrouting(echo('192.168.122.10', 1), eth0, 0))).toBe(1);
    const second = idOut(m.postrouting(echo('192.168.122.11', 1), eth0, 0));
    expect(second).not.toBe(1);
    // The same id toward another server is another tuple: kept.
    expect(idOut(m.postrouting(echo('192.168.122.11', 1, ip('10.0.0.3')), eth0, 0))).toBe(1);
    // Each reply goes back to its own VM with its own id.
    expect(m.prerouting(reply(1), S)).toMatchObject({ dst: ip('192.168.122.10'), payload: { id: 1 } });
    expect(m.prerouting(reply(second), S)).toMatchObject({ dst: ip('192.168.122.11'), payload: { id: 1 } });
    expect(m.count(S)).toBe(3);
  });

  it('keeps a UDP source port when free; a taken one is replaced from 1024..65535 (1..511 for a port under 512)', () => {
    const m = nat();
    expect(idOut(m.postrouting(udp('192.168.122.10', 40000), eth0, 0))).toBe(40000);
    const moved = idOut(m.postrouting(udp('192.168.122.11', 40000), eth0, 0));
    expect(moved).toBeGreaterThanOrEqual(1024);
    expect(moved).not.toBe(40000);
    m.postrouting(udp('192.168.122.10', 53), eth0, 0);
    const low = idOut(m.postrouting(udp('192.168.122.11', 53), eth0, 0));
    expect(low).toBeGreaterThanOrEqual(1);
    expect(low).toBeLessThanOrEqual(511);
  });

  it('forgets an ICMP flow 30 s after its last packet, a UDP flow after 30 s, or 120 s once it was answered', () => {
    const m = nat();
    const other = idOut(m.postrouting(echo('192.168.122.11', 7), eth0, 0));
    expect(other).toBe(7);
    // Within 30 s the id is still taken...
    expect(idOut(m.postrouting(echo('192.168.122.10', 7), eth0, 30 * S))).not.toBe(7);
    const m2 = nat();
    m2.postrouting(echo('192.168.122.11', 7), eth0, 0);
    // ...and after 30 s of silence it is free again, and a late reply is not translated.
    expect(m2.prerouting(reply(7), 31 * S).dst).toBe(ip('10.0.0.1'));
    expect(idOut(m2.postrouting(echo('192.168.122.10', 7), eth0, 31 * S))).toBe(7);

    const u = nat();
    u.postrouting(udp('192.168.122.10', 40000), eth0, 0);
    expect(u.count(31 * S)).toBe(0);
    u.postrouting(udp('192.168.122.11', 40001), eth0, 0);
    u.prerouting({ ...udp('192.168.122.11', 40001), src: SERVER, dst: ip('10.0.0.1'), payload: { kind: 'udp', srcPort: 9999, dstPort: 40001, dataLength: 10, probe: null } }, S);
    expect(u.count(100 * S)).toBe(1);
    expect(u.count(122 * S)).toBe(0);
  });

  it('refuses a new flow when every port toward the destination is taken, until one expires', () => {
    const m = nat();
    for (let port = 1024; port <= 65535; port++) m.postrouting(udp('192.168.122.10', port), eth0, 0);
    expect(m.count(0)).toBe(64512);
    expect(m.canSend(udp('192.168.122.11', 5000), eth0, 0)).toBe(false);
    // Another destination port is another set of tuples; an existing flow goes on.
    expect(m.canSend(udp('192.168.122.11', 5000, 53), eth0, 0)).toBe(true);
    expect(m.canSend(udp('192.168.122.10', 5000), eth0, 10 * S)).toBe(true);
    expect(m.canSend(udp('192.168.122.11', 5000), eth0, 31 * S)).toBe(true);
  });

  it('drops a forwarded packet that finds no free echo id (nat-exhausted), at the host', () => {
    const p = prepareScenario(SCENARIO, 'nat.yaml');
    if (!p.ok) throw new Error('scenario 10 loads');
    const host1 = p.sim.hosts.get('host1')!;
    const dev = host1.device('eth0')!;
    // Some other guest already has every id toward the server, just before vm1 and vm2 start.
    for (let id = 0; id < 65536; id++) host1.stack.nat!.postrouting(echo('192.168.122.99', id), dev, 0.9 * S);
    const report = runSimulation(p.sim, 'nat.yaml');
    expect(report.pings.map((x) => x.received)).toEqual([0, 0]);
    expect(report.frames.dropsByReason['nat-exhausted']).toBe(6);
    expect(report.frames.conserved).toBe(true);
  });
});
