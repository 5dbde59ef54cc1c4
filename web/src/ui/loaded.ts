/**
 * Everything derived from one loaded source: the topology drawn and its layout, the records (the
 * page's column store), tenant colours, and once the whole trace is in, the replay (network state
 * at any record), the series, the leaks and the report. It is built in two steps, at the header
 * (`beginLoaded`, so the topology shows while records stream in) and at the end (`finishLoaded`),
 * and is not UI state: its columns are large mutable typed arrays that immer must never copy or
 * freeze, and nothing changes them once `done` is set.
 */
import type { Report, Topology } from '../../../src/index.js';
import { computeLayout, type Layout } from '../model/layout.js';
import { findLeaks, type LeakMark } from '../model/leaks.js';
import { drawnTopology } from '../model/netdev.js';
import { addressBook, Replay } from '../model/replay.js';
import { Series } from '../model/series.js';
import { RecordStore } from '../model/store.js';
import { TopoIndex } from '../model/topo.js';
import type { SourceMeta } from '../model/protocol.js';
import { tenantColours } from './colours.js';

export interface Loaded {
  readonly meta: SourceMeta;
  /** The topology drawn: the header's, with what the run's migrations need once it is loaded. */
  topo: TopoIndex;
  layout: Layout;
  readonly store: RecordStore;
  readonly tenantColours: Map<string, string>;
  replay: Replay | null;
  series: Series | null;
  leaks: LeakMark[];
  report: Report | null;
  done: boolean;
  timings: { layoutMs: number; loadMs: number; firstDrawMs: number };
}

/** The source's header is in: its topology laid out, an empty record store. */
export function beginLoaded(meta: SourceMeta, topology: Topology): Loaded {
  const t0 = performance.now();
  const topo = new TopoIndex(topology);
  const layout = computeLayout(topo);
  const layoutMs = performance.now() - t0;
  return {
    meta, topo, layout, store: new RecordStore(), tenantColours: tenantColours(topo.tenants), replay: null, series: null, leaks: [], report: null, done: false,
    timings: { layoutMs, loadMs: 0, firstDrawMs: 0 },
  };
}

/**
 * Every record is in: builds the replay, series and leaks. Returns whether the topology drawn
 * grew (devices the run adds, hosts migrated VMs move to), so its picture must be set again.
 */
export function finishLoaded(data: Loaded, report: Report | null): boolean {
  const s = data.store;
  // Devices the run adds get their place in their host (drawn from when they are added), and VMs
  // that migrate a place in each host they move to (and the TAP there, if missing).
  const moved = drawnTopology(data.topo, s);
  if (moved) {
    data.topo = new TopoIndex(moved);
    data.layout = computeLayout(data.topo);
  }
  const ips = new Map<string, readonly string[]>();
  for (const n of data.topo.nodes) if (n.ips && n.ips.length > 0) ips.set(n.id, n.ips);
  const book = addressBook(s, ips);
  data.replay = new Replay(s, book);
  // Show the addresses the trace revealed (vNICs), when the topology did not list them.
  for (const [place, set] of book) {
    const k = data.topo.at(place);
    if (k >= 0 && data.topo.ips[k] === null && data.topo.nodes[k]!.kind === 'vnic') data.topo.ips[k] = [...set];
  }
  data.series = new Series(s, data.topo, data.meta.duration);
  data.series.build();
  data.leaks = findLeaks(s, data.topo);
  data.report = report;
  if (report) {
    for (const l of data.leaks) {
      const r = report.leaks.listed.find((x) => x.t === l.t && x.victim === l.victim);
      if (r) l.firstBadHop = r.firstBadHop;
    }
  }
  data.done = true;
  return moved !== null;
}

/** Speed x1 (simulated ns per wall second): a typical hop then takes a bit under a second. */
export function baseSpeedOf(data: Loaded): number {
  const s = data.store;
  const spans: number[] = [];
  for (let i = 0; i < s.n && spans.length < 4000; i++) if (s.kind[i] === 1) spans.push(s.arrive[i]! - s.t[i]!);
  spans.sort((a, b) => a - b);
  const median = spans.length > 0 ? spans[spans.length >> 1]! : Math.max(1, data.meta.duration / 30);
  return Math.max(1, median / 0.7);
}

/** The last moment of the source: its duration, or its last record if later. */
export function endTimeOf(data: Loaded | null): number {
  return data ? Math.max(data.meta.duration, data.store.endTime) : 0;
}
