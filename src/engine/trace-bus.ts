/**
 * A bus of typed trace records. Producers test `on` before building a record, so tracing costs one
 * boolean check when nobody listens. The record type is the caller's (the network layer defines it).
 */
export interface TraceSink<R> {
  record(r: R): void;
}

export class TraceBus<R> {
  on = false;
  private sinks: TraceSink<R>[] = [];

  subscribe(sink: TraceSink<R>): () => void {
    this.sinks.push(sink);
    this.on = true;
    return () => {
      this.sinks = this.sinks.filter((s) => s !== sink);
      this.on = this.sinks.length > 0;
    };
  }

  emit(r: R): void {
    const sinks = this.sinks;
    for (let i = 0; i < sinks.length; i++) sinks[i]!.record(r);
  }
}
