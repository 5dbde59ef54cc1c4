/** Runs scenarios into the visualizer's record store, the way its worker does. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { prepareScenario, runSimulation, topologyOf, traceRecordToJson, type Report, type TraceJson, type TraceRecord } from '../../src/index.js';
import { ChunkBuilder, LineSplitter } from '../../web/src/model/builder.js';
import { LiveSink } from '../../web/src/model/live.js';
import { addressBook, foldOneByOne, Replay } from '../../web/src/model/replay.js';
import { EMPTY_STATE, type NetState } from '../../web/src/model/net-state.js';
import { RecordStore } from '../../web/src/model/store.js';
import { TopoIndex } from '../../web/src/model/topo.js';
import { recordText } from '../../web/src/ui/records.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function scenarioText(name: string): string {
  return readFileSync(`${ROOT}scenarios/${name}`, 'utf8');
}

/** The scenario a test file under test/ writes as `const TEXT = \`...\``, so two tests share one copy of it. */
export function scenarioOfTest(file: string): string {
  const m = /const TEXT = `([^`]*)`/.exec(readFileSync(`${ROOT}test/${file}`, 'utf8'));
  if (!m) throw new Error(`no scenario TEXT in test/${file}`);
  return m[1]!;
}

export interface Loaded {
  store: RecordStore;
  topo: TopoIndex;
  report: Report;
  duration: number;
}

/** A store's records and strings, column by column, as plain arrays (NaN `arrive` as null). */
export function columns(s: RecordStore) {
  const n = s.n;
  return {
    n, strings: s.strings, t: [...s.t.subarray(0, n)], kind: [...s.kind.subarray(0, n)], at: [...s.at.subarray(0, n)], to: [...s.to.subarray(0, n)],
    arrive: [...s.arrive.subarray(0, n)].map((x) => (Number.isNaN(x) ? null : x)), frame: [...s.frame.subarray(0, n)],
    a: [...s.a.subarray(0, n)], b: [...s.b.subarray(0, n)], c: [...s.c.subarray(0, n)],
    desc: [...s.fDesc.subarray(0, s.fn)], uid: [...s.fUid.subarray(0, s.fn)], origin: [...s.fOrigin.subarray(0, s.fn)], vlan: [...s.fVlan.subarray(0, s.fn)],
  };
}

/** Simulates a scenario text into a store through the live encoder (the worker's path). */
export function loadLive(text: string, file = 'test.yaml', until?: number): Loaded {
  const p = prepareScenario(text, file);
  if (!p.ok) throw new Error(p.problems.map((x) => x.message).join('; '));
  const topo = new TopoIndex(topologyOf(p.sim));
  const store = new RecordStore();
  const b = new ChunkBuilder(4096);
  const report = runSimulation(p.sim, file, { until, sinks: [new LiveSink(b, () => {}, () => store.append(b.take()!))] });
  const rest = b.take();
  if (rest) store.append(rest);
  return { store, topo, report, duration: p.sim.doc.duration };
}

/** Simulates a scenario text into a store through NDJSON (the trace file's path). */
export function loadViaJson(text: string, file = 'test.yaml', until?: number): Loaded {
  const p = prepareScenario(text, file);
  if (!p.ok) throw new Error(p.problems.map((x) => x.message).join('; '));
  const topo = new TopoIndex(JSON.parse(JSON.stringify(topologyOf(p.sim))));
  const store = new RecordStore();
  const b = new ChunkBuilder(1000);
  const report = runSimulation(p.sim, file, { until, sinks: [{ record: (r: TraceRecord) => { if (b.addJson(JSON.parse(JSON.stringify(traceRecordToJson(r))))) store.append(b.take()!); } }] });
  const rest = b.take();
  if (rest) store.append(rest);
  return { store, topo, report, duration: p.sim.doc.duration };
}

/** The trace file's path for hand-written lines: NDJSON (after the header) through ChunkBuilder.addJson, in chunks of two records. */
export function storeFromNdjson(lines: readonly string[]): RecordStore {
  const store = new RecordStore();
  const b = new ChunkBuilder(2);
  new LineSplitter().push(`${lines.slice(1).join('\n')}\n`, (line) => {
    if (b.addJson(JSON.parse(line) as TraceJson)) store.append(b.take()!);
  });
  const rest = b.take();
  if (rest) store.append(rest);
  return store;
}

/** The worker's path for hand-written records: straight into LiveSink, in chunks of two records. */
export function storeFromRecords(records: readonly TraceRecord[]): RecordStore {
  const store = new RecordStore();
  const b = new ChunkBuilder(2);
  const sink = new LiveSink(b, () => {}, () => store.append(b.take()!));
  for (const r of records) sink.record(r);
  const rest = b.take();
  if (rest) store.append(rest);
  return store;
}

/** Records of a store as the event list words them: `kind | at | what` (all, or those at `indices`). */
export function rowTexts(s: RecordStore, indices?: readonly number[]): string[] {
  return (indices ?? Array.from({ length: s.n }, (_, i) => i)).map((i) => {
    const r = recordText(s, i);
    return `${r.kind} | ${r.at} | ${r.info}`;
  });
}

/**
 * Expects scrubbing (checkpoints every two records, so scrubs start from checkpoints between the
 * changes), playing forward and folding one record at a time to give the same state after every
 * record of `s`, and each store of `alike` (the same records another way) too. Returns the player
 * and the state it reached at the end.
 */
export function expectReplaysAgree(s: RecordStore, alike: readonly RecordStore[] = []): { play: Replay; end: NetState } {
  const book = addressBook(s, new Map());
  const scrub = new Replay(s, book, 2);
  const play = new Replay(s, book, 2);
  const others = alike.map((o) => new Replay(o, addressBook(o, new Map()), 2));
  let st = EMPTY_STATE;
  for (let c = 0; c <= s.n; c++) {
    st = play.move(st, c);
    const ref = foldOneByOne(EMPTY_STATE, s, book, c);
    expect(scrub.stateAt(c), `scrubbed to ${c}`).toEqual(ref);
    expect(st, `played to ${c}`).toEqual(ref);
    for (const o of others) expect(o.stateAt(c), `the same records another way, at ${c}`).toEqual(ref);
  }
  return { play, end: st };
}

/** The topology in a hand-written trace's header. */
export function headerTopo(lines: readonly string[]): TopoIndex {
  return new TopoIndex((JSON.parse(lines[0]!) as { topology: ConstructorParameters<typeof TopoIndex>[0] }).topology);
}

/** The cables of `cableTrace`: sw1 to sw2, and host1's NIC to sw1. */
export const SW_CABLE = 'sw1/p2<->sw2/p1';
export const NIC_CABLE = 'host1/eth0<->sw1/p1';
const S = 1_000_000_000;

/** A topology node as a trace header lists it. */
function node(id: string, kind: string, parent: string | null, mac: number | null = null, tenant: string | null = null) {
  return { id, kind, parent, label: parent ? id.slice(parent.length + 1) : id, tenant, mac };
}

/** A trace header (`vnetsim run --trace`'s first line) with this topology, 100 s long. */
function header(scenario: string, nodes: unknown[], edges: unknown[]): string {
  return JSON.stringify({ kind: 'header', format: 1, scenario, seed: 1, duration: 100 * S, topology: { nodes, edges } });
}

/**
 * A small trace written by hand, as `vnetsim run --trace` writes one (header first): host1's NIC
 * cabled to sw1, sw1 cabled to sw2. sw1-sw2 is unplugged at 40 s and plugged back in at 70 s;
 * host1's cable is unplugged at 50 s and plugged back in at 60 s. Returns the NDJSON lines and
 * the same records as the simulator hands them to a sink.
 */
export function cableTrace(): { lines: string[]; records: TraceRecord[] } {
  const cable = (a: string, b: string) => ({ id: `${a}<->${b}`, a, b, kind: 'cable', rate: 1e9, delay: 5000 });
  const lines = [
    header('cable-pull', [node('host1', 'host', null), node('host1/eth0', 'nic', 'host1', 0x525400000001),
      node('sw1', 'switch', null), node('sw1/p1', 'switch-port', 'sw1'), node('sw1/p2', 'switch-port', 'sw1'),
      node('sw2', 'switch', null), node('sw2/p1', 'switch-port', 'sw2'), node('sw2/p2', 'switch-port', 'sw2')],
    [cable('host1/eth0', 'sw1/p1'), cable('sw1/p2', 'sw2/p1')]),
    `{"t":${10 * S},"kind":"command","at":"host1","line":"ip link set eth0 up"}`,
    `{"t":${40 * S},"kind":"cable","at":"${SW_CABLE}","up":false}`,
    `{"t":${50 * S},"kind":"cable","at":"${NIC_CABLE}","up":false}`,
    `{"t":${60 * S},"kind":"cable","at":"${NIC_CABLE}","up":true}`,
    `{"t":${70 * S},"kind":"cable","at":"${SW_CABLE}","up":true}`,
    `{"t":${90 * S},"kind":"command","at":"host1","line":"ip link show"}`,
  ];
  const host1 = { id: 1, name: 'host1' }, sw = { id: 2, name: SW_CABLE }, nic = { id: 3, name: NIC_CABLE };
  const records: TraceRecord[] = [
    { kind: 'command', t: 10 * S, at: host1, line: 'ip link set eth0 up' },
    { kind: 'cable', t: 40 * S, at: sw, up: false },
    { kind: 'cable', t: 50 * S, at: nic, up: false },
    { kind: 'cable', t: 60 * S, at: nic, up: true },
    { kind: 'cable', t: 70 * S, at: sw, up: true },
    { kind: 'command', t: 90 * S, at: host1, line: 'ip link show' },
  ];
  return { lines, records };
}

/**
 * A small migration trace written by hand (header first): vm1 runs on host1 behind vnet1; host2
 * has no TAP for it (the migration makes host2/vnet1, which the header's topology lacks). At 20 s
 * `virsh migrate` stops vm1 on host1; it resumes on host2 behind host2/vnet1 at 20.1 s; at 50 s it
 * is migrated back (stopped at 50 s, resumed behind host1/vnet1 at 50.1 s). Returns the NDJSON
 * lines and the same records as the simulator hands them to a sink.
 */
export function migrateTrace(): { lines: string[]; records: TraceRecord[] } {
  const tie = (a: string, b: string, kind: string, delay: number | null = null) => ({ id: `${a}~${b}`, a, b, kind, rate: null, delay });
  const lines = [
    header('migrate-back-and-forth', [node('host1', 'host', null), node('host1/vnet1', 'tap', 'host1'), node('host1/br0', 'bridge', 'host1'),
      node('host2', 'host', null), node('host2/br0', 'bridge', 'host2'),
      node('vm1', 'vm', 'host1', null, 'blue'), node('vm1/eth0', 'vnic', 'vm1', 0x5254007dda71, 'blue')],
    [tie('host1/vnet1', 'host1/br0', 'enslaved'), tie('vm1/eth0', 'host1/vnet1', 'hypervisor', 10000)]),
    `{"t":${20 * S},"kind":"command","at":"host1","line":"virsh migrate --live vm1 qemu+ssh://host2/system"}`,
    `{"t":${20 * S},"kind":"migrate","at":"vm1","event":"stopped","from":"host1/vnet1","to":"host2/vnet1"}`,
    `{"t":${20_100_000_000},"kind":"migrate","at":"vm1","event":"resumed","from":"host1/vnet1","to":"host2/vnet1"}`,
    `{"t":${50 * S},"kind":"command","at":"host2","line":"virsh migrate --live vm1 qemu+ssh://host1/system"}`,
    `{"t":${50 * S},"kind":"migrate","at":"vm1","event":"stopped","from":"host2/vnet1","to":"host1/vnet1"}`,
    `{"t":${50_100_000_000},"kind":"migrate","at":"vm1","event":"resumed","from":"host2/vnet1","to":"host1/vnet1"}`,
  ];
  const host1 = { id: 1, name: 'host1' }, host2 = { id: 2, name: 'host2' }, vm1 = { id: 3, name: 'vm1' };
  const tap1 = { id: 4, name: 'host1/vnet1' }, tap2 = { id: 5, name: 'host2/vnet1' };
  const records: TraceRecord[] = [
    { kind: 'command', t: 20 * S, at: host1, line: 'virsh migrate --live vm1 qemu+ssh://host2/system' },
    { kind: 'migrate', t: 20 * S, at: vm1, event: 'stopped', from: tap1, to: tap2 },
    { kind: 'migrate', t: 20_100_000_000, at: vm1, event: 'resumed', from: tap1, to: tap2 },
    { kind: 'command', t: 50 * S, at: host2, line: 'virsh migrate --live vm1 qemu+ssh://host1/system' },
    { kind: 'migrate', t: 50 * S, at: vm1, event: 'stopped', from: tap2, to: tap1 },
    { kind: 'migrate', t: 50_100_000_000, at: vm1, event: 'resumed', from: tap2, to: tap1 },
  ];
  return { lines, records };
}
