/**
 * Live migration in the visualizer's model: the columns a migrate record takes (the same from a
 * live run and from an NDJSON trace), malformed lines refused, the event list's words, the kind
 * and node filters, where a migrated VM runs at any time (by scrubbing, by playing, record by
 * record), and the topology and layout the picture draws it on: the destination TAP added when
 * the header lacks it, a hop from the VM to it, and a place for the VM in its new host. On a hand
 * written trace, and on scenarios 11-vm-migration and 13-vlan-limits through both paths.
 */
import { describe, expect, it } from 'vitest';
import { traceRecordToJson, type TraceJson } from '../../src/index.js';
import { ChunkBuilder } from '../../web/src/model/builder.js';
import { filterRecords } from '../../web/src/model/filter.js';
import { K_COMMAND, K_MIGRATE, K_TX, KINDS } from '../../web/src/model/kinds.js';
import { awayKey, computeLayout } from '../../web/src/model/layout.js';
import { placementOf, placementText, tapText, withMigrations } from '../../web/src/model/migration.js';
import { addressBook, Replay } from '../../web/src/model/replay.js';
import type { NetState } from '../../web/src/model/net-state.js';
import type { RecordStore } from '../../web/src/model/store.js';
import { TopoIndex } from '../../web/src/model/topo.js';
import { recordText } from '../../web/src/ui/records.js';
import { columns, expectReplaysAgree, headerTopo, loadLive, loadViaJson, migrateTrace, rowTexts, scenarioText, storeFromNdjson, storeFromRecords, type Loaded } from './helpers.js';

const S = 1_000_000_000;
const trace = migrateTrace();
const json = storeFromNdjson(trace.lines);
const live = storeFromRecords(trace.records);
const header = headerTopo(trace.lines);

/** Where the picture puts a VM at the state: host, TAP, paused. */
function where(topo: TopoIndex, st: NetState, vm: string): string {
  const p = placementOf(topo, st.migrated, topo.at(vm));
  return `${p.host} ${p.tap}${p.paused ? ' paused' : ''}`;
}

/** The topology the page draws once the trace is loaded (the header's, with what migrations need). */
function drawn(topo: TopoIndex, s: RecordStore): TopoIndex {
  const t = withMigrations(topo, s);
  return t ? new TopoIndex(t) : topo;
}

