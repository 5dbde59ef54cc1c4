/**
 * Expectations on what flows measured: `rtt` (pings), `oneWay`, `loss` and `goodput` (UDP
 * streams), judged from every sample of the pairs between `from` and `to`. Latency bounds apply
 * to the pooled samples (all pairs together), as a capacity planner states an SLO; loss applies
 * to each stream, so one starved stream fails however well the others did.
 *
 * A verdict with nothing to judge (no ping or stream between the two sets) fails and says what
 * to add: an expectation that cannot fail would pass silently.
 */
import { formatDuration, formatRate } from '../engine/time.js';
import type { ExpectDoc, LatencyBound, ScenarioDoc, Selector } from '../scenario/document.js';
import { resolveSelector } from '../scenario/selectors.js';
import type { Simulation } from '../scenario/simulation.js';
import type { UdpFlowResult } from '../traffic/udp-flow.js';
import type { ExpectationResult } from './expectation-result.js';
import { distributionOf, type LatencyDistribution } from './latency.js';
import { measurementsBetween } from './measurements.js';
import { inRange, pct, rangeText, selectorText, targetNames } from './verdict-words.js';

type FlowExpect = ExpectDoc & { kind: 'rtt' | 'oneWay' | 'loss' | 'goodput' };

/** Names a `to` selector stands for, as ping pairs and streams record them. */
function targetSet(doc: ScenarioDoc, sel: Selector): Set<string> {
  return new Set((Array.isArray(sel) ? sel : [sel]).flatMap((s) => targetNames(doc, s)));
}

function holds(value: number, b: LatencyBound): boolean {
  switch (b.op) {
    case '<': return value < b.ns;
    case '<=': return value <= b.ns;
    case '>': return value > b.ns;
    case '>=': return value >= b.ns;
  }
}

function n(v: number): string {
  return v.toLocaleString('en-US');
}

function flowName(f: UdpFlowResult): string {
  return `${f.from} -> ${f.to}:${f.dstPort}`;
}

export function evaluateFlowExpectation(sim: Simulation, e: FlowExpect): ExpectationResult {
  const doc = sim.doc;
  const between = `${selectorText(e.from)} to ${selectorText(e.to)}`;
  const port = e.port;
  const m = measurementsBetween(sim, resolveSelector(doc, e.from), targetSet(doc, e.to), port);
  const what = `UDP stream from ${between}${port === null ? '' : ` to port ${port}`}`;

  if (e.kind === 'rtt' || e.kind === 'oneWay') {
    const bounds = e.bounds.map((b) => `${b.stat} ${b.op} ${formatDuration(b.ns)}`).join(', ');
    const text = `${e.kind === 'rtt' ? 'round-trip time' : 'one-way delay'} from ${between}${port === null ? '' : ` port ${port}`}: ${bounds}`;
    let d: LatencyDistribution | null;
    let of: string;
    if (e.kind === 'rtt') {
      if (m.pingPairs === 0) return { text, pass: false, detail: `no ping in the traffic section from ${between}: add a ping so this can be judged` };
      d = distributionOf([m.rttNs]);
      of = `${n(m.echoesAnswered)} of ${n(m.echoesSent)} echoes answered`;
    } else {
      if (m.flows.length === 0) return { text, pass: false, detail: `no ${what} in the traffic section: add a udp item so this can be judged` };
      d = distributionOf([m.oneWayNs]);
      of = `${n(m.flows.reduce((a, f) => a + f.received, 0))} of ${n(m.flows.reduce((a, f) => a + f.sent, 0))} datagrams received`;
    }
    if (d === null) return { text, pass: false, detail: `nothing to measure: ${of}` };
    const dist = d;
    const wrong = e.bounds.filter((b) => !holds(dist[b.stat], b));
    const shown = e.bounds.map((b) => `${b.stat} ${formatDuration(dist[b.stat])}`).join(', ');
    return { text, pass: wrong.length === 0, detail: `${shown} (${of})` };
  }

  const results = m.flows;
  if (e.kind === 'loss') {
    const text = `each ${what} loses at most ${pct(e.max)}`;
    if (results.length === 0) return { text, pass: false, detail: `no ${what} in the traffic section: add a udp item so this can be judged` };
    const worst = results.reduce((w, f) => (f.lossRatio > w.lossRatio ? f : w));
    const sent = results.reduce((a, f) => a + f.sent, 0);
    const lost = results.reduce((a, f) => a + f.lost, 0);
    const over = results.filter((f) => f.lossRatio > e.max).length;
    const overall = `${results.length} stream${results.length === 1 ? '' : 's'}, ${n(lost)} of ${n(sent)} datagrams lost in all`;
    return {
      text, pass: over === 0,
      detail: `${over > 0 ? `${over} over the limit; ` : ''}worst ${flowName(worst)} lost ${pct(worst.lossRatio)} (${n(worst.lost)} of ${n(worst.sent)}); ${overall}`,
    };
  }

  const range = rangeText(e.min, e.max, formatRate);
  const text = e.total
    ? `the UDP streams from ${between}${port === null ? '' : ` to port ${port}`} together deliver ${range}`
    : `each ${what} delivers ${range}`;
  if (results.length === 0) return { text, pass: false, detail: `no ${what} in the traffic section: add a udp item so this can be judged` };
  const ok = (bps: number) => inRange(bps, e.min, e.max);
  if (e.total) {
    // Summed over the window from the first datagram sent to the last received, like each stream's own goodput.
    const firsts = results.flatMap((f) => (f.firstSentNs === null ? [] : [f.firstSentNs]));
    const lasts = results.flatMap((f) => (f.lastReceivedNs === null ? [] : [f.lastReceivedNs]));
    const bits = results.reduce((a, f) => a + f.receivedBytes * 8, 0);
    const window = lasts.length > 0 && firsts.length > 0 ? lasts.reduce((a, b) => Math.max(a, b)) - firsts.reduce((a, b) => Math.min(a, b)) : 0;
    const bps = window > 0 ? Math.round((bits * 1e9) / window) : 0;
    return { text, pass: ok(bps), detail: `${formatRate(bps)} from ${results.length} stream${results.length === 1 ? '' : 's'} over ${formatDuration(window)}` };
  }
  const wrong = results.filter((f) => !ok(f.goodputBps));
  const lo = results.reduce((w, f) => (f.goodputBps < w.goodputBps ? f : w));
  const hi = results.reduce((w, f) => (f.goodputBps > w.goodputBps ? f : w));
  const spread = results.length === 1 ? `${formatRate(lo.goodputBps)}` : `lowest ${flowName(lo)} ${formatRate(lo.goodputBps)}, highest ${flowName(hi)} ${formatRate(hi.goodputBps)}`;
  return { text, pass: wrong.length === 0, detail: `${wrong.length > 0 ? `${wrong.length} of ${results.length} outside; ` : ''}${spread}` };
}
