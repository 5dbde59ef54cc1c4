/**
 * Loading a scenario file: text + file name in, a normalized document (or every problem at once,
 * each with a line and column) out. YAML and JSON both go through `yaml`'s parser so every value
 * keeps its position. Platform-neutral: reading the file is the caller's job.
 *
 *   text --parseDocument--> YAML nodes --toJS--> raw value --zod--> parsed --normalize--> ScenarioDoc
 *                              |                                                       |
 *                              +------ positions for problems <------ semantic checks -+
 *
 * When the schema rejects part of the file, the entries that did parse still go through the
 * semantic checks, so a student sees a bad CIDR, an unknown link endpoint and a typo'd command in
 * one run instead of three.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLError } from 'yaml';
import type { HypervisorParams, LinkParams, ScenarioDoc } from './document.js';
import { describeIssue, describeValue, formatPath, formatProblem, type Anchor, type PathProblem, type PathSegment, type Problem } from './problem.js';
import {
  BUILTIN_DEFAULTS, DAY, LIST_SECTIONS, ONE_OF_PARAM, scenarioSchema,
  type ParsedScenario,
} from './schema.js';
import { knownKeysAt } from './known-keys.js';
import { ParsedCommands } from './parsed-commands.js';
import { checkScenario, commandProblem, type ListSection, type SemanticOptions } from './semantic.js';

export type { Problem } from './problem.js';
export { formatProblem };

export type Locate = (path: readonly PathSegment[]) => { line: number; column: number };

export type LoadResult =
  /** `commands`: every command line of the document, parsed while it was checked, for the builder to run. */
  | { ok: true; doc: ScenarioDoc; locate: Locate; commands: ParsedCommands }
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

  if (found.length === 0) return { ok: true, doc, locate: (path) => locate(path, 'value'), commands };
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

// ---- positions ------------------------------------------------------------------------------------

type Locator = (path: readonly PathSegment[], anchor: Anchor) => { line: number; column: number };

/**
 * Finds where a path is in the file. `value` points at the value (or at its key when the value is
 * empty), `key` at the key itself (unknown keys), `parent` at the map that lacks the key. A path
 * that goes deeper than the file does points at the deepest part that exists.
 */
function locator(ydoc: Document, lc: LineCounter): Locator {
  const pos = (offset: number) => {
    const p = lc.linePos(offset);
    return { line: Math.max(1, p.line), column: Math.max(1, p.col) };
  };
  const resolve = (n: unknown): unknown => (isAlias(n) ? n.resolve(ydoc) : n);
  return (path, anchor) => {
    let node: unknown = resolve(ydoc.contents);
    let key: Node | null = null;
    let depth = 0;
    const trail: { node: unknown; key: Node | null }[] = [{ node, key: null }];
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
        if (!pair) break;
        key = pair.key as Node;
        node = resolve(pair.value);
      } else if (isSeq(node) && Number.isInteger(Number(seg)) && Number(seg) < node.items.length) {
        key = null;
        node = resolve(node.items[Number(seg)]);
      } else {
        break;
      }
      trail.push({ node, key });
      depth++;
    }
    const startOf = (t: { node: unknown; key: Node | null }): number | null => {
      const n = t.node as Node | null;
      const empty = !n || !n.range || (isScalar(n) && n.value === null && n.range[0] === n.range[1]);
      if (!empty) return n!.range![0];
      return t.key?.range ? t.key.range[0] : null;
    };
    let target = trail[trail.length - 1]!;
    if (depth === path.length) {
      if (anchor === 'key' && target.key?.range) return pos(target.key.range[0]);
      if (anchor === 'parent' && trail.length > 1) target = trail[trail.length - 2]!;
    }
    for (let i = trail.indexOf(target); i >= 0; i--) {
      const off = startOf(trail[i]!);
      if (off !== null) return pos(off);
    }
    return { line: 1, column: 1 };
  };
}

// ---- syntax messages --------------------------------------------------------------------------------

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? text.length : end);
}

/**
 * Where the bracket or quote still open at `upTo` was opened (a rough scan that knows comments and
 * quotes), so "not closed" points at the opener rather than where the parser gave up.
 */
