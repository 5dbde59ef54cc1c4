/**
 * Comparing what a doc shows with what the command printed. Numbers that measure the machine
 * (wall milliseconds, events per wall second, peak memory, the wall ms column of the several-files
 * summary table, and the `wall` section of a --json report) are replaced by `#` on both sides before comparing, so the docs keep real-looking numbers
 * for the reader and still match on any machine; the warning tshark prints when run as root is
 * left out of what the command printed. Nothing else is loosened; trailing spaces are not shown.
 */

/** Machine-dependent numbers, as the CLI prints them, and what they become before comparing. */
const MACHINE: readonly [RegExp, string][] = [
  [/wall [\d,.]+ ms \([\d,.]+ events\/s\)(, peak memory [\d,.]+ MB)?/g, 'wall # ms (# events/s), peak memory # MB'],
  [/"(ms|eventsPerSecond|peakRssBytes|heapUsedBytes)": ?([\d.e+-]+|null)/g, '"$1": #'],
  // A row of `vnetsim run A B ...`'s summary: file, result, expectations, simulated, events, wall ms.
  [/^(  \S+\s+(?:PASS|FAIL|BAD INPUT)\s+\S+\s+\S+\s+\S+)\s+[\d,]+$/, '$1 #'],
];

/** Lines a program prints because of how this machine runs it, never part of a doc. */
const MACHINE_LINES: readonly RegExp[] = [/^Running as user "root" and group "root"\. This could be dangerous\.$/];

export function normalizeLine(line: string): string {
  let out = line.trimEnd();
  for (const [re, to] of MACHINE) out = out.replace(re, to);
  return out;
}

/** What a command printed, as lines: without the trailing empty line of a final newline and without machine lines. */
export function outputLines(text: string): string[] {
  const lines = text.split('\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.filter((l) => !MACHINE_LINES.some((re) => re.test(l))).map((l) => l.trimEnd());
}

/** An excerpt's runs of lines: the parts between `...` lines, each shown as it is in the output. */
export function excerptChunks(lines: readonly string[]): string[][] {
  const chunks: string[][] = [[]];
  for (const l of lines) {
    if (l.trim() === '...') chunks.push([]);
    else chunks[chunks.length - 1]!.push(l);
  }
  return chunks.filter((c) => c.length > 0);
}

function indexOfRun(hay: readonly string[], run: readonly string[], from: number): number {
  outer: for (let i = from; i + run.length <= hay.length; i++) {
    for (let j = 0; j < run.length; j++) if (hay[i + j] !== run[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Null when an excerpt matches: each run between `...` lines occurs in the output as consecutive
 * lines, the runs in the doc's order. Otherwise which run was not found, and the output.
 */
export function excerptMismatch(shown: readonly string[], printed: readonly string[]): string | null {
  const actual = printed.map(normalizeLine);
  let at = 0;
  for (const chunk of excerptChunks(shown.map(normalizeLine))) {
    const i = indexOfRun(actual, chunk, at);
    if (i < 0) return `these lines do not occur in the output (in this order, after the earlier ones):\n${chunk.map((l) => `  | ${l}`).join('\n')}`;
    at = i + chunk.length;
  }
  return null;
}

/** Null when equal; otherwise the first differing line, numbered from the block's first line. */
export function lineDiff(shown: readonly string[], printed: readonly string[], firstLine: number): string | null {
  const a = shown.map(normalizeLine);
  const actual = printed.map(normalizeLine);
  for (let i = 0; i < Math.max(a.length, actual.length); i++) {
    if (a[i] !== actual[i]) {
      return `line ${firstLine + i} differs:\n  doc:    ${a[i] ?? '(no more lines)'}\n  actual: ${actual[i] ?? '(no more lines)'}`;
    }
  }
  return null;
}

/**
 * The new lines for a block in update mode, keeping the doc's own spelling of any line that
 * matches once the machine's numbers are normalized (so an update does not churn wall times).
 */
export function keepingMachineNumbers(old: readonly string[], fresh: readonly string[]): string[] {
  const byNormal = new Map<string, string>();
  for (const l of old) if (!byNormal.has(normalizeLine(l))) byNormal.set(normalizeLine(l), l);
  return fresh.map((l) => byNormal.get(normalizeLine(l)) ?? l);
}

/**
 * An excerpt rewritten from new output: each run is replaced by as many lines of the output,
 * starting at the line that begins like the run's first line (its text up to the first digit).
 * Null when a run's start cannot be found: that excerpt must be redone by hand.
 */
export function updatedExcerpt(shown: readonly string[], printed: readonly string[]): string[] | null {
  const actual = printed.map(normalizeLine);
  const out: string[] = [];
  let at = 0;
  const chunks = excerptChunks(shown);
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c]!;
    const key = normalizeLine(chunk[0]!).replace(/\d.*$/, '');
    let i = at;
    while (i < actual.length && !(key === '' ? actual[i] === normalizeLine(chunk[0]!) : actual[i]!.startsWith(key))) i++;
    if (i >= actual.length) return null;
    if (c > 0 || shown[0]?.trim() === '...') out.push('...');
    out.push(...keepingMachineNumbers(chunk, printed.slice(i, i + chunk.length)));
    at = i + chunk.length;
  }
  if (shown[shown.length - 1]?.trim() === '...') out.push('...');
  return out;
}
