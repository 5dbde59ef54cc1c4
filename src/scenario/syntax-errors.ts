/**
 * YAML and JSON syntax errors in a student's words ("this [ ... ] list is never closed"), each
 * with the offset to point at: where the mistake is, which is not always where the parser gave up
 * (an unclosed bracket or quote points at its opener).
 */
import type { YAMLError } from 'yaml';

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
export function syntaxMessage(e: YAMLError, text: string): { message: string; offset: number } {
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
export function jsonError(text: string): { message: string; offset: number | null } | null {
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
