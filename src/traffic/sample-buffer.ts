/**
 * A growing list of measurements (delays in ns) kept as a Float64Array: a long stream records one
 * number per datagram, so no object per sample. Capacity doubles when full, so appending costs
 * amortized O(1) and allocates only on growth. Values are integers below 2^53 (exact in a double).
 */
export class SampleBuffer {
  private data: Float64Array;
  length = 0;

  constructor(initialCapacity = 16) {
    this.data = new Float64Array(Math.max(1, initialCapacity));
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }

  /** The samples in the order recorded (a view: valid until the next push). */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}
