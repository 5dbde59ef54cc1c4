/**
 * Foundation acceptance 6 and the CLI's exit statuses: every file of the broken corpus
 * (test/scenario/broken/) makes `vnetsim validate` and `vnetsim run` exit 2 with located,
 * student-readable messages (FILE:LINE:COL and the path in the document) and nothing from the
 * program's insides; usage errors exit 2; --help and --version exit 0; a failed expectation exits 1.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatProblem, prepareScenario } from '../../src/index.js';
import { cli, ensureBuilt, ROOT, scenarioPath, scenarioText, type CliResult } from './helpers.js';

const BROKEN_DIR = 'test/scenario/broken';
const broken = readdirSync(join(ROOT, BROKEN_DIR)).filter((f) => /\.(ya?ml|json)$/i.test(f)).sort();

/** Signs of the program's insides leaking out: stack frames, JS error class names, unprinted values. */
const INTERNALS = [/^\s+at /m, /\b(Type|Reference|Range|Syntax|Zod|YAML|Internal)Error\b/, /^Error\b/m, /internal error/i, /\[object Object\]/, /\bundefined\b/, /\bNaN\b/];

function expectNoInternals(r: CliResult): void {
  for (const re of INTERNALS) {
    expect(r.stderr, `stderr shows ${re}`).not.toMatch(re);
    expect(r.stdout, `stdout shows ${re}`).not.toMatch(re);
  }
}

/** Problems may have no path only when they are about the syntax or the file as a whole. */
const PATHLESS = /^((YAML|JSON) syntax error|the file|no such file)/;

/** FILE:LINE:COL: [PATH: ]message lines for `file`, checked against the file's length. */
function expectLocated(r: CliResult, file: string): void {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n').length;
  const prefix = `${file}:`;
  const located = r.stderr.split('\n').filter((l) => l.startsWith(prefix));
  expect(located.length, `stderr names ${file}:LINE:COL\n${r.stderr}`).toBeGreaterThan(0);
  for (const l of located) {
    const m = /^(\d+):(\d+): (.*)$/.exec(l.slice(prefix.length));
    expect(m, l).not.toBeNull();
    const [, line, col, rest] = m!;
    expect(Number(line), l).toBeGreaterThanOrEqual(1);
    expect(Number(line), l).toBeLessThanOrEqual(lines);
    expect(Number(col), l).toBeGreaterThanOrEqual(1);
    if (!PATHLESS.test(rest!)) expect(rest, `${l}: the path in the document, like hosts[0].vms[1].ip`).toMatch(/^[A-Za-z_][\w-]*(\[\d+\]|\.[\w.-]+)*: \S/);
  }
}

