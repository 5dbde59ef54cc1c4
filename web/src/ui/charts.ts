/**
 * Two small charts under the topology: frames per second on the cables (all, broadcast, dropped)
 * and a heat strip per cable direction showing its utilisation, over a window that follows the
 * current time (or the whole run).
 */
import type { Series, SeriesWindow } from '../model/series.js';
import { formatRate, formatSpan } from '../model/time.js';

const BINS = 60;
/** Rates are averaged over this many bins, so single frames do not make spikes. */
const SMOOTH = 3;

export class Charts {
  private last: SeriesWindow | null = null;
  private follow = true;
  private now = 0;
  private key = '';

  constructor(private readonly fps: HTMLCanvasElement, private readonly util: HTMLCanvasElement) {
    for (const c of [fps, util]) new ResizeObserver(() => { this.key = ''; }).observe(c);
  }

  update(series: Series | null, t0: number, t1: number, now: number, cursor: number, follow = true): void {
    const key = `${t0}|${t1}|${now}|${cursor}|${series ? 1 : 0}|${follow}`;
    if (key === this.key) return;
    this.key = key;
    if (!series || t1 <= t0) {
      this.last = null;
      clear(this.fps);
      clear(this.util);
      return;
    }
    const w = smooth(series.window(t0, t1, BINS, now, cursor), SMOOTH);
    this.last = w;
    this.follow = follow;
    this.now = now;
    this.drawFps(w);
    this.drawUtil(w, series);
  }

  private drawFps(w: SeriesWindow): void {
    const { ctx, width, height } = setup(this.fps);
    const left = 52, right = 8, top = 8, bottom = 18;
    const pw = width - left - right, ph = height - top - bottom;
    let max = 1;
    for (let b = 0; b < w.filled; b++) max = Math.max(max, w.frames[b]!, w.drops[b]!);
    max = niceCeil(max);
    if (w.filled === 0 || max <= 1) {
      let any = false;
      for (let b = 0; b < w.filled; b++) if (w.frames[b]! > 0 || w.drops[b]! > 0) any = true;
      if (!any) {
        ctx.font = '11px system-ui, sans-serif';
        ctx.fillStyle = '#94a3b8';
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        ctx.fillText('no frames on cables in this window', width / 2, height / 2);
        this.fps.dataset.last = '0';
        this.fps.dataset.broadcastLast = '0';
        this.fps.dataset.peak = '0';
        return;
      }
    }
    ctx.font = '10px system-ui, sans-serif';
    ctx.fillStyle = '#64748b';
    ctx.strokeStyle = '#e2e8f0';
    ctx.lineWidth = 1;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let g = 0; g <= 4; g++) {
      const y = top + ph - (ph * g) / 4;
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(left + pw, y);
      ctx.stroke();
      ctx.fillText(formatRate((max * g) / 4), left - 4, y);
    }
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(this.follow ? `−${formatSpan(w.t1 - w.t0)}` : formatSpan(w.t0), left, top + ph + 4);
    ctx.textAlign = 'right';
    ctx.fillText(this.follow ? 'now' : formatSpan(w.t1), left + pw, top + ph + 4);
    if (!this.follow) {
      // Where "now" is on the whole run.
      const x = left + (pw * (this.now - w.t0)) / (w.t1 - w.t0);
      ctx.strokeStyle = '#0ea5e9';
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + ph);
      ctx.stroke();
      ctx.textAlign = 'center';
      ctx.fillStyle = '#0284c7';
      ctx.fillText('now', Math.min(left + pw - 12, Math.max(left + 12, x)), top + ph + 4);
    }
    const line = (data: Float64Array, colour: string, fillIt: boolean) => {
      if (w.filled === 0) return;
      ctx.beginPath();
      const bw = pw / w.bins;
      for (let b = 0; b < w.filled; b++) {
        const x = left + b * bw, y = top + ph - (ph * data[b]!) / max;
        if (b === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
        ctx.lineTo(x + bw, y);
      }
      if (fillIt) {
        ctx.lineTo(left + w.filled * bw, top + ph);
        ctx.lineTo(left, top + ph);
        ctx.closePath();
        ctx.fillStyle = colour + '33';
        ctx.fill();
      } else {
        ctx.strokeStyle = colour;
        ctx.lineWidth = 1.8;
        ctx.stroke();
      }
    };
    line(w.frames, '#334155', true);
    line(w.frames, '#334155', false);
    line(w.broadcast, '#f59e0b', false);
    line(w.drops, '#dc2626', false);
    const lastBin = Math.max(0, w.filled - 1);
    this.fps.dataset.first = String(Math.round(w.frames[0] ?? 0));
    this.fps.dataset.t0 = String(Math.round(w.t0));
    this.fps.dataset.last = String(Math.round(w.frames[lastBin] ?? 0));
    this.fps.dataset.broadcastLast = String(Math.round(w.broadcast[lastBin] ?? 0));
    let peak = 0;
    for (let b = 0; b < w.filled; b++) peak = Math.max(peak, w.frames[b]!);
    this.fps.dataset.peak = String(Math.round(peak));
  }

  private drawUtil(w: SeriesWindow, series: Series): void {
    const { ctx, width, height } = setup(this.util);
    const left = 124, right = 8, top = 4, bottom = 4;
    const rows = w.rows.length;
    ctx.font = '10px system-ui, sans-serif';
    if (rows === 0) {
      ctx.fillStyle = '#94a3b8';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('no traffic on cables', width / 2, height / 2);
      this.util.dataset.rows = '0';
      return;
    }
    const rh = Math.max(3, Math.min(16, (height - top - bottom) / rows));
    const pw = width - left - right, bw = pw / w.bins;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    let peak = 0;
    for (let r = 0; r < rows; r++) {
      const y = top + r * rh;
      if (y + rh > height) break;
      const u = w.util[r]!;
      for (let b = 0; b < w.filled; b++) {
        peak = Math.max(peak, u[b]!);
        ctx.fillStyle = heat(u[b]!);
        ctx.fillRect(left + b * bw, y, Math.ceil(bw), rh - 1);
      }
      if (rh >= 9) {
        ctx.fillStyle = '#334155';
        ctx.fillText(ellipsis(series.channels[w.rows[r]!]!.label, 22), left - 4, y + rh / 2);
      }
    }
    this.util.dataset.rows = String(rows);
    this.util.dataset.peak = peak.toFixed(3);
  }

  get window(): SeriesWindow | null {
    return this.last;
  }
}

