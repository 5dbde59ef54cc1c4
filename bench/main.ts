/**
 * `npm run bench`: measures the engine and the datapath and prints a table. Each case runs in its
 * own Node process so its peak RSS is its own. Targets are for a 2-core machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { Engine } from '../src/engine/engine.js';
import { prepareScenario, runSimulation, type Report } from '../src/index.js';
import { bridgedDatacenter } from './scenarios.js';
import { runDatacenter, VLAN_DC } from './vlan-dc.js';

interface Row {
  case: string;
  measure: string;
  value: string;
  target: string;
  ok: string;
}

type CaseFn = () => Row[];

function fmt(n: number, digits = 2): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(digits)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(digits)} k` : n.toFixed(digits);
}

function maxRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

const cases: Record<string, CaseFn> = {
  /**
   * The classic hold model through the engine: 100k events pending; each event, when it runs,
   * schedules one more a random (integer ns) time later. The best 1M-event round of those run in
   * 4 s of wall time (at least five) after a warm-up, so JIT compilation and a busy neighbour on a
   * shared machine, which can slow everything for a second or two, do not decide the figure.
   */
  hold(): Row[] {
    const engine = new Engine(1);
    const pending = 100_000;
    let x = 12345;
    const rand = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296);
    const handler = (e: Engine) => {
      e.after(1 + Math.floor(rand() * 1e6), handler, e);
    };
    for (let i = 0; i < pending; i++) engine.at(Math.floor(rand() * 1e6), handler, engine);
    engine.run({ budget: 1_000_000 });
    let best = 0;
    const started = performance.now();
    for (let round = 0; round < 5 || (performance.now() - started < 4000 && round < 40); round++) {
      const events = 1_000_000;
      const t0 = performance.now();
      engine.run({ budget: events });
      best = Math.max(best, events / ((performance.now() - t0) / 1000));
    }
    if (engine.queue.size !== pending) throw new Error('hold model lost events');
    return [{ case: 'engine hold, 100k pending', measure: 'events/s', value: fmt(best), target: '>= 4.5 M', ok: best >= 4.5e6 ? 'yes' : 'NO' }];
  },

  /**
   * The bridged data centre through the vnetsim command itself (`vnetsim run FILE --json`), so the
   * memory figure is what a user's run takes, V8 settings of the CLI included. Three runs: the
   * fastest gives the speed (a busy neighbour slows one run, not the code), the largest the memory.
   */
  dc(): Row[] {
    const dir = mkdtempSync(join(tmpdir(), 'vnetsim-bench-'));
    const file = join(dir, 'dc-16x8.yaml');
    writeFileSync(file, bridgedDatacenter(16, 8, { ping: true }));
    const cli = fileURLToPath(new URL('../bin/vnetsim.js', import.meta.url));
    const reports = [0, 1, 2].map(() => JSON.parse(execFileSync(process.execPath, [cli, 'run', file, '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 })) as Report);
    rmSync(dir, { recursive: true });
    const report = reports[0]!;
    const hops = report.frames.hops;
    const rate = Math.max(...reports.map((r) => r.frames.hops / (r.wall.ms / 1000)));
    const echoes = report.pings.reduce((a, p) => a + p.sent, 0);
    const answered = report.pings.reduce((a, p) => a + p.received, 0);
    const rss = Math.max(...reports.map((r) => r.wall.peakRssBytes ?? NaN)) / 1048576;
    return [
      { case: `bridged DC 16x8, ${echoes} echoes (${answered} answered)`, measure: 'frame-hops', value: String(hops), target: '', ok: answered === echoes ? 'yes' : 'NO' },
      { case: 'bridged DC 16x8 (vnetsim run)', measure: 'frame-hops/s', value: fmt(rate), target: '>= 0.9 M', ok: rate >= 0.9e6 ? 'yes' : 'NO' },
      { case: 'bridged DC 16x8 (vnetsim run)', measure: 'peak RSS', value: `${rss.toFixed(1)} MB`, target: '<= 80 MB', ok: rss <= 80 ? 'yes' : 'NO' },
    ];
  },

  /** The same run in a plain Node process with V8's default young generation (for comparison). */
  dcNodeDefaults(): Row[] {
    const text = bridgedDatacenter(16, 8, { ping: true });
    const prepared = prepareScenario(text, 'bench:dc-16x8');
    if (!prepared.ok) throw new Error(prepared.problems.map((p) => p.message).join('; '));
    const t0 = performance.now();
    const report = runSimulation(prepared.sim, 'bench:dc-16x8');
    const rate = report.frames.hops / ((performance.now() - t0) / 1000);
    const rss = maxRssMb();
    return [
      { case: 'same, in-process, V8 default young generation', measure: 'frame-hops/s', value: fmt(rate), target: '', ok: '' },
      { case: 'same, in-process, V8 default young generation', measure: 'peak RSS', value: `${rss.toFixed(1)} MB`, target: '', ok: '' },
    ];
  },

  /** The VLAN data centre (50 hosts, 1,000 VMs, 10 tenants) against its untagged twin: see bench/vlan-dc.ts. */
  vlandc(): Row[] {
    const best = { vlan: 0, untagged: 0 };
    const runs: Record<'vlan' | 'untagged', ReturnType<typeof runDatacenter> | null> = { vlan: null, untagged: null };
    // Alternating, best of three each: a busy neighbour slows one run, not the comparison.
    for (let round = 0; round < 3; round++) {
      for (const vlan of [false, true]) {
        const r = runDatacenter(VLAN_DC, vlan);
        const key = vlan ? 'vlan' : 'untagged';
        best[key] = Math.max(best[key], r.report.frames.hops / r.seconds);
        runs[key] = r;
      }
    }
    const v = runs.vlan!.report;
    const echoes = v.pings.reduce((a, p) => a + p.sent, 0);
    const answered = v.pings.reduce((a, p) => a + p.received, 0);
    const ratio = best.vlan / best.untagged;
    const name = `VLAN DC ${VLAN_DC.hosts} hosts, ${VLAN_DC.hosts * VLAN_DC.vmsPerHost} VMs, ${VLAN_DC.tenants} tenants`;
    return [
      { case: `${name}, ${echoes} echoes (${answered} answered)`, measure: 'leaks', value: String(v.leaks.count), target: '0', ok: v.leaks.count === 0 && answered === echoes ? 'yes' : 'NO' },
      { case: name, measure: 'frame-hops/s', value: fmt(best.vlan), target: '', ok: '' },
      { case: 'untagged twin (a NIC and a switch per tenant)', measure: 'frame-hops/s', value: fmt(best.untagged), target: '', ok: '' },
      { case: 'VLAN DC vs untagged twin', measure: 'speed ratio', value: ratio.toFixed(2), target: '>= 0.80', ok: ratio >= 0.8 ? 'yes' : 'NO' },
    ];
  },

  storm(): Row[] {
    const file = fileURLToPath(new URL('../scenarios/03-broadcast-storm.yaml', import.meta.url));
    // The scenario stops at 40 ms to stay readable; the benchmark lets the saturated storm run for
    // a whole simulated second (about 200k frame-hops) so the rate is measured at steady state.
    const text = readFileSync(file, 'utf8').replace(/^duration: .*$/m, 'duration: 1s');
    const prepared = prepareScenario(text, 'scenarios/03-broadcast-storm.yaml');
    if (!prepared.ok) throw new Error(prepared.problems.map((p) => p.message).join('; '));
    let peakHeap = 0;
    const t0 = performance.now();
    const report = runSimulation(prepared.sim, file, {
      heapUsed: () => process.memoryUsage().heapUsed,
      onProgress: () => { peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed); },
    });
    const s = (performance.now() - t0) / 1000;
    peakHeap = Math.max(peakHeap, report.wall.heapUsedBytes ?? 0);
    return [
      { case: `03 storm for 1 s (${report.frames.hops} hops, ${report.frames.dropped} drops)`, measure: 'frame-hops/s', value: fmt(report.frames.hops / s), target: '', ok: '' },
      { case: '03 storm', measure: 'peak heap', value: `${(peakHeap / 1048576).toFixed(1)} MB`, target: 'flat', ok: '' },
    ];
  },

  /**
   * The storm run for 10 s of simulated time, to show that a frame-hop allocates nothing at any
   * time, also past 2^31 ns (about 2.15 s), where a time stored in a plain array would be boxed.
   * This case runs with a large young generation, so that no collection happens between two
   * progress callbacks (200k events); the heap growth between two of them, over the frame-hops
   * done in between, is the bytes allocated per hop. Windows with a collection are left out: one
   * where the heap or the young generation shrank (a scavenge that promotes survivors can leave
   * the heap as a whole grown by what it copied, which is not allocation by the hops); the median
   * of the rest is reported for windows before and after 2^31 ns (the one spanning it is left
   * out: see below).
   */
  longRun(): Row[] {
    const file = fileURLToPath(new URL('../scenarios/03-broadcast-storm.yaml', import.meta.url));
    const text = readFileSync(file, 'utf8').replace(/^duration: .*$/m, 'duration: 10s');
    const prepared = prepareScenario(text, 'scenarios/03-broadcast-storm.yaml');
    if (!prepared.ok) throw new Error(prepared.problems.map((p) => p.message).join('; '));
    const ledger = prepared.sim.net.ledger;
    const early: number[] = [], late: number[] = [];
    const young = () => getHeapSpaceStatistics().find((sp) => sp.space_name === 'new_space')!.space_used_size;
    let last = { t: 0, hops: 0, used: getHeapStatistics().used_heap_size, young: young() };
    const report = runSimulation(prepared.sim, file, {
      onProgress: (now) => {
        const cur = { t: now, hops: ledger.hops, used: getHeapStatistics().used_heap_size, young: young() };
        const hops = cur.hops - last.hops;
        // The first second warms the code up (compilation allocates too); then window by window.
        // A window that spans 2^31 ns is left out too: there the time fields change representation
        // once (V8 deoptimizes what reads them and allocates until it has recompiled), a one-off.
        const spans = last.t < 2 ** 31 && now >= 2 ** 31;
        if (last.t >= 1e9 && !spans && hops > 0 && cur.used >= last.used && cur.young >= last.young) (last.t >= 2 ** 31 ? late : early).push((cur.used - last.used) / hops);
        last = cur;
      },
    });
    const median = (xs: number[]) => (xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[xs.length >> 1]!);
    const before = median(early), after = median(late);
    return [
      { case: `03 storm for 10 s (${report.frames.hops} hops), 1-2.1 s simulated (${early.length} window${early.length === 1 ? "" : "s"})`, measure: 'heap bytes per hop', value: before.toFixed(2), target: '', ok: '' },
      // One heap number per hop would be 16 bytes per hop: under 2 means no object is made per hop.
      { case: `03 storm for 10 s, past 2^31 ns (${late.length} window${late.length === 1 ? "" : "s"})`, measure: 'heap bytes per hop', value: after.toFixed(2), target: '< 2', ok: after < 2 ? 'yes' : 'NO' },
    ];
  },

  /**
   * Heap held per VM by an idle 10,000-VM topology. A full-size topology is built and dropped
   * first, so one-time costs (compiled code and its type feedback, the flattened scenario text,
   * grown internal tables) are paid before measuring; then three topologies are built one after
   * another, each kept, and the median of their three increments is the figure. A single
   * measurement moved by up to 100 B/VM from run to run with when V8 happened to compile or
   * promote something; the median of three does not.
   */
  idle(): Row[] {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('run with --expose-gc');
    const hosts = 100, per = 100;
    const text = bridgedDatacenter(hosts, per, { ping: false });
    const build = () => {
      const prepared = prepareScenario(text, 'bench:idle');
      if (!prepared.ok) throw new Error(prepared.problems.map((p) => p.message).join('; '));
      if (prepared.sim.vms.size !== hosts * per) throw new Error('wrong VM count');
      // The loaded document is dropped: what stays is the simulation itself.
      (prepared.sim as { doc: unknown }).doc = null;
      return prepared.sim;
    };
    build();
    const kept: unknown[] = [];
    const perVm: number[] = [];
    for (let i = 0; i < 3; i++) {
      gc(); gc();
      const before = process.memoryUsage().heapUsed;
      kept.push(build());
      gc(); gc();
      perVm.push((process.memoryUsage().heapUsed - before) / (hosts * per));
    }
    if (kept.length !== 3) throw new Error('topologies not kept');
    const median = perVm.sort((a, b) => a - b)[1]!;
    return [{ case: `idle topology, ${hosts * per} VMs (median of 3)`, measure: 'heap bytes per VM', value: median.toFixed(0), target: '<= 2048', ok: median <= 2048 ? 'yes' : 'NO' }];
  },
};

function printTable(rows: Row[]): void {
  const cols: (keyof Row)[] = ['case', 'measure', 'value', 'target', 'ok'];
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const line = (r: Record<string, string>) => cols.map((c, i) => r[c]!.padEnd(width[i]!)).join('  ');
  console.log(line({ case: 'case', measure: 'measure', value: 'value', target: 'target', ok: 'ok' }));
  console.log(width.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r as unknown as Record<string, string>));
}

const arg = process.argv[2];
if (arg === '--case') {
  const name = process.argv[3]!;
  process.stdout.write(JSON.stringify(cases[name]!()) + '\n');
} else {
  const self = fileURLToPath(import.meta.url);
  const only = arg ? arg.split(',') : Object.keys(cases);
  const rows: Row[] = [];
  for (const name of only) {
    process.stderr.write(`running ${name}...\n`);
    const flags = name === 'longRun' ? ['--min-semi-space-size=64', '--max-semi-space-size=64'] : [];
    const out = execFileSync(process.execPath, ['--expose-gc', ...flags, self, '--case', name], { encoding: 'utf8', maxBuffer: 1 << 24 });
    rows.push(...(JSON.parse(out.trim().split('\n').pop()!) as Row[]));
  }
  printTable(rows);
}
