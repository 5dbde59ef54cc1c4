/**
 * Periodic samples of the network's counters (frames on links and hops, drops, frames in flight)
 * for the report's time series. A sample only reads counters; it sends nothing and traces nothing.
 */
import type { Pipe } from '../net/link/pipe.js';
import type { Simulation } from '../scenario/simulation.js';

export interface Sample {
  /** End of the interval, ns. */
  readonly t: number;
  /** Frames put on physical links per second over the interval. */
  readonly linkFramesPerSecond: number;
  /** Frames that crossed a hypervisor hop per second. */
  readonly hopFramesPerSecond: number;
  /** Frames dropped per second (any reason). */
  readonly dropsPerSecond: number;
  /** Frames queued or on a wire at the end of the interval: bounded by the queue limits. */
  readonly inFlight: number;
}

/**
 * Takes a sample of the network's counters every `interval` of simulated time, so a report can
 * show a storm building up and the queues capping it.
 */
export class Sampler {
  readonly samples: Sample[] = [];
  private readonly linkPipes: Pipe[] = [];
  private readonly hopPipes: Pipe[] = [];
  private lastLink = 0;
  private lastHop = 0;
  private lastDrops = 0;

  constructor(private readonly sim: Simulation, private readonly interval: number) {
    for (const l of sim.links) this.linkPipes.push(l.aToB, l.bToA);
    for (const vm of sim.vms.values()) this.hopPipes.push(vm.toHost, vm.toGuest);
    sim.engine.at(interval, onSample, this);
  }

  take(): void {
    const sim = this.sim;
    const link = sum(this.linkPipes);
    const hop = sum(this.hopPipes);
    const drops = sim.net.ledger.dropped;
    const perSecond = 1e9 / this.interval;
    this.samples.push({
      t: sim.engine.now,
      linkFramesPerSecond: Math.round((link - this.lastLink) * perSecond),
      hopFramesPerSecond: Math.round((hop - this.lastHop) * perSecond),
      dropsPerSecond: Math.round((drops - this.lastDrops) * perSecond),
      inFlight: sim.net.framesInFlight(),
    });
    this.lastLink = link;
    this.lastHop = hop;
    this.lastDrops = drops;
    if (sim.engine.now + this.interval <= sim.doc.duration) sim.engine.after(this.interval, onSample, this);
  }
}

function sum(pipes: Pipe[]): number {
  let n = 0;
  for (const p of pipes) n += p.counters.txFrames;
  return n;
}

function onSample(s: Sampler): void {
  s.take();
}
