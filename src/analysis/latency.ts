/**
 * Latency distributions from samples: min, p50, p90, p99, max and the count, exact from all the
 * samples (no sketch, no interpolation), so the same samples always give the same figures.
 *
 * Percentiles use the nearest-rank definition: the p-th percentile of n sorted samples is the
 * sample of rank ceil(p/100 × n) (1-based), so it is always one of the measured values; p50 of
 * [1, 2, 3, 4] is 2, p99 of 100 samples is the 99th smallest, of 99 samples or fewer the largest.
 */

/** A distribution of delays in ns (integers, as measured). */
export interface LatencyDistribution {
  readonly count: number;
  readonly min: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * The nearest-rank `p`-th percentile (integer, 0 < p <= 100) of `sorted` (ascending, not empty).
 * `p × n` is an exact integer, so the division by 100 is exact whenever the rank is whole.
 */
export function nearestRank(sorted: Float64Array, p: number): number {
  const rank = Math.ceil((p * sorted.length) / 100);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** The distribution of the samples of all `parts` together; null when there are none. */
export function distributionOf(parts: readonly Float64Array[]): LatencyDistribution | null {
  let n = 0;
  for (const p of parts) n += p.length;
  if (n === 0) return null;
  const all = new Float64Array(n);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  all.sort();
  return {
    count: n, min: all[0]!, p50: nearestRank(all, 50), p90: nearestRank(all, 90), p99: nearestRank(all, 99), max: all[n - 1]!,
  };
}
