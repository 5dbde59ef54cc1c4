/**
 * The pending-event set: a 4-ary min-heap over typed arrays, ordered by (time, sequence).
 *
 * Tie rule: events at the same instant run in the order they were scheduled (the sequence number
 * is a counter incremented on every schedule). That order is fixed by the simulation's own
 * history, so runs are reproducible.
 *
 * An event is a handler function plus an object and a number for it. Handlers are long-lived
 * functions (one per kind of event, e.g. "a link finished sending"), never closures made per event.
 */
export type EventHandler = (target: any, arg: number) => void;

export class EventQueue {
  private times: Float64Array;
  private seqs: Float64Array;
  private slots: Int32Array;
  private handlers: (EventHandler | null)[] = [];
  private targets: unknown[] = [];
  private args: Float64Array;
  private freeSlots: number[] = [];
  private slotCount = 0;
  private n = 0;
  private nextSeq = 0;
  private cancelled = new Set<number>();

  constructor(initialCapacity = 1024) {
    this.times = new Float64Array(initialCapacity);
    this.seqs = new Float64Array(initialCapacity);
    this.slots = new Int32Array(initialCapacity);
    this.args = new Float64Array(initialCapacity);
  }

  get size(): number {
    return this.n - this.cancelled.size;
  }

  /** Adds an event; returns its id (for `cancel`). */
  push(time: number, handler: EventHandler, target: unknown, arg: number): number {
    if (this.n === this.times.length) this.grow();
    let slot: number;
    if (this.freeSlots.length > 0) slot = this.freeSlots.pop()!;
    else {
      slot = this.slotCount++;
      if (slot >= this.args.length) this.growSlots();
    }
    const seq = this.nextSeq++;
    this.handlers[slot] = handler;
    this.targets[slot] = target;
    this.args[slot] = arg;
    this.siftUp(this.n++, time, seq, slot);
    return seq;
  }

  cancel(id: number): void {
    this.cancelled.add(id);
  }

  /** Time of the earliest pending event, or Infinity. */
  peekTime(): number {
    this.skipCancelled();
    return this.n === 0 ? Infinity : this.times[0]!;
  }

  /**
   * Removes the earliest event and runs `visit(time, handler, target, arg)`-style dispatch through
   * the fields below; returns false when empty. The popped fields are left in `popped*`.
   */
  pop(): boolean {
    this.skipCancelled();
    if (this.n === 0) return false;
    const slot = this.slots[0]!;
    this.poppedTime = this.times[0]!;
    this.poppedHandler = this.handlers[slot]!;
    this.poppedTarget = this.targets[slot];
    this.poppedArg = this.args[slot]!;
    this.handlers[slot] = null;
    this.targets[slot] = null;
    this.freeSlots.push(slot);
    this.removeRoot();
    return true;
  }

  poppedTime = 0;
  poppedHandler: EventHandler = () => {};
  poppedTarget: unknown = null;
  poppedArg = 0;

  private skipCancelled(): void {
    if (this.cancelled.size === 0) return;
    while (this.n > 0) {
      const seq = this.seqs[0]!;
      if (!this.cancelled.has(seq)) return;
      this.cancelled.delete(seq);
      const slot = this.slots[0]!;
      this.handlers[slot] = null;
      this.targets[slot] = null;
      this.freeSlots.push(slot);
      this.removeRoot();
    }
  }

  private removeRoot(): void {
    const last = --this.n;
    if (last > 0) this.siftDown(0, this.times[last]!, this.seqs[last]!, this.slots[last]!);
  }

  private siftUp(i: number, time: number, seq: number, slot: number): void {
    const times = this.times, seqs = this.seqs, slots = this.slots;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = times[p]!;
      if (pt < time || (pt === time && seqs[p]! < seq)) break;
      times[i] = pt; seqs[i] = seqs[p]!; slots[i] = slots[p]!;
      i = p;
    }
    times[i] = time; seqs[i] = seq; slots[i] = slot;
  }

  private siftDown(i: number, time: number, seq: number, slot: number): void {
    const times = this.times, seqs = this.seqs, slots = this.slots, n = this.n;
    for (;;) {
      const c = 4 * i + 1;
      if (c >= n) break;
      let best = c;
      let bt = times[c]!, bs = seqs[c]!;
      const end = c + 4 < n ? c + 4 : n;
      for (let k = c + 1; k < end; k++) {
        const kt = times[k]!;
        if (kt < bt || (kt === bt && seqs[k]! < bs)) { best = k; bt = kt; bs = seqs[k]!; }
      }
      if (time < bt || (time === bt && seq < bs)) break;
      times[i] = bt; seqs[i] = bs; slots[i] = slots[best]!;
      i = best;
    }
    times[i] = time; seqs[i] = seq; slots[i] = slot;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    this.times = resize(this.times, cap);
    this.seqs = resize(this.seqs, cap);
    const s = new Int32Array(cap); s.set(this.slots); this.slots = s;
  }

  private growSlots(): void {
    const cap = this.args.length * 2;
    this.args = resize(this.args, cap);
  }
}

function resize(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
