/**
 * `vnetsim run FILE...`: runs each file in turn and prints its report as a single run would, then,
 * for several files, a summary table; `--junit` writes the verdicts as JUnit XML. One exit status
 * for all (outcome.ts). With one file the output is exactly what a single run has always printed.
 * A file with bad input never stops the others: it is reported and counted.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { NdjsonTraceWriter, parseDuration, PcapCapture, prepareScenario, runSimulation, traceHeader, type Simulation, type TraceRecord, type TraceSink } from '../index.js';
import type { CliArgs } from './args.js';
import { writeJson } from './json-out.js';
import { junitXml } from './junit.js';
import { pcapFileName } from './pcap-file-name.js';
import { EXIT_BAD_INPUT, exitStatusOf, outcomeJson, type ScenarioOutcome } from './outcome.js';
import { ProgressLine } from './progress.js';
import { renderReport } from './render-report.js';
import { expandFiles, printProblems, readScenario } from './scenario-file.js';
import { renderSummary } from './summary.js';

interface RunSettings {
  readonly seed: number | undefined;
  readonly budget: number | undefined;
  readonly until: number | undefined;
  readonly json: boolean;
}

function intFlag(args: CliArgs, name: string): number | undefined | string {
  const v = args.flags.get(name);
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d+$/.test(v)) return `--${name} takes a whole number, not "${String(v)}"`;
  return Number(v);
}

/** The run options from the command line, or the message of the first that is malformed. */
function settingsOf(args: CliArgs): RunSettings | string {
  const seed = intFlag(args, 'seed');
  const budget = intFlag(args, 'budget');
  for (const v of [seed, budget]) if (typeof v === 'string') return v;
  let until: number | undefined;
  const untilText = args.flags.get('until');
  if (typeof untilText === 'string') {
    const u = parseDuration(untilText);
    if (u === null || u <= 0) return `--until "${untilText}" is not a duration like 500ms or 2s`;
    until = u;
  }
  return { seed: seed as number | undefined, budget: budget as number | undefined, until, json: args.flags.has('json') };
}

/** The --trace and --pcap writers for a single run, and how to close them once it ended. */
function captureSinks(args: CliArgs, sim: Simulation): { sinks: TraceSink<TraceRecord>[]; close: () => void } {
  const sinks: TraceSink<TraceRecord>[] = [];
  const closers: (() => void)[] = [];
  const traceFile = args.flags.get('trace');
  if (typeof traceFile === 'string') {
    const fd = openSync(traceFile, 'w');
    const w = new NdjsonTraceWriter((chunk) => writeSync(fd, chunk), traceHeader(sim));
    sinks.push(w);
    closers.push(() => { w.flush(); closeSync(fd); });
  }
  const pcapDir = args.flags.get('pcap');
  if (typeof pcapDir === 'string') {
    mkdirSync(pcapDir, { recursive: true });
    const only = args.flags.get('pcap-interfaces');
    const wanted = typeof only === 'string' ? new Set(only.split(',').map((s) => s.trim())) : null;
    const fds = new Map<string, number>();
    sinks.push(new PcapCapture(
      (name) => wanted === null || wanted.has(name),
      (name, bytes) => {
        let fd = fds.get(name);
        if (fd === undefined) { fd = openSync(join(pcapDir, pcapFileName(name)), 'w'); fds.set(name, fd); }
        writeSync(fd, bytes);
      },
    ));
    closers.push(() => { for (const fd of fds.values()) closeSync(fd); });
  }
  return { sinks, close: () => { for (const c of closers) c(); } };
}

/** Loads, builds and runs one file; `label` prefixes its progress line when several files run. */
function runFile(file: string, args: CliArgs, s: RunSettings, label: string): ScenarioOutcome {
  const r = readScenario(file);
  if ('problem' in r) return { kind: 'bad-input', file, problems: [r.problem] };
  const prepared = prepareScenario(r.text, file, { seed: s.seed, eventBudget: s.budget });
  if (!prepared.ok) return { kind: 'bad-input', file, problems: prepared.problems };
  const sim = prepared.sim;
  const capture = captureSinks(args, sim);
  const tty = process.stderr.isTTY === true && !s.json;
  const progress = new ProgressLine(tty ? (text) => process.stderr.write(text) : null, label);
  const until = Math.min(s.until ?? sim.doc.duration, sim.doc.duration);
  const report = runSimulation(sim, file, {
    until,
    sinks: capture.sinks,
    heapUsed: () => process.memoryUsage().heapUsed,
    peakRss: () => process.resourceUsage().maxRSS * 1024,
    onProgress: (now, events) => progress.update(now, until, events),
  });
  progress.clear();
  capture.close();
  return { kind: 'ran', file, report };
}

/** Prints one file's outcome as a single run does: the report on stdout, or the problems on stderr. */
function printOutcome(o: ScenarioOutcome, json: boolean): void {
  if (json) {
    writeJsonOut(o.kind === 'ran' ? o.report : outcomeJson(o));
  } else if (o.kind === 'ran') {
    process.stdout.write(renderReport(o.report));
  } else {
    printProblems(o.problems);
  }
}

export function cmdRun(args: CliArgs): number {
  if (args.files.length === 0) {
    process.stderr.write("vnetsim run: name at least one scenario file, e.g. vnetsim run scenarios/01-one-host-bridge.yaml (or a glob: 'scenarios/*.yaml')\n");
    return EXIT_BAD_INPUT;
  }
  const settings = settingsOf(args);
  if (typeof settings === 'string') { process.stderr.write(`vnetsim run: ${settings}\n`); return EXIT_BAD_INPUT; }
  const files = expandFiles(args.files);
  if (files.length > 1 && (args.flags.has('trace') || args.flags.has('pcap'))) {
    process.stderr.write(`vnetsim run: --trace and --pcap write one run's records; name one scenario file with them (${files.length} given)\n`);
    return EXIT_BAD_INPUT;
  }

  const outcomes: ScenarioOutcome[] = [];
  if (files.length === 1) {
    const o = runFile(files[0]!, args, settings, '');
    outcomes.push(o);
    printOutcome(o, settings.json);
  } else {
    files.forEach((file, i) => {
      const o = runFile(file, args, settings, `[${i + 1}/${files.length}] ${file}`);
      outcomes.push(o);
      if (!settings.json) {
        if (i > 0 && o.kind === 'ran') process.stdout.write('\n');
        printOutcome(o, false);
      }
    });
    if (settings.json) {
      writeJsonOut({ status: exitStatusOf(outcomes), files: outcomes.map(outcomeJson) });
    } else {
      process.stdout.write(`\n${renderSummary(outcomes)}`);
    }
  }
  const junit = args.flags.get('junit');
  if (typeof junit === 'string') writeFileSync(junit, junitXml(outcomes));
  return exitStatusOf(outcomes);
}

/** A JSON document on stdout, written in pieces (see json-out.ts), then a newline. */
function writeJsonOut(value: unknown): void {
  let buffered = '';
  writeJson(value, (s) => {
    buffered += s;
    if (buffered.length >= 1 << 16) {
      process.stdout.write(buffered);
      buffered = '';
    }
  });
  process.stdout.write(`${buffered}\n`);
}
