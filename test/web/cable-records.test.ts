/**
 * Cables unplugged and plugged back in, in the visualizer's model: the columns a cable record
 * takes (the same from a live run and from an NDJSON trace), the event list's words, the kind and
 * node filters, and which cables are unplugged at any time, by scrubbing or by playing.
 */
import { describe, expect, it } from 'vitest';
import { traceRecordToJson, type TraceJson } from '../../src/index.js';
import { ChunkBuilder } from '../../web/src/model/builder.js';
import { filterRecords } from '../../web/src/model/filter.js';
import { K_CABLE, K_COMMAND, KINDS } from '../../web/src/model/kinds.js';
import { addressBook, foldOneByOne, Replay } from '../../web/src/model/replay.js';
import { EMPTY_STATE } from '../../web/src/model/net-state.js';
import { recordText } from '../../web/src/ui/records.js';
import { cableTrace, columns, expectReplaysAgree, headerTopo, loadLive, loadViaJson, NIC_CABLE, rowTexts, scenarioText, storeFromNdjson, storeFromRecords, SW_CABLE } from './helpers.js';

const S = 1_000_000_000;
const trace = cableTrace();

const json = storeFromNdjson(trace.lines);
const live = storeFromRecords(trace.records);
const topo = headerTopo(trace.lines);

