/**
 * A problem found in a scenario file, and the wording of problems: turning zod's issues into plain
 * sentences a student understands ("unknown key "nicss" (did you mean "nics"?)").
 */
import type { z } from 'zod';
import { didYouMean } from '../linux/did-you-mean.js';

/** A place in a scenario file: the file as named on the command line, 1-based line and column. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface Problem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Where in the document, like `hosts[0].vms[1].ip`; '' for the file as a whole or a syntax error. */
  path: string;
  message: string;
}

export type PathSegment = string | number;

/** `['hosts', 0, 'vms', 1, 'ip']` -> `hosts[0].vms[1].ip`. */
export function formatPath(path: readonly PathSegment[]): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) s += s === '' ? seg : `.${seg}`;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s;
}

/** `scenarios/x.yaml:12:7: hosts[0].commands[2]: <message>` (no path part when the path is empty). */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** ` (did you mean "x"?)` or ''. */
export function suggest(word: string, candidates: Iterable<string>): string {
  const m = didYouMean(word, candidates);
  return m === null ? '' : ` (did you mean "${m}"?)`;
}

/** A value as a sentence fragment: `the number 5`, `the text "abc"`, `a list`, `empty`. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'empty';
  if (typeof v === 'string') return v === '' ? 'empty text ""' : `the text "${v.length > 40 ? v.slice(0, 37) + '...' : v}"`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `${v}`;
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map (key: value lines)';
  return String(v);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map (key: value lines)',
  record: 'a map (key: value lines)',
  null: 'empty',
};

function typeWord(expected: string): string {
  return TYPE_WORDS[expected] ?? expected;
}

/** Where a problem points: the value at its path, the key of the last segment, or the map holding it. */
export type Anchor = 'value' | 'key' | 'parent';

export interface PathProblem {
  path: PathSegment[];
  message: string;
  anchor: Anchor;
}

/** Reads the raw document at a path; undefined when absent. */
export function valueAt(raw: unknown, path: readonly PathSegment[]): unknown {
  let v = raw;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function hasKey(raw: unknown, path: readonly PathSegment[]): boolean {
  const parent = valueAt(raw, path.slice(0, -1));
  const last = path[path.length - 1];
  return parent !== null && typeof parent === 'object' && last !== undefined && Object.prototype.hasOwnProperty.call(parent, last);
}

function label(path: readonly PathSegment[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the file';
  if (typeof last === 'string') return last;
  const parent = path[path.length - 2];
  return typeof parent === 'string' ? `each entry of ${parent}` : 'this entry';
}

type ZodIssue = z.core.$ZodIssue;

/** The keys the map at a path of the file accepts, or null when no map belongs there. */
type KnownKeys = (path: readonly PathSegment[]) => string[] | null;

/**
 * Turns one zod issue into problems with plain messages. `raw` is the document as parsed from the
 * file; `keysAt` lists the keys the map at a path accepts (null when it is no map).
 */
export function describeIssue(issue: ZodIssue, raw: unknown, keysAt: KnownKeys, base: readonly PathSegment[] = []): PathProblem[] {
  const path = [...base, ...(issue.path as PathSegment[])];
  const input = hasKey(raw, path) || path.length === 0 ? valueAt(raw, path) : (issue as { input?: unknown }).input;
  const what = label(path);
  const custom = issue.message && !/^(Invalid input|Invalid option|Too (small|big)|Unrecognized key)/.test(issue.message);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = keysAt(path) ?? [];
      const holder = path.length === 0 ? 'the top level' : typeof path[path.length - 1] === 'string' ? `"${String(path[path.length - 1])}"` : `each entry of ${String(path[path.length - 2] ?? 'this list')}`;
      return issue.keys.map((key) => {
        const hint = suggest(key, known);
        return {
          path: [...path, key],
          anchor: 'key' as const,
          message: hint
            ? `unknown key "${key}"${hint}`
            : `unknown key "${key}"; ${holder} takes ${known.map((k) => `"${k}"`).join(', ') || 'no keys'}`,
        };
      });
    }
    case 'invalid_type': {
      if (input === undefined && !hasKey(raw, path) && path.length > 0) {
        const key = path[path.length - 1]!;
        return [{ path, anchor: 'parent', message: `missing required key "${String(key)}"` }];
      }
      if (custom) return [{ path, anchor: 'value', message: issue.message }];
      if (issue.expected === 'int' && typeof input === 'number') {
        return [{ path, anchor: 'value', message: `${what} should be a whole number, not ${input}` }];
      }
      const quote = typeof input === 'number' && issue.expected === 'string' ? ' (put it in quotes to make it text)' : '';
      return [{ path, anchor: 'value', message: `${what} should be ${typeWord(issue.expected)}, but it is ${describeValue(input)}${quote}` }];
    }
    case 'too_small':
    case 'too_big': {
      if (custom) return [{ path, anchor: 'value', message: issue.message }];
      const small = issue.code === 'too_small';
      const limit = Number(small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum);
      const inclusive = issue.inclusive !== false;
      if (issue.origin === 'array') {
        const n = Array.isArray(input) ? input.length : 0;
        return [{ path, anchor: 'value', message: small ? `${what} needs at least ${limit} ${limit === 1 ? 'entry' : 'entries'}` : `${what} has ${n} entries; at most ${limit} are allowed` }];
      }
      if (issue.origin === 'string') {
        return [{ path, anchor: 'value', message: small ? (limit <= 1 ? `${what} cannot be empty` : `${what} needs at least ${limit} characters`) : `${what} is longer than ${limit} characters` }];
      }
      const bound = small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
      return [{ path, anchor: 'value', message: `${what} must be ${bound} ${limit}, not ${String(input)}` }];
    }
    case 'invalid_value': {
      if (custom) return [{ path, anchor: 'value', message: issue.message }];
      const values = issue.values.map((v) => JSON.stringify(v));
      const hint = typeof input === 'string' ? suggest(input, issue.values.map(String)) : '';
      return [{ path, anchor: 'value', message: `${what} should be ${values.join(' or ')}, not ${describeValue(input)}${hint}` }];
    }
    case 'invalid_union': {
      // When one branch matched the shape and failed inside, its issues are the useful ones.
      const inner = issue.errors.find((branch) => branch.length > 0 && branch.every((e) => e.path.length > 0));
      if (inner && !('note' in issue && issue.note)) return inner.flatMap((e) => describeIssue(e, raw, keysAt, path));
      if (path.length > 0 && !hasKey(raw, path)) {
        return [{ path, anchor: 'parent', message: `missing required key "${String(path[path.length - 1])}"${custom ? `; ${issue.message}` : ''}` }];
      }
      if (custom) {
        const options = 'options' in issue && Array.isArray(issue.options) ? (issue.options as unknown[]).map(String) : [];
        const hint = typeof input === 'string' ? suggest(input, options) : '';
        return [{ path, anchor: 'value', message: `${issue.message}, not ${describeValue(input)}${hint}` }];
      }
      const expected = [...new Set(issue.errors.flat().filter((e) => e.code === 'invalid_type').map((e) => typeWord((e as { expected: string }).expected)))];
      return [{ path, anchor: 'value', message: `${what} should be ${expected.join(' or ') || 'something else'}, but it is ${describeValue(input)}` }];
    }
    case 'invalid_format': {
      if (custom) return [{ path, anchor: 'value', message: issue.message }];
      return [{ path, anchor: 'value', message: `${what} ${describeValue(input)} is not in the expected format` }];
    }
    default:
      return [{ path, anchor: 'value', message: custom ? issue.message : `${what} is not valid here (${issue.message})` }];
  }
}
