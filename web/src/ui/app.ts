/**
 * The visualizer's controller: loads a source into the worker, keeps the loaded trace and its
 * derived models, moves time (play, step, hop, scrub), and draws the views from the UI state.
 */
import type { Report, Topology } from '../../../src/index.js';
import { layersFromDesc } from '../model/desc.js';
import { filterRecords, filtersActive, frameTenant, type Filters } from '../model/filter.js';
import { framesInFlight } from '../model/inflight.js';
import { hasFrame, K_RX } from '../model/kinds.js';
import { computeLayout, type Layout } from '../model/layout.js';
import { findLeaks, type LeakMark } from '../model/leaks.js';
import { devicesNow, devicesNowIds, drawnTopology } from '../model/netdev.js';
import { pathOf, pathPlaces } from '../model/path.js';
import { addressBook, EMPTY_STATE, Replay, type NetState } from '../model/replay.js';
import { Series } from '../model/series.js';
import { RecordStore } from '../model/store.js';
import { formatClock, formatSpan } from '../model/time.js';
import { TopoIndex } from '../model/topo.js';
import type { FrameLayer, FromWorker, SourceMeta, ToWorker } from '../protocol.js';
import { TopologyView } from './topology-view.js';
import { Charts } from './charts.js';
import { tenantColours } from './colours.js';
import { byId, setText } from './dom.js';
import { EventList } from './eventlist.js';
import { renderAboutPanel, renderDevicePanel, renderFramePanel, renderLeaksPanel, renderProblems } from './panels.js';
import { INITIAL, speedOf, SPEED_MAX, SPEED_MIN, Store, type Tab, type UiState } from './state.js';

/** Everything derived from one loaded source. */
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

export type Source =
  | { kind: 'text'; text: string; file: string }
  | { kind: 'trace-url'; url: string; file: string }
  | { kind: 'trace-file'; blob: Blob; file: string }
  | { kind: 'trace-text'; text: string; file: string };

const HOP_WALL_S = 0.6;

export class App {
  readonly ui = new Store();
  data: Loaded | null = null;
  net: NetState = EMPTY_STATE;
  private worker: Worker | null = null;
  private filtered: Int32Array | null = null;
  private filteredFor: { filters: Filters; n: number } | null = null;
  private pathFor = -2;
  private path: number[] = [];
  private pathIds: string[] = [];
  private readonly layers = new Map<number, FrameLayer[]>();
  private hop: { from: number; to: number; cursor: number; wall: number } | null = null;
  private lastWall = 0;
  private timeFrac = 0;
  private dirty = true;
  private panelsDirty = true;
  private lastPanels = 0;
  private loadStarted = 0;
  readonly view: TopologyView;
  readonly events: EventList;
  readonly charts: Charts;
  /** Called when a load finishes (tests and benchmarks read `timings`). */
  onReady: (() => void) | null = null;

  constructor() {
    this.view = new TopologyView(byId<HTMLCanvasElement>('topo'), {
      select: (id) => this.ui.update((d) => { d.selectedNode = id; if (id) d.tab = 'device'; }),
      moved: (id, dx, dy) => this.ui.update((d) => { d.offsets[id] = { dx, dy }; }),
      changed: () => { this.dirty = true; },
    });
    this.events = new EventList(byId('events'), (i) => this.selectRecord(i));
    this.charts = new Charts(byId<HTMLCanvasElement>('chart-fps'), byId<HTMLCanvasElement>('chart-util'));
    this.ui.subscribe((s, prev) => this.onState(s, prev));
    requestAnimationFrame((t) => this.frame(t));
  }

  // ---- loading --------------------------------------------------------------------------------

