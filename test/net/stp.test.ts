/**
 * 802.1D spanning tree on physical switches: who becomes root, which ports block, how long the
 * tree takes to forward (from the timer values, never a hard-coded 30 s), what a failure costs,
 * the topology change machinery, and that the loop no longer storms.
 */
import { describe, expect, it } from 'vitest';
import { SECOND } from '../../src/engine/time.js';
import { compareBridgeId } from '../../src/net/stp/bridge-id.js';
import { pathCostForSpeed } from '../../src/net/stp/stp-params.js';
import { STP_MULTICAST_MAC } from '../../src/wire/bpdu.js';
import { makeFrame } from '../../src/wire/ethernet.js';
import type { TraceRecord } from '../../src/trace/record.js';
import { lastStateChange, portStates, ring, stateRecords, type StpRecordOf } from './stp-helpers.js';

const S = SECOND;
const HELLO = 2 * S, MAX_AGE = 20 * S, FD = 15 * S;

describe('path cost from link speed (Linux br_if.c port_cost, 802.1D-1998 short costs)', () => {
  it('maps the standard speeds as Linux does', () => {
    expect([10e6, 100e6, 1e9, 2.5e9, 5e9, 10e9, 40e9].map(pathCostForSpeed)).toEqual([100, 19, 4, 4, 3, 2, 1]);
    expect(pathCostForSpeed(null)).toBe(100);
    expect(pathCostForSpeed(20e6)).toBe(100); // not a speed Linux knows: the 10 Mb/s guess
  });
});

describe('root election', () => {
  it('elects the lowest bridge id: the lowest MAC at equal priority', () => {
    const { net, sw } = ring();
    net.engine.run({ until: 10 * S });
    for (const s of sw) expect(s.stp.designatedRoot).toEqual(sw[0]!.stp.bridgeId);
    expect(sw.map((s) => s.stp.isRoot())).toEqual([true, false, false]);
  });

  it('priority beats MAC: sw3 with priority 4096 wins over lower MACs', () => {
    const { net, sw } = ring({ stp: [{}, {}, { priority: 4096 }] });
    net.engine.run({ until: 10 * S });
    expect(sw.map((s) => s.stp.isRoot())).toEqual([false, false, true]);
    expect(compareBridgeId(sw[2]!.stp.bridgeId, sw[0]!.stp.bridgeId)).toBeLessThan(0);
    for (const s of sw) expect(s.stp.designatedRoot).toEqual(sw[2]!.stp.bridgeId);
    // Everyone reaches sw3 directly: one hop at the 10 Mb/s cost.
    expect(sw.map((s) => s.stp.rootPathCost)).toEqual([100, 100, 0]);
  });

  it('root ports carry the root: sw2 keeps p1 over the doubled p4 by the designated port id', () => {
    const { net, sw } = ring({ doubled: true, stp: [{ priority: 4096 }, { priority: 8192 }, {}] });
    net.engine.run({ until: 10 * S });
    expect(sw[1]!.stp.rootPort!.host.name).toBe('sw2/p1');
    expect(sw[2]!.stp.rootPort!.host.name).toBe('sw3/p2');
  });
});

describe('the looped topology of the storm scenario', () => {
  const topology = () => ring({ doubled: true, stp: [{ priority: 4096 }, { priority: 8192 }, {}] });

  it('blocks exactly sw2/p4 (the extra cable) and sw3/p1 (the sw2-sw3 segment belongs to sw2)', () => {
    const { net, sw } = topology();
    net.engine.run({ until: 2 * FD + 2 * HELLO });
    const states = portStates(sw);
    expect(states.filter((s) => s.endsWith('blocking'))).toEqual(['sw2/p4 blocking', 'sw3/p1 blocking']);
    expect(states.filter((s) => s.endsWith('forwarding'))).toHaveLength(states.length - 2);
    const roles = sw.flatMap((s) => s.stp.ports.filter((p) => p.state !== 'disabled').map((p) => `${p.host.name} ${s.stp.roleOf(p)}`));
    expect(roles).toEqual([
      'sw1/p1 designated', 'sw1/p2 designated', 'sw1/p3 designated', 'sw1/p4 designated',
      'sw2/p1 root', 'sw2/p2 designated', 'sw2/p4 non-designated',
      'sw3/p1 non-designated', 'sw3/p2 root', 'sw3/p3 designated',
    ]);
  });

  it('after convergence one broadcast reaches each station once: no storm, copies die at the blocked ports', () => {
    const { net, sw, a, b, records } = topology();
    net.engine.run({ until: 2 * FD + 2 * HELLO });
    const f = a.send();
    net.engine.run({ until: 2 * FD + 3 * HELLO });
    expect(b.got.filter((x) => x.origin === f.uid)).toHaveLength(1);
    expect(a.got.filter((x) => x.origin === f.uid)).toHaveLength(0);
    const drops = records.filter((r): r is Extract<TraceRecord, { kind: 'drop' }> => r.kind === 'drop' && r.frame.origin === f.uid);
    expect(drops.map((d) => `${d.at.name} ${d.reason}`).sort()).toEqual(['sw2/p4 stp-blocking', 'sw3/p1 stp-blocking']);
    // Every cable direction carried the broadcast at most once.
    const tx = records.filter((r): r is Extract<TraceRecord, { kind: 'tx' }> => r.kind === 'tx' && r.frame.origin === f.uid);
    expect(new Set(tx.map((r) => r.at.name)).size).toBe(tx.length);
    expect(net.ledger.dropsByReason.get('queue-full') ?? 0).toBe(0);
    void sw;
  });

  it('without STP the same broadcast multiplies until the queues overflow', () => {
    const { net, a, b } = ring({ doubled: true, stp: [null, null, null] });
    const f = a.send();
    net.engine.run({ until: 200_000_000 });
    expect(b.got.filter((x) => x.origin === f.uid).length).toBeGreaterThan(100);
    expect(net.ledger.dropsByReason.get('queue-full') ?? 0).toBeGreaterThan(0);
  });

  it('data frames on a listening port are dropped (stp-blocking) while BPDUs are consumed', () => {
    const { net, a, b } = topology();
    net.engine.run({ until: 5 * S });
    const f = a.send();
    net.engine.run({ until: 6 * S });
    expect(b.got).toHaveLength(0);
    expect(net.ledger.dropsByReason.get('stp-blocking')).toBe(1); // at sw1/p3, still listening
    void f;
  });
});

