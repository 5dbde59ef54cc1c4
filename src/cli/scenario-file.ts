/**
 * Reading scenario files named on the command line, and printing the problems of a bad one: the
 * same FILE:LINE:COLUMN lines for `run` and `validate`, a missing file being a problem at 1:1.
 */
import { existsSync, readFileSync } from 'node:fs';
import { formatProblem, type Problem } from '../index.js';
import { expandPattern, isPattern } from './glob.js';

export function readScenario(file: string): { text: string } | { problem: Problem } {
  if (!existsSync(file)) {
    return { problem: { file, line: 1, column: 1, path: '', message: isPattern(file) ? 'no file matches this pattern' : 'no such file' } };
  }
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (e) {
    return { problem: { file, line: 1, column: 1, path: '', message: `cannot read it: ${(e as Error).message}` } };
  }
}

/** A problem in `--json` output: the same fields, in a fixed order, whatever the loader's object holds. */
export function problemJson(p: Problem): { file: string; line: number; column: number; path: string; message: string } {
  return { file: p.file, line: p.line, column: p.column, path: p.path, message: p.message };
}

/** The problems, one per line, then their count, on standard error. */
export function printProblems(problems: readonly Problem[]): void {
  for (const p of problems) process.stderr.write(formatProblem(p) + '\n');
  process.stderr.write(`${problems.length} problem${problems.length === 1 ? '' : 's'} found.\n`);
}

/** The arguments with every pattern the shell left alone expanded; a pattern matching nothing stays, to be reported by readScenario. */
export function expandFiles(args: readonly string[]): string[] {
  return args.flatMap((a) => {
    if (!isPattern(a)) return [a];
    const found = expandPattern(a);
    return found.length > 0 ? found : [a];
  });
}
