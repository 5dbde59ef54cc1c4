/**
 * A built scenario ready to run (engine, network, nodes, traffic) and its run loop: it stops at the
 * scenario's duration (or `until`) or when the event budget is spent.
 */
import { Engine, type RunOutcome } from '../engine/engine.js';
import type { Cable } from '../net/link/cable.js';
import { RunContext } from '../net/core/run-context.js';
import type { PhysicalSwitch } from '../net/l2/switch.js';
import type { Host } from '../nodes/host.js';
import type { Vm } from '../nodes/vm.js';
import type { Ping } from '../traffic/ping.js';
import type { UdpFlow } from '../traffic/udp-flow.js';
import type { ScenarioDoc } from './document.js';
import type { SourceLocation } from './problem.js';

/** A timeline command that failed while the simulation ran (the run goes on, as a shell script would). */
interface CommandFailure {
  readonly t: number;
  readonly host: string;
  readonly line: string;
  readonly error: string;
}

/** What a `show`/`list` command printed: a start-up command (at 0) or a timeline command. */
interface CommandOutput {
  readonly t: number;
  readonly host: string;
  readonly line: string;
  readonly output: string;
}

interface RunOptions {
  /** Stop at this simulated time instead of the scenario's duration. */
  readonly until?: number;
  /** Called about every `progressEvery` events with the simulated time reached. */
  readonly onProgress?: (now: number, events: number) => void;
  readonly progressEvery?: number;
}

export interface RunResult {
  readonly outcome: RunOutcome['kind'];
  readonly events: number;
  readonly stoppedAt: number;
  readonly until: number;
  readonly budget: number;
}

/**
 * A built scenario: the engine, the network and every node, ready to run. Built by build.ts;
 * the report (src/analysis) reads it after the run.
 */
export class Simulation {
  readonly engine: Engine;
  readonly net: RunContext;
  readonly hosts = new Map<string, Host>();
  readonly vms = new Map<string, Vm>();
  readonly switches = new Map<string, PhysicalSwitch>();
  readonly links: Cable[] = [];
  readonly pings: Ping[] = [];
  readonly udpFlows: UdpFlow[] = [];
  readonly commandFailures: CommandFailure[] = [];
  readonly commandOutputs: CommandOutput[] = [];
  /** Events run so far, across calls to `run`. */
  events = 0;

  /** `expectSources`: where each expectation of `doc.expect` is in the scenario file (empty for a document built in code). */
  constructor(readonly doc: ScenarioDoc, readonly expectSources: readonly SourceLocation[] = []) {
    this.engine = new Engine(doc.seed);
    this.net = new RunContext(this.engine);
  }

  /** Runs to the scenario's duration (or `until`), within the scenario's event budget. */
  run(options: RunOptions = {}): RunResult {
    const until = Math.min(options.until ?? this.doc.duration, this.doc.duration);
    const budget = this.doc.eventBudget;
    const chunk = options.onProgress ? (options.progressEvery ?? 1_000_000) : Infinity;
    for (;;) {
      const left = budget - this.events;
      const out = this.engine.run({ until, budget: Math.min(left, chunk) });
      this.events += out.events;
      if (out.kind === 'budget' && this.events < budget) {
        options.onProgress?.(this.engine.now, this.events);
        continue;
      }
      return { outcome: out.kind, events: this.events, stoppedAt: this.engine.now, until, budget };
    }
  }
}
