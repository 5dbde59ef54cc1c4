/**
 * The shape of the code, checked on every `npm test`: imports point down the layers of
 * docs/architecture.md and never up, no file and no folder is part of an import cycle, the core
 * stays platform-neutral, the visualizer sees only the public API, and no source file grows past
 * 400 lines without a reason written here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = normalize(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));

/**
 * The layers, lowest first. A file belongs to the most specific entry its path starts with, and
 * may import files of its own layer or of a layer above it in this list.
 */
const LAYERS = [
  'src/wire/',
  'src/engine/',
  'src/trace/',
  'src/linux/core/',
  'src/linux/iproute/',
  'src/linux/bridge/',
  'src/linux/brctl/',
  'src/linux/',
  'src/net/core/',
  'src/net/link/',
  'src/net/dev/',
  'src/net/stp/',
  'src/net/l2/',
  'src/net/',
  'src/stack/',
  'src/nodes/',
  'src/traffic/',
  'src/scenario/',
  'src/analysis/',
  'src/capture/',
  'src/api.ts',
  'src/index.ts',
  'src/cli/',
  'web/src/',
] as const;

/** What the visualizer may import from src/: the public API, the trace format, and the frame layer view it draws. */
const webMayImport = (file: string) => file === 'src/index.ts' || file.startsWith('src/trace/') || file === 'src/wire/layers.ts';

/** Files over 400 lines, each with the reason it is not split. */
const LONG_FILES: Record<string, string> = {
  'src/net/stp/stp-protocol.ts':
    'the 802.1D procedures of clause 8.6 to 8.10 as one state machine over shared state, in the order the standard gives them, each citing its clause; split, one procedure would be read without the ones it calls',
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const rel = `${dir}/${name}`;
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(join(ROOT, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

interface Import {
  readonly from: string;
  /** The imported file, relative to the root; null for a package or a `node:` module. */
  readonly to: string | null;
  readonly spec: string;
}

function importsOf(file: string): Import[] {
  const info = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  return info.importedFiles.map(({ fileName: spec }) => {
    if (!spec.startsWith('.')) return { from: file, to: null, spec };
    const to = relative(ROOT, normalize(join(ROOT, dirname(file), spec))).replace(/\\/g, '/').replace(/\.js$/, '.ts');
    return { from: file, to, spec };
  });
}

function layerOf(file: string): number {
  let best = -1;
  LAYERS.forEach((prefix, i) => {
    if (file.startsWith(prefix) && (best < 0 || prefix.length > LAYERS[best]!.length)) best = i;
  });
  return best;
}

/** Strongly connected components of more than one node, or with a self-loop (Tarjan). */
function cycles(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index); low.set(v, index); index++;
    stack.push(v); onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); scc.push(w); } while (w !== v);
      if (scc.length > 1 || edges.get(v)?.has(v)) found.push(scc.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!idx.has(v)) visit(v);
  return found;
}

const product = [...sourceFiles('src'), ...sourceFiles('web/src')];
const imports = product.flatMap(importsOf);

describe('the import graph', () => {
  it('puts every product file in a layer', () => {
    expect(product.filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  it('has no upward import', () => {
    const upward = imports
      .filter((i) => i.to !== null && i.to.startsWith('src/') && layerOf(i.to) > layerOf(i.from))
      .map((i) => `${i.from} imports ${i.to} (layer ${LAYERS[layerOf(i.to!)]} is above ${LAYERS[layerOf(i.from)]})`);
    expect(upward).toEqual([]);
  });

  it('has no cycle between files', () => {
    const edges = new Map<string, Set<string>>();
    for (const i of imports) if (i.to !== null) (edges.get(i.from) ?? edges.set(i.from, new Set()).get(i.from)!).add(i.to);
    expect(cycles(edges)).toEqual([]);
  });

  it('has no cycle between folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const i of imports) {
      if (i.to === null || dirname(i.from) === dirname(i.to)) continue;
      const a = dirname(i.from);
      (edges.get(a) ?? edges.set(a, new Set()).get(a)!).add(dirname(i.to));
    }
    expect(cycles(edges)).toEqual([]);
  });

  it('keeps everything under src/ but the CLI platform-neutral (no node: modules)', () => {
    const bad = imports.filter((i) => i.from.startsWith('src/') && !i.from.startsWith('src/cli/') && i.spec.startsWith('node:'));
    expect(bad.map((i) => `${i.from}: ${i.spec}`)).toEqual([]);
  });

  it('lets the visualizer see only the public API of src/', () => {
    const bad = imports.filter((i) => i.from.startsWith('web/src/') && i.to !== null && i.to.startsWith('src/') && !webMayImport(i.to));
    expect(bad.map((i) => `${i.from} imports ${i.to}`)).toEqual([]);
  });

  it('catches an upward import and a cycle when there is one (the checks can fail)', () => {
    expect(layerOf('src/wire/mac.ts')).toBeLessThan(layerOf('src/net/l2/bridge.ts'));
    expect(layerOf('src/net/l2/bridge.ts')).toBeGreaterThan(layerOf('src/net/dev/netdev.ts'));
    const ring = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])], ['d', new Set(['a'])]]);
    expect(cycles(ring)).toEqual([['a', 'b', 'c']]);
  });
});

describe('file size', () => {
  const all = [...product, ...sourceFiles('test'), ...sourceFiles('bench')];
  const lines = (f: string) => readFileSync(join(ROOT, f), 'utf8').split('\n').length - 1;

  it('has no source file over 400 lines without a stated reason', () => {
    expect(all.filter((f) => lines(f) > 400 && !(f in LONG_FILES)).map((f) => `${f}: ${lines(f)} lines`)).toEqual([]);
  });

  it('keeps the list of reasons current', () => {
    expect(Object.keys(LONG_FILES).filter((f) => !all.includes(f) || lines(f) <= 400)).toEqual([]);
  });
});
