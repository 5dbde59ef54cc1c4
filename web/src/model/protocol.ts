/**
 * Messages between the page and its Web Worker, and the columnar form in which trace records
 * travel. Records go in chunks of typed arrays (transferred, not copied); strings (places, frame
 * descriptions, MACs, reasons) go once each, as additions to a shared string table.
 */
import type { Problem, Report, Topology } from '../../../src/index.js';

export interface FrameLayer {
  readonly name: string;
  readonly fields: readonly (readonly [string, string])[];
}

/**
 * Records `n` of one chunk, column by column: `t`, `kind` (the kind's code in the record table,
 * src/trace/schema.ts), `at` (a string-table index), and the columns the kind's fields name in
 * the table (`to`, `arrive`, `frame`, `a`, `b`, `c`; see src/trace/field.ts for what a column
 * holds for each type of field, and ./slots.ts for reading them by name). Unused cells are -1
 * (and NaN for `arrive`).
 */
export interface ColumnChunk {
  readonly n: number;
  readonly t: Float64Array;
  readonly kind: Uint8Array;
  readonly at: Int32Array;
  readonly to: Int32Array;
  readonly arrive: Float64Array;
  readonly frame: Int32Array;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly c: Int32Array;
  /** Strings added to the table by this chunk, in index order. */
  readonly strings: string[];
  /** Frames (distinct uids) added by this chunk, in frame-index order. */
  readonly frames: FrameChunk;
}

interface FrameChunk {
  readonly n: number;
  readonly uid: Float64Array;
  readonly origin: Float64Array;
  readonly len: Int32Array;
  /** String index of the one-line description. */
  readonly desc: Int32Array;
  /** String index of the VLAN list ("100" or "100,200"), -1 when untagged. */
  readonly vlan: Int32Array;
}

export interface SourceMeta {
  readonly kind: 'scenario' | 'trace';
  readonly file: string;
  readonly name: string;
  readonly seed: number;
  readonly duration: number;
}

export type ToWorker =
  | { readonly type: 'run'; readonly text: string; readonly file: string }
  | { readonly type: 'trace-url'; readonly url: string; readonly file: string }
  | { readonly type: 'trace-file'; readonly blob: Blob; readonly file: string }
  | { readonly type: 'trace-text'; readonly text: string; readonly file: string }
  | { readonly type: 'layers'; readonly uid: number };

export type FromWorker =
  | { readonly type: 'problems'; readonly problems: readonly Problem[] }
  | { readonly type: 'begin'; readonly meta: SourceMeta; readonly topology: Topology }
  | { readonly type: 'chunk'; readonly chunk: ColumnChunk }
  | { readonly type: 'progress'; readonly t: number; readonly records: number }
  | { readonly type: 'done'; readonly report: Report | null; readonly records: number; readonly ms: number }
  | { readonly type: 'layers'; readonly uid: number; readonly layers: FrameLayer[] | null }
  | { readonly type: 'error'; readonly message: string };

export function chunkTransferables(c: ColumnChunk): ArrayBuffer[] {
  return [c.t, c.kind, c.at, c.to, c.arrive, c.frame, c.a, c.b, c.c, c.frames.uid, c.frames.origin, c.frames.len, c.frames.desc, c.frames.vlan]
    .map((x) => x.buffer as ArrayBuffer);
}
