import type { TraceRecord, TraceKind } from '../net/trace.js';
import type { TraceSink } from '../engine/trace-bus.js';

const KIND_CODE: Record<TraceKind, number> = {
  originate: 1, tx: 2, rx: 3, drop: 4, flood: 5, learn: 6, 'age-out': 7, 'table-full': 8, deliver: 9, app: 10, command: 11, stp: 12,
};

const KIND_ORIGINATE = KIND_CODE.originate;
const KIND_RX = KIND_CODE.rx;
const KIND_DELIVER = KIND_CODE.deliver;
const KIND_LEARN = KIND_CODE.learn;
const KIND_TX = KIND_CODE.tx;
const KIND_DROP = KIND_CODE.drop;
const KIND_FLOOD = KIND_CODE.flood;

/**
 * A fingerprint of a run (OMNeT++'s idea): a 64-bit FNV-1a-style hash over every trace record's
 * kind, time, place and frame identity, in order. Any change in behaviour changes it.
 */
export class TraceHash implements TraceSink<TraceRecord> {
  readonly borrows = true;
  // The two 32-bit lanes live in an Int32Array: as object fields, values beyond the small-integer
  // range would be boxed anew on every store (an allocation per mix).
  private readonly lanes = Int32Array.of(0x811c9dc5 | 0, 0xcbf29ce4 | 0);
  records = 0;

  record(r: TraceRecord): void {
    this.records++;
    // Values go through an Int32Array (ToInt32 takes their low 32 bits), then one loop mixes them:
    // passing 64-bit times and MACs to a helper would box each one (an allocation per value). Each
    // kind reads its own fields in its own branch, so every property access sees one record shape:
    // a 64-bit time read where several shapes meet is boxed too.
    const v = this.values;
    let n = 4;
    switch (r.kind) {
      case 'rx':
        v[0] = KIND_RX; v[1] = r.t; v[2] = r.t / 4294967296; v[3] = r.at.id;
        v[n++] = r.frame.uid; v[n++] = r.frame.origin; v[n++] = r.frame.length;
        break;
      case 'deliver':
        v[0] = KIND_DELIVER; v[1] = r.t; v[2] = r.t / 4294967296; v[3] = r.at.id;
        v[n++] = r.frame.uid; v[n++] = r.frame.origin; v[n++] = r.frame.length;
        break;
      case 'originate':
        v[0] = KIND_ORIGINATE; v[1] = r.t; v[2] = r.t / 4294967296; v[3] = r.at.id;
        v[n++] = r.frame.uid; v[n++] = r.frame.origin; v[n++] = r.frame.length;
        break;
      case 'tx':
        v[0] = KIND_TX; v[1] = r.t; v[2] = r.t / 4294967296; v[3] = r.at.id;
        v[n++] = r.frame.uid; v[n++] = r.to.id; v[n++] = r.arrive;
        break;
      case 'drop':
        v[0] = KIND_DROP; v[1] = r.t; v[2] = r.t / 4294967296; v[3] = r.at.id;
        v[n++] = r.frame.uid; n = this.mixString(n, r.reason);
        break;
      case 'flood':
        v[0] = KIND_FLOOD; v[1] = r.t; v[2] = r.t / 4294967296; v[3] = r.at.id;
        v[n++] = r.frame.uid; v[n++] = r.copies;
        break;
      case 'learn':
        v[0] = KIND_LEARN; v[1] = r.t; v[2] = r.t / 4294967296; v[3] = r.at.id;
        v[n++] = r.mac; v[n++] = r.mac / 4294967296; v[n++] = r.vid; v[n++] = r.port.id;
        break;
      case 'age-out':
        v[0] = KIND_CODE[r.kind]; v[1] = r.t; v[2] = r.t / 4294967296; v[3] = r.at.id;
        v[n++] = r.mac; v[n++] = r.mac / 4294967296; v[n++] = r.vid; v[n++] = r.port.id;
        break;
      case 'table-full':
        v[0] = KIND_CODE[r.kind]; v[1] = r.t; v[2] = r.t / 4294967296; v[3] = r.at.id;
        v[n++] = r.mac; v[n++] = r.mac / 4294967296; v[n++] = r.vid;
        break;
      case 'app':
        v[0] = KIND_CODE[r.kind]; v[1] = r.t; v[2] = r.t / 4294967296; v[3] = r.at.id;
        n = this.mixString(n, r.event); n = this.mixString(n, r.detail);
        break;
      case 'command':
        v[0] = KIND_CODE[r.kind]; v[1] = r.t; v[2] = r.t / 4294967296; v[3] = r.at.id;
        n = this.mixString(n, r.line);
        break;
      case 'stp':
        v[0] = KIND_CODE[r.kind]; v[1] = r.t; v[2] = r.t / 4294967296; v[3] = r.at.id;
        n = this.mixString(n, r.event);
        if (r.event === 'state') {
          v[n++] = r.port.id; n = this.mixString(n, r.to);
        } else if (r.event === 'root') {
          v[n++] = r.port === null ? 0 : r.port.id; v[n++] = r.root.priority; v[n++] = r.root.mac; v[n++] = r.root.mac / 4294967296; v[n++] = r.cost;
        } else {
          v[n++] = r.on ? 1 : 0;
        }
        break;
    }
    this.mixValues(n);
  }

  private readonly values = new Int32Array(16);

  /** Mixes values[0..n) into both lanes. */
  private mixValues(n: number): void {
    const lanes = this.lanes, v = this.values;
    let a = lanes[0]!, b = lanes[1]!;
    for (let i = 0; i < n; i++) {
      a = Math.imul(a ^ v[i]!, 0x01000193);
      b = Math.imul(b ^ v[i]!, 0x5bd1e995);
      b ^= b >>> 13;
    }
    lanes[0] = a;
    lanes[1] = b;
  }

  /** Mixes the values so far, then the string's characters; returns 0 (the values are consumed). */
  private mixString(n: number, s: string): number {
    this.mixValues(n);
    const lanes = this.lanes;
    let a = lanes[0]!, b = lanes[1]!;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 13;
    }
    lanes[0] = a;
    lanes[1] = b;
    return 0;
  }

  hex(): string {
    return (this.lanes[0]! >>> 0).toString(16).padStart(8, '0') + (this.lanes[1]! >>> 0).toString(16).padStart(8, '0');
  }
}
