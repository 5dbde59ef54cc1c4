/**
 * The side of the page as the state has it: the tabs, the event list (filtered, with its count
 * line and the filter chips), and the open panel: the selected frame (its layers and path), the
 * selected device at the shown time, the leaks so far, or what the source is about. The filtered
 * record list is a cache rebuilt when the filters or the number of records change.
 */
import { layersFromDesc } from '../model/desc.js';
import { filterRecords, filtersActive, type Filters } from '../model/filter.js';
import { hasFrame } from '../model/kinds.js';
import type { FrameLayer } from '../model/protocol.js';
import { byId, setText } from './dom.js';
import { EventList } from './eventlist.js';
import { FilterControls } from './filter-controls.js';
import type { Loaded } from './loaded.js';
import { renderAboutPanel, renderDevicePanel, renderFramePanel, renderLeaksPanel } from './panels.js';
import type { UiState } from './state.js';

const TABS = ['events', 'frame', 'device', 'leaks', 'about'];

interface PanelActions {
  /** A record picked (in the list, a frame's path, the leaks). */
  selectRecord(i: number): void;
  /** Show the moment just after record `i`. */
  toRecord(i: number): void;
  seek(time: number): void;
}

export class SidePanels {
  readonly events: EventList;
  readonly filters = new FilterControls();
  /** Records passing the filters (null: no filter on), for `filteredFor`. */
  private filtered: Int32Array | null = null;
  private filteredFor: { filters: Filters; n: number } | null = null;

  constructor(private readonly act: PanelActions) {
    this.events = new EventList(byId('events'), (i) => act.selectRecord(i));
  }

  /** A new source: the filtered list belongs to the last one. */
  reset(): void {
    this.filtered = null;
    this.filteredFor = null;
  }

  /** `path`: the selected frame's records back to its sender. */
  render(s: UiState, data: Loaded | null, path: readonly number[]): void {
    for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('#tabs button'))) b.classList.toggle('active', b.dataset.tab === s.tab);
    for (const t of TABS) byId(`panel-${t}`).classList.toggle('active', s.tab === t);
    this.renderEvents(s, data);
    if (s.tab === 'frame') this.renderFrame(s, data, path);
    if (s.tab === 'device') {
      renderDevicePanel(byId('panel-device'), data && s.selectedNode ? { topo: data.topo, id: s.selectedNode, state: s.net, time: s.time } : null);
    }
    let leakCount = 0;
    if (data?.done) {
      if (s.tab === 'leaks') leakCount = renderLeaksPanel(byId('panel-leaks'), data.leaks, s.cursor, data.report?.leaks.count ?? null, (i) => { this.act.selectRecord(i); this.act.seek(data.store.t[i]!); });
      else for (const l of data.leaks) { if (l.i >= s.cursor) break; leakCount++; }
    }
    setText(byId('leak-count'), leakCount > 0 ? String(leakCount) : '');
    if (s.tab === 'about') renderAboutPanel(byId('panel-about'), data?.meta ?? null, s.text, data?.report ?? null, data?.store.n ?? 0);
  }

  private renderEvents(s: UiState, data: Loaded | null): void {
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
    this.filters.render(s.filters);
  }

  private renderFrame(s: UiState, data: Loaded | null, path: readonly number[]): void {
    const i = s.selectedRecord;
    let layers: readonly FrameLayer[] | null = null;
    let fromTrace = false;
    if (data && i >= 0 && i < data.store.n && hasFrame(data.store.kind[i]!)) {
      const fi = data.store.frame[i]!;
      const uid = data.store.fUid[fi]!;
      if (data.meta.kind === 'trace') { layers = layersFromDesc(data.store.frameDesc(fi), data.store.fLen[fi]!); fromTrace = true; }
      else layers = s.frameLayers[uid] ?? null;
    }
    renderFramePanel(byId('panel-frame'), data && i >= 0 ? {
      store: data.store, record: i, layers, layersFromTrace: fromTrace, path,
      onPick: (j) => this.act.selectRecord(j),
      onGo: (j) => this.act.toRecord(j),
    } : null);
  }
}
