/**
 * The human-readable report `vnetsim run` prints, rendered from the same report object as `--json`
 * (src/analysis/report.ts).
 */
import type { Report } from '../analysis/report.js';
import { formatDuration, formatSeconds } from '../engine/time.js';
import { renderPings } from './render-pings.js';
import { renderSeries } from './render-series.js';
import { renderStp } from './render-stp.js';
import { renderLatency, renderUdp } from './render-traffic.js';

function n(v: number): string {
  return v.toLocaleString('en-US');
}

/**
 * Leaks by kind (first bad hop, cause, tenants), in the order first seen: one example each with
 * its path and the explanation, so each breakage is read once.
 */
function renderLeaks(r: Report, line: (s?: string) => void): void {
  line();
  line(`leaks  ${n(r.leaks.count)} frame${r.leaks.count === 1 ? '' : 's'} reached another tenant's VM or a promiscuous VM`);
  const shown = r.leaks.kinds.slice(0, 10);
  for (const k of shown) {
    const l = k.first;
    line(`  ${formatSeconds(l.t)}  ${l.source} (${l.sourceTenant}) -> ${l.victim} (${l.victimTenant})${l.sniffed ? ' sniffed' : ''}: ${l.frame}`);
    if (k.count > 1) line(`    (${n(k.count - 1)} more like it)`);
    line(`    path: ${l.path.map((h) => (h.note ? `${h.place} (${h.note})` : h.place)).join(' > ')}`);
    if (l.firstBadHop) line(`    first bad hop: ${l.firstBadHop} (${l.cause}): ${l.explanation}`);
  }
  if (r.leaks.kinds.length > shown.length) line(`  (${r.leaks.kinds.length - shown.length} more kinds of leak in the JSON report)`);
}

/** The human report: what ran, what happened to the frames, the traffic, the expectations. */
export function renderReport(r: Report): string {
  const out: string[] = [];
  const line = (s = '') => out.push(s);
  line(`scenario  ${r.scenario.name} (${r.scenario.file}), seed ${r.scenario.seed}`);
  const memory = r.wall.peakRssBytes === null ? '' : `, peak memory ${Math.round(r.wall.peakRssBytes / 1048576)} MB`;
  line(`simulated ${formatDuration(r.run.simulatedNs)} in ${n(r.run.events)} events; wall ${n(r.wall.ms)} ms (${n(r.wall.eventsPerSecond)} events/s)${memory}`);
  if (r.run.message) line(`STOPPED   ${r.run.message}`);
  line();
  const f = r.frames;
  line('frames');
  line(`  sent ${n(f.sent)} (${n(f.originated)} originated + ${n(f.copies)} flood copies), ${n(f.hops)} hops`);
  line(`  delivered ${n(f.delivered)}, dropped ${n(f.dropped)}, in flight ${n(f.inFlight)} (peak ${n(f.peakInFlight)})  ${f.conserved ? '(conserved)' : '(NOT CONSERVED)'}`);
  for (const [reason, count] of Object.entries(f.dropsByReason)) line(`    ${reason.padEnd(18)} ${n(count)}`);
  renderPings(r.pings, line);
  renderLatency(r, line);
  renderUdp(r, line);
  renderSeries(r.series, line);
  if (r.broadcast.vms > 0) {
    const b = r.broadcast;
    line();
    line(`broadcast  ${b.perVmPerSecondAvg.toFixed(2)} frames per VM per second on average, ${b.perVmPerSecondMax.toFixed(2)} at most${b.maxVm && b.received > 0 ? ` (${b.maxVm})` : ''}; ${n(b.received)} broadcast frame${b.received === 1 ? '' : 's'} received in all, across ${n(b.vms)} VM${b.vms === 1 ? '' : 's'}`);
  }
  const busy = r.switches.filter((x) => x.tableFull > 0 || x.unicastFloods > 0);
  if (busy.length > 0) {
    line();
    line('switch MAC tables');
    for (const x of busy) {
      line(`  ${x.name}  ${n(x.entries)} of ${n(x.capacity)} entries; ${n(x.tableFull)} sources not learned (table full); ${n(x.unicastFloods)} unicast frames flooded`);
    }
  }
  if (r.stp !== null) renderStp(r.stp, line);
  if (r.leaks.count > 0) renderLeaks(r, line);
  if (r.commandFailures.length > 0) {
    line();
    line('timeline commands that failed');
    for (const c of r.commandFailures) line(`  ${formatSeconds(c.t)} ${c.host}: ${c.line}: ${c.error}`);
  }
  if (r.commandOutputs.length > 0) {
    line();
    line('command output');
    for (const c of r.commandOutputs) {
      line(`  ${formatSeconds(c.t)} ${c.host}# ${c.line}`);
      for (const l of c.output.replace(/\n$/, '').split('\n')) line(`    ${l}`);
    }
  }
  if (r.expectations.length > 0) {
    line();
    line('expectations');
    // A failing one names where it is written, as FILE:LINE that editors and terminals open.
    for (const e of r.expectations) line(`  ${e.pass ? 'PASS' : 'FAIL'}  ${!e.pass && e.source ? `${e.source.file}:${e.source.line}  ` : ''}${e.text}: ${e.detail}`);
  }
  line();
  line(`trace hash ${r.traceHash} (${n(r.traceRecords)} records)`);
  line(r.passed ? 'result: PASS' : 'result: FAIL');
  return out.join('\n') + '\n';
}
