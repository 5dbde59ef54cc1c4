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
 * A ring buffer of times (ns) in a Float64Array, kept beside a `Fifo` of frames: a time past 2^31 ns
 * (about 2.15 s) stored in a plain array would be boxed as a heap number on every push.
 */
export class TimeFifo {
  private items: Float64Array = NO_TIMES;
  private head = 0;
  length = 0;

  push(t: number): void {
    if (this.length === this.items.length) this.grow();
    this.items[(this.head + this.length) & (this.items.length - 1)] = t;
    this.length++;
  }

  peek(): number {
    return this.items[this.head]!;
  }

  /** Drops the head (a `shift` whose time nobody reads: a call returning a double may box it). */
  dropHead(): void {
    this.head = (this.head + 1) & (this.items.length - 1);
    this.length--;
  }

  private grow(): void {
    const old = this.items;
    const next = new Float64Array(old.length === 0 ? 8 : old.length * 2);
    for (let i = 0; i < this.length; i++) next[i] = old[(this.head + i) & (old.length - 1)]!;
    this.items = next;
    this.head = 0;
  }
}
