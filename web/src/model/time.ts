/** Simulated time (integer nanoseconds) as people read it, and back. */

/** `0.100048000 s`: seconds with nanosecond digits, grouped by three for reading. */
export function formatClock(ns: number): string {
  const v = Math.max(0, Math.floor(ns));
  const s = Math.floor(v / 1e9);
  const frac = String(v - s * 1e9).padStart(9, '0');
  return `${s}.${frac.slice(0, 3)} ${frac.slice(3, 6)} ${frac.slice(6)} s`;
}

/** `0.100048000`: the event list's time column (as in the CLI's traces). */
export function formatSeconds(ns: number): string {
  const v = Math.max(0, Math.floor(ns));
  const s = Math.floor(v / 1e9);
  return `${s}.${String(v - s * 1e9).padStart(9, '0')}`;
}

// A short duration (`48 µs`, `1.5 ms`, `2 s`) is written as the record table's sentences write it.
export { formatSpan } from '../../../src/trace/span.js';

const UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9 };

/** `100.05ms`, `2s`, `48 us`, `0.1` (seconds); null when not a time. */
export function parseTime(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*(ns|us|µs|ms|s)?\s*$/.exec(text);
  if (!m) return null;
  return Math.round(Number(m[1]) * UNITS[m[2] ?? 's']!);
}

export function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k/s`;
  return `${perSecond >= 10 || perSecond === 0 ? Math.round(perSecond) : perSecond.toFixed(1)}/s`;
}

export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} kB`;
  return `${n} B`;
}
