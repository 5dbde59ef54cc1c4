/**
 * The visualizer's models without a browser: the columnar store, the replay state and its
 * checkpoints (state at T by scrubbing == state by stepping from 0), layout determinism, frame
 * paths, charts' series, filters, and reading frame descriptions.
 */
import { describe, expect, it } from 'vitest';
import { bridgedDatacenter } from '../../bench/scenarios.js';
import { layersFromDesc, parseDesc } from '../../web/src/model/desc.js';
import { filterRecords } from '../../web/src/model/filter.js';
import { framesInFlight } from '../../web/src/model/inflight.js';
import { K_DELIVER, K_RX, K_TX, P_ARP, P_ICMP, P_UDP, DST_BROADCAST } from '../../web/src/model/kinds.js';
import { computeLayout, seeded } from '../../web/src/model/layout.js';
import { findLeaks } from '../../web/src/model/leaks.js';
import { pathOf, pathPlaces } from '../../web/src/model/path.js';
import { addressBook, foldOneByOne, Replay } from '../../web/src/model/replay.js';
import { EMPTY_STATE, type NetState } from '../../web/src/model/net-state.js';
import { Series } from '../../web/src/model/series.js';
import { TopoIndex } from '../../web/src/model/topo.js';
import { columns, loadLive, loadViaJson, scenarioText } from './helpers.js';
import { prepareScenario, runSimulation } from '../../src/index.js';
import type { BridgeDevice } from '../../src/net/l2/bridge.js';
import { formatMac } from '../../src/wire/mac.js';

const one = loadLive(scenarioText('01-one-host-bridge.yaml'));
const dc = loadLive(scenarioText('02-bridged-datacenter.yaml'));
// The storm's first 16 ms after its one ARP request (sent at STORM_START): the flood multiplying,
// queues filling, the first drops.
const STORM_START = 4_000_000;
const STORM_UNTIL = STORM_START + 16_000_000;
const storm = loadLive(scenarioText('03-broadcast-storm.yaml'), 'storm.yaml', STORM_UNTIL);

describe('record store', () => {
  it('holds the same records whether they come live from the worker or from an NDJSON trace', () => {
    for (const name of ['01-one-host-bridge.yaml', '02-bridged-datacenter.yaml']) {
      const live = loadLive(scenarioText(name));
      const json = loadViaJson(scenarioText(name));
      expect(live.store.n).toBe(live.report.traceRecords);
      expect(columns(json.store)).toEqual(columns(live.store));
    }
  });

  it('classifies frames by protocol and destination', () => {
    const s = one.store;
    const protos = new Set<number>();
    for (let f = 0; f < s.fn; f++) protos.add(s.fProto[f]!);
    expect(protos).toEqual(new Set([P_ARP, P_ICMP]));
    expect(s.fDst[0]).toBe(DST_BROADCAST);
  });

  it('finds records by time', () => {
    const s = dc.store;
    const t = s.t[500]!;
    const ub = s.upperBound(t);
    expect(s.t[ub - 1]).toBe(t);
    expect(ub === s.n || s.t[ub]! > t).toBe(true);
    expect(s.t[s.lowerBound(t)]).toBe(t);
    expect(s.lowerBound(t) === 0 || s.t[s.lowerBound(t) - 1]! < t).toBe(true);
  });
});

