/**
 * The table `run` prints after the reports of several files: one row per file with its verdict,
 * expectations passed of all, simulated time, events and wall time, then one result line whose
 * words match the exit status.
 */
import { formatDuration } from '../index.js';
import { verdictOf, type ScenarioOutcome } from './outcome.js';

const HEADINGS = ['file', 'result', 'expectations', 'simulated', 'events', 'wall ms'] as const;
/** Columns aligned right: the numbers. */
const RIGHT = new Set([2, 3, 4, 5]);

function row(o: ScenarioOutcome): string[] {
  if (o.kind === 'bad-input') return [o.file, 'BAD INPUT', '-', '-', '-', '-'];
  const r = o.report;
  const passed = r.expectations.filter((e) => e.pass).length;
  return [
    o.file, verdictOf(o), `${passed}/${r.expectations.length}`, formatDuration(r.run.simulatedNs),
    r.run.events.toLocaleString('en-US'), Math.round(r.wall.ms).toLocaleString('en-US'),
  ];
}

export function renderSummary(outcomes: readonly ScenarioOutcome[]): string {
  const rows = [[...HEADINGS], ...outcomes.map(row)];
  const widths = HEADINGS.map((_, c) => rows.reduce((m, r) => Math.max(m, r[c]!.length), 0));
  const lines = rows.map((r) => `  ${r.map((cell, c) => (RIGHT.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ')}`.trimEnd());
  const count = (v: string) => outcomes.filter((o) => verdictOf(o) === v).length;
  const pass = count('PASS');
  const fail = count('FAIL');
  const bad = count('BAD INPUT');
  const words = [`${pass} passed`, `${fail} failed`, `${bad} with bad input`].join(', ');
  return [
    `summary of ${outcomes.length} scenario files`,
    ...lines,
    `result: ${pass === outcomes.length ? 'PASS' : 'FAIL'} (${words})`,
    '',
  ].join('\n');
}
