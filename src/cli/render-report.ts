/**
 * The human-readable report `vnetsim run` prints, rendered from the same report object as `--json`
 * (src/analysis/report.ts).
 */
import type { Report } from '../analysis/report.js';
import { formatDuration, formatSeconds } from '../engine/time.js';
import { renderStp } from './render-stp.js';

function n(v: number): string {
  return v.toLocaleString('en-US');
}

function rtt(ns: number | null): string {
  return ns === null ? '-' : formatDuration(ns);
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
  if (r.pings.length > 0) {
    line();
    const ok = r.pings.filter((p) => p.received > 0).length;
    line(`ping  ${r.pings.length} pair${r.pings.length === 1 ? '' : 's'}, ${ok} with replies`);
    const shown = r.pings.length <= 12 ? r.pings : r.pings.filter((p) => p.received < p.sent).slice(0, 12);
    for (const p of shown) {
      line(`  ${p.from} -> ${p.to} (${p.dst}): ${p.sent} sent, ${p.received} received${p.errors ? `, ${p.errors} errors` : ''}, rtt min/avg/max ${rtt(p.rttMinNs)}/${rtt(p.rttAvgNs)}/${rtt(p.rttMaxNs)}`);
    }
    if (shown.length < r.pings.length) {
      const all = r.pings.filter((p) => p.rttMinNs !== null);
      if (all.length > 0) {
        const min = Math.min(...all.map((p) => p.rttMinNs!));
        const max = Math.max(...all.map((p) => p.rttMaxNs!));
        const rest = r.pings.length - shown.length;
        const lead = shown.length === 0 ? 'every echo answered' : `the other ${rest} pair${rest === 1 ? '' : 's'}: every echo answered`;
        line(`  ${lead}; rtt ${formatDuration(min)} .. ${formatDuration(max)}`);
      }
    }
  }
  if (r.udp.length > 0) {
    line();
    line('udp');
    for (const u of r.udp) {
      line(`  ${u.from} -> ${u.to}: ${n(u.sent)} sent, ${n(u.received)} received, goodput ${(u.goodputBps / 1e6).toFixed(2)} Mbit/s, loss ${(u.lossRatio * 100).toFixed(1)}%`);
    }
  }
  const s = r.series.samples;
  if (s.length > 1 && s.some((x) => x.linkFramesPerSecond > 0 || x.dropsPerSecond > 0)) {
    // At most 20 rows: longer series are summed into groups of whole intervals (rates averaged,
    // in flight = the most seen at the groups' sample instants), so no interval is skipped.
    const step = Math.max(1, Math.ceil(s.length / 20));
    line();
    line(`over time (every ${formatDuration(r.series.interval * step)})`);
    // Wide enough for the last time (runs of 100 s and more print one more digit).
    const tWidth = Math.max(12, formatSeconds(s[s.length - 1]!.t).length);
    line(`  ${'t'.padStart(tWidth)}  ${'link frames/s'.padStart(14)}  ${'drops/s'.padStart(10)}  ${'in flight'.padStart(9)}`);
    for (let i = 0; i < s.length; i += step) {
      const group = s.slice(i, i + step);
      const avg = (f: (x: (typeof s)[number]) => number) => Math.round(group.reduce((a, x) => a + f(x), 0) / group.length);
      const t = group[group.length - 1]!.t;
      const inFlight = Math.max(...group.map((x) => x.inFlight));
      line(`  ${formatSeconds(t).padStart(tWidth)}  ${n(avg((x) => x.linkFramesPerSecond)).padStart(14)}  ${n(avg((x) => x.dropsPerSecond)).padStart(10)}  ${n(inFlight).padStart(9)}`);
    }
  }
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