  load(src: Source): void {
    this.worker?.terminate();
    this.data = null;
    this.net = EMPTY_STATE;
    this.filtered = null;
    this.filteredFor = null;
    this.pathFor = -2;
    this.layers.clear();
    this.hop = null;
    this.loadStarted = performance.now();
    document.body.dataset.ready = '0';
    this.view.setData(null, null, new Map());
    const text = src.kind === 'text' ? src.text : null;
    this.ui.update((d) => {
      Object.assign(d, { ...INITIAL, colourBy: d.colourBy, speedExp: 0, skipIdle: d.skipIdle, chartMode: d.chartMode });
      d.phase = 'loading';
      d.text = text;
      d.source = { kind: src.kind === 'text' ? 'scenario' : 'trace', file: src.file, name: src.file, seed: 0, duration: 0 };
      d.tab = 'events';
    });
    const w = new Worker('worker.js', { type: 'module' });
    this.worker = w;
    w.onmessage = (e: MessageEvent<FromWorker>) => { if (this.worker === w) this.onWorker(e.data); };
    w.onerror = (e) => { if (this.worker === w) this.ui.update((d) => { d.phase = 'error'; d.error = `The simulator stopped: ${e.message}`; }); };
    let msg: ToWorker;
    switch (src.kind) {
      case 'text': msg = { type: 'run', text: src.text, file: src.file }; break;
      case 'trace-url': msg = { type: 'trace-url', url: new URL(src.url, location.href).href, file: src.file }; break;
      case 'trace-file': msg = { type: 'trace-file', blob: src.blob, file: src.file }; break;
      case 'trace-text': msg = { type: 'trace-text', text: src.text, file: src.file }; break;
    }
    w.postMessage(msg);
  }

  private onWorker(m: FromWorker): void {
    switch (m.type) {
      case 'problems':
        this.ui.update((d) => { d.phase = 'problems'; d.problems = m.problems as never; });
        return;
      case 'error':
        this.ui.update((d) => { d.phase = 'error'; d.error = m.message; });
        return;
      case 'begin':
        this.begin(m.meta, m.topology);
        return;
      case 'chunk':
        this.data?.store.append(m.chunk);
        return;
      case 'progress':
        this.ui.update((d) => { d.progress = { t: m.t, records: m.records }; });
        return;
      case 'done':
        this.finish(m.report);
        return;
      case 'layers':
        this.layers.set(m.uid, m.layers ?? []);
        if (m.layers === null) this.layers.delete(m.uid);
        this.panelsDirty = true;
        return;
    }
  }

  private begin(meta: SourceMeta, topology: Topology): void {
    const t0 = performance.now();
    const topo = new TopoIndex(topology);
    const layout = computeLayout(topo);
    const layoutMs = performance.now() - t0;
    const colours = tenantColours(topo.tenants);
    this.data = {
      meta, topo, layout, store: new RecordStore(), tenantColours: colours, replay: null, series: null, leaks: [], report: null, done: false,
      timings: { layoutMs, loadMs: 0, firstDrawMs: 0 },
    };
    this.renderLegend();
    this.view.setData(topo, layout, colours);
    const t1 = performance.now();
    this.view.draw(null);
    this.data.timings.firstDrawMs = performance.now() - t1;
    this.ui.update((d) => { d.source = meta; });
    this.setupFilterOptions(topo);
  }

