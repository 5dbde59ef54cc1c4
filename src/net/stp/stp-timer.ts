/**
 * One protocol timer (hello, message age, forward delay, hold, TCN, topology change) as an engine
 * event: the handler is a long-lived function given at construction, so starting a timer
 * allocates nothing. Restarting replaces the pending expiry, like the kernel's mod_timer.
 */
import type { Engine } from '../../engine/engine.js';
import type { Nanos } from '../../engine/time.js';

export class StpTimer<T> {
  private id = -1;
  /** Absolute expiry time while running. */
  expires: Nanos = 0;

  constructor(
    private readonly engine: Engine,
    private readonly handler: (target: T) => void,
    private readonly target: T,
  ) {}

  get running(): boolean {
    return this.id >= 0;
  }

  start(delay: Nanos): void {
    this.stop();
    this.expires = this.engine.now + delay;
    this.id = this.engine.cancellableAt(this.expires, onTimer, this);
  }

  stop(): void {
    // Only a pending event may be cancelled: the queue remembers cancelled ids until they pop.
    if (this.id >= 0) this.engine.cancel(this.id);
    this.id = -1;
  }

  /** Time left, 0 when not running (what `brctl showstp` prints). */
  remaining(now: Nanos): Nanos {
    return this.id >= 0 ? Math.max(0, this.expires - now) : 0;
  }

  fire(): void {
    this.id = -1;
    this.handler(this.target);
  }
}

function onTimer<T>(t: StpTimer<T>): void {
  t.fire();
}
