/**
 * The page's UI state: one immutable value, changed only through the store's named actions (each
 * one immer `produce`). What the page shows is a function of this value and the loaded trace, so
 * views compare the parts they show by reference and a change re-draws only what it touched.
 * Actions run on user input, on worker messages and when the shown time moves (once per animation
 * frame while playing); drawing only reads `state`.
 */
import { freeze, produce, type Draft } from 'immer';
import type { Problem } from '../../../src/index.js';
import { NO_FILTERS, type Filters } from '../model/filter.js';
import { EMPTY_STATE, type NetState } from '../model/net-state.js';
import type { FrameLayer, SourceMeta } from '../model/protocol.js';

type Phase = 'empty' | 'loading' | 'ready' | 'problems' | 'error';
export type Tab = 'events' | 'frame' | 'device' | 'leaks' | 'about';

/** A hop being played: time runs from `from` to `to` over a fixed wall time, then stops at `cursor`. */
interface Hop {
  readonly from: number;
  readonly to: number;
  readonly cursor: number;
  /** Wall time (performance.now() ms) the hop started. */
  readonly wall: number;
}

export interface UiState {
  readonly phase: Phase;
  readonly source: SourceMeta | null;
  /** Text of the scenario being shown (for problems and notes); null for a trace. */
  readonly text: string | null;
  readonly progress: { readonly t: number; readonly records: number } | null;
  readonly problems: readonly Problem[];
  readonly error: string | null;
  readonly playing: boolean;
  /** A hop playing (never together with `playing`). */
  readonly hop: Hop | null;
  /** Speed is baseSpeed * 2^speedExp simulated ns per wall second. */
  readonly speedExp: number;
  readonly baseSpeed: number;
  readonly skipIdle: boolean;
  /** Simulated time shown (ns). */
  readonly time: number;
  /** Records applied: the first `cursor` records have happened. */
  readonly cursor: number;
  /** The network after the first `cursor` records (tables, counters, cables, moves, devices). */
  readonly net: NetState;
  readonly colourBy: 'protocol' | 'tenant';
  readonly selectedNode: string | null;
  readonly selectedRecord: number;
  readonly filters: Filters;
  readonly tab: Tab;
  readonly chartMode: 'follow' | 'run';
  /** Dragged nodes: offset from the computed layout, by node id (a group's moves its contents). */
  readonly offsets: Readonly<Record<string, { readonly dx: number; readonly dy: number }>>;
  /** Decoded layers of the frames the inspector asked the simulator for, by frame uid. */
  readonly frameLayers: Readonly<Record<number, readonly FrameLayer[]>>;
}

const SPEED_MIN = -8;
const SPEED_MAX = 26;

const INITIAL: UiState = freeze({
  phase: 'empty', source: null, text: null, progress: null, problems: [], error: null,
  playing: false, hop: null, speedExp: 0, baseSpeed: 100_000, skipIdle: true, time: 0, cursor: 0, net: EMPTY_STATE,
  colourBy: 'protocol', selectedNode: null, selectedRecord: -1, filters: NO_FILTERS, tab: 'events',
  chartMode: 'follow', offsets: {}, frameLayers: {},
}, true);

export function speedOf(s: UiState): number {
  return s.baseSpeed * 2 ** s.speedExp;
}

export class UiStore {
  private value: UiState = INITIAL;
  private readonly listeners: ((s: UiState, prev: UiState) => void)[] = [];

  get state(): UiState {
    return this.value;
  }

  subscribe(l: (s: UiState, prev: UiState) => void): void {
    this.listeners.push(l);
  }

  private update(recipe: (d: Draft<UiState>) => void): void {
    const prev = this.value;
    const next = produce(prev, recipe);
    if (next === prev) return;
    this.value = next;
    for (const l of this.listeners) l(next, prev);
  }

  // ---- loading --------------------------------------------------------------------------------

  /** A new source starts loading: everything of the last one goes; the viewer's choices stay. */
  loading(source: SourceMeta, text: string | null): void {
    this.update((d) => {
      Object.assign(d, { ...INITIAL, colourBy: d.colourBy, speedExp: 0, skipIdle: d.skipIdle, chartMode: d.chartMode });
      d.phase = 'loading';
      d.text = text;
      d.source = source;
      d.tab = 'events';
    });
  }

  begun(meta: SourceMeta): void {
    this.update((d) => { d.source = meta; });
  }

  progressed(t: number, records: number): void {
    this.update((d) => { d.progress = { t, records }; });
  }

  /** The whole trace is in: time starts at 0, a hop takes a bit under a second at `baseSpeed`. */
  ready(baseSpeed: number, endTime: number, records: number): void {
    this.update((d) => {
      d.phase = 'ready';
      d.baseSpeed = baseSpeed;
      d.speedExp = 0;
      d.time = 0;
      d.cursor = 0;
      d.progress = { t: endTime, records };
    });
  }

  problemsFound(problems: readonly Problem[]): void {
    this.update((d) => { d.phase = 'problems'; d.problems = problems as never; });
  }

  failed(message: string): void {
    this.update((d) => { d.phase = 'error'; d.error = message; });
  }

  /** Layers the simulator decoded for frame `uid` (null: it could not). */
  frameLayersArrived(uid: number, layers: readonly FrameLayer[] | null): void {
    this.update((d) => {
      if (layers === null) delete d.frameLayers[uid];
      else d.frameLayers[uid] = layers as never;
    });
  }

  // ---- time -----------------------------------------------------------------------------------

  /**
   * Shows the network after `cursor` records at `time`. `stop` pauses play; `endHop` ends a hop
   * in progress (a hop's own frames keep it).
   */
  moveTo(time: number, cursor: number, net: NetState, stop: boolean, endHop = false): void {
    this.update((d) => {
      d.time = time;
      d.cursor = cursor;
      d.net = net as Draft<NetState>;
      if (stop) d.playing = false;
      if (endHop) d.hop = null;
    });
  }

  play(): void {
    this.update((d) => { d.hop = null; d.playing = true; });
  }

  pause(): void {
    this.update((d) => { d.hop = null; d.playing = false; });
  }

  startHop(hop: Hop): void {
    this.update((d) => { d.hop = hop; d.playing = false; });
  }

  setSpeedExp(v: number): void {
    this.update((d) => { d.speedExp = Math.max(SPEED_MIN, Math.min(SPEED_MAX, Math.round(v))); });
  }

  setSkipIdle(on: boolean): void {
    this.update((d) => { d.skipIdle = on; });
  }

  // ---- what is shown and how ------------------------------------------------------------------

  /** A device picked in the picture (null: the background); its panel opens. */
  selectNode(id: string | null): void {
    this.update((d) => { d.selectedNode = id; if (id) d.tab = 'device'; });
  }

  /** A device dragged to `(dx, dy)` from where the layout put it. */
  moveNode(id: string, dx: number, dy: number): void {
    this.update((d) => { d.offsets[id] = { dx, dy }; });
  }

  /** A record picked; a record with a frame opens the frame's panel. */
  selectRecord(i: number, withFrame: boolean): void {
    this.update((d) => { d.selectedRecord = i; d.tab = withFrame ? 'frame' : d.tab; });
  }

  setFilters(f: Filters): void {
    this.update((d) => { d.filters = f as never; });
  }

  setTab(tab: Tab): void {
    this.update((d) => { d.tab = tab; });
  }

  setColourBy(by: UiState['colourBy']): void {
    this.update((d) => { d.colourBy = by; });
  }

  setChartMode(mode: UiState['chartMode']): void {
    this.update((d) => { d.chartMode = mode; });
  }
}
