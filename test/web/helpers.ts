/** Runs scenarios into the visualizer's record store, the way its worker does. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { prepareScenario, runSimulation, topologyOf, traceRecordToJson, type Report, type TraceRecord } from '../../src/index.js';
import { ChunkBuilder } from '../../web/src/model/builder.js';
import { LiveSink } from '../../web/src/model/live.js';
import { RecordStore } from '../../web/src/model/store.js';
import { TopoIndex } from '../../web/src/model/topo.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function scenarioText(name: string): string {
  return readFileSync(`${ROOT}scenarios/${name}`, 'utf8');
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

/** The cables of `cableTrace`: sw1 to sw2, and host1's NIC to sw1. */
export const SW_CABLE = 'sw1/p2<->sw2/p1';
export const NIC_CABLE = 'host1/eth0<->sw1/p1';
const S = 1_000_000_000;

/**
 * A small trace written by hand, as `vnetsim run --trace` writes one (header first): host1's NIC
 * cabled to sw1, sw1 cabled to sw2. sw1-sw2 is unplugged at 40 s and plugged back in at 70 s;
 * host1's cable is unplugged at 50 s and plugged back in at 60 s. Returns the NDJSON lines and
 * the same records as the simulator hands them to a sink.
 */
export function cableTrace(): { lines: string[]; records: TraceRecord[] } {
  const node = (id: string, kind: string, parent: string | null, mac: number | null = null) =>
    ({ id, kind, parent, label: parent ? id.slice(parent.length + 1) : id, tenant: null, mac });
  const cable = (a: string, b: string) => ({ id: `${a}<->${b}`, a, b, kind: 'cable', rate: 1e9, delay: 5000 });
  const header = {
    kind: 'header', format: 1, scenario: 'cable-pull', seed: 1, duration: 100 * S,
    topology: {
      nodes: [node('host1', 'host', null), node('host1/eth0', 'nic', 'host1', 0x525400000001),
        node('sw1', 'switch', null), node('sw1/p1', 'switch-port', 'sw1'), node('sw1/p2', 'switch-port', 'sw1'),
        node('sw2', 'switch', null), node('sw2/p1', 'switch-port', 'sw2'), node('sw2/p2', 'switch-port', 'sw2')],
      edges: [cable('host1/eth0', 'sw1/p1'), cable('sw1/p2', 'sw2/p1')],
    },
  };
  const lines = [
    JSON.stringify(header),
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
