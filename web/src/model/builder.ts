/**
 * Builds the columnar chunks the worker sends to the page (see ColumnChunk in ../protocol.ts), from
 * NDJSON trace lines or from live records. Strings and frames are interned: a frame's description
 * is stored once per uid however many hops it makes.
 */
import type { TraceJson } from '../../../src/index.js';
import type { ColumnChunk } from '../protocol.js';
import {
  K_AGE_OUT, K_APP, K_CABLE, K_COMMAND, K_DELIVER, K_DROP, K_FLOOD, K_LEARN, K_MIGRATE, K_NETDEV, K_ORIGINATE, K_RX, K_STP, K_TABLE_FULL, K_TX, kindIndex,
  ND_ENSLAVED, ND_RELEASED, NETDEV_EVENTS, NETDEV_TYPES,
} from './kinds.js';
import { stpText } from './stp-text.js';

export class ChunkBuilder {
  private readonly strings = new Map<string, number>();
  private newStrings: string[] = [];
  private readonly frames = new Map<number, number>();
  private frameCount = 0;
  private n = 0;
  private t!: Float64Array;
  private kind!: Uint8Array;
  private at!: Int32Array;
  private to!: Int32Array;
  private arrive!: Float64Array;
  private frame!: Int32Array;
  private a!: Int32Array;
  private b!: Int32Array;
  private c!: Int32Array;
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
    this.to = new Int32Array(n);
    this.arrive = new Float64Array(n);
    this.frame = new Int32Array(n);
    this.a = new Int32Array(n);
    this.b = new Int32Array(n);
    this.c = new Int32Array(n);
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

  /** Whether this frame uid was seen before (so its description need not be made again). */
  knowsFrame(uid: number): boolean {
    return this.frames.has(uid);
  }

  /** The frame's index; `desc` is only called for a uid not seen before. */
  frameIndex(uid: number, origin: number, len: number, desc: () => string, vlan: readonly number[] | undefined): number {
    let i = this.frames.get(uid);
    if (i !== undefined) return i;
    i = this.frameCount++;
    this.frames.set(uid, i);
    if (this.fn === this.fUid.length) this.growFrames();
    const k = this.fn++;
    this.fUid[k] = uid;
    this.fOrigin[k] = origin;
    this.fLen[k] = len;
    this.fDesc[k] = this.str(desc());
    this.fVlan[k] = vlan !== undefined && vlan.length > 0 ? this.str(vlan.join(',')) : -1;
    return i;
  }

  /** Appends one record; true when a chunk is full and should be taken. */
  push(t: number, kind: number, at: number, to: number, arrive: number, frame: number, a: number, b: number, c: number): boolean {
    const i = this.n++;
    this.t[i] = t;
    this.kind[i] = kind;
    this.at[i] = at;
    this.to[i] = to;
    this.arrive[i] = arrive;
    this.frame[i] = frame;
    this.a[i] = a;
    this.b[i] = b;
    this.c[i] = c;
    this.count++;
    return this.n === this.chunkSize;
  }

  /** A cable record (the same columns from a live run and from NDJSON); true when a chunk is full. */
  pushCable(t: number, at: number, up: boolean): boolean {
    return this.push(t, K_CABLE, at, -1, NaN, -1, up ? 1 : 0, -1, -1);
  }

  /**
   * A migrate record (the same columns from a live run and from NDJSON): VM `at` stopped on its old
   * host or resumed on its new one, leaving TAP `from` for TAP `to`; true when a chunk is full.
   */
  pushMigrate(t: number, at: number, resumed: boolean, from: string, to: string): boolean {
    return this.push(t, K_MIGRATE, at, this.str(to), NaN, -1, resumed ? 1 : 0, this.str(from), -1);
  }

  /**
   * A netdev record (the same columns from a live run and from NDJSON): device `at` of `host`, its
   * `event` and `type` (indices into NETDEV_EVENTS / NETDEV_TYPES), its bridge or VLAN parent
   * `peer`; true when a chunk is full.
   */
  pushNetdev(t: number, at: number, event: number, type: number, host: string, peer: string | null): boolean {
    const h = this.str(host);
    return this.push(t, K_NETDEV, at, peer === null ? -1 : this.str(peer), NaN, -1, event, type, h);
  }

  get pending(): number {
    return this.n;
  }

