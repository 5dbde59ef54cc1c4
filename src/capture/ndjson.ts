import type { TraceSink } from '../engine/trace-bus.js';
import type { TraceRecord } from '../net/trace.js';
import { formatBridgeId } from '../wire/bpdu.js';
import { describeFrame, type EthernetFrame } from '../wire/ethernet.js';
import { formatMac } from '../wire/mac.js';
import { topologyOf, type Topology } from '../analysis/topology.js';
import type { Simulation } from '../scenario/simulation.js';

/** One trace record as JSON (one line of the NDJSON trace; see docs/trace-format.md). */
export interface TraceJson {
  t: number;
  kind: TraceRecord['kind'];
  at: string;
  to?: string;
  arrive?: number;
  frame?: { uid: number; origin: number; len: number; vlan?: number[]; desc: string };
  reason?: string;
  copies?: number;
  mac?: string;
  vid?: number;
  port?: string;
  moved?: boolean;
  app?: string;
  event?: string;
  detail?: string;
  line?: string;
  /** cable records: plugged in (true) or unplugged (false). */
  up?: boolean;
  /** netdev records: the host, the device's type, and its bridge (enslaved, released) or parent (a VLAN added). */
  host?: string;
  type?: string;
  peer?: string;
  /** stp records: the port's previous state, its new state and role; the bridge's root and root path cost; the topology change flag. migrate records: the TAP the VM leaves (from) and the one it runs behind now (to). */
  from?: string;
  state?: string;
  role?: string;
  root?: string;
  cost?: number;
  on?: boolean;
}

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

function frameJson(f: EthernetFrame): NonNullable<TraceJson['frame']> {
  const j: NonNullable<TraceJson['frame']> = { uid: f.uid, origin: f.origin, len: f.length, desc: describeFrame(f) };
  if (f.tags.length > 0) j.vlan = f.tags.map((t) => t.vid);
  return j;
}

export function traceRecordToJson(r: TraceRecord): TraceJson {
  const j: TraceJson = { t: r.t, kind: r.kind, at: r.at.name };
  switch (r.kind) {
    case 'originate': case 'rx': case 'deliver':
      j.frame = frameJson(r.frame);
      break;
    case 'tx':
      j.to = r.to.name; j.arrive = r.arrive; j.frame = frameJson(r.frame);
      break;
    case 'drop':
      j.frame = frameJson(r.frame); j.reason = r.reason;
      break;
    case 'flood':
      j.frame = frameJson(r.frame); j.copies = r.copies;
      break;
    case 'learn':
      j.mac = formatMac(r.mac); j.vid = r.vid; j.port = r.port.name; j.moved = r.moved;
      break;
    case 'age-out':
      j.mac = formatMac(r.mac); j.vid = r.vid; j.port = r.port.name;
      break;
    case 'table-full':
      j.mac = formatMac(r.mac); j.vid = r.vid;
      break;
    case 'app':
      j.app = r.app; j.event = r.event; j.detail = r.detail;
      break;
    case 'command':
      j.line = r.line;
      break;
    case 'cable':
      j.up = r.up;
      break;
    case 'migrate':
      j.event = r.event; j.from = r.from.name; j.to = r.to.name;
      break;
    case 'netdev':
      j.event = r.event; j.host = r.host.name; j.type = r.type;
      if (r.peer !== null) j.peer = r.peer.name;
      break;
    case 'stp':
      j.event = r.event;
      if (r.event === 'state') {
        j.port = r.port.name; j.from = r.from; j.state = r.to; j.role = r.role;
      } else if (r.event === 'root') {
        if (r.port !== null) j.port = r.port.name;
        j.root = formatBridgeId(r.root.priority, r.root.mac); j.cost = r.cost;
      } else {
        j.on = r.on;
      }
      break;
  }
  return j;
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
