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
 */
export class Engine {
  now: Nanos = 0;
  /** Events executed since the engine was made. */
  executed = 0;
  readonly queue = new EventQueue();
  private stopRequested = false;

  constructor(readonly seed: number) {}

  /** Runs `handler(target, arg)` at absolute time `at` (never in the past). Returns an id for `cancel`. */
  at(at: Nanos, handler: EventHandler, target: unknown, arg = 0): number {
    return this.queue.push(at < this.now ? this.now : at, handler, target, arg);
  }

  /** Runs `handler(target, arg)` after `delay` nanoseconds. */
  after(delay: Nanos, handler: EventHandler, target: unknown, arg = 0): number {
    return this.queue.push(this.now + delay, handler, target, arg);
  }

  cancel(id: number): void {
    this.queue.cancel(id);
  }

  random(component: string): RandomStream {
    return randomStream(this.seed, component);
  }

  /** Makes the running `run` return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  run(limits: RunLimits = {}): RunOutcome {
    const until = limits.until ?? Infinity;
    const budget = limits.budget ?? Infinity;
    const q = this.queue;
    let events = 0;
    this.stopRequested = false;
    for (;;) {
      if (events >= budget) {
        if (q.peekTime() <= until) {
          this.executed += events;
          return { kind: 'budget', events, budget };
        }
      } else if (q.popUntil(until)) {
        this.now = q.poppedTime;
        events++;
        q.poppedHandler(q.poppedTarget, q.poppedArg);
        if (this.stopRequested) {
          this.executed += events;
          return { kind: 'until', events };
        }
        continue;
      }
      this.executed += events;
      if (q.peekTime() === Infinity) {
        if (until !== Infinity) this.now = until;
        return { kind: 'idle', events };
      }
      this.now = until;
      return { kind: 'until', events };
    }
  }
}
