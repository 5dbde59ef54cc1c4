/**
 * The progress line a long run shows on a terminal: how much of the simulated time is done and
 * an estimate of the wall time left, from the wall time so far and the fraction done (simulation
 * speed is roughly steady within one run). Written to standard error only, never with --json or
 * when standard error is not a terminal, so reports and logs stay clean; erased before the report.
 */
import { formatDuration } from '../index.js';

export interface ProgressState {
  /** Simulated time reached, ns. */
  readonly now: number;
  /** Simulated time the run stops at, ns. */
  readonly until: number;
  readonly events: number;
  /** Wall time since the run started, ms. */
  readonly wallMs: number;
}

/** Wall time left as a person reads it: `8s`, `2m 05s`, `1h 03m`; `?` before anything is done. */
export function formatEta(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * One progress line: `  37.5%  t=1.500s of 4s  1,800,000 events  ETA 12s`. The percentage is
 * rounded down, so it reads 100% only at the end.
 */
export function formatProgress(p: ProgressState): string {
  const done = p.until > 0 ? Math.min(1, p.now / p.until) : 0;
  const percent = (Math.floor(done * 1000) / 10).toFixed(1);
  const eta = done > 0 ? formatEta((p.wallMs * (1 - done)) / done) : '?';
  return `  ${percent}%  t=${(p.now / 1e9).toFixed(3)}s of ${formatDuration(p.until)}  ${p.events.toLocaleString('en-US')} event${p.events === 1 ? '' : 's'}  ETA ${eta}`;
}

/** Rewrites one line on a terminal; shows nothing in the first second (a short run needs none). */
export class ProgressLine {
  private shown = false;
  private readonly started = Date.now();

  constructor(private readonly write: ((text: string) => void) | null, private readonly label = '') {}

  update(now: number, until: number, events: number): void {
    if (this.write === null) return;
    const wallMs = Date.now() - this.started;
    if (wallMs < 1000) return;
    this.shown = true;
    this.write(`\r${this.label}${formatProgress({ now, until, events, wallMs })}\x1b[K`);
  }

  /** Erases the line, if one was shown. */
  clear(): void {
    if (this.shown && this.write !== null) this.write('\r\x1b[K');
    this.shown = false;
  }
}
