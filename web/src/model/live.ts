/**
 * Encodes live trace records straight into columns, as traceRecordToJson + ChunkBuilder.addJson
 * would, without making the JSON (a frame is described once per uid). Used by the worker.
 */
import { describeFrame, formatMac, traceRecordToJson, type TraceRecord, type TraceSink } from '../../../src/index.js';
import type { ChunkBuilder } from './builder.js';
import {
  K_AGE_OUT, K_APP, K_COMMAND, K_DELIVER, K_DROP, K_FLOOD, K_LEARN, K_ORIGINATE, K_RX, K_STP, K_TABLE_FULL, K_TX, NETDEV_EVENTS, NETDEV_TYPES,
} from './kinds.js';
import { stpText } from './stp-text.js';

export type Frame = Extract<TraceRecord, { kind: 'tx' }>['frame'];

/** Encodes live records straight into the columns (as traceRecordToJson would, without the JSON). */
export class LiveSink implements TraceSink<TraceRecord> {
  /** Encodes each record into columns at once (frames are kept by `keep`, records never). */
  readonly borrows = true;
  constructor(private readonly b: ChunkBuilder, private readonly keep: (f: Frame) => void = () => {}, private readonly onFull: () => void = () => {}) {}

  private frame(f: Frame): number {
    const b = this.b;
    if (!b.knowsFrame(f.uid)) this.keep(f);
    return b.frameIndex(f.uid, f.origin, f.length, () => describeFrame(f), f.tags.length > 0 ? f.tags.map((t) => t.vid) : undefined);
  }

  record(r: TraceRecord): void {
    const b = this.b;
    const at = b.str(r.at.name);
    let full: boolean;
    switch (r.kind) {
      case 'originate': full = b.push(r.t, K_ORIGINATE, at, -1, NaN, this.frame(r.frame), -1, -1, -1); break;
      case 'rx': full = b.push(r.t, K_RX, at, -1, NaN, this.frame(r.frame), -1, -1, -1); break;
      case 'deliver': full = b.push(r.t, K_DELIVER, at, -1, NaN, this.frame(r.frame), -1, -1, -1); break;
      case 'tx': full = b.push(r.t, K_TX, at, b.str(r.to.name), r.arrive, this.frame(r.frame), -1, -1, -1); break;
      case 'drop': full = b.push(r.t, K_DROP, at, -1, NaN, this.frame(r.frame), b.str(r.reason), -1, -1); break;
      case 'flood': full = b.push(r.t, K_FLOOD, at, -1, NaN, this.frame(r.frame), r.copies, -1, -1); break;
      case 'learn': full = b.push(r.t, K_LEARN, at, b.str(r.port.name), NaN, -1, b.str(formatMac(r.mac)), r.vid, r.moved ? 1 : 0); break;
      case 'age-out': full = b.push(r.t, K_AGE_OUT, at, b.str(r.port.name), NaN, -1, b.str(formatMac(r.mac)), r.vid, -1); break;
      case 'table-full': full = b.push(r.t, K_TABLE_FULL, at, -1, NaN, -1, b.str(formatMac(r.mac)), r.vid, -1); break;
      case 'app': full = b.push(r.t, K_APP, at, -1, NaN, -1, b.str(r.app), b.str(r.event), b.str(r.detail)); break;
      case 'command': full = b.push(r.t, K_COMMAND, at, -1, NaN, -1, b.str(r.line), -1, -1); break;
      case 'cable': full = b.pushCable(r.t, at, r.up); break;
      case 'migrate': full = b.pushMigrate(r.t, at, r.event === 'resumed', r.from.name, r.to.name); break;
      case 'netdev':
        full = b.pushNetdev(r.t, at, NETDEV_EVENTS.indexOf(r.event), NETDEV_TYPES.indexOf(r.type), r.host.name, r.peer === null ? null : r.peer.name);
        break;
      case 'stp': {
        // Rare (a few per bridge per change), so going through the JSON form keeps one text for both paths.
        const j = traceRecordToJson(r);
        full = b.push(r.t, K_STP, at, j.port === undefined ? -1 : b.str(j.port), NaN, -1, b.str(j.event ?? ''), b.str(stpText(j)), -1);
        break;
      }
    }
    if (full) this.onFull();
  }
}