describe('replay', () => {
  const book = (l: typeof one) => addressBook(l.store, new Map());

  it('state at any point through checkpoints equals folding one record at a time from 0', () => {
    for (const l of [one, dc, storm]) {
      const b = book(l);
      const replay = new Replay(l.store, b, 257);
      const rand = seeded(42);
      const cursors = [0, 1, l.store.n, l.store.n - 1, ...Array.from({ length: 6 }, () => Math.floor(rand() * l.store.n))];
      // One reference fold up to the largest cursor, sampling on the way.
      const sorted = [...new Set(cursors)].sort((a, b) => a - b);
      let ref: NetState = EMPTY_STATE;
      for (const c of sorted) {
        ref = foldOneByOne(ref, l.store, b, c);
        expect(replay.stateAt(c)).toEqual(ref);
      }
    }
  });

  it('playing forward in small steps lands on the same state as scrubbing there', () => {
    const l = storm;
    const b = book(l);
    const replay = new Replay(l.store, b, 1000);
    const rand = seeded(7);
    let st = EMPTY_STATE;
    let c = 0;
    while (c < l.store.n) {
      c = Math.min(l.store.n, c + 1 + Math.floor(rand() * 300));
      st = replay.move(st, c);
    }
    expect(st).toEqual(new Replay(l.store, b, 4096).stateAt(l.store.n));
    // And back again: scrubbing backward uses the checkpoints.
    const back = replay.move(st, 1234);
    expect(back).toEqual(foldOneByOne(EMPTY_STATE, l.store, b, 1234));
  });

  it('shows the bridge learning both VMs and each VM caching the other in ARP', () => {
    const st = new Replay(one.store, book(one)).stateAt(one.store.n);
    const fdb = Object.values(st.fdb['host1/br0']!).map((e) => e.port).sort();
    expect(fdb).toEqual(['host1/tap0', 'host1/tap1']);
    expect(Object.keys(st.arp['vm1/eth0']!)).toEqual(['10.0.0.2']);
    expect(Object.keys(st.arp['vm2/eth0']!)).toEqual(['10.0.0.1']);
    const c = st.counters['vm1/eth0']!;
    expect(c.txFrames).toBeGreaterThan(0);
    expect(st.apps['vm1']!['ping reply']).toBe(3);
  });

  it("ages a MAC table entry from the last frame seen, as the bridge does: seenAt is the simulator's FDB `updated`", () => {
    for (const [file, bridge] of [['01-one-host-bridge.yaml', 'host1/br0'], ['02-bridged-datacenter.yaml', 'sw1']] as const) {
      const l = file.startsWith('01') ? one : dc;
      const st = new Replay(l.store, book(l)).stateAt(l.store.n);
      const p = prepareScenario(scenarioText(file), file);
      if (!p.ok) throw new Error(file);
      runSimulation(p.sim, file);
      const [host, dev] = bridge.split('/');
      const fdb = dev === undefined ? p.sim.switches.get(host!)!.forwarder.fdb : (p.sim.hosts.get(host!)!.device(dev) as BridgeDevice).forwarder.fdb;
      const truth = fdb.entries(p.sim.engine.now).filter((e) => !e.local).map((e) => [formatMac(e.mac), e.port.name, e.updated]).sort();
      const shown = Object.values(st.fdb[bridge]!).map((e) => [e.mac, e.port, e.seenAt]).sort();
      expect(shown, file).toEqual(truth);
      // Entries refreshed after they were learned: their age is not counted from the first frame.
      expect(Object.values(st.fdb[bridge]!).filter((e) => e.seenAt > e.learnedAt).length, file).toBeGreaterThan(0);
    }
  });

  it('counts the storm’s drops where they happen', () => {
    const st = new Replay(storm.store, book(storm)).stateAt(storm.store.n);
    const drops = Object.values(st.counters).reduce((a, c) => a + c.drops, 0);
    expect(drops).toBe(storm.report.frames.dropped);
    expect(Object.values(st.counters).some((c) => (c.dropReasons['queue-full'] ?? 0) > 0)).toBe(true);
  });
});