function setup(c: HTMLCanvasElement): { ctx: CanvasRenderingContext2D; width: number; height: number } {
  const r = c.getBoundingClientRect();
  const dpr = Math.min(2, window.devicePixelRatio || 1);
  const width = Math.max(1, Math.round(r.width)), height = Math.max(1, Math.round(r.height));
  if (c.width !== Math.round(width * dpr) || c.height !== Math.round(height * dpr)) {
    c.width = Math.round(width * dpr);
    c.height = Math.round(height * dpr);
  }
  const ctx = c.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return { ctx, width, height };
}

function clear(c: HTMLCanvasElement): void {
  setup(c);
}

function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** 0 → pale, 1 → deep red. */
function heat(u: number): string {
  if (u <= 0) return '#f1f5f9';
  const x = Math.min(1, u);
  const r = Math.round(254 - 70 * x), g = Math.round(215 - 200 * x), b = Math.round(170 - 150 * x);
  return `rgb(${r},${g},${b})`;
}

function ellipsis(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** Moving average of the rate series over the last `k` bins (utilisation is left as is). */
function smooth(w: SeriesWindow, k: number): SeriesWindow {
  const avg = (a: Float64Array) => {
    const out = new Float64Array(a.length);
    let sum = 0;
    for (let b = 0; b < a.length; b++) {
      sum += a[b]!;
      if (b >= k) sum -= a[b - k]!;
      out[b] = sum / Math.min(k, b + 1);
    }
    return out;
  };
  return { ...w, frames: avg(w.frames), broadcast: avg(w.broadcast), drops: avg(w.drops) };
}
