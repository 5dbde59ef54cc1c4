/**
 * Golden reports: the human report and the --json report of every scenario in scenarios/, with
 * what measures the machine (wall time, events per wall second, heap) taken out, compared with the
 * committed files test/golden/<scenario>.txt and <scenario>.json. Any change in behaviour or in
 * the report's wording shows up here as a readable diff.
 *
 * After an intended change (or for a new scenario), regenerate them and review the diff:
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/acceptance/golden.test.ts
 *   git diff test/golden
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { renderReport } from '../../src/cli/render-report.js';
import type { Report } from '../../src/index.js';
import { ROOT, runText, scenarioFiles, scenarioPath, scenarioText, withoutWall } from './helpers.js';

const GOLDEN_DIR = join(ROOT, 'test/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const HOW = 'UPDATE_GOLDEN=1 npx vitest run test/acceptance/golden.test.ts';

/** The one line of the human report that carries wall-clock figures (see src/cli/render-report.ts). */
const WALL_LINE = /^(simulated .* events); wall [\d,]+ ms \([\d,]+ events\/s\)(, peak memory \d+ MB)?$/m;

function humanGolden(r: Report): string {
  const text = renderReport(r);
  expect(text, 'the report still has its wall-clock line (update WALL_LINE if its wording changed)').toMatch(WALL_LINE);
  const golden = text.replace(WALL_LINE, '$1; wall (not compared)');
  // Other wall figures must not creep into other lines, or the golden files would be flaky.
  const elsewhere = renderReport({ ...r, wall: { ms: 987_654, eventsPerSecond: 123_456, heapUsedBytes: 55_555_555, peakRssBytes: 66_666_666 } });
  expect(elsewhere.replace(WALL_LINE, '$1; wall (not compared)'), `only the line matching ${WALL_LINE} may show wall figures`).toBe(golden);
  return golden;
}

function jsonGolden(r: Report): string {
  return `${JSON.stringify(withoutWall(r), null, 2)}\n`;
}

const base = (name: string) => name.replace(/\.(ya?ml|json)$/i, '');

function compare(file: string, actual: string): void {
  const path = join(GOLDEN_DIR, file);
  if (UPDATE) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    if (!existsSync(path) || readFileSync(path, 'utf8') !== actual) writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) {
    expect.fail(`test/golden/${file} is missing. Create it (and review it) with:\n  ${HOW}`);
  }
  expect(actual, `differs from test/golden/${file}; if the change is intended, run ${HOW} and review git diff test/golden`)
    .toBe(readFileSync(path, 'utf8'));
}

describe.each(scenarioFiles())('%s', (name) => {
  let report: Report;

  beforeAll(() => {
    report = runText(scenarioText(name), scenarioPath(name));
  }, 60_000);

  test('human report matches test/golden', () => {
    compare(`${base(name)}.txt`, humanGolden(report));
  });

  test('JSON report (without wall) matches test/golden', () => {
    compare(`${base(name)}.json`, jsonGolden(report));
  });
});

test('every golden file belongs to a scenario', () => {
  const wanted = new Set(scenarioFiles().flatMap((n) => [`${base(n)}.txt`, `${base(n)}.json`]));
  const present = existsSync(GOLDEN_DIR) ? readdirSync(GOLDEN_DIR) : [];
  const orphans = present.filter((f) => !wanted.has(f));
  if (UPDATE) {
    for (const f of orphans) rmSync(join(GOLDEN_DIR, f));
    return;
  }
  expect(orphans, `golden files without a scenario; remove them with ${HOW}`).toStrictEqual([]);
});