describe('cable records in the visualizer', () => {
  it('are a kind of their own', () => {
    expect(KINDS[K_CABLE]).toBe('cable');
  });

  it('take these columns from an NDJSON trace: at = the cable, a = 1 plugged back in / 0 unplugged, nothing else', () => {
    const c = columns(json);
    expect({ ...c, at: c.at.map((i) => json.str(i)) }).toMatchObject({
      n: 6,
      t: [10, 40, 50, 60, 70, 90].map((x) => x * S),
      kind: [K_COMMAND, K_CABLE, K_CABLE, K_CABLE, K_CABLE, K_COMMAND],
      at: ['host1', SW_CABLE, NIC_CABLE, NIC_CABLE, SW_CABLE, 'host1'],
      to: [-1, -1, -1, -1, -1, -1],
      arrive: [null, null, null, null, null, null],
      frame: [-1, -1, -1, -1, -1, -1],
      a: [json.strings.indexOf('ip link set eth0 up'), 0, 0, 1, 1, json.strings.indexOf('ip link show')],
      b: [-1, -1, -1, -1, -1, -1],
      c: [-1, -1, -1, -1, -1, -1],
      desc: [],
    });
    expect(json.cableRecords).toBe(4);
  });

  it('take the same columns and strings from live records as from NDJSON', () => {
    expect(columns(live)).toEqual(columns(json));
    expect(live.cableRecords).toBe(4);
  });

  it('are the lines the simulator’s NDJSON writer makes', () => {
    expect(trace.records.map((r) => JSON.stringify(traceRecordToJson(r)))).toEqual(trace.lines.slice(1));
    expect(trace.lines[2]).toBe('{"t":40000000000,"kind":"cable","at":"sw1/p2<->sw2/p1","up":false}');
  });

  it('refuse a cable line without up, rather than guess the cable’s state', () => {
    expect(() => new ChunkBuilder().addJson({ t: 1, kind: 'cable', at: SW_CABLE } as TraceJson)).toThrow(/"up": true \(plugged in\) or false \(unplugged\)/);
  });

  it('read in words in the event list', () => {
    expect(rowTexts(json)).toEqual([
      'command | host1 | ip link set eth0 up',
      `cable | ${SW_CABLE} | unplugged`,
      `cable | ${NIC_CABLE} | unplugged`,
      `cable | ${NIC_CABLE} | plugged back in`,
      `cable | ${SW_CABLE} | plugged back in`,
      'command | host1 | ip link show',
    ]);
  });

  it('are kept or left out by the kind filter, and shown under the places at both ends by the node filter', () => {
    const f = (kinds: string[], node = '') => [...filterRecords(json, topo, { kinds: kinds as never, protocols: [], tenant: null, node })];
    expect(f(['cable'])).toEqual([1, 2, 3, 4]);
    expect(f(['command'])).toEqual([0, 5]);
    expect(f(['cable', 'command'])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(f(['cable'], 'sw2')).toEqual([1, 4]);
    expect(f(['cable'], 'sw1')).toEqual([1, 2, 3, 4]);
    expect(f([], 'host1')).toEqual([0, 2, 3, 5]);
    expect(f(['cable'], 'sw2/p2')).toEqual([]);
    // A protocol filter is about frames: cable records carry none and stay.
    expect([...filterRecords(json, topo, { kinds: ['cable'], protocols: ['icmp'], tenant: null, node: '' })]).toEqual([1, 2, 3, 4]);
  });

  describe('which cables are unplugged at time T', () => {
    const book = addressBook(json, new Map());
    const at = (replay: Replay, t: number) => replay.stateAt(json.upperBound(t)).unplugged;

    it('down from the unplug to the plug, up before and after', () => {
      const replay = new Replay(json, book);
      expect(at(replay, 0)).toEqual({});
      expect(at(replay, 40 * S - 1)).toEqual({});
      expect(at(replay, 40 * S)).toEqual({ [SW_CABLE]: 40 * S });
      expect(at(replay, 45 * S)).toEqual({ [SW_CABLE]: 40 * S });
      expect(at(replay, 55 * S)).toEqual({ [SW_CABLE]: 40 * S, [NIC_CABLE]: 50 * S });
      expect(at(replay, 60 * S)).toEqual({ [SW_CABLE]: 40 * S });
      expect(at(replay, 70 * S - 1)).toEqual({ [SW_CABLE]: 40 * S });
      expect(at(replay, 70 * S)).toEqual({});
      expect(at(replay, 80 * S)).toEqual({});
      expect(at(replay, 100 * S)).toEqual({});
    });

    it('the same by scrubbing (checkpoints), by playing forward, and folding one record at a time', () => {
      const { play, end: st } = expectReplaysAgree(json, [live]);
      // Back from the end to between the unplug and the plug.
      expect(play.move(st, 3).unplugged).toEqual({ [SW_CABLE]: 40 * S, [NIC_CABLE]: 50 * S });
    });

    it('a cable unplugged twice stays unplugged since the first time; plugging an unplugged-never cable changes nothing', () => {
      const lines = [
        trace.lines[0]!,
        `{"t":${5 * S},"kind":"cable","at":"${NIC_CABLE}","up":true}`,
        `{"t":${10 * S},"kind":"cable","at":"${SW_CABLE}","up":false}`,
        `{"t":${20 * S},"kind":"cable","at":"${SW_CABLE}","up":false}`,
      ];
      const s = storeFromNdjson(lines);
      const b = addressBook(s, new Map());
      for (const c of [1, 2, 3]) expect(new Replay(s, b).stateAt(c)).toEqual(foldOneByOne(EMPTY_STATE, s, b, c));
      expect(new Replay(s, b).stateAt(1).unplugged).toEqual({});
      expect(new Replay(s, b).stateAt(3).unplugged).toEqual({ [SW_CABLE]: 10 * S });
    });
  });

  it('know the two places a cable joins, from the topology or from its name', () => {
    expect(topo.cableEnds(SW_CABLE)).toEqual(['sw1/p2', 'sw2/p1']);
    expect(topo.cableEnds('a/eth0<->b/eth0')).toEqual(['a/eth0', 'b/eth0']);
    expect(topo.cableEnds('host1/eth0')).toBeNull();
  });

  describe('from a scenario that pulls a cable (12-stp-failover)', () => {
    const text = scenarioText('12-stp-failover.yaml');
    const l = loadLive(text);
    const j = loadViaJson(text);
    const cableAt: number[] = [];
    for (let i = 0; i < l.store.n; i++) if (l.store.kind[i] === K_CABLE) cableAt.push(i);

    it('are the same live (the worker) and through NDJSON (a trace file)', () => {
      expect(cableAt.length).toBeGreaterThanOrEqual(2);
      expect(l.store.cableRecords).toBe(cableAt.length);
      expect(columns(j.store)).toEqual(columns(l.store));
    });

    it('name a cable of the topology, and it is unplugged exactly from the unplug to the plug', () => {
      const s = l.store;
      const [pull, plug] = cableAt as [number, number];
      const name = s.str(s.at[pull]!);
      expect(s.str(s.at[plug]!)).toBe(name);
      expect([s.a[pull], s.a[plug]]).toEqual([0, 1]);
      expect(l.topo.edges.some((e) => e.kind === 'cable' && e.id === name)).toBe(true);
      const replay = new Replay(s, addressBook(s, new Map()));
      const unplugged = (t: number) => replay.stateAt(s.upperBound(t)).unplugged;
      const [t0, t1] = [s.t[pull]!, s.t[plug]!];
      expect(unplugged(t0 - 1)).toEqual({});
      expect(unplugged(t0)).toEqual({ [name]: t0 });
      expect(unplugged((t0 + t1) / 2)).toEqual({ [name]: t0 });
      expect(unplugged(t1 - 1)).toEqual({ [name]: t0 });
      expect(unplugged(t1)).toEqual({});
      expect(unplugged(l.duration)).toEqual({});
      expect(recordText(s, pull)).toMatchObject({ kind: 'cable', at: name, info: 'unplugged' });
      expect(recordText(s, plug)).toMatchObject({ kind: 'cable', at: name, info: 'plugged back in' });
    });
  });
});
