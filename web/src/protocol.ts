/**
 * Messages between the page and its Web Worker, and the columnar form in which trace records
 * travel. Records go in chunks of typed arrays (transferred, not copied); strings (places, frame
 * descriptions, MACs, reasons) go once each, as additions to a shared string table.
 */
import type { Problem, Report, Topology } from '../../src/index.js';

export interface FrameLayer {
  readonly name: string;
  readonly fields: readonly (readonly [string, string])[];
}

/**
 * Records `n` of one chunk, column by column. Per kind:
 *  - originate, rx, deliver: frame
 *  - tx: to, arrive, frame
 *  - drop: frame, a = reason (string)
 *  - flood: frame, a = copies
 *  - learn: a = mac (string), b = vid, to = port, c = moved (0/1)
 *  - age-out: a = mac, b = vid, to = port
 *  - table-full: a = mac, b = vid
 *  - app: a = app, b = event, c = detail (strings)
 *  - command: a = line (string)
 *  - stp: to = port (-1 for a bridge-wide event), a = event, b = the event in words (strings)
 *  - cable: at = the cable (`A<->B`, the id of its topology edge), a = 1 plugged back in, 0 unplugged
 *  - migrate: at = the VM, a = 1 resumed (runs on its new host) / 0 stopped (paused on its old one),
 *    b = from (the TAP it leaves, string), to = to (the TAP it runs behind afterwards, which the
 *    header's topology may lack)
 *  - netdev: at = the device (`host3/br100`), a = event (0 added, 1 removed, 2 enslaved,
 *    3 released: NETDEV_EVENTS), b = its type (0 bridge, 1 tap, 2 vlan, 3 nic: NETDEV_TYPES),
 *    c = its host (string), to = the peer: the bridge for enslaved / released, the parent of a VLAN
 *    sub-interface added (-1 when none)
 * Unused cells are -1 (and NaN for `arrive`). `at` and `to` are string-table indices.
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

export interface FrameChunk {
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
