/**
 * The visualizer's controller: one UI store (state.ts) that every view reads and every action
 * changes, the source being loaded (source-loader.ts), the transport moving time (transport.ts),
 * and the animation frame loop that draws the views from the state. The fields here are not state:
 * views and DOM handles, caches rebuilt from state (the selected frame's path), and the frame
 * loop's bookkeeping (what needs drawing again, when the panels were last drawn).
 */
import { frameTenant } from '../model/filter.js';
import { framesInFlight } from '../model/inflight.js';
import { hasFrame } from '../model/kinds.js';
import { devicesNow, devicesNowIds } from '../model/netdev.js';
import { pathOf, pathPlaces } from '../model/path.js';
import type { RecordStore } from '../model/store.js';
import { Charts } from './charts.js';
import { byId } from './dom.js';
import { baseSpeedOf, type Loaded } from './loaded.js';
import { SidePanels } from './side-panels.js';
import { SourceLoader, type Source } from './source-loader.js';
import { speedOf, UiStore, type UiState } from './state.js';
import { renderStatus } from './status.js';
import { TopologyView } from './topology-view.js';
import { renderTransport } from './transport-bar.js';
import { Transport } from './transport.js';

/** While time moves, the panels are redrawn at most this often (ms). */
const PANELS_EVERY_MS = 150;

export class App {
  readonly ui = new UiStore();
  readonly view: TopologyView;
  private readonly charts: Charts;
  private readonly panels: SidePanels;
  readonly transport: Transport;
  private readonly loader: SourceLoader;
  /** The selected frame's path, for `pathFor` (store, record): a cache of the selection. */
  private path: number[] = [];
  private pathIds: string[] = [];
  private pathFor: { store: RecordStore | null; record: number } = { store: null, record: -1 };
  /** The canvas and charts need drawing again (when time is not moving anyway). */
  private dirty = true;
  private panelsDirty = true;
  private lastPanels = 0;
  /** Draws the legend (main.ts owns it); called when what it explains may have changed. */
  legendHook: (() => void) | null = null;

  constructor() {
    this.view = new TopologyView(byId<HTMLCanvasElement>('topo'), {
      select: (id) => this.ui.selectNode(id),
      moved: (id, dx, dy) => this.ui.moveNode(id, dx, dy),
      changed: () => { this.dirty = true; },
    });
    this.transport = new Transport(this.ui, () => this.loader.data, (i) => this.panels.events.reveal(i));
    this.panels = new SidePanels({
      selectRecord: (i) => this.selectRecord(i),
      toRecord: (i) => this.transport.toRecord(i),
      seek: (t) => this.transport.seek(t),
    });
    this.charts = new Charts(byId<HTMLCanvasElement>('chart-fps'), byId<HTMLCanvasElement>('chart-util'));
    this.loader = new SourceLoader(this.ui, { begun: (d) => this.begun(d), finished: (d, grew) => this.finished(d, grew) });
    this.ui.subscribe((s, prev) => this.onState(s, prev));
    requestAnimationFrame((t) => this.frame(t));
  }

  /** What the current source gave so far. */
  get data(): Loaded | null {
    return this.loader.data;
  }

  get endTime(): number {
    return this.transport.endTime;
  }

  /** Jumps to a simulated time (the go-to box, tests and the benchmark). */
  seek(time: number): void {
    this.transport.seek(time);
  }

  // ---- loading --------------------------------------------------------------------------------

  load(src: Source): void {
    this.panels.reset();
    document.body.dataset.ready = '0';
    this.view.setData(null, null, new Map());
    this.loader.load(src);
  }

  private begun(data: Loaded): void {
    this.legendHook?.();
    this.view.setData(data.topo, data.layout, data.tenantColours);
    const t1 = performance.now();
    this.view.draw(null);
    data.timings.firstDrawMs = performance.now() - t1;
    this.panels.filters.setOptions(data.topo);
  }

  private finished(data: Loaded, grew: boolean): void {
    if (grew) {
      this.view.setData(data.topo, data.layout, data.tenantColours);
      this.panels.filters.setOptions(data.topo);
    }
    this.view.invalidate();
    const s = data.store;
    // The legend explains unplugged cables, paused VMs and devices added during the run when it has any.
    if (s.cableRecords > 0 || s.migrateRecords.length > 0 || s.netdevRecords.length > 0) this.legendHook?.();
    this.ui.ready(baseSpeedOf(data), s.endTime, s.n);
    this.dirty = true;
    this.panelsDirty = true;
    performance.mark('vnetsim-ready');
    document.body.dataset.ready = '1';
  }

  // ---- selection ------------------------------------------------------------------------------

  selectRecord(i: number): void {
    const s = this.loader.data?.store;
    if (!s) return;
    const withFrame = hasFrame(s.kind[i]!);
    this.ui.selectRecord(i, withFrame);
    if (withFrame) this.loader.requestLayers(s.fUid[s.frame[i]!]!);
  }

  /** The selected frame's path (records, and the places they pass), worked out once per selection. */
  private selectedPath(): void {
    const data = this.loader.data, i = this.ui.state.selectedRecord;
    const store = data?.store ?? null;
    if (store === this.pathFor.store && i === this.pathFor.record) return;
    this.pathFor = { store, record: i };
    this.path = data && i >= 0 ? pathOf(data.store, data.topo, i) : [];
    this.pathIds = data ? pathPlaces(data.store, this.path) : [];
  }

  // ---- drawing --------------------------------------------------------------------------------

  private onState(s: UiState, prev: UiState): void {
    this.dirty = true;
    this.panelsDirty = true;
    if (s.phase !== prev.phase) document.body.dataset.phase = s.phase;
    renderTransport(s, this.endTime);
  }

  private frame(now: number): void {
    requestAnimationFrame((t) => this.frame(t));
    this.transport.advance(now);
    const st = this.ui.state;
    const data = this.loader.data;
    const moving = st.playing || st.hop !== null;
    const flashing = data?.leaks.some((l) => l.t <= st.time && st.time - l.t <= speedOf(st) * 2.5) ?? false;
    if (this.dirty || moving || flashing) {
      this.dirty = false;
      this.selectedPath();
      this.drawCanvas(now);
      this.drawCharts();
    }
    if (this.panelsDirty && (!moving || now - this.lastPanels > PANELS_EVERY_MS)) {
      this.panelsDirty = false;
      this.lastPanels = now;
      this.selectedPath();
      renderStatus(st, data);
      this.panels.render(st, data, this.path);
    }
  }

  private drawCanvas(now: number): void {
    const data = this.loader.data, s = this.ui.state;
    if (!data) { this.view.draw(null); return; }
    this.view.show(s.offsets, s.selectedNode, s.net);
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
    const data = this.loader.data, s = this.ui.state;
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

  /** A digest of what the page shows at the current time, for tests: scrub and play must agree. */
  digest(): string {
    const s = this.ui.state, data = this.loader.data;
    if (!data) return '';
    const sorted = (o: unknown): unknown => {
      if (o === null || typeof o !== 'object') return o;
      if (Array.isArray(o)) return o.map(sorted);
      return Object.fromEntries(Object.keys(o as object).sort().map((k) => [k, sorted((o as Record<string, unknown>)[k])]));
    };
    return JSON.stringify({
      time: s.time, cursor: s.cursor, net: sorted(s.net),
      inFlight: framesInFlight(data.store, s.cursor, s.time),
      // The devices and ties the picture leaves out at this time (not added yet, removed, released).
      devices: devicesNowIds(data.topo, devicesNow(data.topo, s.net)),
    });
  }
}
