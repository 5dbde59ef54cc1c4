/**
 * File patterns for `vnetsim run 'scenarios/*.yaml'` when the shell did not expand them (quoted,
 * or a shell without globbing): `*` and `?` within one path segment, `**` for any number of
 * directories. As a shell does: names starting with `.` match only a pattern segment that starts
 * with `.`, symbolic links to directories are not followed, and matches are sorted.
 * Invariant: an argument without a wildcard, or naming a file that exists, is taken as it is.
 */
import { readdirSync, existsSync, type Dirent } from 'node:fs';

export function isPattern(arg: string): boolean {
  return /[*?]/.test(arg) && !existsSync(arg);
}

/** One segment (`*.yaml`, `0?-*`) as a regular expression over one name. */
function segmentRegex(seg: string): RegExp {
  let re = '';
  for (const ch of seg) {
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir === '' ? '.' : dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Matches of `segs` below `dir` (a path as the user typed it, '' for the current directory). */
function walk(dir: string, segs: readonly string[], out: string[]): void {
  const [seg, ...rest] = segs;
  if (seg === undefined) return;
  const at = (name: string) => (dir === '' ? name : dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`);
  if (seg === '**') {
    if (rest.length === 0) return walk(dir, ['**', '*'], out);
    // Zero directories, then each subdirectory in turn (with ** still ahead of it).
    walk(dir, rest, out);
    for (const e of entries(dir)) if (e.isDirectory() && !e.name.startsWith('.')) walk(at(e.name), segs, out);
    return;
  }
  if (!/[*?]/.test(seg)) {
    const path = at(seg);
    if (rest.length === 0) { if (existsSync(path)) out.push(path); } else walk(path, rest, out);
    return;
  }
  const re = segmentRegex(seg);
  for (const e of entries(dir)) {
    if (e.name.startsWith('.') && !seg.startsWith('.')) continue;
    if (!re.test(e.name)) continue;
    if (rest.length === 0) { if (e.isFile()) out.push(at(e.name)); } else if (e.isDirectory()) walk(at(e.name), rest, out);
  }
}

/** The files a pattern names, sorted, without duplicates (`**` can reach a file twice). */
export function expandPattern(pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const segs = pattern.split('/').filter((s, i) => s !== '' || i === 0).filter((s) => s !== '');
  const out: string[] = [];
  walk(absolute ? '/' : '', segs, out);
  return [...new Set(out)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
