/**
 * A bus of typed trace records. Producers test `on` before building a record, so tracing costs one
 * boolean check when nobody listens. The record type is the caller's (the network layer defines it).
 */
export interface TraceSink<R> {
  record(r: R): void;
  /**
   * True when the sink reads a record only during record() and keeps nothing of the record object
   * itself: then producers may hand out one reused object per kind instead of a new one per event.
   */
  readonly borrows?: boolean;
}

export class TraceBus<R> {
  on = false;
  /** Every sink borrows: producers may reuse one record object per kind (no allocation per event). */
  reuse = false;
  private sinks: TraceSink<R>[] = [];

  subscribe(sink: TraceSink<R>): () => void {
    this.sinks.push(sink);
    this.update();
    return () => {
      this.sinks = this.sinks.filter((s) => s !== sink);
      this.update();
    };
  }

  private update(): void {
    this.on = this.sinks.length > 0;
    this.reuse = this.on && this.sinks.every((s) => s.borrows === true);
  }

  emit(r: R): void {
    const sinks = this.sinks;
    for (let i = 0; i < sinks.length; i++) sinks[i]!.record(r);
  }
}
