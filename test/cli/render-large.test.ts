/**
 * The text report of a very large run (#11, 2): no spread of a large array into Math.min/max, so
 * 300,000 ping pairs and three million samples render, and render true.
 */
import { describe, expect, test } from 'vitest';
import { renderReport } from '../../src/cli/render-report.js';
import type { PingReport, Report } from '../../src/index.js';
import { report } from './report-fixture.js';
import { checkPingSection, checkSeriesTable, section } from './report-sentences.js';
import { QUIET_RUN } from '../../src/cli/render-series.js';

describe('a very large run', () => {
  test('300,000 ping pairs and 3,000,000 samples: rendered, every sentence true', () => {
    const pings: PingReport[] = Array.from({ length: 300_000 }, (_, i) => {
      const ok = i % 3 !== 0;
      return {
        from: `vm${i % 400}`, fromTenant: i % 2 ? 'red' : 'green', to: `vm${(i + 1) % 400}`, toTenant: i % 2 ? 'red' : 'green', dst: '10.0.0.1',
        sent: 1, received: ok ? 1 : 0, errors: ok ? 0 : 1,
        rttMinNs: ok ? 50_000 + i : null, rttAvgNs: ok ? 50_000 + i : null, rttMaxNs: ok ? 50_000 + i : null,
        rtt: ok ? { count: 1, min: 50_000 + i, p50: 50_000 + i, p90: 50_000 + i, p99: 50_000 + i, max: 50_000 + i } : null,
      };
    });
    const samples = Array.from({ length: 3_000_000 }, (_, i) => ({
      t: (i + 1) * 1_000_000, linkFramesPerSecond: i % 7 === 0 ? 1000 : 0, dropsPerSecond: 0, inFlight: i % 7 === 0 ? 3 : 0,
    })) as unknown as Report['series']['samples'];
    const r = report(pings, { interval: 1_000_000, samples });
    const text = renderReport(r);
    checkPingSection(section(text, /^ping /), r.pings);
    checkSeriesTable(section(text, /^over time/), r.series, QUIET_RUN);
    expect(text).toContain('rtt 50.001us .. 349.999us');
  }, 60_000);
});
