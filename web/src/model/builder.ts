/**
 * Builds the columnar chunks the worker sends to the page (see ColumnChunk in ./protocol.ts), from
 * the records of a live run or from the lines of an NDJSON trace: both go through one loop over
 * the kind's fields in the record table (src/trace/schema.ts), so a record lands in the same
 * columns, with the same strings in the same order, whichever way it came. Strings and frames are
 * interned: a frame's description is made (or read) once per uid however many hops it makes.
 */
import type { Column, Field, FrameJson } from '../../../src/trace/field.js';
import { valueToJson } from '../../../src/trace/field.js';
import { traceJsonProblem, traceRecordToJson, type TraceJson } from '../../../src/trace/json.js';
import type { TraceRecord } from '../../../src/trace/record.js';
import { KIND_CODE, KIND_ENTRIES, kindCode } from '../../../src/trace/schema.js';
import { describeFrame } from '../../../src/index.js';
import type { EthernetFrame } from '../../../src/index.js';
import type { ColumnChunk } from './protocol.js';

type Values = Readonly<Record<string, unknown>>;

export class ChunkBuilder {
  private readonly strings = new Map<string, number>();
  private newStrings: string[] = [];
  private readonly frames = new Map<number, number>();
  private frameCount = 0;
  private n = 0;
  private t!: Float64Array;
  private kind!: Uint8Array;
  private at!: Int32Array;
  /** The columns a kind's fields go into. */
  private cols!: { to: Int32Array; arrive: Float64Array; frame: Int32Array; a: Int32Array; b: Int32Array; c: Int32Array } & Record<Column, Int32Array | Float64Array>;
  private keep: ((f: EthernetFrame) => void) | null = null;
  private record: TraceRecord | null = null;
  private line: TraceJson | null = null;
  /** The trace line of the record being added (for a kind that keeps its sentence); made only when asked. */
  private readonly recordLine = () => traceRecordToJson(this.record!);
  private readonly jsonLine = () => this.line!;
  private fn = 0;
  private fUid!: Float64Array;
  private fOrigin!: Float64Array;
  private fLen!: Int32Array;
  private fDesc!: Int32Array;
  private fVlan!: Int32Array;
  /** Records added in all. */
  count = 0;

  constructor(readonly chunkSize = 65536) {
    this.alloc();
    this.allocFrames(1024);
  }

  private alloc(): void {
    const n = this.chunkSize;
    this.t = new Float64Array(n);
    this.kind = new Uint8Array(n);
    this.at = new Int32Array(n);
    this.cols = {
      to: new Int32Array(n), arrive: new Float64Array(n), frame: new Int32Array(n), a: new Int32Array(n), b: new Int32Array(n), c: new Int32Array(n),
    };
    this.n = 0;
  }

  private allocFrames(cap: number): void {
    this.fUid = new Float64Array(cap);
    this.fOrigin = new Float64Array(cap);
    this.fLen = new Int32Array(cap);
    this.fDesc = new Int32Array(cap);
    this.fVlan = new Int32Array(cap);
    this.fn = 0;
  }

  private growFrames(): void {
    const cap = this.fUid.length * 2;
    const grow = <T extends Float64Array | Int32Array>(x: T): T => {
      const y = new (x.constructor as { new (n: number): T })(cap);
      y.set(x);
      return y;
    };
    this.fUid = grow(this.fUid);
    this.fOrigin = grow(this.fOrigin);
    this.fLen = grow(this.fLen);
    this.fDesc = grow(this.fDesc);
    this.fVlan = grow(this.fVlan);
  }

  /** The string's index in the shared table. */
  str(s: string): number {
    let i = this.strings.get(s);
    if (i === undefined) {
      i = this.strings.size;
      this.strings.set(s, i);
      this.newStrings.push(s);
    }
    return i;
  }

  /** Adds a frame not seen before; its index. */
  private newFrame(uid: number, origin: number, len: number, desc: string, vlan: readonly number[] | undefined): number {
    const i = this.frameCount++;
    this.frames.set(uid, i);
    if (this.fn === this.fUid.length) this.growFrames();
    const k = this.fn++;
    this.fUid[k] = uid;
    this.fOrigin[k] = origin;
    this.fLen[k] = len;
    this.fDesc[k] = this.str(desc);
    this.fVlan[k] = vlan !== undefined && vlan.length > 0 ? this.str(vlan.join(',')) : -1;
    return i;
  }

  private liveFrame(f: EthernetFrame): number {
    const i = this.frames.get(f.uid);
    if (i !== undefined) return i;
    if (this.keep !== null) this.keep(f);
    return this.newFrame(f.uid, f.origin, f.length, describeFrame(f), f.tags.length > 0 ? f.tags.map((t) => t.vid) : undefined);
  }

