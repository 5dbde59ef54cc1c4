/**
 * Where a path of the document is in the file: a line and a column for every problem. The YAML
 * parser keeps each node's offsets; this walks its nodes along the path.
 *
 * Invariant: every path gets an answer. A path that goes deeper than the file does points at the
 * deepest part that exists, and an empty value points at its key, so no problem is left unlocated.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Anchor, PathSegment } from './problem.js';

type Locator = (path: readonly PathSegment[], anchor: Anchor) => { line: number; column: number };

/**
 * Finds where a path is in the file. `value` points at the value (or at its key when the value is
 * empty), `key` at the key itself (unknown keys), `parent` at the map that lacks the key. A path
 * that goes deeper than the file does points at the deepest part that exists.
 */
export function locator(ydoc: Document, lc: LineCounter): Locator {
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
      if (!empty) return n.range![0];
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
