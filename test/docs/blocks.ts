/**
 * The fenced blocks of a Markdown file, grouped into the examples the docs test runs, by the rules
 * in docs/README.md ("Examples that cannot drift"). Nothing is skipped silently: every `sh`,
 * `text` or unlabelled block is either part of an example or carries `<!-- not run: REASON -->`,
 * and a block the rules cannot place is returned as a problem naming its line.
 */
import { parseHostCommand, type HostCommand } from './host-output.js';

/** A fenced block: its info string, its text lines, and the marker comments directly above it. */
export interface Fence {
  readonly lang: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** Index in the file's lines of the first content line (the one after the opening fence). */
  readonly start: number;
  readonly lines: readonly string[];
  readonly markers: Markers;
}

export interface Markers {
  readonly notRun: string | null;
  readonly excerpt: boolean;
  readonly command: string | null;
  readonly exit: number | null;
  /** `<!-- file: NAME = PATH -->`: the sandbox gets a copy of PATH (from the repository root) as NAME. */
  readonly files: readonly { readonly name: string; readonly from: string }[];
  /** `<!-- host command: HOST# COMMAND, after the commands of SCENARIO -->` */
  readonly host: HostCommand | null;
}

/** One command and the output the doc shows for it (null: the next block shows it, or echo $? does). */
export interface Step {
  readonly command: string;
  /** The exit status the doc states; 0 when it states none. */
  readonly exit: number;
}

/**
 * An example: commands run in order in the doc file's sandbox; `output` is the block that shows
 * what they print (stdout and stderr together, as on a terminal).
 */
export type Example =
  /** A `$ `-prompt transcript: commands and their output in one block; `$ echo $?` shows a status. */
  | { readonly kind: 'transcript'; readonly block: Fence; readonly files: Markers['files'] }
  /** A command block (or a `<!-- command: -->` marker) followed by the block of its output. */
  | { readonly kind: 'pair'; readonly steps: readonly Step[]; readonly output: Fence; readonly files: Markers['files'] }
  /** What a host command prints, from a run of the named scenario with the command added. */
  | { readonly kind: 'host'; readonly host: HostCommand; readonly block: Fence; readonly files: Markers['files'] };

export interface DocExamples {
  readonly examples: readonly Example[];
  readonly notRun: readonly Fence[];
  readonly problems: readonly string[];
}

