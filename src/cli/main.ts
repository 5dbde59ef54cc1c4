/**
 * The `vnetsim` command: parses the arguments, runs `run`, `validate` or `view`, and sets the exit
 * status (0 ok, 1 an expectation failed, 2 bad input, 3 internal error).
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem, prepareScenario, runSimulation, VERSION, NdjsonTraceWriter, PcapCapture, traceHeader, parseDuration, type Problem } from '../index.js';
import { parseArgs, USAGE, type CliArgs } from './args.js';
import { renderReport } from './render-report.js';
import { holdYoungGenerationSmall } from './young-generation.js';

const EXIT_OK = 0;
const EXIT_EXPECTATION_FAILED = 1;
const EXIT_BAD_INPUT = 2;
const EXIT_INTERNAL = 3;

function readScenario(file: string): { text: string } | { problem: Problem } {
  if (!existsSync(file)) return { problem: { file, line: 1, column: 1, path: '', message: 'no such file' } };
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (e) {
    return { problem: { file, line: 1, column: 1, path: '', message: `cannot read it: ${(e as Error).message}` } };
  }
}

function printProblems(problems: readonly Problem[]): void {
  for (const p of problems) process.stderr.write(formatProblem(p) + '\n');
  process.stderr.write(`${problems.length} problem${problems.length === 1 ? '' : 's'} found.\n`);
}

function cmdValidate(args: CliArgs): number {
  if (args.files.length === 0) {
    process.stderr.write('vnetsim validate: name at least one scenario file\n');
    return EXIT_BAD_INPUT;
  }
  let bad = 0;
  for (const file of args.files) {
    const r = readScenario(file);
    if ('problem' in r) { printProblems([r.problem]); bad++; continue; }
    const prepared = prepareScenario(r.text, file);
    if (!prepared.ok) { printProblems(prepared.problems); bad++; continue; }
    process.stdout.write(`${file}: ok\n`);
  }
  return bad > 0 ? EXIT_BAD_INPUT : EXIT_OK;
}

function intFlag(args: CliArgs, name: string): number | undefined | string {
  const v = args.flags.get(name);
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d+$/.test(v)) return `--${name} takes a whole number, not "${String(v)}"`;
  return Number(v);
}

function cmdRun(args: CliArgs): number {
  if (args.files.length !== 1) {
    process.stderr.write('vnetsim run: name exactly one scenario file, e.g. vnetsim run scenarios/01-one-host-bridge.yaml\n');
    return EXIT_BAD_INPUT;
  }
  const file = args.files[0]!;
  const seed = intFlag(args, 'seed');
  const budget = intFlag(args, 'budget');
  for (const v of [seed, budget]) if (typeof v === 'string') { process.stderr.write(`vnetsim run: ${v}\n`); return EXIT_BAD_INPUT; }
  let until: number | undefined;
  const untilText = args.flags.get('until');
  if (typeof untilText === 'string') {
    const u = parseDuration(untilText);
    if (u === null || u <= 0) { process.stderr.write(`vnetsim run: --until "${untilText}" is not a duration like 500ms or 2s\n`); return EXIT_BAD_INPUT; }
    until = u;
  }
  const r = readScenario(file);
  if ('problem' in r) { printProblems([r.problem]); return EXIT_BAD_INPUT; }
  const prepared = prepareScenario(r.text, file, { seed: seed as number | undefined, eventBudget: budget as number | undefined });
  if (!prepared.ok) { printProblems(prepared.problems); return EXIT_BAD_INPUT; }

  const sinks = [];
  const closers: (() => void)[] = [];
  const traceFile = args.flags.get('trace');
  if (typeof traceFile === 'string') {
    const fd = openSync(traceFile, 'w');
    const w = new NdjsonTraceWriter((chunk) => writeSync(fd, chunk), traceHeader(prepared.sim));
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
        if (fd === undefined) { fd = openSync(join(pcapDir, `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.pcap`), 'w'); fds.set(name, fd); }
        writeSync(fd, bytes);
      },
    ));
    closers.push(() => { for (const fd of fds.values()) closeSync(fd); });
  }

  const tty = process.stderr.isTTY === true && !args.flags.has('json');
  const wallStart = Date.now();
  let shown = false;
  const report = runSimulation(prepared.sim, file, {
    until,
    sinks,
    heapUsed: () => process.memoryUsage().heapUsed,
    peakRss: () => process.resourceUsage().maxRSS * 1024,
    onProgress: (now, events) => {
      if (tty && Date.now() - wallStart > 1000) {
        shown = true;
        process.stderr.write(`\r  t=${(now / 1e9).toFixed(3)}s  ${events.toLocaleString('en-US')} events`);
      }
    },
  });
  if (shown) process.stderr.write('\r\x1b[K');
  for (const c of closers) c();
  if (args.flags.has('json')) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stdout.write(renderReport(report));
  return report.passed ? EXIT_OK : EXIT_EXPECTATION_FAILED;
}

function main(argv: readonly string[]): number {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`vnetsim: ${parsed.message}\n\n${USAGE}`);
    return EXIT_BAD_INPUT;
  }
  const args = parsed.args;
  if (args.flags.has('version')) { process.stdout.write(`vnetsim ${VERSION}\n`); return EXIT_OK; }
  if (args.flags.has('help') || args.command === 'help') { process.stdout.write(USAGE); return EXIT_OK; }
  switch (args.command) {
    case 'run': return cmdRun(args);
    case 'validate': return cmdValidate(args);
    case 'view': void import('./view.js').then((m) => { process.exitCode = m.cmdView(args); }); return EXIT_OK;
    case null:
      process.stderr.write(USAGE);
      return EXIT_BAD_INPUT;
    default:
      process.stderr.write(`vnetsim: unknown command "${args.command}"\n\n${USAGE}`);
      return EXIT_BAD_INPUT;
  }
}

try {
  holdYoungGenerationSmall();
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`vnetsim: internal error: ${(e as Error).message ?? String(e)}\nPlease report it with the scenario file that caused it.\n`);
  process.exitCode = EXIT_INTERNAL;
}