describe('convergence time follows the timers: 2 x forward delay', () => {
  for (const fd of [15 * S, 4 * S]) {
    it(`forward delay ${fd / S}s: listening until fd, learning until 2 fd, then settled`, () => {
      const settings = { forwardDelay: fd, maxAge: 6 * S, helloTime: HELLO };
      const { net, sw, records } = ring({ doubled: true, stp: [{ ...settings, priority: 4096 }, settings, settings] });
      net.engine.run({ until: 2 * fd - 1 });
      expect(portStates(sw).filter((s) => s.endsWith('forwarding'))).toEqual([]);
      net.engine.run({ until: 2 * fd + 3 * HELLO });
      const states = stateRecords(records);
      const firstLearning = Math.min(...states.filter((r) => r.to === 'learning').map((r) => r.t));
      const firstForwarding = Math.min(...states.filter((r) => r.to === 'forwarding').map((r) => r.t));
      expect(firstLearning).toBe(fd);
      expect(firstForwarding).toBe(2 * fd);
      // Settled at 2 fd; a port that had to wait for the first BPDUs may start up to a hello later.
      const settled = lastStateChange(sw);
      expect(settled).toBeGreaterThanOrEqual(2 * fd);
      expect(settled).toBeLessThanOrEqual(2 * fd + HELLO);
      expect(sw.every((s) => s.stp.steady())).toBe(true);
    });
  }

  it('the root\'s timers are everyone\'s: only the root sets forwardDelay 4s, all converge in 8s', () => {
    const { net, sw } = ring({ doubled: true, stp: [{ priority: 4096, forwardDelay: 4 * S, maxAge: 6 * S }, {}, {}] });
    net.engine.run({ until: 30 * S });
    expect(sw.map((s) => s.stp.forwardDelay)).toEqual([4 * S, 4 * S, 4 * S]);
    // sw2 and sw3 started their first listening period with their own 15 s, before hearing the root.
    expect(sw[0]!.stp.lastStateChangeAt).toBe(8 * S);
  });
});

