/**
 * The worker's trace sink: each record of a live run goes into the columns as it happens, through
 * the same loop over the record table as a trace file's lines (ChunkBuilder), with no JSON made
 * for it (a frame is described once per uid).
 */
import type { TraceRecord, TraceSink } from '../../../src/index.js';
import type { EthernetFrame } from '../../../src/index.js';
import type { ChunkBuilder } from './builder.js';

export type Frame = EthernetFrame;

export class LiveSink implements TraceSink<TraceRecord> {
  /** Encodes each record into columns at once (frames are kept by `keep`, records never). */
  readonly borrows = true;
  constructor(private readonly b: ChunkBuilder, private readonly keep: ((f: Frame) => void) | null = null, private readonly onFull: () => void = () => {}) {}

  record(r: TraceRecord): void {
    if (this.b.addRecord(r, this.keep)) this.onFull();
  }
}
