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
    buildRing(k, sim);
    const started = Date.now();
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

/** Scenario 12's ring: like 07's, without the second sw1-sw2 cable. */
const RING12 = TEXT.replace('  - { a: sw1/p4, b: sw2/p4 }\n', '');

/** Builds the scenario's switches as kernel bridges with STP, each port in index order. */
function buildRing(k: Namespaces, sim: ReturnType<typeof prepare>): void {
  for (const s of sim.doc.switches) {
    k.add(s.name);
    const t = s.stp!;
    k.ip(s.name, 'link', 'add', 'br0', 'type', 'bridge', 'stp_state', '1', 'mcast_snooping', '0',
      'priority', String(t.priority), 'forward_delay', String(t.forwardDelay / 1e7), 'hello_time', String(t.helloTime / 1e7), 'max_age', String(t.maxAge / 1e7));
    k.ip(s.name, 'link', 'set', 'br0', 'address', formatMac(sim.switches.get(s.name)!.mac));
  }
  for (const l of sim.doc.links) {
    const [a, pa] = l.a.split('/') as [string, string];
    const [b, pb] = l.b.split('/') as [string, string];
    k.veth(a, pa, b, pb);
  }
  // Every port in index order, so the kernel numbers them as vnetsim does (p4 is port 4): the
  // unused ones are veths with nothing at the other end.
  for (const s of sim.doc.switches) {
    for (let i = 1; i <= s.ports; i++) {
      const port = `p${i}`;
      const cabled = sim.doc.links.some((l) => l.a === `${s.name}/${port}` || l.b === `${s.name}/${port}`);
      if (!cabled) k.ip(s.name, 'link', 'add', port, 'type', 'veth', 'peer', 'name', `${port}x`);
      k.ip(s.name, 'link', 'set', port, 'master', 'br0');
      if (cabled) k.ip(s.name, 'link', 'set', port, 'up');
    }
  }
  for (const s of sim.doc.switches) k.ip(s.name, 'link', 'set', 'br0', 'up');
}

/**
 * The ring converged, the sw1-sw2 cable is pulled (both of its ends go down), and the time until
 * the port that takes over forwards is compared, vnetsim's simulated against the kernel's in wall
 * time (with a little slack for its timer ticks):
 *  - scenario 07's ring: sw2's second cable to sw1 (p4, an alternate root port) becomes its root
 *    port at once, and forwards after listening and learning: 2 x forward delay;
 *  - scenario 12's ring: sw2 has no other way to the root, claims to be it, and sw3/p1 keeps sw2's
 *    old, better information until it is max age old: between max age + 2 x forward delay - hello
 *    and max age + 2 x forward delay.
 */
describe.skipIf(why !== null)(`a pulled cable on the ring, against the Linux kernel${why ? ` (skipped: ${why})` : ''}`, () => {
  const PULL = 10;
  const cases = [
    { name: '07', text: TEXT, watch: 'sw2/p4' },
    { name: '12', text: RING12, watch: 'sw3/p1' },
  ].map((c) => {
    const text = c.text.replace('duration: 20s', 'duration: 40s') + `timeline:\n  - { at: ${PULL}s, unplug: sw1/p1 }\n`;
    const sim = prepare(text, 'stp-ring.yaml');
    let forwardingAt = NaN;
    runSimulation(sim, 'stp-ring.yaml', { sinks: [{ record: (r) => {
      if (r.kind === 'stp' && r.event === 'state' && r.port.name === c.watch && r.to === 'forwarding' && r.t > PULL * 1e9) forwardingAt = r.t / 1e9;
    } }] });
    return { ...c, sim, ours: forwardingAt - PULL, kernel: NaN, k: new Namespaces(`pull${c.name}`) };
  });
  const stp = cases[0]!.sim.doc.switches[0]!.stp!;
  const [maxAge, fd, hello] = [stp.maxAge / 1e9, stp.forwardDelay / 1e9, stp.helloTime / 1e9];

  beforeAll(() => {
    for (const c of cases) buildRing(c.k, c.sim);
    const state = (k: Namespaces, port: string) => {
      const [sw, ifname] = port.split('/') as [string, string];
      return (JSON.parse(k.bridge(sw, '-j', 'link', 'show')) as PortState[]).find((p) => p.ifname === ifname)?.state;
    };
    const until = (cond: () => boolean, seconds: number) => {
      const deadline = Date.now() + seconds * 1000;
      while (!cond() && Date.now() < deadline) spawnSync('sleep', ['0.05']);
    };
    until(() => cases.every((c) => state(c.k, c.watch) === 'blocking' && state(c.k, 'sw2/p1') === 'forwarding'), 2 * FD + 5);
    // Both rings lose their cable at once and are watched together.
    const pulled = Date.now();
    for (const c of cases) {
      c.k.ip('sw1', 'link', 'set', 'p1', 'down');
      c.k.ip('sw2', 'link', 'set', 'p1', 'down');
    }
    until(() => {
      for (const c of cases) if (Number.isNaN(c.kernel) && state(c.k, c.watch) === 'forwarding') c.kernel = (Date.now() - pulled) / 1000;
      return cases.every((c) => !Number.isNaN(c.kernel));
    }, maxAge + 2 * fd + 5);
  }, 60_000);

  afterAll(() => { for (const c of cases) c.k.deleteAll(); });

  it("07's ring: the alternate root port forwards after 2 x forward delay, in both", () => {
    const c = cases[0]!;
    expect(c.ours).toBe(2 * fd);
    expect(c.kernel).toBeGreaterThanOrEqual(2 * fd - 0.5);
    expect(c.kernel).toBeLessThanOrEqual(2 * fd + 1.5);
  });

  it("12's ring: the blocked port forwards after max age + 2 x forward delay, less the time since the last hello, in both", () => {
    const c = cases[1]!;
    const heal = maxAge + 2 * fd;
    expect(c.ours).toBeGreaterThanOrEqual(heal - hello);
    expect(c.ours).toBeLessThanOrEqual(heal);
    expect(c.kernel).toBeGreaterThanOrEqual(heal - hello - 0.5);
    expect(c.kernel).toBeLessThanOrEqual(heal + 1.5);
  });
});
