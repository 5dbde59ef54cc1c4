/**
 * Docs that cannot drift: every command-and-output example in README.md and docs/**.md is run
 * against the built CLI and must show what the command prints, by the rules in docs/README.md
 * ("Examples that cannot drift"). A block the rules do not place fails the test, so nothing is
 * skipped silently; an example that needs a program this machine lacks (tshark, jq) is a skipped
 * test that names it. `UPDATE_DOCS=1 npx vitest run test/docs/examples.test.ts` rewrites the
 * output blocks from the real output instead of failing; review the diff before committing.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, ROOT } from '../acceptance/helpers.js';
import { examplesOf, type Example, type Fence, type Step } from './blocks.js';
import { excerptMismatch, keepingMachineNumbers, lineDiff, outputLines, updatedExcerpt } from './compare.js';
import { hostOutput } from './host-output.js';
import { Sandbox } from './sandbox.js';

const UPDATE = process.env.UPDATE_DOCS === '1';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? markdownFiles(p) : name.endsWith('.md') ? [relative(ROOT, p)] : [];
  });
}

const DOCS = ['README.md', ...markdownFiles(join(ROOT, 'docs'))];

/** Programs beyond vnetsim and coreutils that some examples call. */
const OPTIONAL_PROGRAMS = ['tshark', 'jq'] as const;
const have = new Map(OPTIONAL_PROGRAMS.map((p) => {
  try { execFileSync('sh', ['-c', `command -v ${p}`], { stdio: 'ignore' }); return [p, true]; } catch { return [p, false]; }
}));

function commandsOf(e: Example): string[] {
  if (e.kind === 'pair') return e.steps.map((s) => s.command);
  if (e.kind === 'host') return [`${e.host.host}# ${e.host.command} (${e.host.scenario})`];
  return e.block.lines.filter((l) => l.startsWith('$ ')).map((l) => l.slice(2));
}

function missingProgram(e: Example): string | undefined {
  return OPTIONAL_PROGRAMS.find((p) => !have.get(p) && commandsOf(e).some((c) => new RegExp(`(^|[|;&]\\s*)${p}\\b`).test(c)));
}

/** What a transcript should read: each `$ ` command, then what it printed; `$ echo $?`, the status. */
async function runTranscript(block: Fence, box: Sandbox, problems: string[], file: string): Promise<string[]> {
  const out: string[] = [];
  const commands = block.lines.map((l, i) => ({ l, i })).filter((x) => x.l.startsWith('$ '));
  let status = 0;
  for (let k = 0; k < commands.length; k++) {
    const { l, i } = commands[k]!;
    const command = l.slice(2).trim();
    out.push(l.trimEnd());
    if (command === 'echo $?') { out.push(String(status)); continue; }
    const ran = await box.run(command);
    status = ran.status;
    out.push(...outputLines(ran.output));
    const shownStatus = commands[k + 1]?.l.slice(2).trim() === 'echo $?';
    if (!shownStatus && ran.status !== 0) problems.push(`${file}:${block.line + 1 + i}: "${command}" exited with status ${ran.status}; a transcript shows a status other than 0 with "$ echo $?"\n${ran.output}`);
  }
  return out;
}

async function runSteps(steps: readonly Step[], box: Sandbox, at: string, problems: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const s of steps) {
    const ran = await box.run(s.command);
    out.push(...outputLines(ran.output));
    if (ran.status !== s.exit) problems.push(`${at}: "${s.command}" exited with status ${ran.status}, the doc says ${s.exit} (<!-- exit: N --> above the output block)\n${ran.output}`);
  }
  return out;
}

/** Per doc file: the blocks to rewrite in update mode, as [first content line index, old length, new lines]. */
const rewrites = new Map<string, [number, number, string[]][]>();

/** What an example printed, and what went wrong running it (a status the doc does not state). */
interface Outcome {
  readonly actual: string[];
  readonly runProblems: string[];
}