const FENCE = /^```(\S*)\s*$/;
const MARKER = /^<!--\s*(.*?)\s*-->\s*$/;
/** Blocks whose content is a file or a data structure, not a command or its output. */
const DATA_LANGS = new Set(['yaml', 'yml', 'json', 'ts', 'typescript', 'js', 'html']);
/** Commands that install, build or change the checkout: never run from a doc. */
const UNSAFE = /^(npm|npx (?!vnetsim\b)|git|sudo|apt|apt-get|bash|rm|cd)\b/;
const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'console']);

function parseMarkers(comments: readonly { text: string; line: number }[], problems: string[], file: string): Markers {
  let notRun: string | null = null;
  let excerpt = false;
  let command: string | null = null;
  let exit: number | null = null;
  const files: { name: string; from: string }[] = [];
  let host: HostCommand | null = null;
  for (const { text, line } of comments) {
    let m: RegExpExecArray | null;
    if ((m = /^not run:\s*(\S.*)$/.exec(text))) notRun = m[1]!;
    else if (text === 'excerpt') excerpt = true;
    else if ((m = /^command:\s*(\S.*)$/.exec(text))) command = m[1]!;
    else if ((m = /^exit:\s*(\d+)$/.exec(text))) exit = Number(m[1]);
    else if (parseHostCommand(text) !== null) host = parseHostCommand(text);
    else if ((m = /^file:\s*(\S+)\s*=\s*(\S+)$/.exec(text))) files.push({ name: m[1]!, from: m[2]! });
    else problems.push(`${file}:${line}: unknown example marker <!-- ${text} --> (see docs/README.md, "Examples that cannot drift")`);
  }
  return { notRun, excerpt, command, exit, files, host };
}

/** Splits a Markdown text into fences, each with the marker comments on the lines right above it. */
export function fences(text: string, file: string, problems: string[]): Fence[] {
  const lines = text.split('\n');
  const out: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    if (end === lines.length) problems.push(`${file}:${i + 1}: this block is never closed`);
    const comments: { text: string; line: number }[] = [];
    for (let j = i - 1; j >= 0; j--) {
      const m = MARKER.exec(lines[j]!);
      if (!m) break;
      comments.unshift({ text: m[1]!, line: j + 1 });
    }
    out.push({ lang: open[1]!, line: i + 1, start: i + 1, lines: lines.slice(i + 1, end), markers: parseMarkers(comments, problems, file) });
    i = end;
  }
  return out;
}

/** The commands of a shell block: one per line, `# comments` and blank lines left out. */
export function shellCommands(lines: readonly string[]): string[] {
  return lines.map((l) => l.replace(/(^|\s+)#.*$/, '').trim()).filter((l) => l !== '');
}

/** True when only blank lines and marker comments lie between two fences. */
function adjacent(lines: readonly string[], a: Fence, b: Fence): boolean {
  for (let i = a.start + a.lines.length + 1; i < b.line - 1; i++) {
    const l = lines[i]!;
    if (l.trim() !== '' && !MARKER.test(l)) return false;
  }
  return true;
}

function isOutputLang(lang: string): boolean {
  return lang === '' || lang === 'text' || lang === 'json';
}

/** The examples of one Markdown file, the blocks marked not run, and what breaks the rules. */
export function examplesOf(text: string, file: string): DocExamples {
  const problems: string[] = [];
  const all = fences(text, file, problems);
  const lines = text.split('\n');
  const examples: Example[] = [];
  const notRun: Fence[] = [];
  for (let i = 0; i < all.length; i++) {
    const f = all[i]!;
    const where = `${file}:${f.line}`;
    if (f.markers.notRun !== null) { notRun.push(f); continue; }
    if (SHELL_LANGS.has(f.lang)) {
      const commands = shellCommands(f.lines);
      const unsafe = commands.find((c) => UNSAFE.test(c));
      if (unsafe !== undefined) {
        problems.push(`${where}: "${unsafe}" changes the checkout or the machine and is never run by the docs test: mark the block <!-- not run: REASON -->`);
        continue;
      }
      const next = all[i + 1];
      const steps = (exit: number | null): Step[] => commands.map((command, k) => ({ command, exit: k === commands.length - 1 ? exit ?? 0 : 0 }));
      if (next !== undefined && isOutputLang(next.lang) && next.markers.notRun === null && next.markers.command === null && adjacent(lines, f, next)) {
        examples.push({ kind: 'pair', steps: steps(next.markers.exit ?? f.markers.exit), output: next, files: [...f.markers.files, ...next.markers.files] });
        i++;
      } else if (f.markers.command !== null) {
        problems.push(`${where}: a command marker belongs above an output block, not a command block`);
      } else {
        problems.push(`${where}: a command block with no output block after it: show the output, or mark it <!-- not run: REASON -->`);
      }
      continue;
    }
    if (DATA_LANGS.has(f.lang) && f.markers.command === null) continue;
    if (f.markers.command !== null) {
      examples.push({ kind: 'pair', steps: [{ command: f.markers.command, exit: f.markers.exit ?? 0 }], output: f, files: f.markers.files });
      continue;
    }
    if (f.markers.host !== null) {
      examples.push({ kind: 'host', host: f.markers.host, block: f, files: f.markers.files });
      continue;
    }
    if (f.lines[0]?.startsWith('$ ')) {
      const unsafe = f.lines.filter((l) => l.startsWith('$ ')).map((l) => l.slice(2).trim()).find((c) => UNSAFE.test(c));
      if (unsafe !== undefined) { problems.push(`${where}: "${unsafe}" is never run by the docs test: mark the block <!-- not run: REASON -->`); continue; }
      examples.push({ kind: 'transcript', block: f, files: f.markers.files });
      continue;
    }
    problems.push(`${where}: a block that is neither an example nor marked: give it <!-- command: CMD --> (its output is checked), start it with "$ " lines (a transcript), or mark it <!-- not run: REASON -->`);
  }
  return { examples, notRun, problems };
}
