/**
 * The "over time" table of the human report: the sampled counters, at most 20 rows.
 *
 * Invariants: every sampled interval is in exactly one row (longer series are summed into groups
 * of whole intervals); a run of QUIET_RUN or more consecutive rows whose every sample is exactly
 * zero in every column is left out as one line naming the first and last row's time and how many
 * rows it stands for. A row that only rounds to zero is printed.
 */
import type { Report, Sample } from '../index.js';
import { formatDuration, formatSeconds } from '../engine/time.js';

/** The most rows printed; longer series are summed into groups of whole intervals. */
const MAX_ROWS = 20;
/** This many all-zero rows in a row or more are left out as one line. */
export const QUIET_RUN = 3;

const n = (v: number): string => v.toLocaleString('en-US');

/** One row: the group's last sample time, rates averaged, in flight the most seen at its samples. */
interface Row {
  readonly t: number;
  readonly linkFramesPerSecond: number;
  readonly dropsPerSecond: number;
  readonly inFlight: number;
  /** Every sample of the group is 0 in every column. */
  readonly zero: boolean;
}

function row(group: readonly Sample[]): Row {
  const avg = (f: (x: Sample) => number) => Math.round(group.reduce((a, x) => a + f(x), 0) / group.length);
  return {
    t: group[group.length - 1]!.t,
    linkFramesPerSecond: avg((x) => x.linkFramesPerSecond),
    dropsPerSecond: avg((x) => x.dropsPerSecond),
    inFlight: group.reduce((m, x) => Math.max(m, x.inFlight), 0),
    zero: group.every((x) => x.linkFramesPerSecond === 0 && x.dropsPerSecond === 0 && x.inFlight === 0),
  };
}

/**
 * The table, when there are two samples or more and some frame crossed a cable or was dropped:
 *
 *   over time (every 1s)
 *                t   link frames/s     drops/s  in flight
 *      1.000000000             132           0          1
 *      2.000000000 .. 4.000000000  all zero (3 rows)
 */
export function renderSeries(series: Report['series'], line: (text?: string) => void): void {
  const s = series.samples;
  if (s.length <= 1 || !s.some((x) => x.linkFramesPerSecond > 0 || x.dropsPerSecond > 0)) return;
  const step = Math.max(1, Math.ceil(s.length / MAX_ROWS));
  const rows: Row[] = [];
  for (let i = 0; i < s.length; i += step) rows.push(row(s.slice(i, i + step)));
  line();
  line(`over time (every ${formatDuration(series.interval * step)})`);
  // Wide enough for the last time (runs of 100 s and more print one more digit).
  const tWidth = Math.max(12, formatSeconds(s[s.length - 1]!.t).length);
  line(`  ${'t'.padStart(tWidth)}  ${'link frames/s'.padStart(14)}  ${'drops/s'.padStart(10)}  ${'in flight'.padStart(9)}`);
  for (let i = 0; i < rows.length; ) {
    let end = i;
    while (end < rows.length && rows[end]!.zero) end++;
    if (end - i >= QUIET_RUN) {
      line(`  ${formatSeconds(rows[i]!.t).padStart(tWidth)} .. ${formatSeconds(rows[end - 1]!.t)}  all zero (${end - i} rows)`);
      i = end;
      continue;
    }
    const r = rows[i++]!;
    line(`  ${formatSeconds(r.t).padStart(tWidth)}  ${n(r.linkFramesPerSecond).padStart(14)}  ${n(r.dropsPerSecond).padStart(10)}  ${n(r.inFlight).padStart(9)}`);
  }
}
