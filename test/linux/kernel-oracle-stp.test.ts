/**
 * Spanning tree against the Linux kernel's own 802.1D (bridges with stp_state 1 in network
 * namespaces), where the machine allows it: the ring of scenario 07's switches (three bridges,
 * one pair joined twice), with their priorities, MACs and port numbers, and short timers (forward
 * delay 4 s, max age 6 s). Both must elect the same root, pick the same root ports, block the same
 * ports, and converge after 2 x forward delay.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSimulation } from '../../src/index.js';
import { formatMac } from '../../src/wire/mac.js';
import { prepare } from '../acceptance/helpers.js';
import { Namespaces, whyNoKernel } from './netns.js';

const why = whyNoKernel();
const FD = 4;

const TEXT = `name: stp-ring
duration: 20s
defaults: { link: { rate: 10Mbps, delay: 1ms, queue: 64 } }
switches:
  - { name: sw1, ports: 4, stp: { priority: 4096, forwardDelay: ${FD}s, maxAge: 6s } }
  - { name: sw2, ports: 4, stp: { priority: 8192, forwardDelay: ${FD}s, maxAge: 6s } }
  - { name: sw3, ports: 4, stp: { forwardDelay: ${FD}s, maxAge: 6s } }
links:
  - { a: sw1/p1, b: sw2/p1 }
  - { a: sw1/p4, b: sw2/p4 }
  - { a: sw2/p2, b: sw3/p1 }
  - { a: sw3/p2, b: sw1/p2 }
`;

interface PortState {
  ifname: string;
  state: string;
}

describe.skipIf(why !== null)(`802.1D against the Linux kernel's bridges${why ? ` (skipped: ${why})` : ''}`, () => {
  const sim = prepare(TEXT, 'stp-ring.yaml');
  const switches = sim.doc.switches;
  const report = runSimulation(sim, 'stp-ring.yaml');
  const k = new Namespaces('stp');
  const kernel = { states: new Map<string, string>(), convergedAfter: NaN };

  const portStates = (sw: string): PortState[] => JSON.parse(k.bridge(sw, '-j', 'link', 'show')) as PortState[];

  beforeAll(() => {
    for (const s of switches) {
      k.add(s.name);
      const stp = s.stp!;
      k.ip(s.name, 'link', 'add', 'br0', 'type', 'bridge', 'stp_state', '1', 'mcast_snooping', '0',
        'priority', String(stp.priority), 'forward_delay', String(stp.forwardDelay / 1e7), 'hello_time', String(stp.helloTime / 1e7), 'max_age', String(stp.maxAge / 1e7));
      k.ip(s.name, 'link', 'set', 'br0', 'address', formatMac(sim.switches.get(s.name)!.mac));
    }
    for (const l of sim.doc.links) {
      const [a, pa] = l.a.split('/') as [string, string];
      const [b, pb] = l.b.split('/') as [string, string];
      k.veth(a, pa, b, pb);
    }
    // Every port in index order, so the kernel numbers them as vnetsim does (p4 is port 4): the
    // unused ones are veths with nothing at the other end.
    for (const s of switches) {
      for (let i = 1; i <= s.ports; i++) {
        const port = `p${i}`;
        const cabled = sim.doc.links.some((l) => l.a === `${s.name}/${port}` || l.b === `${s.name}/${port}`);
        if (!cabled) k.ip(s.name, 'link', 'add', port, 'type', 'veth', 'peer', 'name', `${port}x`);
        k.ip(s.name, 'link', 'set', port, 'master', 'br0');
        if (cabled) k.ip(s.name, 'link', 'set', port, 'up');
      }
    }
    const started = Date.now();
    for (const s of switches) k.ip(s.name, 'link', 'set', 'br0', 'up');
    // Wait until no port listens or learns any more (at most 2 x forward delay + 5 s).
    for (;;) {
      const settled = switches.every((s) => portStates(s.name).every((p) => p.state !== 'listening' && p.state !== 'learning'));
      if (settled && Date.now() - started > 1000) break;
      if (Date.now() - started > (2 * FD + 5) * 1000) break;
      spawnSync('sleep', ['0.1']);
    }
    kernel.convergedAfter = (Date.now() - started) / 1000;
    for (const s of switches) for (const p of portStates(s.name)) kernel.states.set(`${s.name}/${p.ifname}`, p.state);
  }, 30_000);

  afterAll(() => k.deleteAll());

  it('blocks the same ports and forwards on the same ports', () => {
    const ours = new Map<string, string>();
    for (const sw of sim.switches.values()) {
      for (const p of sw.ports) {
        if (p.cable === null) continue;
        ours.set(p.name, p.stpState);
      }
    }
    const theirs = new Map([...kernel.states].filter(([name]) => ours.has(name)));
    expect(Object.fromEntries(ours)).toEqual(Object.fromEntries(theirs));
    expect([...ours.values()].filter((s) => s === 'blocking').length).toBe(2);
  });

  it('elects the same root and the same root ports', () => {
    expect(report.stp!.roots.map((r) => r.name)).toEqual(['sw1']);
    for (const s of switches) {
      const out = spawnSync('ip', ['netns', 'exec', k.ns(s.name), 'cat', '/sys/class/net/br0/bridge/root_port'], { encoding: 'utf8' }).stdout.trim();
      const rootPortNo = Number(out);
      const ours = sim.switches.get(s.name)!.stp.rootPort;
      expect(ours === null ? 0 : ours.host.index, s.name).toBe(rootPortNo);
    }
  });

  it('converges after 2 x forward delay, in both', () => {
    expect(report.stp!.convergenceNs).toBe(2 * FD * 1e9);
    expect(kernel.convergedAfter).toBeGreaterThan(2 * FD - 1);
    expect(kernel.convergedAfter).toBeLessThan(2 * FD + 2);
  });
});
