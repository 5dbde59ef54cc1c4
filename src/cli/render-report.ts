import type { Report } from '../analysis/report.js';
import { formatDuration, formatSeconds } from '../engine/time.js';

function n(v: number): string {
  return v.toLocaleString('en-US');
}

function rtt(ns: number | null): string {
  return ns === null ? '-' : formatDuration(ns);
}

/** The human report: what ran, what happened to the frames, the traffic, the expectations. */
export function renderReport(r: Report): string {
  const out: string[] = [];
  const line = (s = '') => out.push(s);
  line(`scenario  ${r.scenario.name} (${r.scenario.file}), seed ${r.scenario.seed}`);
  line(`simulated ${formatDuration(r.run.simulatedNs)} in ${n(r.run.events)} events; wall ${n(r.wall.ms)} ms (${n(r.wall.eventsPerSecond)} events/s)`);
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
        line(`  (${r.pings.length - shown.length} more pairs all answered; rtt ${formatDuration(min)} .. ${formatDuration(max)})`);
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
    line(`  ${'t'.padStart(12)}  ${'link frames/s'.padStart(14)}  ${'drops/s'.padStart(10)}  ${'in flight'.padStart(9)}`);
    for (let i = 0; i < s.length; i += step) {
      const group = s.slice(i, i + step);
      const avg = (f: (x: (typeof s)[number]) => number) => Math.round(group.reduce((a, x) => a + f(x), 0) / group.length);
      const t = group[group.length - 1]!.t;
      const inFlight = Math.max(...group.map((x) => x.inFlight));
      line(`  ${formatSeconds(t).padStart(12)}  ${n(avg((x) => x.linkFramesPerSecond)).padStart(14)}  ${n(avg((x) => x.dropsPerSecond)).padStart(10)}  ${n(inFlight).padStart(9)}`);
    }
  }
  if (r.leaks.count > 0) {
    line();
    line(`leaks  ${n(r.leaks.count)} frame${r.leaks.count === 1 ? '' : 's'} reached another tenant`);
    for (const l of r.leaks.listed.slice(0, 5)) {
      line(`  ${formatSeconds(l.t)}  ${l.source} (${l.sourceTenant}) -> ${l.victim} (${l.victimTenant}): ${l.frame}`);
      line(`    path: ${l.path.join(' > ')}`);
      if (l.firstBadHop) line(`    first bad hop: ${l.firstBadHop}`);
    }
  }
  if (r.commandFailures.length > 0) {
    line();
    line('timeline commands that failed');
    for (const c of r.commandFailures) line(`  ${formatSeconds(c.t)} ${c.host}: ${c.line}: ${c.error}`);
  }
  if (r.expectations.length > 0) {
    line();
    line('expectations');
    for (const e of r.expectations) line(`  ${e.pass ? 'PASS' : 'FAIL'}  ${e.text}: ${e.detail}`);
  }
  line();
  line(`trace hash ${r.traceHash} (${n(r.traceRecords)} records)`);
  line(r.passed ? 'result: PASS' : 'result: FAIL');
  return out.join('\n') + '\n';
}
