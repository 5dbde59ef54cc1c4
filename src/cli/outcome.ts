/**
 * What became of one scenario file in a `run`: it ran (its report says whether it passed) or it
 * had bad input (its problems; nothing ran). The verdicts and the one exit status of a run of
 * several files derive from these alone, so the text summary, JSON and JUnit XML cannot disagree.
 */
import type { Problem, Report } from '../index.js';
import { problemJson } from './scenario-file.js';

export type ScenarioOutcome =
  | { readonly kind: 'ran'; readonly file: string; readonly report: Report }
  | { readonly kind: 'bad-input'; readonly file: string; readonly problems: readonly Problem[] };

export type Verdict = 'PASS' | 'FAIL' | 'BAD INPUT';

export const EXIT_OK = 0;
export const EXIT_EXPECTATION_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 3;

/** FAIL covers a failed expectation and a run stopped by its event budget (report.passed is false). */
export function verdictOf(o: ScenarioOutcome): Verdict {
  if (o.kind === 'bad-input') return 'BAD INPUT';
  return o.report.passed ? 'PASS' : 'FAIL';
}

/**
 * One status for many files: 2 when any had bad input (something was not checked at all, which
 * matters more than a check that failed), else 1 when any failed, else 0.
 */
export function exitStatusOf(outcomes: readonly ScenarioOutcome[]): number {
  const verdicts = outcomes.map(verdictOf);
  if (verdicts.includes('BAD INPUT')) return EXIT_BAD_INPUT;
  if (verdicts.includes('FAIL')) return EXIT_EXPECTATION_FAILED;
  return EXIT_OK;
}

/** `--json` for a file with bad input (alone, or as one entry of several files). */
export function outcomeJson(o: ScenarioOutcome): object {
  if (o.kind === 'bad-input') {
    return { file: o.file, result: 'bad-input', problems: o.problems.map(problemJson) };
  }
  return { file: o.file, result: o.report.passed ? 'pass' : 'fail', report: o.report };
}
