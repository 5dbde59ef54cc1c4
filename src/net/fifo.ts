/** A growable ring buffer: O(1) push and shift without the array re-indexing of Array#shift. */
export class Fifo<T> {
  private items: (T | undefined)[];
  private head = 0;
  length = 0;

  constructor(capacity = 8) {
    this.items = new Array(capacity);
  }

  push(item: T): void {
    if (this.length === this.items.length) this.grow();
    this.items[(this.head + this.length) % this.items.length] = item;
    this.length++;
  }

  shift(): T {
    const item = this.items[this.head] as T;
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.items.length;
    this.length--;
    return item;
  }

  peek(): T {
    return this.items[this.head] as T;
  }

  at(i: number): T {
    return this.items[(this.head + i) % this.items.length] as T;
  }

  private grow(): void {
    const next = new Array<T | undefined>(this.items.length * 2);
    for (let i = 0; i < this.length; i++) next[i] = this.items[(this.head + i) % this.items.length];
    this.items = next;
    this.head = 0;
  }
}