function openerBefore(text: string, upTo: number, kind: '[' | '{' | 'quote'): number | null {
  const stack: { ch: string; at: number }[] = [];
  let quote: { ch: string; at: number } | null = null;
  for (let i = 0; i < upTo && i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (quote.ch === '"' && c === '\\') i++;
      else if (c === quote.ch) {
        if (quote.ch === "'" && text[i + 1] === "'") i++;
        else quote = null;
      }
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
      continue;
    }
    const prev = i === 0 ? '\n' : text[i - 1]!;
    if ((c === '"' || c === "'") && /[\s\[{,:]/.test(prev)) quote = { ch: c, at: i };
    else if (c === '[' || c === '{') stack.push({ ch: c, at: i });
    else if (c === ']' || c === '}') stack.pop();
  }
  if (kind === 'quote') return quote?.at ?? null;
  for (let k = stack.length - 1; k >= 0; k--) if (stack[k]!.ch === kind) return stack[k]!.at;
  return null;
}

/** A YAML parser error in a student's words, and where to point. */
function syntaxMessage(e: YAMLError, text: string): { message: string; offset: number } {
  const offset = e.pos[0];
  const line = lineAt(text, offset);
  const here = (message: string) => ({ message, offset });
  const opened = (kind: '[' | '{' | 'quote', what: string, fallback: string) => {
    const at = openerBefore(text, offset, kind);
    return at === null ? here(fallback) : { message: what, offset: at };
  };
  switch (e.code) {
    case 'TAB_AS_INDENT':
      return here('this line is indented with a tab; YAML indents with spaces only (replace the tab with spaces)');
    case 'DUPLICATE_KEY': {
      const key = /^\s*(?:-\s+)?("[^"]*"|'[^']*'|[^:#]+?)\s*:/.exec(text.slice(offset).split('\n')[0] ?? '')?.[1];
      return here(`${key ? `key "${key.replace(/^["']|["']$/g, '')}"` : 'a key'} appears twice in the same map; each key may appear once`);
    }
    case 'MULTILINE_IMPLICIT_KEY':
    case 'MISSING_CHAR':
      if (/quote/i.test(e.message)) {
        return opened('quote', 'this quoted text is never closed: its closing quote is missing', 'a quoted text is not closed: its closing quote is missing');
      }
      if (!line.includes(':') && line.trim() !== '' && !/^\s*-/.test(line)) {
        const word = line.trim().split(/\s+/)[0];
        return here(`this line has no ":"; write key: value (is the ":" after "${word}" missing?)`);
      }
      if (/^\s*-/.test(line)) return here('a list item ("- ...") appears where a key: value line was expected; check the indentation');
      return here(`a key must be followed by ":" and fit on one line; check this line and its indentation (${e.message})`);
    case 'BAD_INDENT':
      if (/Flow sequence/.test(e.message)) {
        return opened('[', 'this [ ... ] list is never closed with "]"', 'a [ ... ] list is not closed with "]" (or its lines are not indented enough)');
      }
      if (/Flow map/.test(e.message)) {
        return opened('{', 'this { ... } map is never closed with "}"', 'a { ... } map is not closed with "}" (or its lines are not indented enough)');
      }
      return here(`the indentation is wrong here (${e.message})`);
    case 'BLOCK_AS_IMPLICIT_KEY':
      return here('this line is indented differently from the lines around it; keys of one map must line up');
    case 'MULTIPLE_DOCS':
      return here('the file holds more than one YAML document ("---" starts a new one); a scenario file holds one');
    case 'UNEXPECTED_TOKEN':
      return here(`unexpected text here: ${e.message.replace(/^Unexpected /, '')}`);
    default:
      return here(e.message);
  }
}

/** JSON.parse's complaint with an offset when it gives one; null for valid JSON. */
function jsonError(text: string): { message: string; offset: number | null } | null {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    let offset: number | null = null;
    const lc = /line (\d+) column (\d+)/.exec(msg);
    const at = /position (\d+)/.exec(msg);
    if (at) offset = Number(at[1]);
    else if (lc) {
      let o = 0;
      for (let l = 1; l < Number(lc[1]); l++) o = text.indexOf('\n', o) + 1;
      offset = o + Number(lc[2]) - 1;
    } else if (/end of (JSON )?(input|data)/i.test(msg)) offset = text.length;
    const message = msg
      .replace(/^JSON\.parse: /, '')
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/ at line \d+ column \d+ of the JSON data$/, '')
      .replace(/, ".*" is not valid JSON$/s, '');
    const hint = /property name/.test(message) ? ' (JSON allows no comma after the last item, and keys need double quotes)' : '';
    return { message: message + hint, offset };
  }
}

// ---- normalizing ------------------------------------------------------------------------------------