describe('migrate records in the visualizer', () => {
  it('are a kind of their own', () => {
    expect(KINDS[K_MIGRATE]).toBe('migrate');
  });

  it('take these columns from an NDJSON trace: at = the VM, a = 1 resumed / 0 stopped, b = the TAP it leaves, to = the TAP it moves to', () => {
    const c = columns(json);
    const str = (i: number) => (i < 0 ? null : json.str(i));
    expect({ ...c, at: c.at.map(str), to: c.to.map(str), b: c.b.map(str) }).toMatchObject({
      n: 6,
      t: [20 * S, 20 * S, 20_100_000_000, 50 * S, 50 * S, 50_100_000_000],
      kind: [K_COMMAND, K_MIGRATE, K_MIGRATE, K_COMMAND, K_MIGRATE, K_MIGRATE],
      at: ['host1', 'vm1', 'vm1', 'host2', 'vm1', 'vm1'],
      to: [null, 'host2/vnet1', 'host2/vnet1', null, 'host1/vnet1', 'host1/vnet1'],
      arrive: [null, null, null, null, null, null],
      frame: [-1, -1, -1, -1, -1, -1],
      a: [json.strings.indexOf('virsh migrate --live vm1 qemu+ssh://host2/system'), 0, 1, json.strings.indexOf('virsh migrate --live vm1 qemu+ssh://host1/system'), 0, 1],
      b: [null, 'host1/vnet1', 'host1/vnet1', null, 'host2/vnet1', 'host2/vnet1'],
      c: [-1, -1, -1, -1, -1, -1],
      desc: [],
    });
    expect(json.migrateRecords).toEqual([1, 2, 4, 5]);
  });

  it('take the same columns and strings from live records as from NDJSON', () => {
    expect(columns(live)).toEqual(columns(json));
    expect(live.migrateRecords).toEqual([1, 2, 4, 5]);
  });

  it('are the lines the simulator’s NDJSON writer makes', () => {
    expect(trace.records.map((r) => JSON.stringify(traceRecordToJson(r)))).toEqual(trace.lines.slice(1));
  });

  it('refuse a malformed migrate line rather than guess where the VM runs', () => {
    const ok = JSON.parse(trace.lines[3]!) as TraceJson;
    const bad = [
      { ...ok, event: undefined }, { ...ok, event: 'paused' }, { ...ok, from: undefined }, { ...ok, to: '' },
      { ...ok, to: 7 }, { ...ok, at: undefined },
    ];
    for (const j of bad) {
      expect(() => new ChunkBuilder().addJson(j as TraceJson), JSON.stringify(j)).toThrow(
        'a migrate record needs "at" (the VM), "event": "stopped" or "resumed", "from" (the TAP it leaves) and "to" (the TAP it runs behind after)');
    }
    expect(() => new ChunkBuilder().addJson(ok)).not.toThrow();
  });

  it('read in words in the event list', () => {
    expect(rowTexts(json)).toEqual([
      'command | host1 | virsh migrate --live vm1 qemu+ssh://host2/system',
      'migrate | vm1 | stopped on host1 (leaves host1/vnet1)',
      'migrate | vm1 | resumed on host2 behind host2/vnet1',
      'command | host2 | virsh migrate --live vm1 qemu+ssh://host1/system',
      'migrate | vm1 | stopped on host2 (leaves host2/vnet1)',
      'migrate | vm1 | resumed on host1 behind host1/vnet1',
    ]);
    expect(recordText(json, 1).to).toBe('host2/vnet1');
  });

  it('are kept by the kind filter, and shown under the VM and under both TAPs and their hosts by the node filter', () => {
    const topo = drawn(header, json);
    const f = (kinds: string[], node = '') => [...filterRecords(json, topo, { kinds: kinds as never, protocols: [], tenant: null, node })];
    expect(f(['migrate'])).toEqual([1, 2, 4, 5]);
    expect(f(['command'])).toEqual([0, 3]);
    expect(f(['migrate'], 'vm1')).toEqual([1, 2, 4, 5]);
    expect(f(['migrate'], 'host1')).toEqual([1, 2, 4, 5]);
    expect(f(['migrate'], 'host2')).toEqual([1, 2, 4, 5]);
    expect(f(['migrate'], 'host1/vnet1')).toEqual([1, 2, 4, 5]);
    expect(f(['migrate'], 'host2/vnet1')).toEqual([1, 2, 4, 5]);
    expect(f([], 'host2')).toEqual([1, 2, 3, 4, 5]);
    expect(f(['migrate'], 'host1/br0')).toEqual([]);
    expect([...filterRecords(json, topo, { kinds: ['migrate'], protocols: [], tenant: 'blue', node: '' })]).toEqual([1, 2, 4, 5]);
  });

  describe('where the VM runs at time T', () => {
    const topo = drawn(header, json);
    const book = addressBook(json, new Map());

    it('where it started before the stop, paused from the stop to the resume, then behind the new TAP (and back)', () => {
      const replay = new Replay(json, book);
      const at = (t: number) => where(topo, replay.stateAt(json.upperBound(t)), 'vm1');
      expect(at(0)).toBe('host1 host1/vnet1');
      expect(at(20 * S - 1)).toBe('host1 host1/vnet1');
      expect(at(20 * S)).toBe('host1 host1/vnet1 paused');
      expect(at(20_100_000_000 - 1)).toBe('host1 host1/vnet1 paused');
      expect(at(20_100_000_000)).toBe('host2 host2/vnet1');
      expect(at(40 * S)).toBe('host2 host2/vnet1');
      expect(at(50 * S)).toBe('host2 host2/vnet1 paused');
      expect(at(50_100_000_000)).toBe('host1 host1/vnet1');
      expect(at(100 * S)).toBe('host1 host1/vnet1');
      expect(replay.stateAt(3).migrated).toEqual({ vm1: { from: 'host1/vnet1', to: 'host2/vnet1', stoppedAt: 20 * S, resumedAt: 20_100_000_000 } });
    });

    it('the same by scrubbing (checkpoints), by playing forward, and folding one record at a time, live or from NDJSON', () => {
      const { play, end: st } = expectReplaysAgree(json, [live]);
      // Back from the end to the middle of the first move.
      expect(where(topo, play.move(st, 2), 'vm1')).toBe('host1 host1/vnet1 paused');
    });

    it('in words, for the Device panels of the VM and of its TAPs', () => {
      const replay = new Replay(json, book);
      const st = (t: number) => replay.stateAt(json.upperBound(t)).migrated;
      const vm = topo.at('vm1'), tap1 = topo.at('host1/vnet1'), tap2 = topo.at('host2/vnet1');
      const vmText = (t: number) => placementText(placementOf(topo, st(t), vm));
      expect(vmText(10 * S)).toBe('host1, behind host1/vnet1');
      expect(vmText(20_050_000_000)).toBe('nowhere: paused since 20 s, live migration from host1 (host1/vnet1) to host2 (host2/vnet1) under way');
      expect(vmText(30 * S)).toBe('host2, behind host2/vnet1 since 20.1 s (live-migrated from host1/vnet1; paused for 100 ms)');
      expect([tapText(topo, st(10 * S), tap1), tapText(topo, st(10 * S), tap2)]).toEqual(['vm1', 'none']);
      expect([tapText(topo, st(20_050_000_000), tap1), tapText(topo, st(20_050_000_000), tap2)])
        .toEqual(['vm1, paused since 20 s: migrating to host2/vnet1', 'vm1 on its way here (paused since 20 s)']);
      expect([tapText(topo, st(30 * S), tap1), tapText(topo, st(30 * S), tap2)])
        .toEqual(['none: vm1 was live-migrated to host2/vnet1 at 20.1 s', 'vm1 since 20.1 s (live-migrated from host1/vnet1)']);
    });
  });

  it('add the TAP a VM moves to when the header lacks it, and a hypervisor hop to it that the layout gives a place', () => {
    expect(header.at('host2/vnet1')).toBe(-1);
    const topo = drawn(header, json);
    const tap = topo.at('host2/vnet1');
    expect(topo.nodes[tap]).toMatchObject({ id: 'host2/vnet1', kind: 'tap', parent: 'host2', label: 'vnet1' });
    expect(topo.edgeBetween('vm1/eth0', 'host2/vnet1')).toMatchObject({ kind: 'hypervisor', migration: true, delay: 10000 });
    expect(topo.edgesAt[topo.at('vm1/eth0')]!.map((e) => [e.b, e.migration ?? false])).toEqual([['host1/vnet1', false], ['host2/vnet1', true]]);
    expect(topo.homeTap(topo.at('vm1'))).toBe('host1/vnet1');
    expect(topo.movers).toEqual([topo.at('vm1')]);
    expect(topo.tenant[tap]).toBe('blue');
    // Nothing to add to a trace without migrations.
    expect(withMigrations(header, storeFromNdjson(trace.lines.slice(0, 2)))).toBeNull();
    const lay = computeLayout(topo);
    const away = lay.away.get(awayKey('vm1', 'host2/vnet1'))!;
    const h2 = topo.at('host2');
    expect(Math.hypot(away[0] - lay.x[h2]!, away[1] - lay.y[h2]!)).toBeLessThan(lay.r[h2]!);
    expect(Math.hypot(away[0] - lay.x[tap]!, away[1] - lay.y[tap]!)).toBeLessThan(lay.r[h2]!);
    expect([...computeLayout(drawn(header, json)).away]).toEqual([...lay.away]);
  });

  /** A scenario's VM, run through both paths: where it is at each time, and the records it sends after its move. */
  describe.each([
    ['11-vm-migration.yaml', 'vm1', [
      [1.9, 'host1 host1/vnet1'], [2 - 1e-9, 'host1 host1/vnet1'], [2, 'host1 host1/vnet1 paused'], [2.05, 'host1 host1/vnet1 paused'],
      [2.1, 'host2 host2/vnet1'], [3, 'host2 host2/vnet1'], [5, 'host2 host2/vnet1']],
      ['migrate | vm1 | stopped on host1 (leaves host1/vnet1)', 'migrate | vm1 | resumed on host2 behind host2/vnet1'], 'host2/vnet1', false],
    ['13-vlan-limits.yaml', 'red1', [
      [1.9, 'host1 host1/tap0'], [2.05, 'host1 host1/tap0'], [3, 'host1 host1/tap0'], [4 - 1e-9, 'host1 host1/tap0'], [4, 'host1 host1/tap0 paused'],
      [4.05, 'host1 host1/tap0 paused'], [4.1, 'host3 host3/tap0'], [6, 'host3 host3/tap0']],
      ['migrate | red1 | stopped on host1 (leaves host1/tap0)', 'migrate | red1 | resumed on host3 behind host3/tap0'], 'host3/tap0', true],
  ] as const)('on %s', (file, vm, times, rows, dest, destMissing) => {
    const text = scenarioText(file);
    const paths: [string, Loaded][] = [['live', loadLive(text)], ['NDJSON', loadViaJson(text)]];

    it('the columns are the same live and through NDJSON, and read as the move', () => {
      const [[, l], [, j]] = paths as [[string, Loaded], [string, Loaded]];
      expect(columns(j.store)).toEqual(columns(l.store));
      expect(rowTexts(l.store, l.store.migrateRecords)).toEqual(rows);
    });

    it('the node filter finds what the VM does under the host it runs on at the time', () => {
      const [[, l]] = paths as [[string, Loaded]];
      const s = l.store, topo = drawn(l.topo, s), vnic = `${vm}/eth0`;
      const resumedAt = s.t[s.migrateRecords[1]!]!, stoppedAt = s.t[s.migrateRecords[0]!]!;
      const home = l.topo.nodes[l.topo.group[l.topo.at(vm)]!]!.id, away = dest.split('/')[0]!;
      /** The times of the records at the VM's vNIC that the node filter shows under `node`. */
      const times = (node: string) => [...filterRecords(s, topo, { kinds: ['tx'], protocols: [], tenant: null, node })]
        .filter((i) => s.str(s.at[i]!) === vnic).map((i) => s.t[i]!);
      const all = times(vm);
      expect(all.some((t) => t < stoppedAt) && all.some((t) => t >= resumedAt)).toBe(true);
      expect(times(home)).toEqual(all.filter((t) => t < resumedAt));
      expect(times(away)).toEqual(all.filter((t) => t >= resumedAt));
    });

    it.each(paths)('%s: the VM runs where it started, is paused during the downtime, then runs behind the new TAP', (_, l) => {
      const topo = drawn(l.topo, l.store);
      expect(l.topo.at(dest) < 0).toBe(destMissing);
      expect(topo.nodes[topo.at(dest)]).toMatchObject({ kind: 'tap', parent: dest.split('/')[0] });
      const replay = new Replay(l.store, addressBook(l.store, new Map()));
      for (const [sec, place] of times) {
        const t = Math.round(sec * S);
        expect(where(topo, replay.stateAt(l.store.upperBound(t)), vm), `at ${sec} s`).toBe(place);
      }
      // What it sends after it resumes crosses the new hypervisor hop, which the picture has.
      const vnic = `${vm}/eth0`;
      const resumedAt = l.store.t[l.store.migrateRecords[1]!]!;
      const hops = new Set<string>();
      for (let i = 0; i < l.store.n; i++) {
        if (l.store.kind[i] === K_TX && l.store.str(l.store.at[i]!) === vnic) hops.add(`${l.store.t[i]! >= resumedAt ? 'after' : 'before'} ${l.store.str(l.store.to[i]!)}`);
      }
      expect([...hops].filter((h) => h.startsWith('after'))).toEqual([`after ${dest}`]);
      expect(topo.edgeBetween(vnic, dest)).toMatchObject({ kind: 'hypervisor', migration: true });
      // And where the layout puts the VM there is inside the new host's disc.
      const lay = computeLayout(topo);
      const away = lay.away.get(awayKey(vm, dest))!;
      const host = topo.at(dest.split('/')[0]!);
      expect(Math.hypot(away[0] - lay.x[host]!, away[1] - lay.y[host]!)).toBeLessThan(lay.r[host]!);
    });
  });
});
