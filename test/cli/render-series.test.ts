/**
 * The "over time" table word for word: 3 or more all-zero rows in a row become one line, 2 stay,
 * a row that only rounds to zero stays, and grouped intervals are left out as whole rows.
 */
import { describe, expect, test } from 'vitest';
import { renderReport } from '../../src/cli/render-report.js';
import { QUIET_RUN } from '../../src/cli/render-series.js';
import type { Report } from '../../src/index.js';
import { report } from './report-fixture.js';
import { checkSeriesTable, section } from './report-sentences.js';

/** Rows of [link frames/s, drops/s, in flight], one sample per interval. */
function series(interval: number, rows: readonly (readonly [number, number, number])[]): Report['series'] {
  return {
    interval,
    samples: rows.map(([link, drops, inFlight], i) => ({ t: (i + 1) * interval, linkFramesPerSecond: link, hopFramesPerSecond: 0, dropsPerSecond: drops, inFlight })),
  };
}

function table(s: Report['series']): string[] {
  const lines = section(renderReport(report([], s)), /^over time /);
  checkSeriesTable(lines, s, QUIET_RUN);
  return lines;
}

const Z = [0, 0, 0] as const;

describe('the "over time" table', () => {
  test('leaves out 3 all-zero rows in a row as one line, keeps 2', () => {
    expect(QUIET_RUN).toBe(3);
    expect(table(series(1e9, [[132, 0, 1], Z, Z, Z, [54, 0, 0], Z, Z, [10, 2, 3]]))).toEqual([
      'over time (every 1s)',
      '             t   link frames/s     drops/s  in flight',
      '   1.000000000             132           0          1',
      '   2.000000000 .. 4.000000000  all zero (3 rows)',
      '   5.000000000              54           0          0',
      '   6.000000000               0           0          0',
      '   7.000000000               0           0          0',
      '   8.000000000              10           2          3',
    ]);
  });

  test('a quiet run at the end, and a row that only rounds to 0 printed as a row', () => {
    expect(table(series(25e7, [[4, 0, 0], [0.4, 0, 0], Z, Z, Z, Z])).slice(2)).toEqual([
      '   0.250000000               4           0          0',
      '   0.500000000               0           0          0',
      '   0.750000000 .. 1.500000000  all zero (4 rows)',
    ]);
  });

  test('a row of a grouped table is left out only when every interval in it is quiet', () => {
    // 40 intervals in rows of 2: intervals 3..10 quiet but interval 9 holds one frame in flight.
    const rows = Array.from({ length: 40 }, (_, i): readonly [number, number, number] => (i < 2 || i >= 10 ? [8, 0, 0] : i === 8 ? [0, 0, 1] : Z));
    expect(table(series(1e8, rows)).slice(0, 6)).toEqual([
      'over time (every 200ms)',
      '             t   link frames/s     drops/s  in flight',
      '   0.200000000               8           0          0',
      '   0.400000000 .. 0.800000000  all zero (3 rows)',
      '   1.000000000               0           0          1',
      '   1.200000000               8           0          0',
    ]);
  });

  test('the checks catch a row of zeros standing for an interval that was not quiet', () => {
    const s = series(1e9, [[5, 0, 0], Z, Z, [0, 0, 2], [5, 0, 0]]);
    const lie = ['over time (every 1s)', '             t   link frames/s     drops/s  in flight', '   1.000000000               5           0          0', '   2.000000000 .. 4.000000000  all zero (3 rows)', '   5.000000000               5           0          0'];
    expect(() => checkSeriesTable(lie, s, QUIET_RUN)).toThrow('not every sample of these rows is zero');
  });
});