describe('the CLI on the broken corpus', () => {
  beforeAll(ensureBuilt, 180_000);

  test('the corpus has at least 25 files', () => {
    expect(broken.length).toBeGreaterThanOrEqual(25);
  });

  // One `run` per file (its exit status is that file's); one `validate` over the whole corpus (a
  // process start costs ~0.2 s of CPU, and validate prints each file's problems the same way).
  test.concurrent.each(broken)('run %s: exit 2, located messages, no internals, no report', async (name) => {
    const file = `${BROKEN_DIR}/${name}`;
    const r = await cli(['run', file]);
    expect(r.status, r.stderr).toBe(2);
    expectLocated(r, file);
    expectNoInternals(r);
    expect(r.stderr).toMatch(/^\d+ problems? found\.$/m);
    expect(r.stdout, 'no report for a file that does not load').toBe('');
    // The CLI prints every problem the loader finds.
    const p = prepareScenario(readFileSync(join(ROOT, file), 'utf8'), file);
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(r.stderr).toBe(`${p.problems.map((x) => `${formatProblem(x)}\n`).join('')}${p.problems.length} problem${p.problems.length === 1 ? '' : 's'} found.\n`);
  }, 30_000);

  test('validate over the whole corpus: exit 2, every file located, nothing from the insides', async () => {
    const files = broken.map((f) => `${BROKEN_DIR}/${f}`);
    const all = await cli(['validate', ...files]);
    expect(all.status).toBe(2);
    expect(all.stdout).toBe('');
    expectNoInternals(all);
    for (const f of files) {
      expectLocated(all, f);
      const p = prepareScenario(readFileSync(join(ROOT, f), 'utf8'), f);
      if (!p.ok) for (const problem of p.problems) expect(all.stderr).toContain(formatProblem(problem));
    }
    expect(all.stderr.match(/^\d+ problems? found\.$/gm)?.length, 'one count per file').toBe(files.length);
  }, 30_000);

  test.concurrent.each(broken.filter((_, i) => i % 32 === 0))('validate %s alone: exit 2', async (name) => {
    const file = `${BROKEN_DIR}/${name}`;
    const r = await cli(['validate', file]);
    expect(r.status).toBe(2);
    expectLocated(r, file);
    expectNoInternals(r);
  }, 30_000);

  test('validate with a good file among broken ones: exit 2, the good one ok', async () => {
    const files = [scenarioPath('01-one-host-bridge.yaml'), ...broken.slice(0, 3).map((f) => `${BROKEN_DIR}/${f}`)];
    const r = await cli(['validate', ...files]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe(`${files[0]}: ok\n`);
    for (const f of files.slice(1)) expectLocated(r, f);
  }, 30_000);

  test('validate on good files: exit 0', async () => {
    const r = await cli(['validate', scenarioPath('01-one-host-bridge.yaml'), scenarioPath('02-bridged-datacenter.yaml')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  }, 30_000);
});

describe('CLI exit statuses', () => {
  let dir = '';

  beforeAll(async () => {
    await ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'vnetsim-exit-'));
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const file01 = scenarioPath('01-one-host-bridge.yaml');
  const usage: [string, string[], RegExp][] = [
    ['an unknown option', ['run', file01, '--frobnicate'], /unknown option --frobnicate/],
    ['an unknown short option', ['run', file01, '-x'], /unknown option -x/],
    ['a value for a switch', ['run', file01, '--json=yes'], /--json takes no value/],
    ['a flag without its value', ['run', file01, '--seed'], /--seed needs a value/],
    ['a seed that is not a number', ['run', file01, '--seed', 'abc'], /--seed takes a whole number/],
    ['an --until that is not a duration', ['run', file01, '--until', 'soon'], /--until "soon" is not a duration/],
    ['run without a file', ['run'], /name at least one scenario file/],
    ['--trace with two files', ['run', file01, file01, '--trace', 'x.ndjson'], /name one scenario file with them/],
    ['validate without a file', ['validate'], /name at least one scenario file/],
    ['a file that does not exist', ['run', 'scenarios/no-such-file.yaml'], /^scenarios\/no-such-file\.yaml:1:1: no such file$/m],
    ['validate a file that does not exist', ['validate', 'nope.yaml'], /^nope\.yaml:1:1: no such file$/m],
    ['an unknown command', ['frobnicate'], /unknown command "frobnicate"\n/],
    ['a mistyped command', ['rnu', file01], /unknown command "rnu"; did you mean run\?/],
    ['no command at all', [], /Usage:/],
  ];

  test.concurrent.each(usage)('usage error, %s: exit 2 with a message', async (_what, args, message) => {
    const r = await cli(args);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expectNoInternals(r);
  }, 30_000);

  test.concurrent.each([['--help'], ['run', '--help']].map((a) => [a.join(' '), a] as const))('%s: exit 0 with the usage on stdout', async (_shown, args) => {
    const r = await cli(args);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage:$/m);
    expect(r.stdout).toMatch(/vnetsim run FILE/);
    expect(r.stderr).toBe('');
  }, 30_000);

  test.concurrent.each([['--version']])('%s: exit 0 with the package version', async (flag) => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const r = await cli([flag]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`vnetsim ${version}\n`);
    expect(r.stderr).toBe('');
  }, 30_000);

  test('a scenario that runs and passes: exit 0', async () => {
    const r = await cli(['run', file01]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^result: PASS$/m);
  }, 30_000);

  test('an expectation that fails: exit 1, the report says which', async () => {
    // 01 with its expectation turned around: vm1 does reach vm2, so "noReach" fails.
    const text = scenarioText('01-one-host-bridge.yaml').replace(/^expect:[\s\S]*$/m, 'expect:\n  - noReach: { from: vm1, to: vm2 }\n');
    expect(text).toContain('noReach');
    const file = join(dir, 'fails.yaml');
    writeFileSync(file, text);
    const human = await cli(['run', file]);
    expect(human.status, human.stderr).toBe(1);
    expect(human.stdout).toMatch(/^\s+FAIL\s+.*vm1.*vm2/m);
    expect(human.stdout).toMatch(/^result: FAIL$/m);
    expect(human.stderr).toBe('');
    const json = await cli(['run', file, '--json']);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as { passed: boolean; expectations: { pass: boolean }[] };
    expect(report.passed).toBe(false);
    expect(report.expectations.map((e) => e.pass)).toStrictEqual([false]);
  }, 30_000);
});
