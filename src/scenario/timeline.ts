/**
 * The scenario's timeline: what happens while the run goes on. A command runs in a host's shell at
 * its time (a `virsh migrate` among them: the host asks its migrator, src/nodes/migration.ts); a
 * cable is pulled or plugged back in. This file only schedules them; the devices do the rest.
 *
 * Invariants: each item is one engine event, scheduled in document order, so items at the same
 * time happen in the order they are written; a command that fails is recorded and the run goes on,
 * as a shell script would.
 */
import type { ParseResult } from '../linux/parse.js';
import type { Cable } from '../net/link/cable.js';
import type { Host } from '../nodes/host.js';
import { runHostLine } from './host-shell.js';
import type { ParsedCommands } from './parsed-commands.js';
import type { Simulation } from './simulation.js';

/** Schedules every timeline item of the simulation's document; `cableAt` finds a cable by either end. */
export function scheduleTimeline(sim: Simulation, commands: ParsedCommands, cableAt: ReadonlyMap<string, Cable>): void {
  for (const ev of sim.doc.timeline) {
    if (ev.kind === 'cable') {
      const link = cableAt.get(ev.end);
      if (link) new CableChange(sim, link, ev.at, ev.up);
      continue;
    }
    const host = sim.hosts.get(ev.host);
    if (host) new TimelineCommand(sim, host, ev.at, ev.command, commands.parse(ev.command));
  }
}

/** A command from the scenario's timeline, run on a host at its time. */
class TimelineCommand {
  constructor(
    private readonly sim: Simulation,
    private readonly host: Host,
    at: number,
    readonly line: string,
    private readonly parsed: ParseResult,
  ) {
    sim.engine.at(at, onTimelineCommand, this);
  }

  run(): void {
    const net = this.sim.net;
    if (net.trace.on) net.trace.emit({ kind: 'command', t: net.now, at: this.host, line: this.line });
    const r = runHostLine(this.sim, this.host, this.line, this.parsed);
    if (!r.ok) this.sim.commandFailures.push({ t: net.now, host: this.host.name, line: this.line, error: r.error ?? 'failed' });
  }
}

function onTimelineCommand(c: TimelineCommand): void {
  c.run();
}

/** A cable pulled or plugged back in at a time of the timeline (the link records it in the trace). */
class CableChange {
  constructor(sim: Simulation, readonly link: Cable, at: number, readonly up: boolean) {
    sim.engine.at(at, onCableChange, this);
  }
}

function onCableChange(c: CableChange): void {
  c.link.setUp(c.up);
}
