/**
 * What the shell does to a configuration line before a tool sees it: splits it into words for one
 * simple command (blanks separate words, quotes and backslashes protect, an unquoted `#` at the
 * start of a word begins a comment) and drops a leading `sudo`. Invariant: pipes, lists and
 * redirections are refused, never half-run: vnetsim runs one command per line.
 */
import { refuse } from './core/errors.js';

const OPERATORS = new Set(['|', '&', ';', '<', '>', '(', ')', '`']);

export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const end = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  while (i < line.length) {
    const c = line[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      end();
      i++;
    } else if (c === '#' && !inWord) {
      break;
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) refuse("unexpected EOF while looking for matching `''");
      word += line.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (c === '"') {
      i++;
      inWord = true;
      for (;;) {
        if (i >= line.length) refuse('unexpected EOF while looking for matching `"\'');
        const d = line[i] ?? '';
        if (d === '"') break;
        const next = line[i + 1];
        if (d === '\\' && next !== undefined && '"\\$`'.includes(next)) {
          word += next;
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
      i++;
    } else if (c === '\\') {
      if (i + 1 < line.length) word += line[i + 1];
      inWord = true;
      i += 2;
    } else if (OPERATORS.has(c)) {
      refuse(`vnetsim runs one command per line: "${c}" (pipes, lists, redirections) is not supported`);
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  end();
  return words;
}

/** Drops a leading `sudo` (and its flag-only options such as `-E`): hosts are configured as root. */
export function withoutSudo(words: readonly string[]): string[] {
  if (words[0] !== 'sudo') return [...words];
  let i = 1;
  while (i < words.length && /^-[EHnSks]+$/.test(words[i] ?? '')) i++;
  return words.slice(i);
}
