/**
 * `brctl show` and `brctl showmacs` in bridge-utils' layout: tab-separated columns, bridges and
 * their interfaces in name order, the forwarding table sorted by MAC address.
 */
import { strerror } from './errors.js';
import type { BridgeView, LinuxKernel } from './kernel.js';
import { failed, printLines, type CommandResult } from './result.js';
import { formatMac } from '../wire/mac.js';

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function bridgeLines(bridge: BridgeView): string[] {
  const ports = [...bridge.ports].sort(byName);
  const head = `${bridge.ifname}\t\t${bridge.bridgeId}\t${bridge.stp ? 'yes' : 'no'}\t\t${ports[0] ?? ''}`;
  return [head, ...ports.slice(1).map((p) => `\t\t\t\t\t\t\t${p}`)];
}

export function showBrctlBridges(kernel: LinuxKernel, names: readonly string[]): CommandResult {
  const bridges = kernel.bridges();
  const lines = ['bridge name\tbridge id\t\tSTP enabled\tinterfaces'];
  const errors: string[] = [];
  const selected = names.length > 0 ? names : bridges.map((b) => b.ifname).sort(byName);
  for (const name of selected) {
    const bridge = bridges.find((b) => b.ifname === name);
    if (bridge) lines.push(...bridgeLines(bridge));
    else errors.push(`can't get info ${strerror(kernel.link(name) ? 'EOPNOTSUPP' : 'ENODEV')}`);
  }
  const output = printLines(lines);
  return errors.length ? failed(errors.join('\n'), output) : { ok: true, output, error: null };
}

/** `%4i.%.2i`: the ageing timer in seconds and hundredths. */
function ageingTimer(ns: number): string {
  const centiseconds = Math.floor(ns / 10_000_000);
  return `${String(Math.floor(centiseconds / 100)).padStart(4)}.${String(centiseconds % 100).padStart(2, '0')}`;
}

export function showBrctlMacs(kernel: LinuxKernel, name: string): CommandResult {
  const bridge = kernel.bridges().find((b) => b.ifname === name);
  if (!bridge) return failed(`read of forward table failed: ${strerror(kernel.link(name) ? 'EOPNOTSUPP' : 'ENODEV')}`);
  const portNumber = (port: string): number => bridge.ports.indexOf(port) + 1;
  // The bridge's own addresses have no port and are not in the table brctl reads.
  const entries = kernel.fdb(name).filter((f) => f.port !== name).sort((a, b) => a.mac - b.mac);
  const lines = ['port no\tmac addr\t\tis local?\tageing timer'];
  for (const f of entries) {
    const timer = ageingTimer(f.local ? 0 : f.ageNs);
    lines.push(`${String(portNumber(f.port)).padStart(3)}\t${formatMac(f.mac)}\t${f.local ? 'yes' : 'no'}\t\t${timer}`);
  }
  return { ok: true, output: printLines(lines), error: null };
}