describe('failures and topology change', () => {
  /** The plain ring: sw1 root, sw2 (priority 8192) owns the sw2-sw3 segment, sw3/p1 blocks. */
  const plainRing = () => ring({ stp: [{ priority: 4096 }, { priority: 8192 }, {}] });
  const T = 41 * S;

  it('losing the root port with a blocked alternate in the same bridge: re-converges in 2 x forward delay', () => {
    const { net, sw, links } = plainRing();
    net.engine.run({ until: T });
    expect(portStates(sw)).toContain('sw3/p1 blocking');
    links.s3s1.setUp(false); // sw3's root port p2 loses carrier: p1 (which heard sw2 relay the root) takes over at once
    net.engine.run({ until: T + 60 * S });
    expect(sw[2]!.stp.rootPort!.host.name).toBe('sw3/p1');
    expect(portStates(sw)).toContain('sw3/p1 forwarding');
    expect(lastStateChange(sw) - T).toBe(2 * FD);
  });

  it('losing the root port when nobody else hears of it: max age, then 2 x forward delay', () => {
    const { net, sw, links } = plainRing();
    net.engine.run({ until: T });
    links.s1s2.setUp(false); // sw2's root port: sw2 now claims root; sw3/p1 ignores the worse claim until sw2's old info ages out
    net.engine.run({ until: T + 80 * S });
    expect(sw[1]!.stp.rootPort!.host.name).toBe('sw2/p2');
    expect(portStates(sw)).toEqual(['sw1/p2 forwarding', 'sw1/p3 forwarding', 'sw2/p2 forwarding', 'sw3/p1 forwarding', 'sw3/p2 forwarding', 'sw3/p3 forwarding']);
    const took = lastStateChange(sw) - T;
    // sw3/p1 last heard sw2 at most one hello before the failure; its information dies max age after that.
    expect(took).toBeGreaterThan(MAX_AGE + 2 * FD - HELLO);
    expect(took).toBeLessThanOrEqual(MAX_AGE + 2 * FD);
  });

  it('a topology change: TCN to the root, TC flag for max age + forward delay, FDB short ageing meanwhile', () => {
    const { net, sw, links, records } = plainRing();
    net.engine.run({ until: T });
    const tcBefore = records.length;
    links.s3s1.setUp(false);
    net.engine.run({ until: T + 2 * FD + 1 * S });
    // sw3/p1 started forwarding at T + 2 fd: sw3 told the root (a TCN BPDU up its root port).
    const tcn = records.slice(tcBefore).filter((r) => r.kind === 'originate' && r.frame.payload.kind === 'stp' && r.frame.payload.bpduType === 0x80);
    expect(tcn.map((r) => r.at.name)).toContain('sw3/p1');
    const tc = records.slice(tcBefore).filter((r): r is StpRecordOf<'topology-change'> => r.kind === 'stp' && r.event === 'topology-change');
    const rootOn = tc.find((r) => r.at.name === 'sw1' && r.on)!;
    expect(rootOn.t).toBeGreaterThanOrEqual(T + 2 * FD);
    expect(rootOn.t).toBeLessThan(T + 2 * FD + S);
    // While the flag is on, every switch ages its FDB after the forward delay: the root at once,
    // the others when the root's next BPDUs (at most a hello later) carry the flag to them.
    expect(sw[0]!.forwarder.fdb.ageingNs).toBe(FD);
    net.engine.run({ until: rootOn.t + HELLO + S });
    for (const s of sw) expect(s.forwarder.fdb.ageingNs).toBe(FD);
    net.engine.run({ until: T + 2 * FD + MAX_AGE + FD + 5 * S });
    const rootOff = records.find((r): r is StpRecordOf<'topology-change'> => r.kind === 'stp' && r.event === 'topology-change' && r.at.name === 'sw1' && !r.on && r.t > rootOn.t)!;
    expect(rootOff.t - rootOn.t).toBe(MAX_AGE + FD);
    for (const s of sw) expect(s.forwarder.fdb.ageingNs).toBe(300 * S);
  });

  it('plugging the cable back in: the port listens and learns again, then the tree is as before', () => {
    const { net, sw, links } = plainRing();
    net.engine.run({ until: T });
    const before = portStates(sw);
    links.s3s1.setUp(false);
    net.engine.run({ until: T + 40 * S });
    links.s3s1.setUp(true);
    net.engine.run({ until: T + 100 * S });
    expect(portStates(sw)).toEqual(before);
  });
});

describe('BPDUs', () => {
  it('only untagged BPDUs are the tree\'s: a tagged frame to the group address is dropped, not relayed', () => {
    const { net, a, records } = ring({ stp: [{ priority: 4096 }, {}, {}] });
    net.engine.run({ until: 3 * S });
    const uid = net.nextUid();
    const bpdu = { kind: 'stp' as const, bpduType: 0x80 as const, flags: 0, rootId: { priority: 0, mac: 0 }, rootPathCost: 0, bridgeId: { priority: 0, mac: 0 }, portId: 0, messageAge: 0, maxAge: 0, helloTime: 0, forwardDelay: 0 };
    const f = makeFrame(uid, uid, STP_MULTICAST_MAC, a.mac, [{ tpid: 0x8100, pcp: 0, dei: 0, vid: 100 }], bpdu);
    net.originate(a, f);
    a.cable!.send(f);
    net.engine.run({ until: 4 * S });
    const fate = records.filter((r) => (r.kind === 'drop' || r.kind === 'deliver' || r.kind === 'flood') && r.frame.uid === uid);
    expect(fate.map((r) => `${r.kind} ${r.at.name}${r.kind === 'drop' ? ` ${r.reason}` : ''}`)).toEqual(['drop sw1/p3 no-handler']);
  });

  it('the root sends configuration BPDUs every hello time; others relay them with a growing message age', () => {
    const { net, records } = ring({ stp: [{ priority: 4096 }, {}, {}] });
    net.engine.run({ until: 20 * S });
    const sent = records.filter((r): r is Extract<TraceRecord, { kind: 'originate' }> => r.kind === 'originate' && r.frame.payload.kind === 'stp');
    const fromRoot = sent.filter((r) => r.at.name === 'sw1/p1').map((r) => r.t);
    // after the first few seconds, one every hello on each designated port of the root
    const late = fromRoot.filter((t) => t >= 6 * S);
    for (let i = 1; i < late.length; i++) expect(late[i]! - late[i - 1]!).toBe(HELLO);
    const relayed = sent.filter((r) => r.at.name === 'sw2/p2' && r.t > 10 * S).map((r) => r.frame.payload);
    expect(relayed.length).toBeGreaterThan(0);
    for (const b of relayed) {
      if (b.kind !== 'stp') continue;
      expect(b.messageAge).toBeGreaterThanOrEqual(1);
      expect(b.rootPathCost).toBe(100);
    }
  });
});
