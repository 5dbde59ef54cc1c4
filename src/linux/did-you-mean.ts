/**
 * "Did you mean ...?" for every typo vnetsim answers: a mistyped program (`btctl` -> brctl) and a
 * mistyped key or name in a scenario file (`nicss` -> nics). One distance, optimal string
 * alignment (Levenshtein plus swaps of two neighbours, so `brtcl` is 1 from `brctl`), and one
 * search; what differs between callers is only how close counts as a typo (`Closeness`).
 * Invariant: a guess is offered only within its limit, and between two equally close candidates
 * only when the closeness says the first one wins.
 */

/** Optimal string alignment distance between two words. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      d[i * cols + j] = v;
    }
  }
  return at(rows - 1, cols - 1);
}

/** How close a candidate must be to count as a typo of a word, and which close one is offered. */
export interface Closeness {
  /** Compare case-insensitively; a difference of case alone then counts half an edit. */
  readonly ignoreCase: boolean;
  /** The largest distance still taken for a typo of `word` for `candidate`. */
  limit(word: string, candidate: string): number;
  /**
   * `unique-nearest`: the nearest candidate, offered only when no other is as near (better no
   * guess than a wrong one) and it is within its limit. `first-within-limit`: among candidates
   * within their own limits, the first of the nearest.
   */
  readonly pick: 'unique-nearest' | 'first-within-limit';
}

/** Names and keys in a scenario file: case-blind, about a third of the word, no guess on a tie (host9 -> host1 or host2?). */
const NAME_TYPO: Closeness = {
  ignoreCase: true,
  limit: (word, candidate) => Math.max(1, Math.min(3, Math.floor(Math.max(word.length, candidate.length) / 3))),
  pick: 'unique-nearest',
};

/** The closest candidate when it is close enough to be a likely typo; null otherwise. */
export function didYouMean(word: string, candidates: Iterable<string>, closeness: Closeness = NAME_TYPO): string | null {
  const fold = (s: string): string => (closeness.ignoreCase ? s.toLowerCase() : s);
  const firstWithin = closeness.pick === 'first-within-limit';
  const w = fold(word);
  let best: string | null = null;
  let bestD = Infinity;
  let tied = false;
  for (const c of new Set(candidates)) {
    if (c === word) continue;
    const d = fold(c) === w ? 0.5 : editDistance(w, fold(c));
    if (firstWithin && d > closeness.limit(word, c)) continue;
    if (d < bestD) {
      best = c;
      bestD = d;
      tied = false;
    } else if (d === bestD) {
      tied = true;
    }
  }
  if (best === null || (tied && !firstWithin)) return null;
  return bestD <= closeness.limit(word, best) ? best : null;
}
