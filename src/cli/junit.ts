/**
 * JUnit XML for CI servers: one <testsuite> per scenario file, one <testcase> per expectation
 * (named by its sentence, classname the file, with file and line attributes where it is written),
 * a <failure> carrying what was measured when it fails. A file with bad input is one test case
 * with an <error> listing its problems; a run stopped by its event budget adds a failing test case,
 * since a verdict on a run cut short is not to be trusted.
 * Invariant: every text passes through escaping, so no scenario name or message can break the XML.
 */
import { formatProblem, type ExpectationResult, type Report } from '../index.js';
import type { ScenarioOutcome } from './outcome.js';

/** Characters XML 1.0 cannot hold at all (controls other than tab, newline, return; lone surrogates). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content: &, < and > escaped, characters XML forbids replaced by U+FFFD. */
export function xmlText(s: string): string {
  return s.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes: also quotes, and line breaks kept as character references. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a).map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`).join('');
}

/** The test case a budget-stopped run adds, named for what it checks. */
export const BUDGET_CASE = 'the run reaches its end within the event budget';
/** The test case of a file with bad input. */
export const LOAD_CASE = 'the scenario file loads';

interface Case {
  readonly name: string;
  readonly file: string;
  readonly line: number | null;
  readonly failure: { message: string; body: string } | null;
  readonly error: { message: string; body: string } | null;
}

function expectationCase(file: string, e: ExpectationResult): Case {
  const line = e.source?.line ?? null;
  const where = line !== null ? `${file}:${line}: ` : '';
  return { name: e.text, file, line, error: null, failure: e.pass ? null : { message: e.detail, body: `${where}${e.text}: ${e.detail}` } };
}

function casesOf(o: ScenarioOutcome): Case[] {
  if (o.kind === 'bad-input') {
    const n = o.problems.length;
    const message = `${n} problem${n === 1 ? '' : 's'} found`;
    return [{ name: LOAD_CASE, file: o.file, line: o.problems[0]?.line ?? null, failure: null, error: { message, body: o.problems.map(formatProblem).join('\n') } }];
  }
  const r: Report = o.report;
  const cases = r.expectations.map((e) => expectationCase(o.file, e));
  if (r.run.outcome === 'budget-exhausted') {
    const message = r.run.message ?? 'stopped by the event budget';
    cases.push({ name: BUDGET_CASE, file: o.file, line: null, error: null, failure: { message, body: message } });
  }
  return cases;
}

function caseXml(c: Case): string {
  const head = `    <testcase${attrs({ name: c.name, classname: c.file, file: c.file, ...(c.line !== null ? { line: c.line } : {}) })}`;
  const inner = c.failure ? `      <failure${attrs({ message: c.failure.message, type: 'expectation' })}>${xmlText(c.failure.body)}</failure>\n`
    : c.error ? `      <error${attrs({ message: c.error.message, type: 'bad-input' })}>${xmlText(c.error.body)}</error>\n`
      : '';
  return inner === '' ? `${head}/>\n` : `${head}>\n${inner}    </testcase>\n`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** The whole document for the files of one `run`, in the order they ran. */
export function junitXml(outcomes: readonly ScenarioOutcome[]): string {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let totalMs = 0;
  const suites: string[] = [];
  for (const o of outcomes) {
    const cases = casesOf(o);
    const f = cases.filter((c) => c.failure).length;
    const e = cases.filter((c) => c.error).length;
    const ms = o.kind === 'ran' ? o.report.wall.ms : 0;
    tests += cases.length;
    failures += f;
    errors += e;
    totalMs += ms;
    let s = `  <testsuite${attrs({ name: o.file, tests: cases.length, failures: f, errors: e, skipped: 0, time: seconds(ms), file: o.file })}>\n`;
    if (o.kind === 'ran') {
      const r = o.report;
      s += '    <properties>\n';
      for (const [name, value] of [['scenario', r.scenario.name], ['seed', r.scenario.seed], ['traceHash', r.traceHash]] as const) {
        s += `      <property${attrs({ name, value })}/>\n`;
      }
      s += '    </properties>\n';
    }
    s += cases.map(caseXml).join('');
    s += '  </testsuite>\n';
    suites.push(s);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: 'vnetsim', tests, failures, errors, time: seconds(totalMs) })}>\n${suites.join('')}</testsuites>\n`;
}