  /** One NDJSON record (TraceJson); true when a chunk is full. */
  addJson(j: TraceJson): boolean {
    const kind = kindIndex(j.kind);
    const at = this.str(j.at);
    // A hop's destination is interned before its frame, as LiveSink does: the same string table.
    const to = kind === K_TX ? this.str(j.to!) : -1;
    const f = j.frame;
    const frame = f === undefined ? -1 : this.frameIndex(f.uid, f.origin, f.len, () => f.desc, f.vlan);
    switch (kind) {
      case K_ORIGINATE: case K_RX: case K_DELIVER:
        return this.push(j.t, kind, at, -1, NaN, frame, -1, -1, -1);
      case K_TX:
        return this.push(j.t, kind, at, to, j.arrive!, frame, -1, -1, -1);
      case K_DROP:
        return this.push(j.t, kind, at, -1, NaN, frame, this.str(j.reason ?? ''), -1, -1);
      case K_FLOOD:
        return this.push(j.t, kind, at, -1, NaN, frame, j.copies ?? 0, -1, -1);
      case K_LEARN:
        return this.push(j.t, kind, at, this.str(j.port ?? ''), NaN, -1, this.str(j.mac ?? ''), j.vid ?? 0, j.moved ? 1 : 0);
      case K_AGE_OUT:
        return this.push(j.t, kind, at, this.str(j.port ?? ''), NaN, -1, this.str(j.mac ?? ''), j.vid ?? 0, -1);
      case K_TABLE_FULL:
        return this.push(j.t, kind, at, -1, NaN, -1, this.str(j.mac ?? ''), j.vid ?? 0, -1);
      case K_APP:
        return this.push(j.t, kind, at, -1, NaN, -1, this.str(j.app ?? ''), this.str(j.event ?? ''), this.str(j.detail ?? ''));
      case K_COMMAND:
        return this.push(j.t, kind, at, -1, NaN, -1, this.str(j.line ?? ''), -1, -1);
      case K_STP:
        return this.push(j.t, kind, at, j.port === undefined ? -1 : this.str(j.port), NaN, -1, this.str(j.event ?? ''), this.str(stpText(j)), -1);
      case K_CABLE:
        // Guessing would draw the cable in the wrong state from then on.
        if (typeof j.up !== 'boolean') throw new Error('a cable record needs "up": true (plugged in) or false (unplugged)');
        return this.pushCable(j.t, at, j.up);
      case K_MIGRATE:
        // Guessing would draw the VM on the wrong host from then on.
        if ((j.event !== 'stopped' && j.event !== 'resumed') || !isPlace(j.at) || !isPlace(j.from) || !isPlace(j.to)) {
          throw new Error('a migrate record needs "at" (the VM), "event": "stopped" or "resumed", "from" (the TAP it leaves) and "to" (the TAP it runs behind after)');
        }
        return this.pushMigrate(j.t, at, j.event === 'resumed', j.from, j.to);
      case K_NETDEV: {
        // Guessing would draw a device or a bridge port that is not there (or miss one that is).
        const event = NETDEV_EVENTS.indexOf(j.event as never), type = NETDEV_TYPES.indexOf(j.type as never);
        const needsPeer = event === ND_ENSLAVED || event === ND_RELEASED;
        if (event < 0 || type < 0 || !isPlace(j.at) || !isPlace(j.host) || (needsPeer ? !isPlace(j.peer) : j.peer !== undefined && !isPlace(j.peer))) {
          throw new Error('a netdev record needs "at" (the device), "host", "event": "added", "removed", "enslaved" or "released", '
            + '"type": "bridge", "tap", "vlan" or "nic", and "peer" (the bridge) when enslaved or released');
        }
        return this.pushNetdev(j.t, at, event, type, j.host, j.peer ?? null);
      }
      default:
        throw new Error(`unhandled kind ${j.kind}`);
    }
  }

  /** The records and strings added since the last take, or null when there are none. */
  take(): ColumnChunk | null {
    if (this.n === 0 && this.newStrings.length === 0 && this.fn === 0) return null;
    const n = this.n;
    const fn = this.fn;
    const chunk: ColumnChunk = {
      n,
      t: this.t.slice(0, n), kind: this.kind.slice(0, n), at: this.at.slice(0, n), to: this.to.slice(0, n),
      arrive: this.arrive.slice(0, n), frame: this.frame.slice(0, n), a: this.a.slice(0, n), b: this.b.slice(0, n), c: this.c.slice(0, n),
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

function isPlace(x: unknown): x is string {
  return typeof x === 'string' && x !== '';
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
