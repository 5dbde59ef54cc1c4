/**
 * The scenario's `expect` list judged against a finished run: one line per expectation, passed or
 * not, with what was measured. It only reads the run's results (pings, leaks, counters, links,
 * flows); measurements are judged in measure-expectations.ts and flow-expectations.ts.
 */
import type { ExpectDoc, ScenarioDoc, Selector } from '../scenario/document.js';
import { resolveSelector } from '../scenario/selectors.js';
import type { Simulation } from '../scenario/simulation.js';
import type { PingResult } from '../traffic/ping.js';
import { formatDuration } from '../engine/time.js';
import type { ExpectationResult } from './expectation-result.js';
import { evaluateFlowExpectation } from './flow-expectations.js';
import type { Leak, LeakDetector } from './leaks.js';
import { dropsCounted, evaluateMeasurement, type LinkFigures } from './measure-expectations.js';
import { selectorText, targetNames } from './verdict-words.js';


/** Judges every expectation of the scenario against what the run produced. */
export function evaluateExpectations(sim: Simulation, pings: readonly PingResult[], leaks: LeakDetector | null, measured: LinkFigures): ExpectationResult[] {
  return sim.doc.expect.map((e, i) => ({ ...evaluate(sim, sim.doc, e, pings, leaks, measured), source: sim.expectSources[i] ?? null }));
}

function evaluate(sim: Simulation, doc: ScenarioDoc, e: ExpectDoc, pings: readonly PingResult[], leaks: LeakDetector | null, measured: LinkFigures): ExpectationResult {
  switch (e.kind) {
    case 'rtt':
    case 'oneWay':
    case 'loss':
    case 'goodput':
      return evaluateFlowExpectation(sim, e);
    case 'utilisation':
    case 'drops':
      return evaluateMeasurement(sim, e, measured, leaks);
    case 'reach':
    case 'noReach': {
      const want = e.kind === 'reach';
      const text = `${selectorText(e.from)} ${want ? 'reaches' : 'does not reach'} ${selectorText(e.to)}`;
      const froms = resolveSelector(doc, e.from);
      const tos = new Set(Array.isArray(e.to) ? e.to.flatMap((s) => targetNames(doc, s)) : targetNames(doc, e.to));
      let pairs = 0;
      const wrong: string[] = [];
      const unjudged: string[] = [];
      for (const f of froms) {
        for (const t of tos) {
          if (f === t) continue;
          pairs++;
          const rs = pings.filter((p) => p.from === f && (p.to === t));
          if (rs.length === 0) {
            unjudged.push(`${f}->${t}`);
            continue;
          }
          const received = rs.reduce((a, p) => a + p.received, 0);
          if ((received > 0) !== want) wrong.push(`${f}->${t}`);
        }
      }
      if (unjudged.length > 0) {
        return { text, pass: false, detail: `no ping in the traffic section from ${list(unjudged)}: add a ping so this can be judged` };
      }
      if (wrong.length > 0) {
        return { text, pass: false, detail: `${wrong.length} of ${pairs} pairs ${want ? 'got no reply' : 'got replies'}: ${list(wrong)}` };
      }
      return { text, pass: true, detail: `${pairs} pair${pairs === 1 ? '' : 's'} ${want ? 'reachable' : 'unreachable'}` };
    }
    case 'maxDrops':
    case 'minDrops': {
      const most = e.kind === 'maxDrops';
      const text = `${most ? 'at most' : 'at least'} ${e.count} drops${e.reason ? ` (${e.reason})` : ''}${e.at ? ` at ${e.at}` : ''}`;
      const n = dropsCounted(sim, leaks, e.at, e.reason);
      return { text, pass: most ? n <= e.count : n >= e.count, detail: `${n} dropped` };
    }
    case 'maxInFlight': {
      const peak = sim.net.ledger.peakInFlight;
      return { text: `at most ${e.count} frames in flight at once`, pass: peak <= e.count, detail: `peak ${peak} in flight` };
    }
    case 'isolated': {
      const text = `tenants ${e.tenants.join(', ')} are isolated`;
      // Between two of the listed tenants; a promiscuous VM seeing its own tenant's unicast is a leak, but not across tenants.
      const found = leaks
        ? leaks.leaks.filter((l) => l.sourceTenant !== l.victimTenant && e.tenants.includes(l.sourceTenant) && e.tenants.includes(l.victimTenant))
        : [];
      return { text, pass: found.length === 0, detail: found.length === 0 ? 'no frame crossed between them' : `${found.length} leak${found.length === 1 ? '' : 's'}, first at ${found[0]!.victim} from ${found[0]!.source}` };
    }
    case 'noLeaks': {
      const n = leaks?.leakCount ?? 0;
      const first = leaks?.leaks[0];
      return {
        text: 'no frame leaks between tenants', pass: n === 0,
        detail: n === 0 ? 'no leaks' : `${n} leak${n === 1 ? '' : 's'}, first ${leakLine(first!)}`,
      };
    }
    case 'leaks':
      return evaluateLeaks(doc, e, leaks);
  }
}

