/**
 * The one public way to run a scenario, shared by the CLI and the web app: load text, build the
 * network, attach trace sinks, run, report. Platform-neutral: no files, no terminal, no DOM.
 */
import { LeakDetector } from './analysis/leaks.js';
import { L2Meter } from './analysis/l2-meter.js';
import { buildReport, type Report } from './analysis/report.js';
import { Sampler } from './analysis/sampler.js';
import { TraceHash } from './analysis/trace-hash.js';
import type { TraceSink } from './engine/trace-bus.js';
import type { TraceRecord } from './trace/record.js';
import { buildSimulation } from './scenario/build.js';
import { loadScenario, type Problem } from './scenario/load.js';
import type { Simulation } from './scenario/simulation.js';

export interface ScenarioOverrides {
  readonly seed?: number;
  readonly eventBudget?: number;
}

export type Prepared =
  | { readonly ok: true; readonly sim: Simulation; readonly file: string }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Loads and builds a scenario; every problem in the file (or found while building) at once. */
export function prepareScenario(text: string, file: string, overrides: ScenarioOverrides = {}): Prepared {
  const loaded = loadScenario(text, file);
  if (!loaded.ok) return { ok: false, problems: loaded.problems };
  const doc = { ...loaded.doc };
  if (overrides.seed !== undefined) doc.seed = overrides.seed;
  if (overrides.eventBudget !== undefined) doc.eventBudget = overrides.eventBudget;
  const built = buildSimulation(doc, loaded.commands, loaded.expectSources);
  if (!built.ok) {
    return {
      ok: false,
      problems: built.problems.map((p) => {
        const pos = loaded.locate(p.path);
        return { file, line: pos.line, column: pos.column, path: pathText(p.path), message: p.message };
      }),
    };
  }
  return { ok: true, sim: built.sim, file };
}

function pathText(path: readonly (string | number)[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s === '' ? k : `.${k}`;
  return s;
}

export interface RunScenarioOptions {
  /** Stop at this simulated time (ns) instead of the scenario's duration. */
  readonly until?: number;
  /** Extra trace sinks (NDJSON writer, pcap capture, the visualizer's recorder). */
  readonly sinks?: readonly TraceSink<TraceRecord>[];
  readonly onProgress?: (now: number, events: number) => void;
  /** Heap in use, where the platform can tell (only for the report's wall-clock section). */
  readonly heapUsed?: () => number;
  /** The process's peak resident memory so far, in bytes, where the platform can tell (same). */
  readonly peakRss?: () => number;
}

/** Runs a prepared simulation to its end and returns the report. */
export function runSimulation(sim: Simulation, file: string, options: RunScenarioOptions = {}): Report {
  const hash = new TraceHash();
  const leaks = new LeakDetector(sim);
  const l2 = new L2Meter(sim);
  sim.net.trace.subscribe(hash);
  sim.net.trace.subscribe(leaks);
  sim.net.trace.subscribe(l2);
  for (const s of options.sinks ?? []) sim.net.trace.subscribe(s);
  const sampler = new Sampler(sim, sim.doc.report.interval);
  let peakHeap = 0;
  const heap = options.heapUsed;
  const onProgress = (now: number, events: number) => {
    if (heap) peakHeap = Math.max(peakHeap, heap());
    options.onProgress?.(now, events);
  };
  const started = performance.now();
  const result = sim.run({ until: options.until, onProgress, progressEvery: 200_000 });
  const wallMs = performance.now() - started;
  if (heap) peakHeap = Math.max(peakHeap, heap());
  return buildReport({
    sim, file, result, samples: sampler.samples, leaks, l2, traceHash: hash.hex(), traceRecords: hash.records,
    wallMs, heapUsedBytes: heap ? peakHeap : null, peakRssBytes: options.peakRss ? options.peakRss() : null,
  });
}
