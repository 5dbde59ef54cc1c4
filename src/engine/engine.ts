import { EventQueue, type EventHandler } from './event-queue.js';
import { randomStream, type RandomStream } from './random.js';
import type { Nanos } from './time.js';

export type RunOutcome =
  | { readonly kind: 'idle'; readonly events: number }
  | { readonly kind: 'until'; readonly events: number }
  | { readonly kind: 'budget'; readonly events: number; readonly budget: number };

export interface RunLimits {
  /** Stop before the first event later than this time (events at exactly `until` still run). */
  readonly until?: Nanos;
  /** Stop after this many events in this call. */
  readonly budget?: number;
}

/**
 * Simulated time, the pending events and the random streams. Knows nothing of networks.
 *
 * Time never runs backwards: `now` is written only by `run`, to the time of the event it takes
 * out or to the `until` it reached, and an event is never scheduled before `now` (asking for one
 * is a fault in the caller, refused with an error rather than quietly moved).
 */
export class Engine {
  private time: Nanos = 0;
  /** Events executed since the engine was made. */
  executed = 0;
  readonly queue = new EventQueue();

  constructor(readonly seed: number) {}

  /** The current simulated time (ns). */
  get now(): Nanos {
    return this.time;
  }

  /** Runs `handler(target, arg)` at absolute time `time`, which must not be in the past. Returns an id for `cancel`. */
  at<T>(time: Nanos, handler: EventHandler<T>, target: T, arg = 0): number {
    if (time < this.time) throw new RangeError(`event scheduled at ${time} ns, before the current time ${this.time} ns`);
    return this.queue.push(time, handler, target, arg);
  }

  /** Runs `handler(target, arg)` after `delay` nanoseconds (not negative). Returns an id for `cancel`. */
  after<T>(delay: Nanos, handler: EventHandler<T>, target: T, arg = 0): number {
    if (delay < 0) throw new RangeError(`event scheduled ${delay} ns after ${this.time} ns: a delay cannot be negative`);
    return this.queue.push(this.time + delay, handler, target, arg);
  }

  cancel(id: number): void {
    this.queue.cancel(id);
  }

  random(component: string): RandomStream {
    return randomStream(this.seed, component);
  }

  run(limits: RunLimits = {}): RunOutcome {
    const until = limits.until ?? Infinity;
    const budget = limits.budget ?? Infinity;
    const q = this.queue;
    let events = 0;
    for (;;) {
      if (events >= budget) {
        if (q.peekTime() <= until) {
          this.executed += events;
          return { kind: 'budget', events, budget };
        }
      } else if (q.popUntil(until)) {
        this.time = q.poppedTime;
        events++;
        q.poppedHandler(q.poppedTarget as never, q.poppedArg);
        continue;
      }
      this.executed += events;
      // Nothing more is due by `until`: the clock moves on to it (never back, for an `until` already past).
      const idle = q.peekTime() === Infinity;
      if (until !== Infinity && until > this.time) this.time = until;
      return idle ? { kind: 'idle', events } : { kind: 'until', events };
    }
  }
}
