/**
 * The pending-event set: a radix heap (Ahuja, Mehlhorn, Orlin and Tarjan, 1990) over integer
 * nanosecond times, one hexadecimal digit per level, ordered by (time, sequence).
 *
 * Tie rule: events at the same instant run in the order they were scheduled (the sequence number
 * is a counter incremented on every schedule). That order is fixed by the simulation's own
 * history, so runs are reproducible.
 *
 * An event is a handler function plus an object and a number for it. Handlers are long-lived
 * functions (one per kind of event, e.g. "a link finished sending"), never closures made per event.
 *
 * Why a radix heap: simulated time never runs backwards, so every new event is at or after the
 * last one taken out (`last`). Read times as 14 hexadecimal digits. An event at exactly `last`
 * waits in the `now` bucket (first in, first out); any other waits in bucket (L, d), where L is
 * the highest digit in which its time differs from `last` and d is its digit there. Every event in
 * a lower bucket is earlier than every event in a higher one. When the `now` bucket runs dry, the
 * lowest non-empty bucket is emptied around its earliest time, which becomes `last`: its events
 * land in lower levels. An event moves down a few levels in its life (about five with 100k
 * pending) instead of sifting through a heap on every push and pop: about 1.3 times the speed of
 * the 4-ary heap this replaced.
 *
 * Equal times stay in scheduling order without comparing sequence numbers: events with equal
 * times always share a bucket (the bucket is a function of the time and `last`, and the bucket
 * `last` comes from is the one emptied), every move keeps their relative order, and a push
 * appends the newest sequence.
 *
 * The payload of an event (handler, target, arg, sequence) lives in slot-indexed arrays and never
 * moves; buckets hold only a time and a slot.
 */
/** What an event does: a long-lived function acting on its target object, with a number for it. */
export type EventHandler<T> = (target: T, arg: number) => void;

/**
 * A handler as the queue stores it, its target's type forgotten: `push` pairs each handler with a
 * target of its own type, so calling it with the target stored in the same slot is sound.
 */
export type StoredHandler = EventHandler<never>;

/** Ids are (sequence mod ID_SEQS) × MAX_SLOTS + slot; both stay below 2^53. */
const MAX_SLOTS = 1 << 24;
const ID_SEQS = 1 << 28;
const TWO32 = 4294967296;
/** Latest time an event may have (2^53 - 1 ns, about 104 days): times stay exact integers. */
const MAX_EVENT_TIME = Number.MAX_SAFE_INTEGER;
/** Hexadecimal digits of a time: 8 in its low 32 bits, 6 in the 21 bits above. */
const LEVELS = 14;
const LOW_LEVELS = 8;
/** Bucket (L, d) is at L × 16 + d; the `now` bucket (times equal to `last`) comes after them. */
const NOW = LEVELS * 16;

/** Marks a cancelled event in place; it is dropped when it comes out of the queue. */
const CANCELLED: StoredHandler = () => {};
const EMPTY_TIMES = new Float64Array(0);
const EMPTY_SLOTS = new Int32Array(0);

export class EventQueue {
  private readonly bucketTimes: Float64Array[] = [];
  private readonly bucketSlots: Int32Array[] = [];
  private readonly bucketLength = new Int32Array(NOW + 1);
  /** Per level, its non-empty buckets (bit d); and the levels with any (bit L). */
  private readonly digitMasks = new Int32Array(LEVELS);
  private levelMask = 0;
  /** The `now` bucket is consumed from here (a FIFO). */
  private head = 0;
  /** Time of the last event taken out, and its high and low 32 bits for the bucket rule. */
  private last = 0;
  private lastHigh = 0;
  private lastHighBase = 0;
  private lastLow = 0;

