/**
 * The pending-event set: a 4-ary min-heap ordered by (time, sequence).
 *
 * Tie rule: events at the same instant run in the order they were scheduled (the sequence number
 * is a counter incremented on every schedule). That order is fixed by the simulation's own
 * history, so runs are reproducible.
 *
 * An event is a handler function plus an object and a number for it. Handlers are long-lived
 * functions (one per kind of event, e.g. "a link finished sending"), never closures made per event.
 *
 * Layout, for speed with 100k+ pending events: the heap moves only a time (Float64Array) and a slot
 * number (Int32Array) per level; the payload of an event (handler, target, arg, sequence) lives in
 * slot-indexed arrays and never moves while the heap is reordered. Sequence numbers are read only to
 * break ties between equal times.
 */
export type EventHandler = (target: any, arg: number) => void;

/** Ids are (sequence mod ID_SEQS) × MAX_SLOTS + slot; both stay below 2^53. */
const MAX_SLOTS = 1 << 24;
const ID_SEQS = 1 << 28;

/** Marks a cancelled event in place; it is removed when it reaches the top of the heap. */
const CANCELLED: EventHandler = () => {};

export class EventQueue {
  private times: Float64Array;
  private slots: Int32Array;
  private seqOf: Float64Array;
  private argOf: Float64Array;
  private handlers: (EventHandler | null)[] = [];
  private targets: unknown[] = [];
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;
  private n = 0;
  /**
   * pop() leaves a hole at the root instead of restructuring at once: the handler it dispatches
   * usually schedules an event right away, and that event fills the hole in one pass down the heap
   * (a pop and a push for the price of one sift).
   */
  private hole = false;
  private nextSeq = 0;
  /** Cancelled events still in the heap (their handler is CANCELLED; pop skips them). */
  private cancelledCount = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(16, initialCapacity);
    this.times = new Float64Array(cap);
    this.slots = new Int32Array(cap);
    this.seqOf = new Float64Array(cap);
    this.argOf = new Float64Array(cap);
    this.freeSlots = new Int32Array(cap);
  }

  get size(): number {
    return this.n - (this.hole ? 1 : 0) - this.cancelledCount;
  }

  /** Adds an event; returns its id (for `cancel`): the slot and the slot's generation. */
  push(time: number, handler: EventHandler, target: unknown, arg: number): number {
    let slot: number;
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount]!;
    else {
      slot = this.slotCount++;
      if (slot >= this.seqOf.length) this.grow();
    }
    const seq = this.nextSeq++;
    this.handlers[slot] = handler;
    this.targets[slot] = target;
    this.argOf[slot] = arg;
    this.seqOf[slot] = seq;
    if (this.hole) {
      this.hole = false;
      this.fillRoot(time, seq, slot);
    } else {
      this.siftUp(this.n++, time, seq, slot);
    }
    return (seq % ID_SEQS) * MAX_SLOTS + slot;
  }

  /** Cancels a pending event; an id whose event already ran (or was cancelled) is ignored. */
  cancel(id: number): void {
    // A free slot's sequence is -1, and a reused slot has a newer one: stale ids match neither
    // (short of 2^28 events later landing on the same slot, which a stale id must then wait for).
    const slot = id % MAX_SLOTS;
    const seq = (id - slot) / MAX_SLOTS;
    if (slot >= this.slotCount || this.seqOf[slot]! % ID_SEQS !== seq) return;
    const h = this.handlers[slot];
    if (h === null || h === CANCELLED) return;
    this.handlers[slot] = CANCELLED;
    this.targets[slot] = null;
    this.cancelledCount++;
  }

  /** Time of the earliest pending event, or Infinity. */
  peekTime(): number {
    if (this.hole) this.closeHole();
    this.skipCancelled();
    return this.n === 0 ? Infinity : this.times[0]!;
  }

  /**
   * Removes the earliest event if it is due at or before `until` (the engine's run loop: one call
   * per event instead of a peek and a pop). Returns false when there is none.
   */
  popUntil(until: number): boolean {
    if (this.hole) this.closeHole();
    if (this.n === 0) return false;
    if (this.cancelledCount > 0 && this.handlers[this.slots[0]!] === CANCELLED) {
      this.skipCancelled();
      if (this.n === 0) return false;
    }
    if (this.times[0]! > until) return false;
    const slot = this.slots[0]!;
    this.poppedTime = this.times[0]!;
    this.poppedHandler = this.handlers[slot]!;
    this.poppedTarget = this.targets[slot];
    this.poppedArg = this.argOf[slot]!;
    this.free(slot);
    this.hole = true;
    return true;
  }

  /**
   * Removes the earliest event; returns false when empty. The popped event's fields are left in
   * `popped*` for the caller to dispatch.
   */
  pop(): boolean {
    return this.popUntil(Infinity);
  }


  poppedTime = 0;
  poppedHandler: EventHandler = () => {};
  poppedTarget: unknown = null;
  poppedArg = 0;

  /**
   * Returns a slot to the free list. Its handler and target are left in place (the next push to the
   * slot, usually the very next one, overwrites them): two fewer stores per event.
   */
  private free(slot: number): void {
    this.seqOf[slot] = -1;
    this.freeSlots[this.freeCount++] = slot;
  }

  private skipCancelled(): void {
    while (this.n > 0 && this.handlers[this.slots[0]!] === CANCELLED) {
      this.free(this.slots[0]!);
      this.cancelledCount--;
      this.removeRoot();
    }
  }

  /** Fills the hole pop() left at the root with the last event. */
  private closeHole(): void {
    this.hole = false;
    this.removeRoot();
  }

  private removeRoot(): void {
    const last = --this.n;
    if (last > 0) {
      const slot = this.slots[last]!;
      this.fillRoot(this.times[last]!, this.seqOf[slot]!, slot);
    }
  }

  /**
   * Puts an event into the empty root (Floyd's bottom-up method): the hole walks down along the
   * smaller children to a leaf, three comparisons per level and none against the event, then the
   * event rises from there — usually not at all, as it is later than most (a new or a last event).
   */
  private fillRoot(time: number, seq: number, slot: number): void {
    const times = this.times, slots = this.slots, seqOf = this.seqOf, n = this.n;
    let i = 0;
    for (;;) {
      const c = 4 * i + 1;
      let best = c;
      if (c + 3 < n) {
        // All four children exist (the common case): pick the earliest without a loop; sequence
        // numbers are read only when two times are equal.
        let bt = times[c]!;
        let t = times[c + 1]!;
        if (t < bt || (t === bt && seqOf[slots[c + 1]!]! < seqOf[slots[best]!]!)) { best = c + 1; bt = t; }
        t = times[c + 2]!;
        if (t < bt || (t === bt && seqOf[slots[c + 2]!]! < seqOf[slots[best]!]!)) { best = c + 2; bt = t; }
        t = times[c + 3]!;
        if (t < bt || (t === bt && seqOf[slots[c + 3]!]! < seqOf[slots[best]!]!)) { best = c + 3; bt = t; }
        times[i] = bt;
      } else {
        if (c >= n) break;
        let bt = times[c]!;
        for (let k = c + 1; k < n; k++) {
          const kt = times[k]!;
          if (kt < bt || (kt === bt && seqOf[slots[k]!]! < seqOf[slots[best]!]!)) {
            best = k;
            bt = kt;
          }
        }
        times[i] = bt;
      }
      slots[i] = slots[best]!;
      i = best;
    }
    this.siftUp(i, time, seq, slot);
  }

  private siftUp(i: number, time: number, seq: number, slot: number): void {
    const times = this.times, slots = this.slots, seqOf = this.seqOf;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = times[p]!;
      if (pt < time || (pt === time && seqOf[slots[p]!]! < seq)) break;
      times[i] = pt;
      slots[i] = slots[p]!;
      i = p;
    }
    times[i] = time;
    slots[i] = slot;
  }

  /** Doubles every array; the heap never holds more events than there are slots. */
  private grow(): void {
    const cap = this.seqOf.length * 2;
    this.times = resize(this.times, cap);
    this.seqOf = resize(this.seqOf, cap);
    this.argOf = resize(this.argOf, cap);
    const slots = new Int32Array(cap);
    slots.set(this.slots);
    this.slots = slots;
    if (cap > MAX_SLOTS) throw new Error(`more than ${MAX_SLOTS} events pending at once`);
    const free = new Int32Array(cap);
    free.set(this.freeSlots);
    this.freeSlots = free;
  }
}

function resize(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
