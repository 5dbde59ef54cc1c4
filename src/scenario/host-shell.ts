/**
 * A host's shell: one parsed command line run against the host's kernel, at start-up or from the
 * timeline. What a command printed to look at the network (`brctl showmacs`, not `vconfig add`'s
 * confirmation) is kept for the report, stamped with the simulated time it ran at.
 */
import { looksAtState } from '../linux/command.js';
import type { ParseResult } from '../linux/parse.js';
import { failed, type CommandResult } from '../linux/core/result.js';
import { runCommand } from '../linux/run.js';
import type { Host } from '../nodes/host.js';
import type { Simulation } from './simulation.js';

/** Runs `line` (already parsed) on `host`; a line that did not parse fails with the tool's message. */
export function runHostLine(sim: Simulation, host: Host, line: string, parsed: ParseResult): CommandResult {
  if (!parsed.ok) return failed(parsed.message);
  const r = runCommand(host, parsed.op);
  if (r.ok && r.output !== '' && looksAtState(parsed.op)) sim.commandOutputs.push({ t: sim.engine.now, host: host.name, line, output: r.output });
  return r;
}
