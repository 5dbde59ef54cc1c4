/**
 * Devices changing during the run in the visualizer's model: the columns a netdev record takes
 * (the same from a live run and from an NDJSON trace), malformed lines refused, the event list's
 * words, the kind and node filters, and the picture's devices and ties at any time: a device the
 * run adds is not there before its `added` record and is after, a port is in its bridge from
 * `enslaved` to `released`, a removed device is gone; the layout keeps a place for each device
 * that will appear, and the TAP a migration makes is one node. On scenario 13-vlan-limits and on
 * the scenario of test/nodes/netdev-records.test.ts, through both paths.
 */
import { describe, expect, it } from 'vitest';
import type { TraceJson } from '../../src/index.js';
import { ChunkBuilder } from '../../web/src/model/builder.js';
import { filterRecords, NO_FILTERS } from '../../web/src/model/filter.js';
import { K_NETDEV, KINDS } from '../../web/src/model/kinds.js';
import { computeLayout } from '../../web/src/model/layout.js';
import { devicesNow, devicesNowIds, drawnTopology, masterNow, masterText, portsNow, presenceText } from '../../web/src/model/netdev.js';
import { addressBook, Replay } from '../../web/src/model/replay.js';
import type { NetState } from '../../web/src/model/net-state.js';
import { TopoIndex } from '../../web/src/model/topo.js';
import { columns, expectReplaysAgree, loadLive, loadViaJson, rowTexts, scenarioOfTest, scenarioText, type Loaded } from './helpers.js';

const S = 1_000_000_000;

/** The timeline of test/nodes/netdev-records.test.ts: every kind of change, and a bridge deleted with its ports in it. */
const CHANGES = scenarioOfTest('nodes/netdev-records.test.ts');

/** The topology the page draws once the trace is loaded. */
function drawn(l: Loaded): TopoIndex {
  const t = drawnTopology(l.topo, l.store);
  return t ? new TopoIndex(t) : l.topo;
}

/** What the picture shows at `sec`: the devices and ties it leaves out, each bridge's ports. */
function picture(topo: TopoIndex, st: NetState): { absent: string[]; hidden: string[]; ports: Record<string, string[]> } {
  const now = devicesNow(topo, st);
  const ports: Record<string, string[]> = {};
  topo.nodes.forEach((n, i) => { if (n.kind === 'bridge' && now.absent[i] === 0) ports[n.id] = portsNow(topo, now, i); });
  return { ...devicesNowIds(topo, now), ports };
}

function stateAt(l: Loaded, sec: number): NetState {
  return new Replay(l.store, addressBook(l.store, new Map())).stateAt(l.store.upperBound(Math.round(sec * S)));
}

