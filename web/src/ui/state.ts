/**
 * The page's UI state: one immutable value, changed only through `update(recipe)` (immer). Views
 * compare the parts they show by reference, so a change re-draws only what it touched.
 */
import { freeze, produce, type Draft } from 'immer';
import type { Problem } from '../../../src/index.js';
import { NO_FILTERS, type Filters } from '../model/filter.js';
import type { SourceMeta } from '../model/protocol.js';

export type Phase = 'empty' | 'loading' | 'ready' | 'problems' | 'error';
export type Tab = 'events' | 'frame' | 'device' | 'leaks' | 'about';

export interface UiState {
  readonly phase: Phase;
  readonly source: SourceMeta | null;
  /** Text of the scenario being shown (for problems and notes); null for a trace. */
  readonly text: string | null;
  readonly progress: { readonly t: number; readonly records: number } | null;
  readonly problems: readonly Problem[];
  readonly error: string | null;
  readonly playing: boolean;
  /** Speed is baseSpeed * 2^speedExp simulated ns per wall second. */
  readonly speedExp: number;
  readonly baseSpeed: number;
  readonly skipIdle: boolean;
  /** Simulated time shown (ns). */
  readonly time: number;
  /** Records applied: the first `cursor` records have happened. */
  readonly cursor: number;
  readonly colourBy: 'protocol' | 'tenant';
  readonly selectedNode: string | null;
  readonly selectedRecord: number;
  readonly filters: Filters;
  readonly tab: Tab;
  readonly chartMode: 'follow' | 'run';
  /** Dragged nodes: offset from the computed layout, by node id (a group's moves its contents). */
  readonly offsets: Readonly<Record<string, { readonly dx: number; readonly dy: number }>>;
  readonly welcome: boolean;
}

export const SPEED_MIN = -8;
export const SPEED_MAX = 26;

export const INITIAL: UiState = freeze({
  phase: 'empty', source: null, text: null, progress: null, problems: [], error: null,
  playing: false, speedExp: 0, baseSpeed: 100_000, skipIdle: true, time: 0, cursor: 0,
  colourBy: 'protocol', selectedNode: null, selectedRecord: -1, filters: NO_FILTERS, tab: 'events',
  chartMode: 'follow', offsets: {}, welcome: false,
}, true);

export function speedOf(s: UiState): number {
  return s.baseSpeed * 2 ** s.speedExp;
}

export class Store {
  private value: UiState = INITIAL;
  private readonly listeners: ((s: UiState, prev: UiState) => void)[] = [];

  get state(): UiState {
    return this.value;
  }

  update(recipe: (d: Draft<UiState>) => void): void {
    const prev = this.value;
    const next = produce(prev, recipe);
    if (next === prev) return;
    this.value = next;
    for (const l of this.listeners) l(next, prev);
  }

  subscribe(l: (s: UiState, prev: UiState) => void): void {
    this.listeners.push(l);
  }
}
