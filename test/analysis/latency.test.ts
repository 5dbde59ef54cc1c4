/** Latency distributions: nearest-rank percentiles, exact on small sets, one sample, ties, pooling. */
import { describe, expect, it } from 'vitest';
import { distributionOf, nearestRank } from '../../src/analysis/latency.js';

const f = (...v: number[]) => Float64Array.from(v);

describe('nearest-rank percentiles', () => {
  it('the sample of rank ceil(p/100 n)', () => {
    const s = f(1, 2, 3, 4);
    expect(nearestRank(s, 50)).toBe(2);
    expect(nearestRank(s, 51)).toBe(3);
    expect(nearestRank(s, 90)).toBe(4);
    expect(nearestRank(s, 25)).toBe(1);
    expect(nearestRank(s, 100)).toBe(4);
  });

  it('of 100 samples 1..100, p99 is 99 and p90 90; of 99 or fewer, p99 is the largest', () => {
    const hundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(nearestRank(hundred, 99)).toBe(99);
    expect(nearestRank(hundred, 90)).toBe(90);
    expect(nearestRank(hundred, 50)).toBe(50);
    const ninetyNine = hundred.subarray(0, 99);
    expect(nearestRank(ninetyNine, 99)).toBe(99);
    expect(nearestRank(f(10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110), 90)).toBe(100);
  });
});

describe('distributionOf', () => {
  it('one sample is every figure', () => {
    expect(distributionOf([f(401_600)])).toEqual({ count: 1, min: 401_600, p50: 401_600, p90: 401_600, p99: 401_600, max: 401_600 });
  });

  it('none gives null', () => {
    expect(distributionOf([])).toBeNull();
    expect(distributionOf([f(), f()])).toBeNull();
  });

  it('pools parts, sorts numerically (not as text), keeps ties', () => {
    expect(distributionOf([f(30, 5), f(100, 5, 5), f(1000)])).toEqual({ count: 6, min: 5, p50: 5, p90: 1000, p99: 1000, max: 1000 });
    expect(distributionOf([f(9, 10, 100, 2)])).toEqual({ count: 4, min: 2, p50: 9, p90: 100, p99: 100, max: 100 });
  });

  it('does not reorder the samples it is given', () => {
    const part = f(3, 1, 2);
    distributionOf([part]);
    expect([...part]).toEqual([3, 1, 2]);
  });
});
