/**
 * The NDJSON trace file (docs/trace-format.md): a header line with the run and its topology, then
 * one line per record, each made by the record table's JSON codec (src/trace/json.ts).
 */
import type { TraceSink } from '../engine/trace-bus.js';
import type { TraceRecord } from '../trace/record.js';
import { topologyOf, type Topology } from '../analysis/topology.js';
import type { Simulation } from '../scenario/simulation.js';
import { traceRecordToJson } from '../trace/json.js';

/** The first line of a trace file: what produced it and the network's boxes and lines. */
export interface TraceHeader {
  kind: 'header';
  format: 1;
  scenario: string;
  seed: number;
  duration: number;
  topology: Topology;
}

export function traceHeader(sim: Simulation): TraceHeader {
  return { kind: 'header', format: 1, scenario: sim.doc.name, seed: sim.doc.seed, duration: sim.doc.duration, topology: topologyOf(sim) };
}

/**
 * Writes the trace as NDJSON through a `write(chunk)` callback, batching lines into chunks so a
 * file sink makes few system calls.
 */
export class NdjsonTraceWriter implements TraceSink<TraceRecord> {
  readonly borrows = true;
  private buffer: string[] = [];
  count = 0;

  /** `header` becomes the first line: `{"kind":"header", ...}` (format version, scenario, topology). */
  constructor(private readonly write: (chunk: string) => void, header: TraceHeader | null = null, private readonly batch = 4096) {
    if (header) this.buffer.push(JSON.stringify(header));
  }

  record(r: TraceRecord): void {
    this.buffer.push(JSON.stringify(traceRecordToJson(r)));
    this.count++;
    if (this.buffer.length >= this.batch) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    this.write(this.buffer.join('\n') + '\n');
    this.buffer = [];
  }
}
