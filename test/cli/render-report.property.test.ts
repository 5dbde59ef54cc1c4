/**
 * The human report never claims what the JSON does not say: random reports (pings with random
 * counts, errors, round trips and tenants; random counter series with runs of quiet intervals) are
 * rendered, and every sentence of the ping section and every row of the "over time" table is read
 * back (report-sentences.ts) and compared with the report object.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { renderReport } from '../../src/cli/render-report.js';
import { QUIET_RUN } from '../../src/cli/render-series.js';
import type { PingReport, Report, Sample } from '../../src/index.js';
import { noSeries, report } from './report-fixture.js';
import { checkPingSection, checkSeriesTable, section } from './report-sentences.js';


/** Ends of a small data centre: VMs with tenants (random, so groups vary), hosts and outside addresses. */
const world = fc.record({
  tenants: fc.array(fc.constantFrom('red', 'green', 'blue', 'default'), { minLength: 6, maxLength: 6 }),
});

const pingOf = (tenants: readonly string[]) => fc
  .record({
    from: fc.integer({ min: 0, max: 7 }),
    to: fc.integer({ min: 0, max: 9 }),
    sent: fc.integer({ min: 0, max: 5 }),
    receivedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    // Mostly all or nothing, as real pairs are.
    shape: fc.constantFrom('all', 'none', 'none', 'some'),
    errors: fc.integer({ min: 0, max: 3 }),
    rtts: fc.array(fc.integer({ min: 1, max: 3e9 }), { minLength: 3, maxLength: 3 }),
  })
  .map((x): PingReport => {
    const end = (i: number) => (i < 6 ? { name: `vm${i + 1}`, tenant: tenants[i]! } : i < 8 ? { name: `host${i - 5}`, tenant: null } : { name: `10.9.9.${i}`, tenant: null });
    const from = end(x.from);
    const to = end(x.to);
    const received = x.shape === 'all' ? x.sent : x.shape === 'none' ? 0 : Math.floor(x.receivedShare * x.sent);
    const [min, avg, max] = [...x.rtts].sort((a, b) => a - b);
    return {
      from: from.name, fromTenant: from.tenant, to: to.name, toTenant: to.tenant, dst: `10.0.0.${x.to + 1}`,
      sent: x.sent, received, errors: x.errors,
      rttMinNs: received ? min! : null, rttAvgNs: received ? avg! : null, rttMaxNs: received ? max! : null,
      rtt: received ? { count: received, min: min!, p50: avg!, p90: max!, p99: max!, max: max! } : null,
    };
  });

const pingList = world.chain(({ tenants }) => fc.array(pingOf(tenants), { maxLength: 60, size: 'max' }));

/** Samples at the end of each interval: quiet stretches, traffic, fractional rates (counts per interval). */
const seriesArb = fc
  .record({
    interval: fc.constantFrom(1e6, 1e8, 25e7, 3e8, 1e9),
    rows: fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constant([0, 0, 0, 0]) },
        { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 40 })) },
        { weight: 1, arbitrary: fc.tuple(fc.constant(0), fc.integer({ min: 0, max: 9 }), fc.constant(0), fc.constant(0)) },
      ),
      { maxLength: 70, size: 'max' },
    ),
  })
  .map(({ interval, rows }): Report['series'] => ({
    interval,
    samples: rows.map(([link, hop, drops, inFlight], i): Sample => ({
      t: (i + 1) * interval,
      linkFramesPerSecond: (link! * 1e9) / interval,
      hopFramesPerSecond: (hop! * 1e9) / interval,
      dropsPerSecond: (drops! * 1e9) / interval,
      inFlight: inFlight!,
    })),
  }));

const pingSection = (text: string) => section(text, /^ping {2}/);
const seriesTable = (text: string) => section(text, /^over time /);

describe('the human report says only what the JSON says', () => {
  test('every sentence of the ping section is true of the pings', () => {
    fc.assert(fc.property(pingList, (pings) => {
      checkPingSection(pingSection(renderReport(report(pings, noSeries))), pings);
    }), { numRuns: 500 });
  });

  test('every row of the "over time" table is true of the series, and long quiet runs are left out', () => {
    fc.assert(fc.property(seriesArb, (series) => {
      checkSeriesTable(seriesTable(renderReport(report([], series))), series, QUIET_RUN);
    }), { numRuns: 500 });
  });
});
