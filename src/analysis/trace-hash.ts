import type { TraceRecord, TraceKind } from '../net/trace.js';
import type { TraceSink } from '../engine/trace-bus.js';

const KIND_CODE: Record<TraceKind, number> = {
  originate: 1, tx: 2, rx: 3, drop: 4, flood: 5, learn: 6, 'age-out': 7, 'table-full': 8, deliver: 9, app: 10, command: 11, stp: 12, cable: 13, migrate: 14,
};

/**
 * A fingerprint of a run (OMNeT++'s idea): a 64-bit FNV-1a-style hash over every trace record's
 * kind, time, place and frame identity, in order. Any change in behaviour changes it.
 */
export class TraceHash implements TraceSink<TraceRecord> {
  readonly borrows = true;
  // The two 32-bit lanes live in an Int32Array: as object fields, values beyond the small-integer
  // range would be boxed anew on every store.
  private readonly lanes = Int32Array.of(0x811c9dc5 | 0, 0xcbf29ce4 | 0);
  records = 0;

  record(r: TraceRecord): void {
    this.records++;
    this.mix(KIND_CODE[r.kind]);
    this.mix(r.t);
    this.mix(r.t / 4294967296);
    this.mix(r.at.id);
    switch (r.kind) {
      case 'originate': case 'rx': case 'deliver':
        this.mix(r.frame.uid); this.mix(r.frame.origin); this.mix(r.frame.length);
        break;
      case 'tx':
        this.mix(r.frame.uid); this.mix(r.to.id); this.mix(r.arrive);
        break;
      case 'drop':
        this.mix(r.frame.uid); this.mixString(r.reason);
        break;
      case 'flood':
        this.mix(r.frame.uid); this.mix(r.copies);
        break;
      case 'learn': case 'age-out':
        this.mix(r.mac); this.mix(r.mac / 4294967296); this.mix(r.vid); this.mix(r.port.id);
        break;
      case 'table-full':
        this.mix(r.mac); this.mix(r.mac / 4294967296); this.mix(r.vid);
        break;
      case 'app':
        this.mixString(r.event); this.mixString(r.detail);
        break;
      case 'command':
        this.mixString(r.line);
        break;
      case 'cable':
        this.mix(r.up ? 1 : 0);
        break;
      case 'migrate':
        this.mixString(r.event); this.mix(r.from.id); this.mix(r.to.id);
        break;
      case 'stp':
        this.mixString(r.event);
        if (r.event === 'state') {
          this.mix(r.port.id); this.mixString(r.to);
        } else if (r.event === 'root') {
          this.mix(r.port === null ? 0 : r.port.id); this.mix(r.root.priority); this.mix(r.root.mac); this.mix(r.root.mac / 4294967296); this.mix(r.cost);
        } else {
          this.mix(r.on ? 1 : 0);
        }
        break;
    }
  }

  /** Mixes the low 32 bits of an integer (ToInt32, which `^` applies) into both lanes. */
  private mix(v: number): void {
    const lanes = this.lanes;
    lanes[0] = Math.imul(lanes[0]! ^ v, 0x01000193);
    const b = Math.imul(lanes[1]! ^ v, 0x5bd1e995);
    lanes[1] = b ^ (b >>> 13);
  }

  private mixString(s: string): void {
    for (let i = 0; i < s.length; i++) this.mix(s.charCodeAt(i));
  }

  hex(): string {
    return (this.lanes[0]! >>> 0).toString(16).padStart(8, '0') + (this.lanes[1]! >>> 0).toString(16).padStart(8, '0');
  }
}