async function runExample(e: Example, box: Sandbox, file: string, at: string): Promise<Outcome> {
  for (const f of e.files) box.place(f.name, f.from);
  const runProblems: string[] = [];
  if (e.kind === 'pair') return { actual: await runSteps(e.steps, box, at, runProblems), runProblems };
  if (e.kind === 'transcript') return { actual: await runTranscript(e.block, box, runProblems, file), runProblems };
  const got = await hostOutput(e.host, ROOT, box);
  if ('problem' in got) runProblems.push(`${at}: ${got.problem}`);
  return { actual: 'lines' in got ? got.lines : [], runProblems };
}

const parsed = DOCS.map((file) => ({ file, ...examplesOf(readFileSync(join(ROOT, file), 'utf8'), file) }));

/**
 * Each doc's examples run in order in its own sandbox (a later one may read what an earlier one
 * wrote); a few docs run at once, so the tests below only wait for their outcome.
 */
const DOCS_AT_ONCE = 3;
const outcomes = new Map<Example, { promise: Promise<Outcome>; resolve: (o: Outcome) => void }>();
for (const d of parsed) {
  for (const e of d.examples) {
    let resolve!: (o: Outcome) => void;
    const promise = new Promise<Outcome>((r) => { resolve = r; });
    outcomes.set(e, { promise, resolve });
  }
}

beforeAll(async () => {
  await ensureBuilt();
  const queue = [...parsed];
  const worker = async (): Promise<void> => {
    for (let d = queue.shift(); d !== undefined; d = queue.shift()) {
      const box = new Sandbox(ROOT);
      try {
        for (const e of d.examples) {
          const at = `${d.file}:${blockOf(e).line}`;
          if (missingProgram(e) !== undefined) continue;
          outcomes.get(e)!.resolve(await runExample(e, box, d.file, at).catch((err: unknown) => ({ actual: [], runProblems: [`${at}: ${String(err)}`] })));
        }
      } finally {
        box.dispose();
      }
    }
  };
  void Promise.all(Array.from({ length: DOCS_AT_ONCE }, worker));
}, 180_000);

function blockOf(e: Example): Fence {
  return e.kind === 'pair' ? e.output : e.block;
}

describe.each(parsed.map((d) => [d.file, d] as const))('%s', (file, { examples, problems }) => {
  test('every command, output and text block is an example or marked not run', () => {
    expect(problems.join('\n')).toBe('');
  });

  for (const e of examples) {
    const block = blockOf(e);
    const at = `${file}:${block.line}`;
    const missing = missingProgram(e);
    test.skipIf(missing !== undefined)(`${at} ${missing !== undefined ? `(needs ${missing}, not installed) ` : ''}${commandsOf(e).join('; ')}`, async () => {
      const { actual, runProblems } = await outcomes.get(e)!.promise;
      const excerpt = block.markers.excerpt;
      const mismatch = excerpt ? excerptMismatch(block.lines, actual) : lineDiff(block.lines, actual, block.line + 1);
      if (UPDATE && mismatch !== null) {
        const fresh = excerpt ? updatedExcerpt(block.lines, actual) : keepingMachineNumbers(block.lines, actual);
        if (fresh !== null) {
          const list = rewrites.get(file) ?? [];
          list.push([block.start, block.lines.length, fresh]);
          rewrites.set(file, list);
          expect(runProblems.join('\n')).toBe('');
          return;
        }
      }
      expect(runProblems.join('\n')).toBe('');
      if (mismatch !== null) {
        expect.fail(`${at}: the ${excerpt ? 'excerpt' : 'output'} shown for \`${commandsOf(e).join('; ')}\` does not match what it prints.\n${mismatch}\n\nactual output:\n${actual.join('\n')}`);
      }
    }, 180_000);
  }

  afterAll(() => {
    const list = rewrites.get(file);
    if (!UPDATE || list === undefined) return;
    const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
    for (const [start, count, fresh] of [...list].sort((a, b) => b[0] - a[0])) lines.splice(start, count, ...fresh);
    writeFileSync(join(ROOT, file), lines.join('\n'));
  });
});
