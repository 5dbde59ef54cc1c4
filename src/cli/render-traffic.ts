/**
 * The text report's UDP streams and latency distributions, rendered from the report object
 * (src/analysis/flow-report.ts). Every figure printed is a field of the JSON report or a sum of
 * such fields; loss is sent - received, never negative.
 */
import type { LatencyDistribution } from '../analysis/latency.js';
import type { LatencyEntry } from '../analysis/flow-report.js';
import type { Report } from '../analysis/report.js';
import { formatDuration } from '../engine/time.js';

/** Lines shown per list before the rest is left to the JSON report. */
const SHOWN = 12;

function n(v: number): string {
  return v.toLocaleString('en-US');
}

function plural(count: number, word: string): string {
  return `${n(count)} ${word}${count === 1 ? '' : 's'}`;
}

function percent(ratio: number): string {
  return `${(Math.max(0, ratio) * 100).toFixed(1)}%`;
}

/** `min/p50/p90/p99/max` as durations. */
function distribution(d: LatencyDistribution): string {
  return [d.min, d.p50, d.p90, d.p99, d.max].map(formatDuration).join('/');
}

/** The `udp` block: one line per stream (the first 12), then the totals of the rest. */
export function renderUdp(r: Report, line: (s?: string) => void): void {
  if (r.udp.length === 0) return;
  line();
  line(`udp  ${plural(r.udp.length, 'stream')}`);
  const shown = r.udp.slice(0, SHOWN);
  for (const u of shown) {
    const extra = `${u.duplicated ? `, ${n(u.duplicated)} duplicated` : ''}${u.reordered ? `, ${n(u.reordered)} reordered` : ''}`;
    const delay = u.oneWay === null ? '' : `; one-way p50 ${formatDuration(u.oneWay.p50)}, p99 ${formatDuration(u.oneWay.p99)}`;
    const jitter = u.jitterNs === null ? '' : `, jitter ${formatDuration(u.jitterNs)}`;
    const flying = u.inFlight > 0 ? `, ${n(u.inFlight)} in flight at the end` : '';
    line(`  ${u.from}:${u.srcPort} -> ${u.to}:${u.dstPort}: ${n(u.sent)} sent, ${n(u.received)} received${flying}, ${n(u.lost)} lost (${percent(u.lossRatio)})${extra}, goodput ${(u.goodputBps / 1e6).toFixed(2)} Mbit/s${delay}${jitter}`);
  }
  const rest = r.udp.slice(shown.length);
  if (rest.length > 0) {
    const sent = rest.reduce((a, u) => a + u.sent, 0);
    const received = rest.reduce((a, u) => a + u.received, 0);
    const inFlight = rest.reduce((a, u) => a + u.inFlight, 0);
    const lost = rest.reduce((a, u) => a + u.lost, 0);
    line(`  the other ${plural(rest.length, 'stream')}: ${n(sent)} sent, ${n(received)} received${inFlight > 0 ? `, ${n(inFlight)} in flight at the end` : ''}, ${n(lost)} lost (in the JSON report one by one)`);
  }
}

function entryLine(label: string, e: LatencyEntry): string {
  const what = e.metric === 'rtt' ? 'rtt' : 'one-way';
  const pairs = plural(e.pairs, e.kind === 'ping' ? 'pair' : 'stream');
  return e.distribution === null
    ? `  ${label} (${pairs}): no ${what} samples`
    : `  ${label} (${pairs}): ${what} ${distribution(e.distribution)} (${plural(e.distribution.count, 'sample')})`;
}

/**
 * The `latency` block: min/p50/p90/p99/max per traffic item, then per group pair when some kind
 * of traffic has more than one group pair (with one, it would repeat the items).
 */
export function renderLatency(r: Report, line: (s?: string) => void): void {
  const { items, groups } = r.latency;
  if (items.length === 0) return;
  line();
  line('latency  min/p50/p90/p99/max (nearest-rank percentiles of every sample)');
  for (const e of items.slice(0, SHOWN)) line(entryLine(`traffic[${e.item}] ${e.kind} ${e.from} -> ${e.to}`, e));
  if (items.length > SHOWN) line(`  (${plural(items.length - SHOWN, 'more item')} in the JSON report)`);
  const split = groups.filter((g) => groups.some((o) => o !== g && o.kind === g.kind));
  if (split.length === 0) return;
  line('  by group (source -> destination)');
  for (const e of split.slice(0, SHOWN)) line(entryLine(`${e.kind} ${e.from} -> ${e.to}`, e));
  if (split.length > SHOWN) line(`  (${plural(split.length - SHOWN, 'more group pair')} in the JSON report)`);
}
