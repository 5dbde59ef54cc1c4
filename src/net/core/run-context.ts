import { Engine } from '../../engine/engine.js';
import { TraceBus } from '../../engine/trace-bus.js';
import type { DropReason } from '../../trace/drop-reason.js';
import type { Place } from '../../trace/place.js';
import type { TraceRecord } from '../../trace/record.js';
import { FrameLedger } from './frame-ledger.js';
import type { EthernetFrame } from '../../wire/ethernet.js';
import type { Mac } from '../../wire/mac.js';

/** A record object that is filled in again for every event of its kind. */
type Reused<K extends TraceRecord['kind']> = { -readonly [F in keyof Extract<TraceRecord, { kind: K }>]: Extract<TraceRecord, { kind: K }>[F] };

/** Placeholders of the reused records before their first use. */
const NOWHERE: Place = { id: 0, name: '' };
const NO_FRAME = null as unknown as EthernetFrame;

/**
 * The reused record of one kind. Every kind's reused record has every field of all of them, in
 * the same order, so they share one hidden class: a sink reading `r.t` of whatever kind then reads
 * one shape, where seven shapes would make the read megamorphic, and a megamorphic read boxes a
 * double field (a time) anew each time. The fields a kind does not have are never read.
 */
function reusedRecord<K extends 'originate' | 'drop' | 'deliver' | 'tx' | 'rx' | 'flood' | 'learn'>(kind: K): Reused<K> {
  const r = { kind: kind as string, t: 0, at: NOWHERE, frame: NO_FRAME, to: NOWHERE, arrive: 0, reason: 'queue-full', copies: 0, mac: 0, vid: 0, port: NOWHERE, moved: false };
  return r as unknown as Reused<K>;
}

/** Something that holds frames in flight and can count and show them (links, hypervisor hops). */
export interface FrameHolder {
  framesInFlight(): number;
  /** Each frame held (queued, being sent, on the wire), oldest first; for reports, not the per-hop path. */
  forEachFrameInFlight(visit: (frame: EthernetFrame) => void): void;
}

/**
 * The context of one run: the engine, the trace bus, the frame ledger and the identity counters
 * (frame uids, place ids). Every device gets it at construction; it knows no topology.
 */
export class RunContext {
  readonly trace = new TraceBus<TraceRecord>();
  readonly ledger = new FrameLedger();
  readonly holders: FrameHolder[] = [];
  private uid = 0;
  private placeIds = 0;

  constructor(readonly engine: Engine) {}

  get now(): number {
    return this.engine.now;
  }

  nextUid(): number {
    return ++this.uid;
  }

  nextPlaceId(): number {
    return ++this.placeIds;
  }

  /** A stack or generator made a new frame. */
  originate(at: Place, frame: EthernetFrame): void {
    const l = this.ledger;
    l.originated++;
    if (l.live > l.peakInFlight) l.peakInFlight = l.live;
    if (!this.trace.on) return;
    if (!this.trace.reuse) {
      this.trace.emit({ kind: 'originate', t: this.engine.now, at, frame });
      return;
    }
    const r = this.originateRecord;
    r.t = this.engine.now; r.at = at; r.frame = frame;
    this.trace.emit(r);
  }

  drop(at: Place, frame: EthernetFrame, reason: DropReason): void {
    const l = this.ledger;
    l.dropped++;
    l.dropsByReason.set(reason, (l.dropsByReason.get(reason) ?? 0) + 1);
    if (!this.trace.on) return;
    if (!this.trace.reuse) {
      this.trace.emit({ kind: 'drop', t: this.engine.now, at, frame, reason });
      return;
    }
    const r = this.dropRecord;
    r.t = this.engine.now; r.at = at; r.frame = frame; r.reason = reason;
    this.trace.emit(r);
  }

  deliver(at: Place, frame: EthernetFrame): void {
    this.ledger.delivered++;
    if (!this.trace.on) return;
    if (!this.trace.reuse) {
      this.trace.emit({ kind: 'deliver', t: this.engine.now, at, frame });
      return;
    }
    const r = this.deliverRecord;
    r.t = this.engine.now; r.at = at; r.frame = frame;
    this.trace.emit(r);
  }

  // The busiest records, emitted through one reused object each when every sink only borrows
  // records (trace.reuse): a frame-hop then allocates no record. Callers test `trace.on` first.

  /** A frame starts onto a link or the hypervisor hop. */
  emitTx(at: Place, to: Place, frame: EthernetFrame, travel: number): void {
    // The frame arrives `travel` ns from now; the sum is made here, since a time past 2^31 ns
    // passed as an argument would be boxed.
    const now = this.engine.now;
    if (!this.trace.reuse) {
      this.trace.emit({ kind: 'tx', t: now, at, to, frame, arrive: now + travel });
      return;
    }
    const r = this.txRecord;
    r.t = now; r.at = at; r.to = to; r.frame = frame; r.arrive = now + travel;
    this.trace.emit(r);
  }

  /** A frame finished a hop. */
  emitRx(at: Place, frame: EthernetFrame): void {
    if (!this.trace.reuse) {
      this.trace.emit({ kind: 'rx', t: this.engine.now, at, frame });
      return;
    }
    const r = this.rxRecord;
    r.t = this.engine.now; r.at = at; r.frame = frame;
    this.trace.emit(r);
  }

  /** A bridge or switch floods `copies` copies. */
  emitFlood(at: Place, frame: EthernetFrame, copies: number): void {
    if (!this.trace.reuse) {
      this.trace.emit({ kind: 'flood', t: this.engine.now, at, frame, copies });
      return;
    }
    const r = this.floodRecord;
    r.t = this.engine.now; r.at = at; r.frame = frame; r.copies = copies;
    this.trace.emit(r);
  }

  /** A bridge or switch learned (or moved) a station. */
  emitLearn(at: Place, frame: EthernetFrame, vid: number, port: Place, moved: boolean): void {
    // The station is the frame's source: taken from the frame here, since a MAC passed as an
    // argument is a double and would be boxed (a storm's flapping MAC moves on every hop).
    if (!this.trace.reuse) {
      this.trace.emit({ kind: 'learn', t: this.engine.now, at, mac: frame.src, vid, port, moved });
      return;
    }
    const r = this.learnRecord;
    r.t = this.engine.now; r.at = at; r.mac = frame.src; r.vid = vid; r.port = port; r.moved = moved;
    this.trace.emit(r);
  }

  private readonly originateRecord = reusedRecord('originate');
  private readonly dropRecord = reusedRecord('drop');
  private readonly deliverRecord = reusedRecord('deliver');
  private readonly txRecord = reusedRecord('tx');
  private readonly rxRecord = reusedRecord('rx');
  private readonly floodRecord = reusedRecord('flood');
  private readonly learnRecord = reusedRecord('learn');

  /** A device turned one frame into `outputs` frames (a flood); the extra ones are new instances. */
  fanOut(outputs: number): void {
    if (outputs <= 1) return;
    const l = this.ledger;
    l.copies += outputs - 1;
    if (l.live > l.peakInFlight) l.peakInFlight = l.live;
  }

  framesInFlight(): number {
    let n = 0;
    for (const h of this.holders) n += h.framesInFlight();
    return n;
  }

  /** Every frame in flight, holder by holder in the order they were made. */
  forEachFrameInFlight(visit: (frame: EthernetFrame) => void): void {
    for (const h of this.holders) h.forEachFrameInFlight(visit);
  }
}
