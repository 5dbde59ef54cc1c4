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
