/**
 * The run's report as one plain object (the `--json` output, format REPORT_FORMAT_VERSION), built
 * from the simulation and the meters once the run is over. Everything but `wall` is a function of
 * scenario and seed.
 */
import type { RunResult, Simulation } from '../scenario/simulation.js';
import type { ExpectationResult } from './expectation-result.js';
import { evaluateExpectations } from './expectations.js';
import { latencyReport, pingReports, udpReports, type LatencyReport, type PingReport, type UdpReport } from './flow-report.js';
import type { Leak, LeakDetector, LeakKind } from './leaks.js';
import type { BroadcastReport, L2Meter, SwitchTableReport } from './l2-meter.js';
import type { Sample } from './sampler.js';
import { stpReport, type StpReport } from './stp-report.js';

/**
 * 2: a `udp` entry's `received` counts distinct datagrams of its own stream (5-tuple), `lossRatio`
 * is (sent - received) / sent, and `goodputBps` is over first sent to last received.
 */
const REPORT_FORMAT_VERSION = 2;

export interface LinkReport {
  readonly name: string;
  readonly txFrames: number;
  /** Bytes of the frames as captured (no preamble, FCS or inter-frame gap). */
  readonly txBytes: number;
  readonly drops: number;
  readonly peakQueue: number;
  /**
   * Fraction of the run the sender was busy serializing: line time, so preamble and SFD, FCS and
   * inter-frame gap count (see ethernetWireBytes), and a saturated cable is at 1 whatever its frame size.
   */
  readonly utilisation: number;
}

/**
 * Everything a run produced, as one plain object (the `--json` output). Every field is a pure
 * function of scenario + seed except `wall`, which measures the machine.
 */
export interface Report {
  readonly format: number;
  readonly scenario: { readonly name: string; readonly file: string; readonly seed: number; readonly duration: number };
  readonly run: {
    readonly outcome: 'complete' | 'budget-exhausted';
    readonly events: number;
    readonly eventBudget: number;
    readonly simulatedNs: number;
    readonly message: string | null;
  };
  readonly frames: {
    readonly originated: number;
    readonly copies: number;
    readonly sent: number;
    readonly delivered: number;
    readonly dropped: number;
    readonly inFlight: number;
    /** The most frames in flight at any instant of the run. */
    readonly peakInFlight: number;
    readonly hops: number;
    readonly dropsByReason: Record<string, number>;
    /** sent = delivered + dropped + inFlight */
    readonly conserved: boolean;
  };
  readonly pings: readonly PingReport[];
  readonly udp: readonly UdpReport[];
  /** RTT and one-way delay distributions per `traffic:` item and per group pair. */
  readonly latency: LatencyReport;
  readonly links: readonly LinkReport[];
  readonly series: { readonly interval: number; readonly samples: readonly Sample[] };
  /**
   * Leaks: how many, the distinct kinds (first bad hop, cause, tenants; each with its count and
   * first example) and the first 100 one by one.
   */
  readonly leaks: { readonly count: number; readonly kinds: readonly LeakKind[]; readonly listed: readonly Leak[] };
  /** Broadcast frames received per VM per second: how big the broadcast domains are. */
  readonly broadcast: BroadcastReport;
  /** Each physical switch's MAC table: entries, capacity, overflows, flooded unicast. */
  readonly switches: readonly SwitchTableReport[];
  /** Spanning tree: each STP bridge's root, ports and states, and the convergence time; null without STP. */
  readonly stp: StpReport | null;
  readonly commandFailures: Simulation['commandFailures'];
  /** What `show`/`list` commands printed, start-up ones (at 0) and timeline ones, in order. */
  readonly commandOutputs: Simulation['commandOutputs'];
  readonly expectations: readonly ExpectationResult[];
  readonly passed: boolean;
  readonly traceHash: string;
  readonly traceRecords: number;
  readonly wall: { readonly ms: number; readonly eventsPerSecond: number; readonly heapUsedBytes: number | null; readonly peakRssBytes: number | null };
}

interface ReportInputs {
  readonly sim: Simulation;
  readonly file: string;
  readonly result: RunResult;
  readonly samples: readonly Sample[];
  readonly leaks: LeakDetector;
  readonly l2: L2Meter;
  readonly traceHash: string;
  readonly traceRecords: number;
  readonly wallMs: number;
  readonly heapUsedBytes: number | null;
  readonly peakRssBytes: number | null;
}

/** A ping's result with the tenants of its ends (VMs have one; hosts and bare addresses do not). */
export function buildReport(i: ReportInputs): Report {
  const { sim, result } = i;
  const l = sim.net.ledger;
  const inFlight = sim.net.framesInFlight();
  const sent = l.originated + l.copies;
  const pings = pingReports(sim);
  const dropsByReason: Record<string, number> = {};
  for (const k of [...l.dropsByReason.keys()].sort()) dropsByReason[k] = l.dropsByReason.get(k)!;
  const simulated = result.stoppedAt;
  const links: LinkReport[] = [];
  for (const link of sim.links) {
    for (const p of [link.aToB, link.bToA]) {
      const c = p.counters;
      links.push({ name: p.name, txFrames: c.txFrames, txBytes: c.txBytes, drops: c.drops, peakQueue: c.peakQueue, utilisation: simulated > 0 ? Math.min(1, c.busyNs / simulated) : 0 });
    }
  }
  const budget = result.outcome === 'budget';
  const expectations = evaluateExpectations(sim, pings, i.leaks, { links });
  return {
    format: REPORT_FORMAT_VERSION,
    scenario: { name: sim.doc.name, file: i.file, seed: sim.doc.seed, duration: sim.doc.duration },
    run: {
      outcome: budget ? 'budget-exhausted' : 'complete',
      events: result.events,
      eventBudget: result.budget,
      simulatedNs: simulated,
      message: budget
        ? `stopped after ${result.budget.toLocaleString('en-US')} events (the event budget) at ${simulated} ns of ${result.until} ns; raise "eventBudget" in the scenario or pass --budget N`
        : null,
    },
    frames: {
      originated: l.originated, copies: l.copies, sent, delivered: l.delivered, dropped: l.dropped, inFlight, peakInFlight: l.peakInFlight, hops: l.hops,
      dropsByReason, conserved: sent === l.delivered + l.dropped + inFlight,
    },
    pings,
    udp: udpReports(sim),
    latency: latencyReport(sim),
    links,
    series: { interval: sim.doc.report.interval, samples: i.samples },
    leaks: { count: i.leaks.leakCount, kinds: i.leaks.kinds.map((k) => ({ ...k })), listed: i.leaks.leaks.slice(0, 100) },
    broadcast: i.l2.broadcast(simulated),
    switches: i.l2.switchTables(),
    stp: stpReport(sim),
    commandFailures: sim.commandFailures,
    commandOutputs: sim.commandOutputs,
    expectations,
    passed: !budget && expectations.every((e) => e.pass),
    traceHash: i.traceHash,
    traceRecords: i.traceRecords,
    wall: {
      ms: Math.round(i.wallMs),
      eventsPerSecond: i.wallMs > 0 ? Math.round(result.events / (i.wallMs / 1000)) : 0,
      heapUsedBytes: i.heapUsedBytes,
      peakRssBytes: i.peakRssBytes,
    },
  };
}
