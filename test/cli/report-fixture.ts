/** A report object with nothing in it but the pings and the series a test of the text report sets. */
import type { PingReport, Report } from '../../src/index.js';

/** A report with nothing in it but what each test sets. */
export function report(pings: readonly PingReport[], series: Report['series']): Report {
  return {
    format: 2,
    scenario: { name: 'random', file: 'random.yaml', seed: 1, duration: 5e9 },
    run: { outcome: 'complete', events: 1, eventBudget: 1e6, simulatedNs: 5e9, message: null },
    frames: { originated: 0, copies: 0, sent: 0, delivered: 0, dropped: 0, inFlight: 0, peakInFlight: 0, hops: 0, dropsByReason: {}, conserved: true },
    pings,
    udp: [],
    latency: { items: [], groups: [] },
    links: [],
    series,
    leaks: { count: 0, kinds: [], listed: [] },
    broadcast: { received: 0, vms: 0, perVmPerSecondAvg: 0, perVmPerSecondMax: 0, maxVm: null },
    switches: [],
    stp: null,
    commandFailures: [],
    commandOutputs: [],
    expectations: [],
    passed: true,
    traceHash: '0000000000000000',
    traceRecords: 0,
    wall: { ms: 1, eventsPerSecond: 1, heapUsedBytes: null, peakRssBytes: null },
  };
}

export const noSeries: Report['series'] = { interval: 1e9, samples: [] };
