/** The progress line's wording: percent of simulated time (rounded down) and an ETA from wall time so far. */
import { describe, expect, test } from 'vitest';
import { formatEta, formatProgress } from '../../src/cli/progress.js';

describe('formatEta', () => {
  test.each([
    [0, '0s'], [1, '1s'], [999, '1s'], [1000, '1s'], [1001, '2s'], [59_000, '59s'], [60_000, '1m 00s'],
    [125_000, '2m 05s'], [3_599_000, '59m 59s'], [3_600_000, '1h 00m'], [3_780_000, '1h 03m'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatEta(ms)).toBe(text);
  });

  test('no estimate when nothing is known', () => {
    expect(formatEta(Infinity)).toBe('?');
    expect(formatEta(Number.NaN)).toBe('?');
  });
});

describe('formatProgress', () => {
  test('a quarter done after 3 s of wall time: 9 s left', () => {
    expect(formatProgress({ now: 1_000_000_000, until: 4_000_000_000, events: 1_800_000, wallMs: 3000 }))
      .toBe('  25.0%  t=1.000s of 4s  1,800,000 events  ETA 9s');
  });

  test('the percentage is rounded down, so it shows 100% only at the end', () => {
    expect(formatProgress({ now: 3_999_999_999, until: 4_000_000_000, events: 5, wallMs: 1000 })).toMatch(/^ {2}99\.9% /);
    expect(formatProgress({ now: 4_000_000_000, until: 4_000_000_000, events: 5, wallMs: 1000 })).toBe('  100.0%  t=4.000s of 4s  5 events  ETA 0s');
  });

  test('at simulated time 0 the ETA is unknown', () => {
    expect(formatProgress({ now: 0, until: 40_000_000, events: 200_000, wallMs: 1500 })).toBe('  0.0%  t=0.000s of 40ms  200,000 events  ETA ?');
  });

  test('37.5% after 90 s: 2m 30s left', () => {
    expect(formatProgress({ now: 15_000_000_000, until: 40_000_000_000, events: 1, wallMs: 90_000 })).toBe('  37.5%  t=15.000s of 40s  1 event  ETA 2m 30s');
  });
});
