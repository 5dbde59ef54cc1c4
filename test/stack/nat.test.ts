/**
 * NAT mode: MASQUERADE on the host's uplink. The server sees only the host's address, the two
 * guests' equal echo ids are told apart on the outside, and each reply finds its way back.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareScenario, runSimulation, type TraceRecord } from '../../src/index.js';
import { formatIpv4 } from '../../src/wire/ipv4-address.js';

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