/** `leaks: {...}`: the detector found between min and max leaks matching the filters. */
function evaluateLeaks(doc: ScenarioDoc, e: ExpectDoc & { kind: 'leaks' }, detector: LeakDetector | null): ExpectationResult {
  const froms = e.from !== null ? new Set(resolveSelector(doc, e.from)) : null;
  const tos = e.to !== null ? new Set(resolveSelector(doc, e.to)) : null;
  const all = detector?.leaks ?? [];
  const filtered = froms !== null || tos !== null || e.via !== null || e.at !== null || e.cause !== null;
  const match = all.filter((l) =>
    (froms === null || froms.has(l.source))
    && (tos === null || tos.has(l.victim))
    && (e.via === null || l.path.some((h) => within(h.place, e.via!)))
    && (e.at === null || (l.firstBadHop !== null && within(l.firstBadHop, e.at)))
    && (e.cause === null || l.cause === e.cause));
  // Unfiltered, every leak counts (the detector keeps the first 10,000 only).
  const n = filtered ? match.length : (detector?.leakCount ?? 0);
  const range = e.max === null ? `at least ${e.min}` : e.max === e.min ? `exactly ${e.min}` : e.min === 0 ? `at most ${e.max}` : `${e.min} to ${e.max}`;
  let text = `${range} leak${e.max === 1 || (e.max === null && e.min === 1) ? '' : 's'}`;
  if (e.from !== null) text += ` from ${selectorText(e.from)}`;
  if (e.to !== null) text += ` to ${selectorText(e.to)}`;
  if (e.via !== null) text += ` via ${e.via}`;
  if (e.cause !== null) text += ` (${e.cause})`;
  if (e.at !== null) text += ` first going wrong at ${e.at}`;
  const pass = n >= e.min && (e.max === null || n <= e.max);
  let detail = `${n} found`;
  if (match.length > 0) detail += `, first ${leakLine(match[0]!)}`;
  else if (!pass && all.length > 0) detail += `; of the ${detector!.leakCount} leaks in all, the first is ${leakLine(all[0]!)}`;
  return { text, pass, detail };
}

function leakLine(l: Leak): string {
  const where = l.firstBadHop !== null ? `, first bad hop ${l.firstBadHop} (${l.cause})` : '';
  return `${l.source} -> ${l.victim} at ${formatDuration(l.t)}${where}`;
}

/** A place is within a name when it is that name or below it (`host1` holds `host1/br0`). */
function within(place: string, name: string): boolean {
  return place === name || place.startsWith(`${name}/`);
}

function list(items: string[]): string {
  return items.length <= 5 ? items.join(', ') : `${items.slice(0, 5).join(', ')} and ${items.length - 5} more`;
}
