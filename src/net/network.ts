import { Engine } from '../engine/engine.js';
import { TraceBus } from '../engine/trace-bus.js';
import type { EthernetFrame } from '../wire/frame.js';
import type { DropReason, Place, TraceRecord } from './trace.js';

/**
 * Frame bookkeeping for the conservation law: every frame instance that was made (originated by a
 * stack, or an extra copy made by a flood) is, at any instant, delivered to a stack, dropped with a
 * reason, or still in flight (queued, on a wire, inside the hypervisor hop).
 */
export class FrameLedger {
  originated = 0;
  copies = 0;
  delivered = 0;
  dropped = 0;
  readonly dropsByReason = new Map<DropReason, number>();
  /** Frames that completed one hop (a link or the hypervisor hop). */
  hops = 0;
  /** The most frame instances alive at once: what a storm's memory is bounded by. */
  peakInFlight = 0;

  /** Frame instances made and not yet delivered or dropped. */
  get live(): number {
    return this.originated + this.copies - this.delivered - this.dropped;
  }
}

/** Something that holds frames in flight and can count them (links, hypervisor hops). */
export interface FrameHolder {
  framesInFlight(): number;
}

/**
 * The shared context of one simulated network: the engine, the trace bus, the frame ledger and the
 * identity counters. Devices get it at construction.
 */
export class Network {
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
    if (this.trace.on) this.trace.emit({ kind: 'originate', t: this.engine.now, at, frame });
  }

  drop(at: Place, frame: EthernetFrame, reason: DropReason): void {
    const l = this.ledger;
    l.dropped++;
    l.dropsByReason.set(reason, (l.dropsByReason.get(reason) ?? 0) + 1);
    if (this.trace.on) this.trace.emit({ kind: 'drop', t: this.engine.now, at, frame, reason });
  }

  deliver(at: Place, frame: EthernetFrame): void {
    this.ledger.delivered++;
    if (this.trace.on) this.trace.emit({ kind: 'deliver', t: this.engine.now, at, frame });
  }

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
}
