/**
 * Foundation acceptance 3: the same scenario file and seed give a byte-identical trace and the same
 * report apart from `wall` (the only section that measures the machine). Every scenario in
 * scenarios/ is covered, read from the directory.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Report } from '../../src/index.js';
import {
  cli, ensureBuilt, firstDifference, runText, runWithNdjson, scenarioFiles, scenarioPath, scenarioText, withoutWall,
} from './helpers.js';

/**
 * A storm writes millions of trace lines (hundreds of MB of NDJSON); past this many events the
 * NDJSON comparison covers the first EVENT_CAP events (the event budget stops the run at exactly
 * the same point both times) and the whole run is compared through its trace hash and report.
 */
const EVENT_CAP = 60_000;
const OTHER_SEED = 7919;

function expectConserved(r: Report): void {
  const f = r.frames;
  const dropped = Object.values(f.dropsByReason).reduce((a, b) => a + b, 0);
  expect(dropped, 'drops by reason add up to dropped').toBe(f.dropped);
  expect(f.originated + f.copies, 'sent = originated + copies').toBe(f.sent);
  expect(f.delivered + f.dropped + f.inFlight, 'sent = delivered + dropped + in flight').toBe(f.sent);
  expect(f.conserved).toBe(true);
}

describe.each(scenarioFiles())('%s', (name) => {
  const file = scenarioPath(name);
  const text = scenarioText(name);
  let first: Report;

  beforeAll(() => {
    first = runText(text, file);
  }, 60_000);

  test('two runs give the same report apart from wall', () => {
    const second = runText(text, file);
    expect(second.traceRecords).toBeGreaterThan(0);
    expect(second.traceHash).toBe(first.traceHash);
    expect(withoutWall(second)).toStrictEqual(withoutWall(first));
    expect(JSON.stringify(withoutWall(second))).toBe(JSON.stringify(withoutWall(first)));
  }, 60_000);

  test('two runs write a byte-identical NDJSON trace', () => {
    const capped = first.run.events > EVENT_CAP;
    const overrides = capped ? { eventBudget: EVENT_CAP } : {};
    const a = runWithNdjson(text, file, overrides);
    const b = runWithNdjson(text, file, overrides);
    expect(a.ndjson.length).toBeGreaterThan(0);
    expect(firstDifference(a.ndjson, b.ndjson)).toBeNull();
    // One line per trace record plus the header, each a JSON object.
    expect(a.ndjson.endsWith('\n')).toBe(true);
    expect(a.lines).toBe(a.report.traceRecords + 1);
    expect(a.ndjson.split('\n').length - 1).toBe(a.lines);
    expect(JSON.parse(a.ndjson.slice(0, a.ndjson.indexOf('\n'))).kind).toBe('header');
    if (capped) {
      expect(a.report.run.events).toBe(EVENT_CAP);
    } else {
      // Listening to the trace must not change the run.
      expect(withoutWall(a.report)).toStrictEqual(withoutWall(first));
    }
  }, 60_000);

  test(`another seed (${OTHER_SEED}) still conserves frames and repeats exactly`, () => {
    const a = runText(text, file, { seed: OTHER_SEED });
    const b = runText(text, file, { seed: OTHER_SEED });
    expect(a.scenario.seed).toBe(OTHER_SEED);
    expectConserved(a);
    expect(withoutWall(b)).toStrictEqual(withoutWall(a));
  }, 60_000);
});

describe('CLI: `vnetsim run 01 --json --trace` twice', () => {
  const name = '01-one-host-bridge.yaml';
  const file = scenarioPath(name);
  let dir = '';

  beforeAll(async () => {
    await ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'vnetsim-determinism-'));
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('byte-identical trace files and identical JSON reports apart from wall, matching the API', async () => {
    const traces = [join(dir, 'a.ndjson'), join(dir, 'b.ndjson')];
    const runs = await Promise.all(traces.map((t) => cli(['run', file, '--json', '--trace', t])));
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    const [ta, tb] = traces.map((t) => readFileSync(t));
    expect(ta!.length).toBeGreaterThan(0);
    expect(ta!.equals(tb!), firstDifference(ta!.toString('utf8'), tb!.toString('utf8')) ?? '').toBe(true);

    const [ja, jb] = runs.map((r) => JSON.parse(r.stdout) as Report);
    expect(ja!.wall.ms).toBeTypeOf('number');
    expect(withoutWall(jb!)).toStrictEqual(withoutWall(ja!));

    // The CLI and the public API produce the same bytes and the same report.
    const api = runWithNdjson(scenarioText(name), file);
    expect(firstDifference(ta!.toString('utf8'), api.ndjson)).toBeNull();
    expect(withoutWall(ja!)).toStrictEqual(JSON.parse(JSON.stringify(withoutWall(api.report))));
  }, 60_000);
});