  private finish(report: Report | null): void {
    const data = this.data;
    if (!data) return;
    const s = data.store;
    // Devices the run adds get their place in their host (drawn from when they are added), and VMs
    // that migrate a place in each host they move to (and the TAP there, if missing).
    const moved = drawnTopology(data.topo, s);
    if (moved) {
      data.topo = new TopoIndex(moved);
      data.layout = computeLayout(data.topo);
      this.view.setData(data.topo, data.layout, data.tenantColours);
      this.setupFilterOptions(data.topo);
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
    this.view.invalidate();
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
    // The legend explains unplugged cables, paused VMs and devices added during the run when it has any.
    if (s.cableRecords > 0 || s.migrateRecords.length > 0 || s.netdevRecords.length > 0) this.renderLegend();
    data.timings.loadMs = performance.now() - this.loadStarted;
    // A hop should take a bit under a second of wall time at speed x1.
    const spans: number[] = [];
    for (let i = 0; i < s.n && spans.length < 4000; i++) if (s.kind[i] === 1) spans.push(s.arrive[i]! - s.t[i]!);
    spans.sort((a, b) => a - b);
    const median = spans.length > 0 ? spans[spans.length >> 1]! : Math.max(1, data.meta.duration / 30);
    this.ui.update((d) => {
      d.phase = 'ready';
      d.baseSpeed = Math.max(1, median / 0.7);
      d.speedExp = 0;
      d.time = 0;
      d.cursor = 0;
      d.progress = { t: s.endTime, records: s.n };
    });
    this.dirty = true;
    this.panelsDirty = true;
    performance.mark('vnetsim-ready');
    document.body.dataset.ready = '1';
    this.onReady?.();
  }

  // ---- time -----------------------------------------------------------------------------------

  get endTime(): number {
    const d = this.data;
    return d ? Math.max(d.meta.duration, d.store.endTime) : 0;
  }

  private ready(): boolean {
    return this.data?.done === true;
  }

  /** Moves to (time, cursor): the first `cursor` records have happened by `time`. */
  private moveTo(time: number, cursor: number, keepPlaying = true): void {
    const data = this.data;
    if (!data?.replay) return;
    this.net = data.replay.move(this.net, cursor);
    this.ui.update((d) => {
      d.time = time;
      d.cursor = cursor;
      if (!keepPlaying) d.playing = false;
    });
    this.dirty = true;
  }

  /** Jumps to a simulated time (scrubber, go-to box): everything at or before it has happened. */
  seek(time: number): void {
    const data = this.data;
    if (!data?.replay) return;
    const t = Math.max(0, Math.min(this.endTime, Math.round(time)));
    const cursor = data.store.upperBound(t);
    this.hop = null;
    this.net = data.replay.stateAt(cursor);
    this.ui.update((d) => { d.time = t; d.cursor = cursor; d.playing = false; });
    this.dirty = true;
  }

  play(): void {
    if (!this.ready()) return;
    if (this.ui.state.time >= this.endTime) this.seek(0);
    this.hop = null;
    this.lastWall = performance.now();
    this.ui.update((d) => { d.playing = true; });
  }

  pause(): void {
    this.hop = null;
    this.ui.update((d) => { d.playing = false; });
  }

  togglePlay(): void {
    if (this.ui.state.playing) this.pause();
    else this.play();
  }

  /** One record forward. */
  stepEvent(): void {
    const s = this.data?.store;
    if (!s || !this.ready()) return;
    const c = this.ui.state.cursor;
    if (c >= s.n) { this.moveTo(this.endTime, s.n, false); return; }
    this.hop = null;
    this.moveTo(Math.max(this.ui.state.time, s.t[c]!), c + 1, false);
    this.revealCurrent();
  }

  /** One record back. */
  stepBack(): void {
    const s = this.data?.store;
    if (!s || !this.ready()) return;
    const c = this.ui.state.cursor;
    this.hop = null;
    if (c <= 0) { this.seek(0); return; }
    const time = c - 2 >= 0 ? s.t[c - 2]! : 0;
    this.net = this.data!.replay!.stateAt(c - 1);
    this.ui.update((d) => { d.time = time; d.cursor = c - 1; d.playing = false; });
    this.dirty = true;
    this.revealCurrent();
  }

  /** Plays until the next frame arrives at the end of its hop, then stops there. */
  stepHop(): void {
    const s = this.data?.store;
    if (!s || !this.ready()) return;
    let i = this.ui.state.cursor;
    while (i < s.n && s.kind[i] !== K_RX) i++;
    if (i >= s.n) { this.moveTo(this.endTime, s.n, false); return; }
    this.hop = { from: this.ui.state.time, to: s.t[i]!, cursor: i + 1, wall: performance.now() };
    this.ui.update((d) => { d.playing = false; });
  }

  toStart(): void { this.seek(0); }

  toEnd(): void { this.seek(this.endTime); }

  setSpeedExp(v: number): void {
    this.ui.update((d) => { d.speedExp = Math.max(SPEED_MIN, Math.min(SPEED_MAX, Math.round(v))); });
  }

  private revealCurrent(): void {
    const c = this.ui.state.cursor;
    if (c > 0) this.events.reveal(c - 1);
  }

  private frame(now: number): void {
    requestAnimationFrame((t) => this.frame(t));
    const s = this.ui.state;
    const data = this.data;
    const dt = Math.min(0.25, Math.max(0, (now - this.lastWall) / 1000));
    this.lastWall = now;
    if (data?.done && this.hop) {
      const h = this.hop;
      const f = Math.min(1, (now - h.wall) / 1000 / HOP_WALL_S);
      if (f >= 1) {
        this.hop = null;
        this.moveTo(h.to, h.cursor, false);
        this.revealCurrent();
      } else {
        const time = Math.floor(h.from + (h.to - h.from) * f);
        this.moveTo(time, Math.max(s.cursor, Math.min(h.cursor - 1, data.store.upperBound(time))), false);
      }
    } else if (data?.done && s.playing) {
      const speed = speedOf(s);
      // Simulated time stays whole nanoseconds; the fraction carries over to the next frame.
      this.timeFrac += speed * dt;
      const step = Math.floor(this.timeFrac);
      this.timeFrac -= step;
      let time = s.time + step;
      const store = data.store;
      if (s.skipIdle && framesInFlight(store, s.cursor, s.time).length === 0) {
        const next = s.cursor < store.n ? store.t[s.cursor]! : Infinity;
        if (next > time && next !== Infinity) time = Math.max(time, Math.floor(next - speed * 0.3));
      }
      const end = this.endTime;
      if (time >= end) {
        this.moveTo(end, store.n, false);
      } else {
        this.moveTo(time, Math.max(s.cursor, store.upperBound(time)));
      }
    }
    const st = this.ui.state;
    const flashing = data?.leaks.some((l) => l.t <= st.time && st.time - l.t <= speedOf(st) * 2.5) ?? false;
    if (this.dirty || st.playing || this.hop || flashing) {
      this.dirty = false;
      this.drawCanvas(now);
      this.drawCharts();
    }
    if (this.panelsDirty && (!(st.playing || this.hop) || now - this.lastPanels > 150)) {
      this.panelsDirty = false;
      this.lastPanels = now;
      this.renderPanels();
    }
  }

  private drawCanvas(now: number): void {
    const data = this.data, s = this.ui.state;
    if (!data) { this.view.draw(null); return; }
    this.view.show(s.offsets, s.selectedNode, this.net);
    const topo = data.topo, store = data.store;
    const tenantCache = new Map<number, string | null>();
    this.view.draw(data.done ? {
      store, time: s.time, cursor: s.cursor, speed: speedOf(s), colourBy: s.colourBy,
      frameTenant: (fi) => {
        let t = tenantCache.get(fi);
        if (t === undefined) tenantCache.set(fi, (t = frameTenant(store, topo, fi)));
        return t;
      },
      path: this.pathIds, leaks: data.leaks, wallMs: now,
    } : null);
  }

  private drawCharts(): void {
    const data = this.data, s = this.ui.state;
    if (!data?.done) { this.charts.update(null, 0, 0, 0, 0); return; }
    const end = this.endTime;
    let t0 = 0, t1 = end;
    if (s.chartMode === 'follow') {
      const w = Math.min(end, Math.max(speedOf(s) * 10, 1000));
      t1 = Math.max(s.time, w);
      t0 = t1 - w;
    }
    this.charts.update(data.series, t0, t1, s.time, s.cursor, s.chartMode === 'follow');
  }

  // ---- selection and filters -----------------------------------------------------------------

  selectRecord(i: number): void {
    const s = this.data?.store;
    if (!s) return;
    this.ui.update((d) => { d.selectedRecord = i; d.tab = hasFrame(s.kind[i]!) ? 'frame' : d.tab; });
    if (hasFrame(s.kind[i]!)) {
      const uid = s.fUid[s.frame[i]!]!;
      if (this.data?.meta.kind === 'scenario' && !this.layers.has(uid)) this.worker?.postMessage({ type: 'layers', uid } satisfies ToWorker);
    }
  }

  setFilters(f: Filters): void {
    this.ui.update((d) => { d.filters = f as never; });
  }

  setTab(tab: Tab): void {
    this.ui.update((d) => { d.tab = tab; });
  }

  // ---- rendering of the DOM parts ------------------------------------------------------------

  private onState(s: UiState, prev: UiState): void {
    this.dirty = true;
    this.panelsDirty = true;
    if (s.phase !== prev.phase) document.body.dataset.phase = s.phase;
    if (s.selectedRecord !== prev.selectedRecord) this.updatePath();
    this.renderTransport(s);
  }

  private updatePath(): void {
    const data = this.data, i = this.ui.state.selectedRecord;
    if (!data || i === this.pathFor) return;
    this.pathFor = i;
    this.path = i >= 0 ? pathOf(data.store, data.topo, i) : [];
    this.pathIds = pathPlaces(data.store, this.path);
  }

  private renderTransport(s: UiState): void {
    const ready = s.phase === 'ready';
    for (const id of ['btn-start', 'btn-back', 'btn-play', 'btn-step', 'btn-hop', 'btn-end', 'scrubber', 'goto']) {
      (byId<HTMLButtonElement>(id)).disabled = !ready;
    }
    setText(byId('btn-play'), s.playing ? '❚❚ Pause' : '▶ Play');
    const scrub = byId<HTMLInputElement>('scrubber');
    const end = this.endTime;
    if (scrub.max !== String(end || 1)) scrub.max = String(end || 1);
    if (document.activeElement !== scrub) scrub.value = String(s.time);
    setText(byId('clock'), formatClock(s.time));
    byId('clock').dataset.ns = String(Math.round(s.time));
    byId('clock').dataset.cursor = String(s.cursor);
    const sp = byId<HTMLInputElement>('speed');
    if (sp.value !== String(s.speedExp)) sp.value = String(s.speedExp);
    setText(byId('speed-label'), `${formatSpan(speedOf(s))}/s`);
    byId<HTMLInputElement>('skip-idle').checked = s.skipIdle;
    byId<HTMLSelectElement>('colour-by').value = s.colourBy;
    byId<HTMLSelectElement>('chart-mode').value = s.chartMode;
  }

  private renderPanels(): void {
    const s = this.ui.state, data = this.data;
    // Header.
    const title = data?.meta ? `${data.meta.name}` : s.source?.file ?? '';
    setText(byId('title'), title);
    let status = '';
    if (s.phase === 'loading') status = s.progress ? `simulating… t=${formatSpan(s.progress.t)}, ${s.progress.records.toLocaleString('en-US')} records` : 'loading…';
    else if (s.phase === 'ready' && data) status = `${data.topo.size.toLocaleString('en-US')} nodes · ${data.store.n.toLocaleString('en-US')} events · ${data.meta.kind === 'trace' ? 'trace file' : 'simulated here'}`;
    else if (s.phase === 'problems') status = 'the scenario has problems';
    else if (s.phase === 'error') status = 'error';
    setText(byId('status'), status);
    const msg = s.phase === 'loading' ? (s.progress ? `Simulating… ${s.progress.records.toLocaleString('en-US')} events so far` : 'Loading…')
      : s.phase === 'error' ? s.error ?? 'error' : s.phase === 'empty' ? 'Pick a scenario to start' : '';
    setText(byId('stage-msg'), msg);
    const problems = byId('problems');
    problems.hidden = s.phase !== 'problems';
    if (s.phase === 'problems' && problems.dataset.count !== String(s.problems.length) + (s.text?.length ?? 0)) {
      renderProblems(problems, s.problems, s.text);
      problems.dataset.count = String(s.problems.length) + (s.text?.length ?? 0);
    }
    // Tabs.
    for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('#tabs button'))) b.classList.toggle('active', b.dataset.tab === s.tab);
    for (const t of ['events', 'frame', 'device', 'leaks', 'about']) byId(`panel-${t}`).classList.toggle('active', s.tab === t);
    // Events.
    if (data?.done) {
      if (!this.filteredFor || this.filteredFor.filters !== s.filters || this.filteredFor.n !== data.store.n) {
        this.filtered = filtersActive(s.filters) ? filterRecords(data.store, data.topo, s.filters) : null;
        this.filteredFor = { filters: s.filters, n: data.store.n };
      }
      this.events.set(data.store, this.filtered, s.cursor, s.selectedRecord);
      const total = this.filtered ? this.filtered.length : data.store.n;
      setText(byId('events-foot'), `${Number(byId('events').dataset.rows ?? 0).toLocaleString('en-US')} of ${total.toLocaleString('en-US')} events have happened${this.filtered ? ' (filtered)' : ''}`);
    } else {
      this.events.set(null, null, 0, -1);
      setText(byId('events-foot'), '');
    }
    this.renderFilterChips(s.filters);
    // Frame.
    if (s.tab === 'frame') {
      const i = s.selectedRecord;
      let layers: FrameLayer[] | null = null;
      let fromTrace = false;
      if (data && i >= 0 && i < data.store.n && hasFrame(data.store.kind[i]!)) {
        const fi = data.store.frame[i]!;
        const uid = data.store.fUid[fi]!;
        if (data.meta.kind === 'trace') { layers = layersFromDesc(data.store.frameDesc(fi), data.store.fLen[fi]!); fromTrace = true; }
        else layers = this.layers.get(uid) ?? null;
      }
      renderFramePanel(byId('panel-frame'), data && i >= 0 ? {
        store: data.store, record: i, layers, layersFromTrace: fromTrace, path: this.path,
        onPick: (j) => this.selectRecord(j),
        onGo: (j) => { this.seek(data.store.t[j]!); this.moveTo(data.store.t[j]!, j + 1, false); this.revealCurrent(); },
      } : null);
    }
    if (s.tab === 'device') {
      renderDevicePanel(byId('panel-device'), data && s.selectedNode ? { topo: data.topo, id: s.selectedNode, state: this.net, time: s.time } : null);
    }
    let leakCount = 0;
    if (data?.done) {
      if (s.tab === 'leaks') leakCount = renderLeaksPanel(byId('panel-leaks'), data.leaks, s.cursor, data.report?.leaks.count ?? null, (i) => { this.selectRecord(i); this.seek(data.store.t[i]!); });
      else for (const l of data.leaks) { if (l.i >= s.cursor) break; leakCount++; }
    }
    setText(byId('leak-count'), leakCount > 0 ? String(leakCount) : '');
    if (s.tab === 'about') renderAboutPanel(byId('panel-about'), data?.meta ?? null, s.text, data?.report ?? null, data?.store.n ?? 0);
  }

  // ---- filters UI ----------------------------------------------------------------------------

  private setupFilterOptions(topo: TopoIndex): void {
    const list = byId('node-list');
    while (list.firstChild) list.removeChild(list.firstChild);
    for (const n of topo.nodes) {
      const o = document.createElement('option');
      o.value = n.id;
      list.appendChild(o);
    }
    const sel = byId<HTMLSelectElement>('f-tenant');
    while (sel.options.length > 1) sel.remove(1);
    for (const t of topo.tenants) {
      const o = document.createElement('option');
      o.value = t;
      o.textContent = t;
      sel.appendChild(o);
    }
  }

  private chipsFor: Filters | null = null;
  private renderFilterChips(f: Filters): void {
    if (this.chipsFor === f) return;
    this.chipsFor = f;
    for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('#f-protocols button'))) b.classList.toggle('on', f.protocols.includes(b.dataset.v as never));
    for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('#f-kinds button'))) b.classList.toggle('on', f.kinds.includes(b.dataset.v as never));
    const node = byId<HTMLInputElement>('f-node');
    if (document.activeElement !== node) node.value = f.node;
    byId<HTMLSelectElement>('f-tenant').value = f.tenant ?? '';
  }

  renderLegend(): void {
    // Filled by main.ts (it knows the DOM helpers for the legend); kept here as a hook.
    this.legendHook?.();
  }

  legendHook: (() => void) | null = null;

  /** A digest of what the page shows at the current time, for tests: scrub and play must agree. */
  digest(): string {
    const s = this.ui.state, data = this.data;
    if (!data) return '';
    const sorted = (o: unknown): unknown => {
      if (o === null || typeof o !== 'object') return o;
      if (Array.isArray(o)) return o.map(sorted);
      return Object.fromEntries(Object.keys(o as object).sort().map((k) => [k, sorted((o as Record<string, unknown>)[k])]));
    };
    return JSON.stringify({
      time: s.time, cursor: s.cursor, net: sorted(this.net),
      inFlight: framesInFlight(data.store, s.cursor, s.time),
      // The devices and ties the picture leaves out at this time (not added yet, removed, released).
      devices: devicesNowIds(data.topo, devicesNow(data.topo, this.net)),
    });
  }
}
