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

  /** Runs `handler(target, arg)` at absolute time `time`, which must not be in the past. */
  at<T>(time: Nanos, handler: EventHandler<T>, target: T, arg = 0): void {
    if (time < this.time) refusePast(time, this.time);
    const q = this.queue;
    q.nextTime[0] = time;
    q.pushAt(handler, target, arg);
  }

  /**
   * The time cell of `atNextTime`: code on the per-hop path writes an event's time here (from a
   * Float64Array of its own) instead of passing it to `at`, where a time past 2^31 ns would be
   * boxed if the call is not inlined.
   */
  get nextTime(): Float64Array {
    return this.queue.nextTime;
  }

  /** `at` the time in `nextTime`. */
  atNextTime<T>(handler: EventHandler<T>, target: T, arg = 0): void {
    const q = this.queue;
    if (q.nextTime[0]! < this.time) refusePast(q.nextTime[0]!, this.time);
    q.pushAt(handler, target, arg);
  }

  /** `at`, for an event that may be cancelled: returns the id `cancel` takes. */
  cancellableAt<T>(time: Nanos, handler: EventHandler<T>, target: T, arg = 0): number {
    this.at(time, handler, target, arg);
    return this.queue.lastId;
  }

  /** Runs `handler(target, arg)` after `delay` nanoseconds (not negative). */
  after<T>(delay: Nanos, handler: EventHandler<T>, target: T, arg = 0): void {
    if (delay < 0) refuseNegative(delay, this.time);
    const q = this.queue;
    q.nextTime[0] = this.time + delay;
    q.pushAt(handler, target, arg);
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
    q.dueBy[0] = until;
    let events = 0;
    for (;;) {
      if (events >= budget) {
        if (q.peekTime() <= until) {
          this.executed += events;
          return { kind: 'budget', events, budget };
        }
      } else if (q.popDue()) {
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

// The refusals are functions of their own: a message built inside `at` or `after` would make them
// too large to be inlined where events are scheduled, and an event time passed to a call that is
// not inlined is boxed (a time past 2^31 ns is a double).
function refusePast(time: Nanos, now: Nanos): never {
  throw new RangeError(`event scheduled at ${time} ns, before the current time ${now} ns`);
}

function refuseNegative(delay: Nanos, now: Nanos): never {
  throw new RangeError(`event scheduled ${delay} ns after ${now} ns: a delay cannot be negative`);
}