  private seqOf: Float64Array;
  private argOf: Float64Array;
  private handlers: (StoredHandler | null)[] = [];
  private targets: unknown[] = [];
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;
  /** Events in the buckets, cancelled ones included. */
  private n = 0;
  private nextSeq = 0;
  /** Cancelled events still in the buckets (their handler is CANCELLED; they are skipped). */
  private cancelledCount = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(16, initialCapacity);
    this.seqOf = new Float64Array(cap);
    this.argOf = new Float64Array(cap);
    this.freeSlots = new Int32Array(cap);
    for (let b = 0; b <= NOW; b++) {
      this.bucketTimes.push(EMPTY_TIMES);
      this.bucketSlots.push(EMPTY_SLOTS);
    }
  }

  get size(): number {
    return this.n - this.cancelledCount;
  }

  /** The time of the event `pushAt` adds, written just before: in a cell, a double is never boxed. */
  readonly nextTime = new Float64Array(1);

  /** Adds an event; returns its id (for `cancel`): the slot and the slot's generation. */
  push<T>(time: number, handler: EventHandler<T>, target: T, arg: number): number {
    this.nextTime[0] = time;
    this.pushAt(handler, target, arg);
    return this.lastId;
  }

  /** The id of the event added last (for `cancel`): an id past 2^31 returned by a call is boxed. */
  lastId = 0;

  /** `push` at the time in `nextTime`; its id is then `lastId`. */
  pushAt<T>(handler: EventHandler<T>, target: T, arg: number): void {
    const time = this.nextTime[0]!;
    if (!(time >= 0 && time <= MAX_EVENT_TIME && Math.floor(time) === time)) refuseTime(time);
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
    // Only a direct user of the queue can go back in time (the engine never schedules in the past).
    if (time < this.last) {
      this.rebase(time);
      this.nextTime[0] = time;
    }
    this.appendAt(this.bucketOfAt(this.nextTime, 0), this.nextTime, 0, slot);
    this.n++;
    this.lastId = (seq % ID_SEQS) * MAX_SLOTS + slot;
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

  /** Time of the earliest pending event, or Infinity. Leaves the order of the buckets as it was. */
  peekTime(): number {
    for (;;) {
      this.dropCancelledAtHead();
      if (this.head < this.bucketLength[NOW]!) return this.bucketTimes[NOW]![this.head]!;
      if (this.n === 0) return Infinity;
      const min = this.minLiveTime(this.lowestBucket());
      if (min !== Infinity) return min;
    }
  }

  /**
   * Removes the earliest event if it is due at or before `until` (the engine's run loop: one call
   * per event instead of a peek and a pop). Returns false when there is none. The event's fields
   * are left in `popped*` for the caller to dispatch.
   */
  popUntil(until: number): boolean {
    this.dueBy[0] = until;
    return this.popDue();
  }

  /** The limit of `popDue`, set once per run (passed on every event, it would be boxed each time). */
  readonly dueBy = new Float64Array(1);

  /** `popUntil` with the limit in `dueBy`. */
  popDue(): boolean {
    const until = this.dueBy[0]!;
    for (;;) {
      const head = this.head;
      if (head < this.bucketLength[NOW]!) {
        const slot = this.bucketSlots[NOW]![head]!;
        if (this.cancelledCount > 0 && this.handlers[slot] === CANCELLED) {
          this.takeHead();
          this.cancelledCount--;
          this.free(slot);
          continue;
        }
        const time = this.bucketTimes[NOW]![head]!;
        if (time > until) return false;
        this.takeHead();
        this.poppedTime = time;
        this.poppedHandler = this.handlers[slot]!;
        this.poppedTarget = this.targets[slot];
        this.poppedArg = this.argOf[slot]!;
        this.free(slot);
        return true;
      }
      if (this.n === 0 || !this.refill()) return false;
    }
  }

  /** Removes the earliest event; returns false when empty. */
  pop(): boolean {
    return this.popUntil(Infinity);
  }

  /**
   * The event `popUntil` took out. Call it as `poppedHandler(poppedTarget as never, poppedArg)`:
   * the two were pushed together, so the target is the one the handler was written for.
   */
  poppedTime = 0;
  poppedHandler: StoredHandler = CANCELLED;
  poppedTarget: unknown = null;
  poppedArg = 0;

  /** NOW for a time equal to `last`; else (L, d): its highest hex digit that differs, and that digit. */
  // The helpers below read a time from a Float64Array and an index instead of taking it as an
  // argument: past 2^31 ns a time is a double, and every event moves through them about five
  // times, so a time passed to them uninlined would be boxed about five times per event.
  private bucketOfAt(times: Float64Array, i: number): number {
    const time = times[i]!;
    // Same high 32 bits as `last` (nearly always): a subtraction instead of a division.
    if (time - this.lastHighBase < TWO32) {
      const low = time >>> 0;
      const diff = low ^ this.lastLow;
      if (diff === 0) return NOW;
      const level = (31 - Math.clz32(diff)) >> 2;
      return (level << 4) | ((low >>> (level << 2)) & 15);
    }
    const high = (time / TWO32) | 0;
    const level = (31 - Math.clz32(high ^ this.lastHigh)) >> 2;
    return ((LOW_LEVELS + level) << 4) | ((high >>> (level << 2)) & 15);
  }

  private appendAt(b: number, times: Float64Array, i: number, slot: number): void {
    const len = this.bucketLength[b]!;
    if (len === this.bucketTimes[b]!.length) this.growBucket(b);
    this.bucketTimes[b]![len] = times[i]!;
    this.bucketSlots[b]![len] = slot;
    this.bucketLength[b] = len + 1;
    if (len === 0 && b !== NOW) {
      const level = b >> 4;
      this.digitMasks[level] = this.digitMasks[level]! | (1 << (b & 15));
      this.levelMask |= 1 << level;
    }
  }

  private takeHead(): void {
    this.n--;
    if (++this.head === this.bucketLength[NOW]) {
      this.head = 0;
      this.bucketLength[NOW] = 0;
    }
  }

  /** The lowest non-empty bucket other than `now` (there is one: `now` is empty and n > 0). */
  private lowestBucket(): number {
    const levels = this.levelMask;
    const level = 31 - Math.clz32(levels & -levels);
    const digits = this.digitMasks[level]!;
    return (level << 4) | (31 - Math.clz32(digits & -digits));
  }

  private clearBucket(b: number): void {
    this.bucketLength[b] = 0;
    if (b === NOW) return;
    const level = b >> 4;
    const digits = this.digitMasks[level]! & ~(1 << (b & 15));
    this.digitMasks[level] = digits;
    if (digits === 0) this.levelMask &= ~(1 << level);
  }

  /**
   * The `now` bucket is empty: finds the earliest time in the lowest bucket and, if it is due by
   * `until`, makes it `last` and spreads that bucket over the lower levels (its earliest events
   * land in `now`). Returns false, leaving everything in place, when nothing is due.
   */
  private refill(): boolean {
    const until = this.dueBy[0]!;
    const b = this.lowestBucket();
    const times = this.bucketTimes[b]!, slots = this.bucketSlots[b]!, len = this.bucketLength[b]!;
    let min = 0;
    for (let i = 1; i < len; i++) if (times[i]! < times[min]!) min = i;
    if (times[min]! > until) return false;
    this.setLastAt(times, min);
    this.clearBucket(b);
    for (let i = 0; i < len; i++) this.appendAt(this.bucketOfAt(times, i), times, i, slots[i]!);
    return true;
  }

  private setLastAt(times: Float64Array, i: number): void {
    const time = times[i]!;
    this.last = time;
    this.lastHigh = (time / TWO32) | 0;
    this.lastHighBase = this.lastHigh * TWO32;
    this.lastLow = time >>> 0;
  }

  /** A time being moved by `rebase`. */
  private readonly moving = new Float64Array(1);

  /** A push before `last`: every pending event is bucketed again around the new time. */
  private rebase(time: number): void {
    const held: number[] = [];
    // The `now` bucket first, then by level and digit: equal times keep their order.
    for (let k = 0; k <= NOW; k++) {
      const b = k === 0 ? NOW : k - 1;
      const times = this.bucketTimes[b]!, slots = this.bucketSlots[b]!;
      for (let i = b === NOW ? this.head : 0; i < this.bucketLength[b]!; i++) held.push(times[i]!, slots[i]!);
      this.clearBucket(b);
    }
    this.head = 0;
    const cell = this.moving;
    cell[0] = time;
    this.setLastAt(cell, 0);
    for (let i = 0; i < held.length; i += 2) {
      cell[0] = held[i]!;
      this.appendAt(this.bucketOfAt(cell, 0), cell, 0, held[i + 1]!);
    }
  }

  private dropCancelledAtHead(): void {
    while (this.cancelledCount > 0 && this.head < this.bucketLength[NOW]!) {
      const slot = this.bucketSlots[NOW]![this.head]!;
      if (this.handlers[slot] !== CANCELLED) return;
      this.takeHead();
      this.cancelledCount--;
      this.free(slot);
    }
  }

  /**
   * The earliest live time in bucket b, dropping its cancelled events on the way (that changes no
   * order); Infinity when all of them were cancelled and the bucket is now empty.
   */
  private minLiveTime(b: number): number {
    const times = this.bucketTimes[b]!, slots = this.bucketSlots[b]!, len = this.bucketLength[b]!;
    let kept = 0, min = Infinity;
    for (let i = 0; i < len; i++) {
      const slot = slots[i]!;
      if (this.handlers[slot] === CANCELLED) {
        this.cancelledCount--;
        this.n--;
        this.free(slot);
        continue;
      }
      const t = times[i]!;
      if (t < min) min = t;
      times[kept] = t;
      slots[kept++] = slot;
    }
    if (kept === 0) this.clearBucket(b);
    else this.bucketLength[b] = kept;
    return min;
  }

  /**
   * Returns a slot to the free list. Its handler and target are left in place (the next push to the
   * slot, usually the very next one, overwrites them): two fewer stores per event.
   */
  private free(slot: number): void {
    this.seqOf[slot] = -1;
    this.freeSlots[this.freeCount++] = slot;
  }

  private growBucket(b: number): void {
    const cap = Math.max(16, this.bucketTimes[b]!.length * 2);
    const times = new Float64Array(cap);
    times.set(this.bucketTimes[b]!);
    this.bucketTimes[b] = times;
    const slots = new Int32Array(cap);
    slots.set(this.bucketSlots[b]!);
    this.bucketSlots[b] = slots;
  }

  /** Doubles the slot arrays. */
  private grow(): void {
    const cap = this.seqOf.length * 2;
    if (cap > MAX_SLOTS) throw new Error(`more than ${MAX_SLOTS} events pending at once`);
    this.seqOf = resize(this.seqOf, cap);
    this.argOf = resize(this.argOf, cap);
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

function refuseTime(time: number): never {
  throw new RangeError(`event time ${time} is not a whole number of nanoseconds between 0 and 2^53`);
}
