/**
 * The event list, in the style of Packet Tracer's simulation panel: every record that has happened
 * so far (or that passes the filters), newest at the bottom, the current one marked. Virtualised:
 * only the rows in view exist, so a million records scroll as fast as ten.
 */
import { hasFrame } from '../model/kinds.js';
import type { RecordStore } from '../model/store.js';
import { formatSeconds } from '../model/time.js';
import { PROTOCOL_COLOURS } from './colours.js';
import { el, fill } from './dom.js';
import { recordText } from './records.js';
import type { ProtocolName } from '../model/kinds.js';

const ROW = 22;
/** Browsers cap an element's height (Chromium near 33.5 M px); past this the scrollbar is scaled. */
const MAX_PX = 8_000_000;

export class EventList {
  private store: RecordStore | null = null;
  private indices: Int32Array | null = null;
  private cursor = 0;
  private selected = -1;
  private count = 0;
  private follow = true;
  private readonly spacer: HTMLDivElement;
  private readonly rows: HTMLDivElement;
  private lastKey = '';

  constructor(readonly viewport: HTMLElement, private readonly onSelect: (i: number) => void) {
    this.spacer = el('div', { className: 'ev-spacer' });
    this.rows = el('div', { className: 'ev-rows' });
    this.spacer.appendChild(this.rows);
    viewport.appendChild(this.spacer);
    viewport.addEventListener('scroll', () => {
      const atBottom = viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - ROW;
      this.follow = atBottom;
      this.renderRows();
    });
    new ResizeObserver(() => this.renderRows(true)).observe(viewport);
  }

  set(store: RecordStore | null, indices: Int32Array | null, cursor: number, selected: number): void {
    const changed = store !== this.store || indices !== this.indices || cursor !== this.cursor || selected !== this.selected;
    if (!changed) return;
    // A new run starts the list following its end again, wherever the last one was scrolled.
    if (store !== this.store) this.follow = true;
    this.store = store;
    this.indices = indices;
    this.cursor = cursor;
    this.selected = selected;
    this.count = !store ? 0 : indices === null ? Math.min(cursor, store.n) : lowerBound(indices, cursor);
    this.spacer.style.height = `${Math.min(this.count * ROW, MAX_PX)}px`;
    this.viewport.dataset.rows = String(this.count);
    if (this.follow) this.viewport.scrollTop = MAX_PX;
    this.renderRows(true);
  }

  /** Scrolls so a record's row is in view. */
  reveal(i: number): void {
    const pos = this.indices === null ? i : lowerBound(this.indices, i);
    const top = pos * ROW;
    const scale = this.scale();
    const vt = this.viewport.scrollTop * scale;
    if (top < vt || top > vt + this.viewport.clientHeight - ROW) {
      this.viewport.scrollTop = Math.max(0, (top - this.viewport.clientHeight / 2) / scale);
    }
  }

  /** Virtual pixels per scrolled pixel (1 unless the list is taller than MAX_PX). */
  private scale(): number {
    const full = this.count * ROW, h = this.viewport.clientHeight;
    return full <= MAX_PX || MAX_PX <= h ? 1 : (full - h) / (MAX_PX - h);
  }

  private renderRows(force = false): void {
    const s = this.store;
    const h = this.viewport.clientHeight;
    const scroll = this.viewport.scrollTop;
    const virtualTop = scroll * this.scale();
    const first = Math.max(0, Math.floor(virtualTop / ROW) - 4);
    const last = Math.min(this.count, Math.ceil((virtualTop + h) / ROW) + 4);
    const key = `${first}:${last}:${scroll}:${this.count}:${this.selected}:${this.cursor}`;
    if (!force && key === this.lastKey) return;
    this.lastKey = key;
    if (!s) { fill(this.rows); return; }
    this.rows.style.transform = `translateY(${scroll + first * ROW - virtualTop}px)`;
    const out: HTMLElement[] = [];
    for (let p = first; p < last; p++) {
      const i = this.indices === null ? p : this.indices[p]!;
      const r = recordText(s, i);
      const cls = ['ev-row', `k-${r.kind}`];
      if (i === this.selected) cls.push('selected');
      if (i === this.cursor - 1) cls.push('current');
      const row = el('div', { className: cls.join(' '), dataset: { i: String(i) }, title: `#${i + 1}`, onClick: () => this.onSelect(i) },
        el('span', { className: 'c-t' }, formatSeconds(s.t[i]!)),
        el('span', { className: `c-k kind-${r.kind}` }, r.kind),
        el('span', { className: 'c-at', title: r.to ? `${r.at} → ${r.to}` : r.at }, r.to && hasFrame(s.kind[i]!) ? `${r.at} → ${r.to}` : r.at),
        el('span', { className: 'c-i', title: r.info }, r.protocol
          ? el('span', { className: 'proto', style: { background: PROTOCOL_COLOURS[r.protocol as ProtocolName] } }, r.protocol.toUpperCase())
          : null, r.info));
      out.push(row);
    }
    fill(this.rows, ...out);
  }
}

function lowerBound(a: Int32Array, v: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (a[m]! < v) lo = m + 1;
    else hi = m;
  }
  return lo;
}