describe('netdev records in the visualizer', () => {
  it('are a kind of their own', () => {
    expect(KINDS[K_NETDEV]).toBe('netdev');
  });

  describe('on 13-vlan-limits (host3 made ready for red at 3 s, red1 migrated there at 4 s)', () => {
    const text = scenarioText('13-vlan-limits.yaml');
    const paths: [string, Loaded][] = [['live', loadLive(text)], ['NDJSON', loadViaJson(text)]];
    const [[, live], [, json]] = paths as [[string, Loaded], [string, Loaded]];

    it('take these columns: at = the device, a = event, b = type, c = host, to = the peer; the same live and from NDJSON', () => {
      expect(columns(json.store)).toEqual(columns(live.store));
      const s = live.store;
      const str = (i: number) => (i < 0 ? null : s.str(i));
      expect(s.netdevRecords.map((i) => [s.t[i], s.kind[i], str(s.at[i]!), s.a[i], s.b[i], str(s.c[i]!), str(s.to[i]!), s.frame[i], Number.isNaN(s.arrive[i]!)])).toEqual([
        [3 * S, K_NETDEV, 'host3/eth0.100', 0, 2, 'host3', 'host3/eth0', -1, true],
        [3 * S, K_NETDEV, 'host3/br100', 0, 0, 'host3', null, -1, true],
        [3 * S, K_NETDEV, 'host3/eth0.100', 2, 2, 'host3', 'host3/br100', -1, true],
        [4 * S, K_NETDEV, 'host3/tap0', 0, 1, 'host3', null, -1, true],
        [4 * S, K_NETDEV, 'host3/tap0', 2, 1, 'host3', 'host3/br100', -1, true],
      ]);
    });

    it('read as what happened to the device, and are found by kind and under the device, its host and its peer', () => {
      const s = live.store;
      expect(rowTexts(s, s.netdevRecords)).toEqual([
        'netdev | host3/eth0.100 | vlan added on host3/eth0',
        'netdev | host3/br100 | bridge added',
        'netdev | host3/eth0.100 | enslaved to host3/br100',
        'netdev | host3/tap0 | tap added',
        'netdev | host3/tap0 | enslaved to host3/br100',
      ]);
      const topo = drawn(live);
      expect([...filterRecords(s, topo, { ...NO_FILTERS, kinds: ['netdev'] })]).toEqual(s.netdevRecords);
      const netdevUnder = (node: string) => [...filterRecords(s, topo, { ...NO_FILTERS, kinds: ['netdev'], node })];
      expect(netdevUnder('host3')).toEqual(s.netdevRecords);
      expect(netdevUnder('host3/br100')).toEqual([s.netdevRecords[1], s.netdevRecords[2], s.netdevRecords[4]]);
      expect(netdevUnder('host3/eth0')).toEqual([s.netdevRecords[0]]);
      expect(netdevUnder('host3/tap0')).toEqual(s.netdevRecords.slice(3));
      expect(netdevUnder('host1')).toEqual([]);
    });

    it.each(paths)('%s: br100 and eth0.100 appear at 3 s with their ties, tap0 (made by the migration) at 4 s, once', (_, l) => {
      const topo = drawn(l);
      expect(topo.nodes.filter((n) => n.id === 'host3/tap0')).toHaveLength(1);
      expect(topo.nodes.filter((n) => n.late).map((n) => [n.id, n.kind, n.parent])).toEqual([
        ['host3/eth0.100', 'vlan', 'host3'], ['host3/br100', 'bridge', 'host3'], ['host3/tap0', 'tap', 'host3']]);
      const before = { absent: ['host3/br100', 'host3/eth0.100', 'host3/tap0'], hidden: ['host3/eth0.100~host3/br100', 'host3/eth0.100~host3/eth0', 'host3/tap0~host3/br100', 'red1/eth0~host3/tap0'] };
      for (const sec of [0, 1, 2.9, 3 - 1e-9]) expect(picture(topo, stateAt(l, sec)), `at ${sec} s`).toMatchObject(before);
      for (const sec of [3, 3.5, 4 - 1e-9]) {
        expect(picture(topo, stateAt(l, sec)), `at ${sec} s`).toMatchObject({
          absent: ['host3/tap0'], hidden: ['host3/tap0~host3/br100', 'red1/eth0~host3/tap0'], ports: { 'host3/br100': ['host3/eth0.100'] } });
      }
      for (const sec of [4, 5, 6]) {
        expect(picture(topo, stateAt(l, sec)), `at ${sec} s`).toMatchObject({
          absent: [], hidden: [], ports: { 'host3/br100': ['host3/eth0.100', 'host3/tap0'], 'host1/br100': ['host1/eth0.100', 'host1/tap0'] } });
      }
      // The Device panel's words.
      const st = stateAt(l, 5), now = devicesNow(topo, st);
      expect(presenceText(topo, st, topo.at('host3/br100'))).toBe('since 3 s (added during the run)');
      expect(presenceText(topo, stateAt(l, 1), topo.at('host3/br100'))).toBe('not yet: the run adds it later');
      expect(presenceText(topo, st, topo.at('host1/br100'))).toBeNull();
      expect(masterText(topo, st, now, topo.at('host3/tap0'))).toBe('host3/br100 since 4 s');
      expect(masterText(topo, st, now, topo.at('host1/tap0'))).toBe('host1/br100');
      // Each device that appears has its place in its host's disc from the start: nothing moves when it does.
      const lay = computeLayout(topo);
      const h3 = topo.at('host3');
      for (const id of ['host3/br100', 'host3/eth0.100', 'host3/tap0']) {
        const i = topo.at(id);
        expect(Math.hypot(lay.x[i]! - lay.x[h3]!, lay.y[i]! - lay.y[h3]!), id).toBeLessThan(lay.r[h3]!);
      }
    });
  });

  describe('on a timeline that adds, enslaves, releases and removes', () => {
    const paths: [string, Loaded][] = [['live', loadLive(CHANGES)], ['NDJSON', loadViaJson(CHANGES)]];
    const [[, live], [, json]] = paths as [[string, Loaded], [string, Loaded]];

    it('the columns are the same live and through NDJSON, read as the changes, and replay alike however time gets there', () => {
      expect(columns(json.store)).toEqual(columns(live.store));
      expect(rowTexts(live.store, live.store.netdevRecords)).toEqual([
        'netdev | host1/br1 | bridge added',
        'netdev | host1/eth0.100 | vlan added on host1/eth0',
        'netdev | host1/eth0 | released from host1/br0',
        'netdev | host1/eth0.100 | enslaved to host1/br1',
        'netdev | host1/tap5 | tap added',
        'netdev | host1/tap5 | enslaved to host1/br1',
        'netdev | host1/eth0.100 | released from host1/br1',
        'netdev | host1/tap5 | released from host1/br1',
        'netdev | host1/br1 | bridge removed',
      ]);
      expectReplaysAgree(live.store, [json.store]);
    });

    it.each(paths)('%s: the picture at times before and after each change', (_, l) => {
      const topo = drawn(l);
      const at = (sec: number) => picture(topo, stateAt(l, sec));
      const vlanTie = 'host1/eth0.100~host1/eth0', br0Tie = 'host1/eth0~host1/br0';
      const e100 = 'host1/eth0.100~host1/br1', tap = 'host1/tap5~host1/br1';
      const sorted = (...ids: string[]) => ids.sort();
      expect(at(0.5)).toEqual({ absent: ['host1/br1', 'host1/eth0.100', 'host1/tap5'], hidden: sorted(e100, vlanTie, tap), ports: { 'host1/br0': ['host1/eth0'] } });
      expect(at(1)).toEqual({ absent: ['host1/eth0.100', 'host1/tap5'], hidden: sorted(e100, vlanTie, tap), ports: { 'host1/br0': ['host1/eth0'], 'host1/br1': [] } });
      expect(at(2)).toEqual({ absent: ['host1/tap5'], hidden: sorted(e100, tap), ports: { 'host1/br0': ['host1/eth0'], 'host1/br1': [] } });
      expect(at(3)).toEqual({ absent: ['host1/tap5'], hidden: sorted(br0Tie, e100, tap), ports: { 'host1/br0': [], 'host1/br1': [] } });
      expect(at(4)).toEqual({ absent: ['host1/tap5'], hidden: sorted(br0Tie, tap), ports: { 'host1/br0': [], 'host1/br1': ['host1/eth0.100'] } });
      expect(at(5)).toEqual({ absent: [], hidden: sorted(br0Tie, tap), ports: { 'host1/br0': [], 'host1/br1': ['host1/eth0.100'] } });
      expect(at(6)).toEqual({ absent: [], hidden: sorted(br0Tie), ports: { 'host1/br0': [], 'host1/br1': ['host1/eth0.100', 'host1/tap5'] } });
      expect(at(7)).toEqual({ absent: ['host1/br1'], hidden: sorted(br0Tie, e100, tap), ports: { 'host1/br0': [] } });
      const st = stateAt(l, 8), now = devicesNow(topo, st);
      expect(presenceText(topo, st, topo.at('host1/br1'))).toBe('no: removed at 7 s');
      expect(masterNow(topo, now, topo.at('host1/tap5'))).toBeNull();
      expect(masterText(topo, st, now, topo.at('host1/tap5'))).toBe('none since 7 s');
      expect(masterText(topo, st, now, topo.at('host1/eth0'))).toBe('none since 3 s');
    });
  });

  it('refuse a malformed netdev line rather than guess which devices exist', () => {
    const ok: TraceJson = { t: 3 * S, kind: 'netdev', at: 'host3/eth0.100', event: 'enslaved', host: 'host3', type: 'vlan', peer: 'host3/br100' };
    expect(() => new ChunkBuilder().addJson(ok)).not.toThrow();
    const bad = [
      { ...ok, event: undefined }, { ...ok, event: 'moved' }, { ...ok, type: 'vxlan' }, { ...ok, host: undefined }, { ...ok, host: '' },
      { ...ok, peer: undefined }, { ...ok, event: 'released', peer: 7 }, { ...ok, event: 'added', peer: '' }, { ...ok, at: '' },
    ];
    for (const j of bad) {
      expect(() => new ChunkBuilder().addJson(j as TraceJson), JSON.stringify(j)).toThrow(
        'a netdev record needs "at" (the device), "host", "event": "added", "removed", "enslaved" or "released", "type": "bridge", "tap", "vlan" or "nic", and "peer" (the bridge) when enslaved or released');
    }
  });
});

