/** No storage yet: most queues of a large topology never hold a frame, so they allocate on first use. */
const EMPTY: never[] = [];

/**
 * A growable ring buffer: O(1) push and shift without the array re-indexing of Array#shift.
 * Capacity is a power of two (index wrap is a mask), allocated on the first push.
 */
export class Fifo<T> {
  private items: (T | undefined)[] = EMPTY;
  private head = 0;
  length = 0;

  push(item: T): void {
    if (this.length === this.items.length) this.grow();
    this.items[(this.head + this.length) & (this.items.length - 1)] = item;
    this.length++;
  }

  shift(): T {
    const item = this.items[this.head] as T;
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.length--;
    return item;
  }

  peek(): T {
    return this.items[this.head] as T;
  }

  at(i: number): T {
    return this.items[(this.head + i) & (this.items.length - 1)] as T;
  }

  private grow(): void {
    const old = this.items;
    const next = new Array<T | undefined>(old.length === 0 ? 8 : old.length * 2).fill(undefined);
    for (let i = 0; i < this.length; i++) next[i] = old[(this.head + i) & (old.length - 1)];
    this.items = next;
    this.head = 0;
  }
}

const NO_TIMES = new Float64Array(0);

/**
 * A ring of items, each with a time (ns) beside it in a Float64Array: a pipe's frames on the wire
 * and their arrival times. A time past 2^31 ns (about 2.15 s) stored in a plain array would be
 * boxed as a heap number on every push; and the time of the head is read where it is used
 * (`headTime`), never returned by a call for an item that is shifted.
 */
export class TimedFifo<T> {
  private items: (T | undefined)[] = EMPTY;
  private times: Float64Array = NO_TIMES;
  private head = 0;
  length = 0;

  push(item: T, time: number): void {
    if (this.length === this.items.length) this.grow();
    const i = (this.head + this.length) & (this.items.length - 1);
    this.items[i] = item;
    this.times[i] = time;
    this.length++;
  }

  shift(): T {
    const item = this.items[this.head] as T;
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.length--;
    return item;
  }

  /** Writes the head's time into `cell[0]` (returned from a call, a double may be boxed). */
  headTimeInto(cell: Float64Array): void {
    cell[0] = this.times[this.head]!;
  }

  at(i: number): T {
    return this.items[(this.head + i) & (this.items.length - 1)] as T;
  }

  private grow(): void {
    const oldItems = this.items, oldTimes = this.times;
    const size = oldItems.length === 0 ? 8 : oldItems.length * 2;
    const items = new Array<T | undefined>(size).fill(undefined);
    const times = new Float64Array(size);
    for (let i = 0; i < this.length; i++) {
      const j = (this.head + i) & (oldItems.length - 1);
      items[i] = oldItems[j];
      times[i] = oldTimes[j]!;
    }
    this.items = items;
    this.times = times;
    this.head = 0;
  }
}
