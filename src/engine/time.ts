/**
 * Simulated time is an integer count of nanoseconds held in a number (exact up to 2^53 ns, about
 * 104 days). Rates are bits per second.
 */
export type Nanos = number;

export const US = 1_000;
export const MS = 1_000_000;
export const SECOND = 1_000_000_000;

const DURATION_UNITS: Record<string, number> = {
  ns: 1, us: US, 'µs': US, ms: MS, s: SECOND, m: 60 * SECOND, min: 60 * SECOND, h: 3600 * SECOND,
};

/** Parses `250us`, `1.5ms`, `10s`, `2m`; a bare number is seconds. Null when malformed. */
export function parseDuration(text: string | number): Nanos | null {
  if (typeof text === 'number') return Number.isFinite(text) ? Math.round(text * SECOND) : null;
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(ns|us|\u00b5s|ms|s|min|m|h)?\s*$/.exec(text);
  if (!m) return null;
  const unit = DURATION_UNITS[m[2] ?? 's']!;
  return Math.round(Number(m[1]) * unit);
}

/** Prints a duration with the largest unit that keeps it short: `12us`, `1.5ms`, `10s`. */
export function formatDuration(ns: Nanos): string {
  const a = Math.abs(ns);
  if (a === 0) return '0s';
  if (a >= SECOND) return `${trim(ns / SECOND)}s`;
  if (a >= MS) return `${trim(ns / MS)}ms`;
  if (a >= US) return `${trim(ns / US)}us`;
  return `${ns}ns`;
}

/** Fixed-width seconds with nanosecond precision, for traces: `1.000012000`. */
export function formatSeconds(ns: Nanos): string {
  const s = Math.floor(ns / SECOND);
  return `${s}.${String(ns - s * SECOND).padStart(9, '0')}`;
}

function trim(v: number): string {
  return String(Math.round(v * 1000) / 1000);
}

const RATE_UNITS: Record<string, number> = {
  bps: 1, bit: 1, kbps: 1e3, kbit: 1e3, mbps: 1e6, mbit: 1e6, gbps: 1e9, gbit: 1e9, tbps: 1e12, tbit: 1e12,
};

/** Parses `1Gbps`, `100Mbit`, `10 gbit/s`; a bare number is bits per second. Null when malformed. */
export function parseRate(text: string | number): number | null {
  if (typeof text === 'number') return Number.isFinite(text) && text > 0 ? text : null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?(?:bps|bit))?(?:\/s)?\s*$/i.exec(text);
  if (!m) return null;
  const v = Number(m[1]) * RATE_UNITS[(m[2] ?? 'bps').toLowerCase()]!;
  return v > 0 ? v : null;
}

export function formatRate(bps: number): string {
  if (bps >= 1e12) return `${trim(bps / 1e12)}Tbps`;
  if (bps >= 1e9) return `${trim(bps / 1e9)}Gbps`;
  if (bps >= 1e6) return `${trim(bps / 1e6)}Mbps`;
  if (bps >= 1e3) return `${trim(bps / 1e3)}kbps`;
  return `${trim(bps)}bps`;
}
