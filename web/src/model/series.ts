/**
 * Time series for the charts, from the trace itself (so a loaded trace file gets them too):
 * frames per second on cables, broadcast frames per second, drops per second, and each cable
 * direction's utilisation (the fraction of time its sender was serializing).
 *
 * A fine histogram of the whole run is made once; a chart window whose bins are finer than it is
 * computed from the records directly.
 */
import { DST_BROADCAST, K_DROP, K_TX } from './kinds.js';
import type { RecordStore } from './store.js';
import type { TopoIndex } from './topo.js';

interface Channel {
  /** `sw1/p1 → sw2/p1` */
  readonly label: string;
  readonly from: string;
  readonly to: string;
  readonly delay: number;
}

export interface SeriesWindow {
  readonly t0: number;
  readonly t1: number;
  readonly bins: number;
  /** Bins at or after this one are in the future (not drawn). */
  readonly filled: number;
  readonly frames: Float64Array;
  readonly broadcast: Float64Array;
  readonly drops: Float64Array;
  /** Per shown channel (rows), utilisation 0..1 per bin. */
  readonly util: Float32Array[];
  readonly rows: readonly number[];
}

const FINE_BINS = 2000;

export class Series {
  readonly channels: Channel[] = [];
  private readonly channelOf = new Map<number, number>();
  private fineWidth = 1;
  private fineFrames = new Float64Array(0);
  private fineBroadcast = new Float64Array(0);
  private fineDrops = new Float64Array(0);
  private fineBusy: Float64Array[] = [];
  /** Channels in the order the heatmap shows them: the busiest over the whole run first. */
  rows: number[] = [];
  readonly channelTotals: number[] = [];

  constructor(private readonly s: RecordStore, topo: TopoIndex, readonly duration: number) {
    const idx = new Map<string, number>();
    s.strings.forEach((str, i) => { if (topo.index.has(str)) idx.set(str, i); });
    for (const e of topo.edges) {
      if (e.kind !== 'cable') continue;
      for (const [a, b] of [[e.a, e.b], [e.b, e.a]] as const) {
        const ch = this.channels.length;
        this.channels.push({ label: `${a} → ${b}`, from: a, to: b, delay: e.delay ?? 0 });
        const ia = idx.get(a), ib = idx.get(b);
        if (ia !== undefined && ib !== undefined) this.channelOf.set(ia * 67108864 + ib, ch);
      }
    }
  }

  /** The channel a tx record is on, -1 for a hypervisor hop or an unknown place. */
  channelOfRecord(i: number): number {
    return this.channelOf.get(this.s.at[i]! * 67108864 + this.s.to[i]!) ?? -1;
  }

  /** Builds the whole-run histogram; call once the trace is complete. */
  build(): void {
    const s = this.s;
    const end = Math.max(this.duration, s.endTime, 1);
    this.fineWidth = end / FINE_BINS;
    this.fineFrames = new Float64Array(FINE_BINS);
    this.fineBroadcast = new Float64Array(FINE_BINS);
    this.fineDrops = new Float64Array(FINE_BINS);
    this.fineBusy = this.channels.map(() => new Float64Array(FINE_BINS));
    this.accumulate(0, s.n, 0, this.fineWidth, FINE_BINS, this.fineFrames, this.fineBroadcast, this.fineDrops, this.fineBusy);
    const totals = this.fineBusy.map((b) => b.reduce((x, y) => x + y, 0));
    this.channelTotals.length = 0;
    this.channelTotals.push(...totals);
    this.rows = this.channels.map((_, i) => i).filter((i) => totals[i]! > 0).sort((a, b) => totals[b]! - totals[a]! || a - b);
  }

  private accumulate(from: number, to: number, t0: number, w: number, bins: number, frames: Float64Array, bcast: Float64Array, drops: Float64Array, busy: (Float64Array | Float32Array | null)[]): void {
    const s = this.s;
    for (let i = from; i < to; i++) {
      const k = s.kind[i]!;
      if (k !== K_TX && k !== K_DROP) continue;
      const b = Math.floor((s.t[i]! - t0) / w);
      if (b < 0 || b >= bins) continue;
      if (k === K_DROP) { drops[b]!++; continue; }
      const ch = this.channelOfRecord(i);
      if (ch < 0) continue;
      frames[b]!++;
      if (s.fDst[s.frame[i]!] === DST_BROADCAST) bcast[b]!++;
      const row = busy[ch];
      if (!row) continue;
      // Spread the serialization time [t, arrive - delay) over the bins it covers.
      let a = s.t[i]!;
      const e = s.arrive[i]! - this.channels[ch]!.delay;
      let bb = b;
      while (a < e && bb < bins) {
        const edge = t0 + (bb + 1) * w;
        const part = Math.min(e, edge) - a;
        row[bb] = row[bb]! + part;
        a = edge;
        bb++;
      }
    }
  }

  /**
   * The chart data for [t0, t1) in `bins` bins, counting only records at or before `now` and
   * among the first `cursor`. Shows at most `maxRows` channels.
   */
  window(t0: number, t1: number, bins: number, now: number, cursor: number, maxRows = 16): SeriesWindow {
    const s = this.s;
    const w = (t1 - t0) / bins;
    const frames = new Float64Array(bins), broadcast = new Float64Array(bins), drops = new Float64Array(bins);
    const rows = this.rows.slice(0, maxRows);
    const util = rows.map(() => new Float32Array(bins));
    const filled = Math.max(0, Math.min(bins, Math.ceil((now - t0) / w)));
    const lo = s.lowerBound(t0);
    const hi = Math.min(cursor, s.upperBound(Math.min(t1, now)));
    if (w < this.fineWidth * 2 || this.fineFrames.length === 0 || hi - lo < 50_000) {
      const busy: (Float32Array | null)[] = this.channels.map(() => null);
      rows.forEach((ch, r) => { busy[ch] = util[r]!; });
      this.accumulate(lo, hi, t0, w, bins, frames, broadcast, drops, busy);
    } else {
      // Aggregate the fine histogram (bins here are at least twice as wide as fine ones).
      const fw = this.fineWidth;
      const fEnd = Math.min(FINE_BINS, Math.floor(Math.min(t1, now) / fw));
      for (let f = Math.max(0, Math.floor(t0 / fw)); f < fEnd; f++) {
        const b = Math.floor((f * fw - t0) / w);
        if (b < 0 || b >= bins) continue;
        frames[b]! += this.fineFrames[f]!;
        broadcast[b]! += this.fineBroadcast[f]!;
        drops[b]! += this.fineDrops[f]!;
        rows.forEach((ch, r) => { util[r]![b]! += this.fineBusy[ch]![f]!; });
      }
    }
    for (let b = 0; b < bins; b++) {
      // The bin `now` falls in has only run part of its width.
      const width = b === filled - 1 ? Math.max(1, Math.min(w, now - (t0 + b * w))) : w;
      const perSecond = 1e9 / width;
      frames[b]! *= perSecond;
      broadcast[b]! *= perSecond;
      drops[b]! *= perSecond;
      for (const u of util) u[b] = Math.min(1, u[b]! / width);
    }
    return { t0, t1, bins, filled, frames, broadcast, drops, util, rows };
  }
}
