/**
 * One expectation's verdict, as the report holds it: a sentence, pass or fail, what was measured,
 * and where the expectation is written. Its own file so each kind's evaluator can return one
 * without importing the list that dispatches to it.
 */
import type { SourceLocation } from '../scenario/problem.js';

export interface ExpectationResult {
  /** The expectation as a short sentence: `vm1 reaches vm2`. */
  readonly text: string;
  readonly pass: boolean;
  /** Why it failed, or what was measured. */
  readonly detail: string;
  /**
   * Where the expectation is written in the scenario file; null for a document built in code.
   * Set for every result by evaluateExpectations, so a kind's own evaluator leaves it out.
   */
  readonly source?: SourceLocation | null;
}