describe('layout', () => {
  it('is the same picture every time for the same topology', () => {
    const a = computeLayout(dc.topo), b = computeLayout(new TopoIndex(JSON.parse(JSON.stringify(dc.topo.topology))));
    expect([...a.x]).toEqual([...b.x]);
    expect([...a.y]).toEqual([...b.y]);
  });

  it('keeps every device inside its host and every port on its switch', () => {
    for (const l of [one, dc, storm]) {
      const lay = computeLayout(l.topo);
      const t = l.topo;
      for (let i = 0; i < t.size; i++) {
        expect(Number.isFinite(lay.x[i]!) && Number.isFinite(lay.y[i]!)).toBe(true);
        const g = t.group[i]!;
        if (g === i) continue;
        const d = Math.hypot(lay.x[i]! - lay.x[g]!, lay.y[i]! - lay.y[g]!);
        expect(d).toBeLessThanOrEqual(lay.r[g]! + 0.001);
      }
      // Groups do not overlap.
      const groups = [...Array(t.size).keys()].filter((i) => t.parent[i]! < 0);
      for (const a of groups) for (const b of groups) {
        if (a >= b) continue;
        expect(Math.hypot(lay.x[a]! - lay.x[b]!, lay.y[a]! - lay.y[b]!)).toBeGreaterThan(lay.r[a]! + lay.r[b]!);
      }
    }
  });

  it('lays out 2,000 nodes in well under a second', () => {
    const big = loadLive(bridgedDatacenter(70, 9, { ping: false }), 'big.yaml', 1);
    expect(big.topo.size).toBeGreaterThanOrEqual(2000);
    const t0 = performance.now();
    computeLayout(big.topo);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});

describe('paths, frames in flight, series, filters', () => {
  it('follows a ping reply back to the VM that sent it', () => {
    const s = one.store;
    let last = -1;
    for (let i = 0; i < s.n; i++) if (s.kind[i] === K_DELIVER && s.frameDesc(s.frame[i]!).includes('echo reply')) last = i;
    expect(last).toBeGreaterThan(0);
    const path = pathOf(s, one.topo, last);
    expect(pathPlaces(s, path)).toEqual(['vm2/eth0', 'host1/tap1', 'host1/tap0', 'vm1/eth0']);
    expect(s.kind[path[0]!]).toBe(0);
  });

  it('shows a frame in flight between its tx and its arrival', () => {
    const s = one.store;
    let tx = 0;
    while (s.kind[tx] !== K_TX) tx++;
    const mid = (s.t[tx]! + s.arrive[tx]!) / 2;
    const cursor = s.upperBound(mid);
    expect(framesInFlight(s, cursor, mid)).toContain(tx);
    expect(framesInFlight(s, s.upperBound(s.arrive[tx]!), s.arrive[tx]!)).not.toContain(tx);
  });

  it('counts every frame put on a cable in the whole-run series', () => {
    const series = new Series(storm.store, storm.topo, storm.duration);
    series.build();
    const w = series.window(0, storm.duration, 100, storm.duration, storm.store.n);
    const total = [...w.frames].reduce((a, b) => a + b, 0) * (storm.duration / 100) / 1e9;
    let cable = 0;
    for (let i = 0; i < storm.store.n; i++) if (storm.store.kind[i] === K_TX && series.channelOfRecord(i) >= 0) cable++;
    expect(Math.round(total)).toBe(cable);
    expect(series.rows.length).toBeGreaterThan(4);
    // A fine window (computed from the records) agrees with the whole-run histogram's total.
    const fine = series.window(STORM_START, STORM_UNTIL, 50, STORM_UNTIL, storm.store.n);
    const fineTotal = [...fine.frames].reduce((a, b) => a + b, 0) * ((STORM_UNTIL - STORM_START) / 50) / 1e9;
    expect(Math.round(fineTotal)).toBe(cable);
  });

  it('filters the event list by node, protocol, tenant and kind', () => {
    const s = one.store;
    const byNode = filterRecords(s, one.topo, { kinds: [], protocols: [], tenant: null, node: 'vm2' });
    expect(byNode.length).toBeGreaterThan(0);
    for (const i of byNode) expect(`${s.str(s.at[i]!)} ${s.str(s.to[i]!)}`).toMatch(/vm2/);
    const icmpRx = filterRecords(s, one.topo, { kinds: ['rx'], protocols: ['icmp'], tenant: null, node: '' });
    expect(icmpRx.length).toBe(12);
    for (const i of icmpRx) expect(s.kind[i]).toBe(K_RX);
    expect(filterRecords(s, one.topo, { kinds: [], protocols: [], tenant: 'blue', node: '' }).length).toBeGreaterThan(0);
    expect(filterRecords(s, one.topo, { kinds: [], protocols: [], tenant: 'red', node: '' }).length).toBe(0);
    void P_UDP;
  });
});

describe('frame descriptions', () => {
  it('reads ARP, ICMP, UDP and VLAN tags', () => {
    const a = parseDesc('52:54:00:00:00:01 > ff:ff:ff:ff:ff:ff vlan 100 ARP who-has 10.0.0.2 tell 10.0.0.1');
    expect(a).toMatchObject({ protocol: P_ARP, arpOp: 1, arpTargetIp: '10.0.0.2', arpSenderIp: '10.0.0.1', arpSenderMac: '52:54:00:00:00:01', dstKind: DST_BROADCAST });
    expect(a.tags).toEqual([{ tpid: '0x8100', vid: 100, pcp: 0 }]);
    const r = parseDesc('52:54:00:00:00:02 > 52:54:00:00:00:01 ARP 10.0.0.2 is-at 52:54:00:00:00:02');
    expect(r).toMatchObject({ arpOp: 2, arpSenderIp: '10.0.0.2', arpSenderMac: '52:54:00:00:00:02' });
    const icmp = layersFromDesc('52:54:00:00:00:02 > 52:54:00:00:00:01 IPv4 10.0.0.2 > 10.0.0.1 ICMP echo reply id 1 seq 3 len 64', 98);
    expect(icmp.map((l) => l.name)).toEqual(['Ethernet II', 'IPv4', 'ICMP']);
    expect(icmp[2]!.fields).toContainEqual(['sequence', '3']);
    const udp = layersFromDesc('52:54:00:00:00:01 > 52:54:00:00:00:02 UDP 10.0.0.1:40000 > 10.0.0.2:5001 len 1000', 1042);
    expect(udp[2]!.fields).toContainEqual(['destination port', '5001']);
  });

  it("reads qemu's RARP announce as ARP's family, without touching the ARP cache", () => {
    const desc = '52:54:00:00:00:01 > ff:ff:ff:ff:ff:ff RARP who-is 52:54:00:00:00:01 tell 52:54:00:00:00:01';
    expect(parseDesc(desc)).toMatchObject({ protocol: P_ARP, arpOp: 0, arpSenderIp: '', dstKind: DST_BROADCAST });
    expect(layersFromDesc(desc, 60)[1]).toEqual({ name: 'RARP', fields: [
      ['operation', 'request reverse (3)'], ['target MAC', '52:54:00:00:00:01'], ['sender MAC', '52:54:00:00:00:01'],
    ] });
  });
});

describe('leaks', () => {
  it('finds the frames one tenant sent that reached another tenant’s VM, as the simulator counts them', () => {
    const text = scenarioText('01-one-host-bridge.yaml').replace('{ name: vm2, tenant: blue,', '{ name: vm2, tenant: red,');
    const l = loadLive(text);
    expect(l.report.leaks.count).toBeGreaterThan(0);
    const leaks = findLeaks(l.store, l.topo);
    expect(leaks.length).toBe(l.report.leaks.count);
    expect(leaks[0]).toMatchObject({ victim: 'vm2', victimTenant: 'red', source: 'vm1', sourceTenant: 'blue' });
    expect(leaks.map((x) => x.t)).toEqual(l.report.leaks.listed.map((x) => x.t));
  });
});
