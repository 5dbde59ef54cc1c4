/**
 * Loading a scenario file: text + file name in, a normalized document (or every problem at once,
 * each with a line and column) out. YAML and JSON both go through `yaml`'s parser so every value
 * keeps its position. Platform-neutral: reading the file is the caller's job.
 *
 *   text --parseDocument--> YAML nodes --toJS--> raw value --zod--> parsed --normalize--> ScenarioDoc
 *     |                        |                                                       |
 *   syntax-errors.ts           +-- positions.ts: where problems are <-- semantic checks -+
 *
 * The steps have their own files: syntax-errors.ts words a parser's complaint, positions.ts
 * locates a path, schema.ts converts, normalize.ts fills the defaults, salvage.ts rebuilds what a
 * rejected file still holds, semantic.ts checks the whole document.
 *
 * When the schema rejects part of the file, the entries that did parse still go through the
 * semantic checks, so a student sees a bad CIDR, an unknown link endpoint and a typo'd command in
 * one run instead of three.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { ScenarioDoc } from './document.js';
import { knownKeysAt } from './known-keys.js';
import { normalize } from './normalize.js';
import { ParsedCommands } from './parsed-commands.js';
import { locator } from './positions.js';
import { describeIssue, describeValue, formatPath, formatProblem, type PathProblem, type PathSegment, type Problem, type SourceLocation } from './problem.js';
import { salvage } from './salvage.js';
import { scenarioSchema } from './schema.js';
import { ONE_OF_PARAM } from './schema-values.js';
import { checkScenario, commandProblem, type SemanticOptions } from './semantic.js';
import { jsonError, syntaxMessage } from './syntax-errors.js';

export type { Problem, SourceLocation } from './problem.js';
export { formatProblem };

type Locate = (path: readonly PathSegment[]) => { line: number; column: number };

export type LoadResult =
  /**
   * `commands`: every command line of the document, parsed while it was checked, for the builder to run.
   * `expectSources`: where each item of the `expect` list is in the file, in the list's order.
   */
  | { ok: true; doc: ScenarioDoc; locate: Locate; commands: ParsedCommands; expectSources: SourceLocation[] }
  | { ok: false; problems: Problem[] };

/** Loads a scenario from its text; `file` names it in problems and picks JSON (`.json`) or YAML. */
export function loadScenario(text: string, file: string): LoadResult {
  const json = isJsonFile(text, file);
  const lineCounter = new LineCounter();
  const problem = (offset: number, path: string, message: string): Problem => {
    const p = lineCounter.linePos(offset);
    return { file, line: Math.max(1, p.line), column: Math.max(1, p.col), path, message };
  };

  if (json) {
    const err = jsonError(text);
    if (err !== null) {
      const fallback = parseDocument(text.replace(/\t/g, ' '), { lineCounter, prettyErrors: false }).errors[0];
      const offset = err.offset ?? fallback?.pos[0] ?? 0;
      return { ok: false, problems: [problem(offset, '', `JSON syntax error: ${err.message}`)] };
    }
  }
  // A tab is one character like a space, so offsets stay exact; JSON allows tabs where YAML's flow style is fussy.
  const ydoc = parseDocument(json ? text.replace(/\t/g, ' ') : text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (ydoc.errors.length > 0) {
    const seen = new Set<string>();
    const problems: Problem[] = [];
    for (const e of ydoc.errors) {
      const m = syntaxMessage(e, text);
      const p = problem(m.offset, '', `${json ? 'JSON' : 'YAML'} syntax error: ${m.message}`);
      const key = `${p.line}:${p.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(p);
    }
    return { ok: false, problems: sortProblems(problems) };
  }

  const locate = locator(ydoc, lineCounter);
  let raw: unknown;
  try {
    raw = ydoc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    return { ok: false, problems: [problem(0, '', `YAML error: ${e instanceof Error ? e.message : String(e)}`)] };
  }
  if (raw === null || raw === undefined) {
    return { ok: false, problems: [{ file, line: 1, column: 1, path: '', message: 'the file is empty; a scenario needs at least name: and duration:' }] };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    const at = locate([], 'value');
    return {
      ok: false,
      problems: [{ file, ...at, path: '', message: `the file holds ${describeValue(raw)}, but a scenario is a map of keys like name:, duration: and hosts:` }],
    };
  }

  const found: PathProblem[] = [];
  let doc: ScenarioDoc;
  // Every host and timeline command must parse; running them is the builder's job.
  const commands = new ParsedCommands();
  const checkCommand = (line: string) => commands.parse(line);
  const semantic: SemanticOptions = {
    lineOf: (path) => locate(path, 'value').line,
    checkCommand,
  };
  const parsed = scenarioSchema.safeParse(raw, { reportInput: true });
  if (parsed.success) {
    doc = normalize(parsed.data);
  } else {
    const issues = parsed.error.issues;
    const unknownAt = new Set(issues.filter((i) => i.code === 'unrecognized_keys').map((i) => formatPath(i.path as PathSegment[])));
    for (const issue of issues) {
      const oneOf = issue.code === 'custom' && (issue.params as Record<string, unknown> | undefined)?.[ONE_OF_PARAM];
      if (oneOf && unknownAt.has(formatPath(issue.path as PathSegment[]))) continue;
      found.push(...describeIssue(issue, raw, (path) => knownKeysAt(scenarioSchema, path, raw)));
    }
    const s = salvage(raw as Record<string, unknown>);
    doc = s.doc;
    semantic.origin = s.origin;
    semantic.incomplete = s.incomplete;
    // The commands of a host the schema rejected are still worth checking.
    for (const c of s.looseCommands) {
      const message = commandProblem(c.host, c.line, checkCommand);
      if (message) found.push({ path: c.path, anchor: 'value', message });
    }
  }
  for (const p of checkScenario(doc, semantic)) found.push({ ...p, anchor: 'value' });

  if (found.length === 0) {
    const expectSources = doc.expect.map((_, i) => ({ file, ...locate(['expect', i], 'value') }));
    return { ok: true, doc, locate: (path) => locate(path, 'value'), commands, expectSources };
  }
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const p of found) {
    const at = locate(p.path, p.anchor);
    const out: Problem = { file, ...at, path: formatPath(p.path), message: p.message };
    const key = formatProblem(out);
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(out);
  }
  return { ok: false, problems: sortProblems(problems) };
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems
    .map((p, i) => [p, i] as const)
    .sort(([a, i], [b, j]) => a.line - b.line || a.column - b.column || i - j)
    .map(([p]) => p);
}

function isJsonFile(text: string, file: string): boolean {
  if (/\.json$/i.test(file)) return true;
  if (/\.ya?ml$/i.test(file)) return false;
  return /^\s*\{/.test(text);
}
