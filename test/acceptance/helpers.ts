/**
 * Shared by the acceptance tests: the scenarios on disk, running them through the public API, and
 * running the built CLI as a user would.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  NdjsonTraceWriter, prepareScenario, runSimulation, traceHeader,
  type Report, type ScenarioOverrides, type Simulation, type TraceRecord, type TraceSink,
} from '../../src/index.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every scenario in scenarios/, read from the directory so new ones are covered too. */
export function scenarioFiles(): string[] {
  return readdirSync(join(ROOT, 'scenarios')).filter((f) => /\.(ya?ml|json)$/i.test(f)).sort();
}

/** The path a user would type from the repository root, e.g. `scenarios/01-one-host-bridge.yaml`. */
export function scenarioPath(name: string): string {
  return `scenarios/${name}`;
}

export function scenarioText(name: string): string {
  return readFileSync(join(ROOT, 'scenarios', name), 'utf8');
}

/** Loads and builds a scenario text or fails the test with its problems. */
export function prepare(text: string, file: string, overrides: ScenarioOverrides = {}): Simulation {
  const p = prepareScenario(text, file, overrides);
  if (!p.ok) throw new Error(`${file} does not load:\n${p.problems.map((x) => `${x.line}:${x.column} ${x.path}: ${x.message}`).join('\n')}`);
  return p.sim;
}

/** Runs a scenario text to its end through the public API. */
export function runText(text: string, file: string, overrides: ScenarioOverrides = {}, sinks: TraceSink<TraceRecord>[] = []): Report {
  return runSimulation(prepare(text, file, overrides), file, { sinks });
}

/** Runs a scenario with an NDJSON trace writer collecting into a string (header line first). */
export function runWithNdjson(text: string, file: string, overrides: ScenarioOverrides = {}): { report: Report; ndjson: string; lines: number } {
  const sim = prepare(text, file, overrides);
  const chunks: string[] = [];
  const writer = new NdjsonTraceWriter((c) => chunks.push(c), traceHeader(sim));
  const report = runSimulation(sim, file, { sinks: [writer] });
  writer.flush();
  return { report, ndjson: chunks.join(''), lines: writer.count + 1 };
}

/** The report without its `wall` section: the part that is a pure function of scenario + seed. */
export function withoutWall(r: Report): Omit<Report, 'wall'> {
  const { wall: _wall, ...rest } = r;
  return rest;
}

/**
 * Compares two long texts line by line and fails naming the first line that differs (a plain
 * `toBe` on megabytes of NDJSON prints an unreadable diff).
 */
export function firstDifference(a: string, b: string): string | null {
  if (a === b) return null;
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i + 1} differs:\n  first:  ${la[i] ?? '(missing)'}\n  second: ${lb[i] ?? '(missing)'}`;
  }
  return `the texts differ in length (${a.length} and ${b.length} characters)`;
}

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node bin/vnetsim.js ARGS` from the repository root, as a user would. */
export function cli(args: readonly string[], cwd = ROOT): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin/vnetsim.js'), ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 60_000 },
      (err, stdout, stderr) => {
        const status = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
        resolve({ status, stdout, stderr });
      });
  });
}

/**
 * Builds dist/ (CLI and web app) when it is missing or older than its sources, with the web tests'
 * lock so parallel test files build once. Imported on demand: it brings in playwright.
 */
export async function ensureBuilt(): Promise<void> {
  const { ensureBuilt: build } = await import('../web/serve.js');
  await build();
}
