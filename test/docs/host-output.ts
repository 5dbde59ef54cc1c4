/**
 * What a host command prints, as a doc shows it after "`brctl show` on host1:". The doc names a
 * scenario; the test adds the command at the end of that host's start-up commands (a copy, in the
 * sandbox: the scenario itself is never edited, so the example follows it when it changes), runs
 * it with --json and takes that command's entry of `commandOutputs`, unindented, as the terminal
 * would show it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import type { Sandbox } from './sandbox.js';

export interface HostCommand {
  readonly host: string;
  readonly command: string;
  readonly scenario: string;
}

/** `<!-- host command: host1# brctl show, after the commands of scenarios/05-x.yaml -->` */
export function parseHostCommand(text: string): HostCommand | null {
  const m = /^host command:\s*(\S+)#\s*(.+?),\s*after the commands of\s+(\S+)$/.exec(text);
  return m ? { host: m[1]!, command: m[2]!, scenario: m[3]! } : null;
}

/** Runs the scenario with the command appended to the host's commands; its output, or why there is none. */
export async function hostOutput(h: HostCommand, root: string, box: Sandbox): Promise<{ lines: string[] } | { problem: string }> {
  const doc = parseDocument(readFileSync(join(root, h.scenario), 'utf8'));
  const hosts = doc.get('hosts');
  const host = isSeq(hosts) ? hosts.items.find((x) => isMap(x) && x.get('name') === h.host) : undefined;
  if (!isMap(host)) return { problem: `${h.scenario} has no host ${h.host}` };
  const commands = host.get('commands');
  if (!isSeq(commands)) return { problem: `${h.scenario}: host ${h.host} has no commands` };
  commands.add(doc.createNode(h.command));
  const name = `host-command-${h.host}.yaml`;
  writeFileSync(join(box.dir, name), String(doc));
  const ran = await box.run(`vnetsim run ${name} --json`);
  let outputs: { host: string; line: string; output: string; t: number }[];
  try {
    outputs = (JSON.parse(ran.output) as { commandOutputs: typeof outputs }).commandOutputs;
  } catch {
    return { problem: `vnetsim run ${h.scenario} with "${h.command}" on ${h.host} printed no report:\n${ran.output}` };
  }
  const found = outputs.filter((o) => o.host === h.host && o.line === h.command && o.t === 0).at(-1);
  if (found === undefined) return { problem: `"${h.command}" on ${h.host} printed nothing` };
  const lines = found.output.split('\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return { lines: lines.map((l) => l.trimEnd()) };
}