  private jsonFrame(f: FrameJson): number {
    return this.frames.get(f.uid) ?? this.newFrame(f.uid, f.origin, f.len, f.desc, f.vlan);
  }

  /** A field's cell: the record's value (`live`) or the line's, in the form the field's type keeps. */
  private cell(f: Field, v: unknown, live: boolean): number {
    if (v === undefined || v === null) return f.type === 'time' ? NaN : f.optional ? -1 : this.missing(f);
    if (f.type === 'frame') return live ? this.liveFrame(v as EthernetFrame) : this.jsonFrame(v as FrameJson);
    const j = live ? valueToJson(f, v) : v;
    switch (f.type) {
      case 'int': case 'time': return j as number;
      case 'bool': return j === true ? 1 : 0;
      case 'enum': return f.values.indexOf(j as string);
      default: return this.str(j as string);
    }
  }

  /** What a line that leaves out a field every record of its kind has is read as. */
  private missing(f: Field): number {
    switch (f.type) {
      case 'int': case 'bool': return 0;
      case 'enum': case 'frame': return -1;
      default: return this.str('');
    }
  }

  /** Appends one record of kind `code`, its fields read from `values` by their record (`live`) or line keys. */
  private add(code: number, t: number, at: string, values: Values, live: boolean, line: () => TraceJson): boolean {
    const e = KIND_ENTRIES[code]!;
    const i = this.n++;
    const cols = this.cols;
    this.t[i] = t;
    this.kind[i] = code;
    this.at[i] = this.str(at);
    cols.to[i] = -1; cols.arrive[i] = NaN; cols.frame[i] = -1; cols.a[i] = -1; cols.b[i] = -1; cols.c[i] = -1;
    for (const f of e.fields) {
      if (f.column !== null) cols[f.column][i] = this.cell(f, values[live ? f.name : f.json], live);
    }
    if (e.textColumn !== null) cols[e.textColumn][i] = this.str(e.text(line()));
    this.count++;
    return this.n === this.chunkSize;
  }

  /** One record of a live run; `keep` sees each frame the first time it appears. True when a chunk is full. */
  addRecord(r: TraceRecord, keep: ((f: EthernetFrame) => void) | null = null): boolean {
    this.keep = keep;
    this.record = r;
    return this.add(KIND_CODE[r.kind], r.t, r.at.name, r as unknown as Values, true, this.recordLine);
  }

  /** One NDJSON record; throws, with the kind's own message, for a line it cannot take. True when a chunk is full. */
  addJson(j: TraceJson): boolean {
    const problem = traceJsonProblem(j);
    if (problem !== null) throw new Error(problem);
    this.line = j;
    return this.add(kindCode(j.kind), j.t, j.at, j as unknown as Values, false, this.jsonLine);
  }

  /** The records and strings added since the last take, or null when there are none. */
  take(): ColumnChunk | null {
    if (this.n === 0 && this.newStrings.length === 0 && this.fn === 0) return null;
    const n = this.n;
    const fn = this.fn;
    const chunk: ColumnChunk = {
      n,
      t: this.t.slice(0, n), kind: this.kind.slice(0, n), at: this.at.slice(0, n), to: this.cols.to.slice(0, n),
      arrive: this.cols.arrive.slice(0, n), frame: this.cols.frame.slice(0, n), a: this.cols.a.slice(0, n), b: this.cols.b.slice(0, n), c: this.cols.c.slice(0, n),
      strings: this.newStrings,
      frames: {
        n: fn, uid: this.fUid.slice(0, fn), origin: this.fOrigin.slice(0, fn), len: this.fLen.slice(0, fn),
        desc: this.fDesc.slice(0, fn), vlan: this.fVlan.slice(0, fn),
      },
    };
    this.newStrings = [];
    this.n = 0;
    this.fn = 0;
    return chunk;
  }
}

/** Splits NDJSON text (possibly arriving in pieces) into lines. */
export class LineSplitter {
  private rest = '';

  push(text: string, onLine: (line: string) => void): void {
    let s = this.rest + text;
    let start = 0;
    for (;;) {
      const nl = s.indexOf('\n', start);
      if (nl < 0) break;
      if (nl > start) onLine(s.slice(start, nl));
      start = nl + 1;
    }
    this.rest = s.slice(start);
    s = '';
  }

  end(onLine: (line: string) => void): void {
    if (this.rest.trim() !== '') onLine(this.rest);
    this.rest = '';
  }
}
