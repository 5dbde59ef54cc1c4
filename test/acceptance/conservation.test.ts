/**
 * Foundation acceptance 4: frame conservation on every scenario in scenarios/. Every frame made
 * (originated by a stack, or an extra copy made by a flood) is delivered, dropped with a reason, or
 * still in flight. The ledger's figures are checked against counts taken from the trace itself, and
 * the law is checked not only at the end but at many instants while frames are on the wires.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Report, Simulation, TraceRecord, TraceSink } from '../../src/index.js';
import { runSimulation } from '../../src/index.js';
import { Pipe } from '../../src/net/link/pipe.js';
import { prepare, scenarioFiles, scenarioPath, scenarioText } from './helpers.js';

/** Instants (just after a frame started onto a wire) at which the stepped run stops and checks. */
const CUTS = 40;

/** Counts frames from the trace, independently of the ledger. */
class TraceCount implements TraceSink<TraceRecord> {
  originated = 0;
  copies = 0;
  delivered = 0;
  tx = 0;
  rx = 0;
  readonly drops = new Map<string, number>();
  readonly txTimes: number[] = [];

  record(r: TraceRecord): void {
    switch (r.kind) {
      case 'originate': this.originated++; break;
      case 'flood': this.copies += r.copies - 1; break;
      case 'deliver': this.delivered++; break;
      case 'drop': this.drops.set(r.reason, (this.drops.get(r.reason) ?? 0) + 1); break;
      case 'tx': this.tx++; this.txTimes.push(r.t); break;
      case 'rx': this.rx++; break;
      default: break;
    }
  }
}

/** Frames waiting in queues: not visible in the trace until they start onto their wire. */
function queued(sim: Simulation): number {
  let n = 0;
  for (const h of sim.net.holders) n += h instanceof Pipe ? h.queueLength : h.framesInFlight();
  return n;
}

function ledgerHolds(sim: Simulation): { made: number; accounted: number; dropsSum: number; dropped: number; inFlight: number } {
  const l = sim.net.ledger;
  const inFlight = sim.net.framesInFlight();
  let dropsSum = 0;
  for (const n of l.dropsByReason.values()) dropsSum += n;
  return { made: l.originated + l.copies, accounted: l.delivered + l.dropped + inFlight, dropsSum, dropped: l.dropped, inFlight };
}

describe.each(scenarioFiles())('%s', (name) => {
  const file = scenarioPath(name);
  const text = scenarioText(name);
  let report: Report;
  let count: TraceCount;
  let sim: Simulation;

  beforeAll(() => {
    sim = prepare(text, file);
    count = new TraceCount();
    report = runSimulation(sim, file, { sinks: [count] });
  }, 60_000);

  test('at the end: originated + copies = delivered + dropped + in flight, as the trace counts them', () => {
    const f = report.frames;

    // The report's figures are the trace's.
    expect(f.originated).toBe(count.originated);
    expect(f.copies).toBe(count.copies);
    expect(f.delivered).toBe(count.delivered);
    expect(f.dropsByReason).toStrictEqual(Object.fromEntries([...count.drops].sort(([a], [b]) => (a < b ? -1 : 1))));
    expect(f.hops).toBe(count.rx);

    // Drops by reason add up to the drops; the law holds.
    expect(Object.values(f.dropsByReason).reduce((a, b) => a + b, 0)).toBe(f.dropped);
    expect(f.sent).toBe(f.originated + f.copies);
    expect(f.delivered + f.dropped + f.inFlight).toBe(f.sent);
    expect(f.conserved).toBe(true);
    expect(f.originated).toBeGreaterThan(0);

    // In flight = frames started onto a wire and not yet arrived + frames waiting in queues.
    expect(f.inFlight).toBe(count.tx - count.rx + queued(sim));
  });

  test(`at ${CUTS} instants during the run, while frames are on the wires`, () => {
    const sim = prepare(text, file);
    const duration = sim.doc.duration;
    const times = count.txTimes;
    const cuts = new Set<number>();
    for (let i = 0; i < CUTS && times.length > 0; i++) {
      const t = times[Math.floor((i * times.length) / CUTS)]! + 1;
      if (t < duration) cuts.add(t);
    }
    let busy = 0;
    for (const t of [...cuts].sort((a, b) => a - b)) {
      const out = sim.run({ until: t });
      expect(out.stoppedAt).toBe(t);
      const s = ledgerHolds(sim);
      expect(s.accounted, `at ${t} ns: delivered + dropped + in flight = made`).toBe(s.made);
      expect(s.dropsSum, `at ${t} ns: drops by reason add up`).toBe(s.dropped);
      if (s.inFlight > 0) busy++;
    }
    if (times.length > 0) expect(busy, 'some instants had frames in flight').toBeGreaterThan(0);

    // Running in steps ends where one run ends.
    sim.run();
    const s = ledgerHolds(sim);
    expect(s.accounted).toBe(s.made);
    const l = sim.net.ledger;
    const f = report.frames;
    expect([l.originated, l.copies, l.delivered, l.dropped, s.inFlight]).toStrictEqual([f.originated, f.copies, f.delivered, f.dropped, f.inFlight]);
  }, 60_000);
});
