/**
 * `vnetsim run` over several files, as a CI job would call it: each report, the summary table,
 * one exit status (bad input wins over a failure), --json with bad input, validate --json, and
 * --junit read back with a JUnit parser. One file prints exactly what a single run always did.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type TestSuite, type TestSuites } from 'junit2json';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderReport } from '../../src/cli/render-report.js';
import type { Report } from '../../src/index.js';
import { cli, ensureBuilt, runText, scenarioPath, scenarioText } from '../acceptance/helpers.js';

const file01 = scenarioPath('01-one-host-bridge.yaml');
let dir = '';
let fails = '';
let bad = '';
let stopped = '';

/** The line of `needle` in `text`, counting from 1. */
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'vnetsim-many-'));
  fails = join(dir, 'fails.yaml');
  writeFileSync(fails, scenarioText('01-one-host-bridge.yaml').replace(/^expect:[\s\S]*$/m,
    'expect:\n  - noReach: { from: vm1, to: vm2 }\n  - reach: { from: vm1, to: vm2 }\n  - maxDrops: { count: 0 }\n'));
  bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'name: bad\nduration: 1s\nhosts:\n  - name: h1\n    nicss: [eth0]\n');
  stopped = join(dir, 'stopped.yaml');
  writeFileSync(stopped, scenarioText('01-one-host-bridge.yaml').replace(/^duration: 5s$/m, 'duration: 5s\neventBudget: 10'));
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('one file', () => {
  test('prints exactly the report of a single run, and no summary', async () => {
    const r = await cli(['run', file01]);
    expect(r.status).toBe(0);
    const expected = renderReport(runText(scenarioText('01-one-host-bridge.yaml'), file01));
    const noWall = (s: string) => s.replace(/; wall .*$/m, '');
    expect(noWall(r.stdout)).toBe(noWall(expected));
    expect(r.stdout).not.toMatch(/summary/);
  }, 60_000);

  test('a failing expectation names its file:line', async () => {
    const r = await cli(['run', fails]);
    expect(r.status).toBe(1);
    const text = readFileSync(fails, 'utf8');
    expect(r.stdout).toContain(`  FAIL  ${fails}:${lineOf(text, '- noReach')}  vm1 does not reach vm2: 1 of 1 pairs got replies: vm1->vm2\n`);
    expect(r.stdout).toContain('  PASS  vm1 reaches vm2: 1 pair reachable\n');
  }, 60_000);

  test('--json on bad input: the problems as JSON on stdout, exit 2', async () => {
    const r = await cli(['run', '--json', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toStrictEqual({
      file: bad, result: 'bad-input',
      problems: [{ file: bad, line: 5, column: 5, path: 'hosts[0].nicss', message: 'unknown key "nicss" (did you mean "nics"?)' }],
    });
  }, 60_000);
});

describe('several files', () => {
  test('reports, then the summary table; bad input wins the exit status', async () => {
    const r = await cli(['run', file01, fails, bad, stopped]);
    expect(r.status).toBe(2);
    // The reports in order, the bad file's problems on stderr.
    expect(r.stdout.match(/^result: (PASS|FAIL)$/gm)).toStrictEqual(['result: PASS', 'result: FAIL', 'result: FAIL']);
    expect(r.stderr).toBe(`${bad}:5:5: hosts[0].nicss: unknown key "nicss" (did you mean "nics"?)\n1 problem found.\n`);
    const summary = r.stdout.slice(r.stdout.indexOf('summary of 4 scenario files\n'));
    const rows = summary.split('\n').slice(2, 6).map((l) => l.trim().split(/\s{2,}/));
    // Events as each file's own --json report counts them.
    const events = async (f: string) => (JSON.parse((await cli(['run', f, '--json'])).stdout) as Report).run.events.toLocaleString('en-US');
    expect(rows.map((c) => c.slice(0, 5))).toStrictEqual([
      [file01, 'PASS', '1/1', '5s', await events(file01)],
      [fails, 'FAIL', '2/3', '5s', await events(fails)],
      [bad, 'BAD INPUT', '-', '-', '-'],
      [stopped, 'FAIL', '0/1', expect.stringMatching(/s$/), '10'],
    ]);
    for (const row of rows) expect(row[5]).toMatch(/^(\d[\d,]*|-)$/);
    expect(summary).toMatch(/^result: FAIL \(1 passed, 2 failed, 1 with bad input\)$/m);
  }, 60_000);

  test('a failure without bad input: exit 1; all passing: exit 0 with a PASS summary', async () => {
    const failing = await cli(['run', file01, fails]);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toMatch(/^result: FAIL \(1 passed, 1 failed, 0 with bad input\)$/m);
    const passing = await cli(['run', file01, scenarioPath('04-vlan-one-host.yaml')]);
    expect(passing.status, passing.stderr).toBe(0);
    expect(passing.stdout).toMatch(/^result: PASS \(2 passed, 0 failed, 0 with bad input\)$/m);
  }, 60_000);

  test('a glob vnetsim expands itself runs every file it matches, in order', async () => {
    const r = await cli(['run', 'scenarios/0[1]*.yaml', 'scenarios/0?-vlan-*.yaml', '--until', '1ms']);
    const rows = r.stdout.slice(r.stdout.indexOf('summary of')).split('\n').slice(2, -2).map((l) => l.trim().split(/\s{2,}/)[0]);
    expect(rows).toStrictEqual(['scenarios/0[1]*.yaml', 'scenarios/04-vlan-one-host.yaml', 'scenarios/05-vlan-across-hosts.yaml']);
    expect(r.stderr).toBe('scenarios/0[1]*.yaml:1:1: no file matches this pattern\n1 problem found.\n');
    expect(r.status).toBe(2);
  }, 60_000);

  test('--json: one object with the exit status and each file', async () => {
    const r = await cli(['run', '--json', file01, bad]);
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout) as { status: number; files: { file: string; result: string; report?: { passed: boolean }; problems?: unknown[] }[] };
    expect(out.status).toBe(2);
    expect(out.files.map((f) => [f.file, f.result])).toStrictEqual([[file01, 'pass'], [bad, 'bad-input']]);
    expect(out.files[0]!.report!.passed).toBe(true);
    expect(out.files[1]!.problems).toHaveLength(1);
  }, 60_000);

  test('--junit: read by a JUnit parser, one suite per file, one case per expectation', async () => {
    const xmlFile = join(dir, 'junit.xml');
    const r = await cli(['run', file01, fails, bad, stopped, '--junit', xmlFile]);
    expect(r.status).toBe(2);
    const xml = readFileSync(xmlFile, 'utf8');
    const parsed = (await parse(xml)) as TestSuites;
    expect([parsed.tests, parsed.failures, parsed.errors]).toStrictEqual([1 + 3 + 1 + 2, 3, 1]);
    const suites = parsed.testsuite as TestSuite[];
    expect(suites.map((s) => [s.name, s.tests, s.failures, s.errors])).toStrictEqual([
      [file01, 1, 0, 0], [fails, 3, 1, 0], [bad, 1, 0, 1], [stopped, 2, 2, 0],
    ]);
    const [s01, sFails, sBad, sStopped] = suites;
    expect(s01!.testcase!.map((c) => [c.name, c.classname, c.failure])).toStrictEqual([['vm1 reaches vm2', file01, undefined]]);
    expect(sFails!.testcase!.map((c) => c.name)).toStrictEqual(['vm1 does not reach vm2', 'vm1 reaches vm2', 'at most 0 drops']);
    const failed = sFails!.testcase![0]!;
    const line = lineOf(readFileSync(fails, 'utf8'), '- noReach');
    expect(failed.failure).toStrictEqual([{ message: '1 of 1 pairs got replies: vm1->vm2', type: 'expectation', inner: `${fails}:${line}: vm1 does not reach vm2: 1 of 1 pairs got replies: vm1->vm2` }]);
    // file and line attributes, as CI servers read them (the parser's types leave them out).
    expect(xml).toContain(`<testcase name="vm1 does not reach vm2" classname="${fails}" file="${fails}" line="${line}">`);
    expect(sBad!.testcase!.map((c) => [c.name, c.error])).toStrictEqual([
      ['the scenario file loads', [{ message: '1 problem found', type: 'bad-input', inner: `${bad}:5:5: hosts[0].nicss: unknown key "nicss" (did you mean "nics"?)` }]],
    ]);
    expect(sStopped!.testcase!.map((c) => [c.name, c.failure?.[0]?.message])).toStrictEqual([
      ['vm1 reaches vm2', expect.stringMatching(/^no ping in the traffic section|got no reply/)],
      ['the run reaches its end within the event budget', expect.stringMatching(/^stopped after 10 events \(the event budget\)/)],
    ]);
  }, 60_000);
});

describe('validate --json', () => {
  test('per file: ok, or its problems', async () => {
    const r = await cli(['validate', '--json', file01, bad, 'nope.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toStrictEqual({
      files: [
        { file: file01, ok: true },
        { file: bad, ok: false, problems: [{ file: bad, line: 5, column: 5, path: 'hosts[0].nicss', message: 'unknown key "nicss" (did you mean "nics"?)' }] },
        { file: 'nope.yaml', ok: false, problems: [{ file: 'nope.yaml', line: 1, column: 1, path: '', message: 'no such file' }] },
      ],
    });
    const good = await cli(['validate', '--json', file01]);
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout)).toStrictEqual({ files: [{ file: file01, ok: true }] });
  }, 60_000);
});
