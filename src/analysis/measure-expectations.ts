/**
 * Expectations on measurements (utilisation, drops; latency, loss and goodput of flows) judged
 * against a finished run. Every figure a verdict quotes is one the report's JSON holds, rounded
 * the way the text report prints it, so a reader can find it there.
 */
import type { ExpectDoc } from '../scenario/document.js';
import type { Simulation } from '../scenario/simulation.js';
import type { ExpectationResult } from './expectation-result.js';
import type { LeakDetector } from './leaks.js';
import { inRange, pct, rangeText } from './verdict-words.js';

/** What a link's line in the report says (src/analysis/report.ts's LinkReport). */
interface LinkUse {
  readonly name: string;
  readonly utilisation: number;
}

/** The run's link figures the verdicts read (flows are read from the simulation). */
export interface LinkFigures {
  readonly links: readonly LinkUse[];
}

type MeasureExpect = ExpectDoc & { kind: 'utilisation' | 'drops' };

/** Drops counted as maxDrops/minDrops/drops count them: at a place (and inside it), with a reason, or all. */
export function dropsCounted(sim: Simulation, leaks: LeakDetector | null, at: string | null, reason: string | null): number {
  if (at !== null) return leaks?.dropsAt(at, reason) ?? 0;
  if (reason !== null) return sim.net.ledger.dropsByReason.get(reason as never) ?? 0;
  return sim.net.ledger.dropped;
}

export function evaluateMeasurement(sim: Simulation, e: MeasureExpect, m: LinkFigures, leaks: LeakDetector | null): ExpectationResult {
  switch (e.kind) {
    case 'utilisation': {
      const dir = /^(.+?)\s*->\s*(.+)$/.exec(e.link);
      const name = dir ? `${dir[1]}->${dir[2]}` : null;
      // A cable end names both directions of its cable; each is judged.
      const links = m.links.filter((l) => (name !== null ? l.name === name : l.name.startsWith(`${e.link}->`) || l.name.endsWith(`->${e.link}`)));
      const text = `${e.link} busy ${rangeText(e.min, e.max, pct)} of the run`;
      if (links.length === 0) return { text, pass: false, detail: 'no such link in the run' };
      const wrong = links.filter((l) => !inRange(l.utilisation, e.min, e.max));
      const detail = links.map((l) => `${l.name} ${pct(l.utilisation)}`).join(', ');
      return { text, pass: wrong.length === 0, detail };
    }
    case 'drops': {
      const n = dropsCounted(sim, leaks, e.at, e.reason);
      const text = `${rangeText(e.min, e.max, String)} drops${e.reason ? ` (${e.reason})` : ''}${e.at ? ` at ${e.at}` : ''}`;
      return { text, pass: inRange(n, e.min, e.max), detail: `${n} dropped` };
    }
  }
}
