import type { DropReason } from '../../trace/drop-reason.js';

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