function defined<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (!o) return out;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** Fills the defaults that depend on other parts of the document. */
export function normalize(p: ParsedScenario): ScenarioDoc {
  const link: LinkParams = { ...BUILTIN_DEFAULTS.link, ...defined(p.defaults?.link) };
  const hypervisor: HypervisorParams = { ...BUILTIN_DEFAULTS.hypervisor, ...defined(p.defaults?.hypervisor) };
  return {
    name: p.name,
    description: p.description,
    seed: p.seed,
    duration: p.duration,
    eventBudget: p.eventBudget,
    defaults: { link, hypervisor },
    report: { interval: p.report.interval },
    hosts: p.hosts.map((h) => ({
      name: h.name,
      nics: h.nics,
      commands: h.commands,
      hypervisor: { ...hypervisor, ...defined(h.hypervisor) },
      vms: h.vms.map((v, i) => ({
        name: v.name,
        tenant: v.tenant,
        tap: v.tap ?? `tap${i}`,
        mac: v.mac ?? null,
        ip: v.ip,
        gateway: v.gateway ?? null,
        promiscuous: v.promiscuous,
      })),
    })),
    switches: p.switches.map((s) => ({ ...s })),
    links: p.links.map((l) => ({
      a: l.a.trim(),
      b: l.b.trim(),
      rate: l.rate ?? link.rate,
      delay: l.delay ?? link.delay,
      queue: l.queue ?? link.queue,
      queueBytes: l.queueBytes ?? link.queueBytes,
    })),
    traffic: p.traffic.map((t) => (t.kind === 'udp' ? { ...t, stop: Math.min(t.stop ?? p.duration, p.duration) } : t)),
    timeline: p.timeline.map((e) => ({ ...e })),
    expect: p.expect,
  };
}

// ---- salvaging a broken file for the semantic checks ---------------------------------------------------

interface Salvaged {
  doc: ScenarioDoc;
  /** Commands (strings) of host entries that failed the schema. */
  looseCommands: { path: PathSegment[]; host: string; line: string }[];
  origin: Record<ListSection, number[]>;
  incomplete: NonNullable<SemanticOptions['incomplete']>;
}

/** The parts of a file the schema rejected as a whole, rebuilt from the entries that parse on their own. */
function salvage(raw: Record<string, unknown>): Salvaged {
  const shape = scenarioSchema.shape;
  const names = new Set<string>();
  const tenants = new Set<string>();
  let allNames = false;
  let allTenants = false;
  let durationBroken = false;

  const field = <K extends keyof typeof shape>(key: K, fallback: unknown): unknown => {
    const r = shape[key].safeParse(raw[key]);
    if (r.success) return r.data;
    if (key === 'duration') durationBroken = true;
    return fallback;
  };
  const origin = { hosts: [], switches: [], links: [], traffic: [], timeline: [], expect: [] } as Record<ListSection, number[]>;
  const looseCommands: Salvaged['looseCommands'] = [];
  const lists: Record<string, unknown[]> = {};
  for (const key of Object.keys(LIST_SECTIONS) as ListSection[]) {
    const items = raw[key];
    lists[key] = [];
    if (items === undefined) continue;
    if (!Array.isArray(items)) {
      if (key === 'hosts') allNames = allTenants = true;
      if (key === 'switches') allNames = true;
      continue;
    }
    items.forEach((item, i) => {
      const r = LIST_SECTIONS[key].safeParse(item);
      if (r.success) {
        lists[key]!.push(r.data);
        origin[key].push(i);
        return;
      }
      if (key === 'hosts' || key === 'switches') collectNames(item, names, tenants, () => (allNames = allTenants = true));
      if (key === 'hosts') looseCommands.push(...commandsOf(item, i));
    });
  }
  const parsed = {
    name: field('name', ''),
    description: field('description', ''),
    seed: field('seed', BUILTIN_DEFAULTS.seed),
    duration: field('duration', DAY),
    eventBudget: field('eventBudget', BUILTIN_DEFAULTS.eventBudget),
    defaults: field('defaults', undefined),
    report: field('report', { interval: BUILTIN_DEFAULTS.reportInterval }),
    ...lists,
  } as ParsedScenario;
  return {
    doc: normalize(parsed),
    looseCommands,
    origin,
    incomplete: { names: allNames ? 'all' : names, tenants: allTenants ? 'all' : tenants, duration: durationBroken },
  };
}

/** Names (and tenants) written in a host or switch entry that failed, so nobody reports them missing. */
function collectNames(item: unknown, names: Set<string>, tenants: Set<string>, unknowable: () => void): void {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return;
  const o = item as Record<string, unknown>;
  if (typeof o.name === 'string') names.add(o.name.trim());
  else unknowable();
  if (o.vms === undefined) return;
  if (!Array.isArray(o.vms)) return unknowable();
  for (const vm of o.vms) {
    if (vm === null || typeof vm !== 'object') continue;
    const v = vm as Record<string, unknown>;
    if (typeof v.name === 'string') names.add(v.name.trim());
    else unknowable();
    tenants.add(typeof v.tenant === 'string' ? v.tenant : BUILTIN_DEFAULTS.tenant);
  }
}

function commandsOf(item: unknown, index: number): Salvaged['looseCommands'] {
  if (item === null || typeof item !== 'object') return [];
  const o = item as Record<string, unknown>;
  if (!Array.isArray(o.commands)) return [];
  const host = typeof o.name === 'string' ? o.name : `hosts[${index}]`;
  return o.commands.flatMap((line, c) =>
    typeof line === 'string' && line.trim() !== '' ? [{ path: ['hosts', index, 'commands', c], host, line }] : []);
}
