/**
 * `brctl show`, `showmacs` and `showstp` in bridge-utils' layout (brctl/brctl_disp.c, brctl_cmd.c):
 * tab-separated columns; bridges and their interfaces in name order (the sysfs directory listing);
 * the forwarding table sorted by MAC address; bridge ids as `%.2x%.2x.%.2x...`
 * (`8000.525400123456`); timers as `%4i.%.2i` seconds and hundredths.
 * Invariant: printing only reads the kernel; a name that is no bridge is refused in brctl's words.
 */
import { strerror } from '../core/errors.js';
import type { BridgeIdView, BridgePortStpView, BridgeStpView, BridgeView, LinuxKernel } from '../core/kernel.js';
import { failed, finished, printLines, succeeded, type CommandResult } from '../core/result.js';
import { formatMac } from '../../wire/mac.js';

/** The views the brctl show commands print. */
export type BrctlShow =
  | { readonly of: 'brctl-bridges'; readonly bridges: readonly string[] } // brctl show [BR...]
  | { readonly of: 'brctl-macs'; readonly bridge: string }               // brctl showmacs BR
  | { readonly of: 'brctl-stp'; readonly bridge: string };               // brctl showstp BR

export function printBrctl(kernel: LinuxKernel, what: BrctlShow): CommandResult {
  switch (what.of) {
    case 'brctl-bridges':
      return show(kernel, what.bridges);
    case 'brctl-macs':
      return showmacs(kernel, what.bridge);
    case 'brctl-stp':
      return showstp(kernel, what.bridge);
  }
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Why the kernel has no bridge of that name: none at all, or a device of another kind. */
function notABridge(kernel: LinuxKernel, name: string): string {
  return strerror(kernel.link(name) ? 'EOPNOTSUPP' : 'ENODEV');
}

/** `%4i.%.2i`: whole seconds and hundredths. */
function timer(ns: number): string {
  const cs = Math.floor(ns / 10_000_000);
  return `${String(Math.floor(cs / 100)).padStart(4)}.${String(cs % 100).padStart(2, '0')}`;
}

// ---- brctl show --------------------------------------------------------------------------------

function bridgeLines(bridge: BridgeView): string[] {
  const ports = [...bridge.ports].sort(byName);
  const head = `${bridge.ifname}\t\t${bridge.bridgeId}\t${bridge.stp ? 'yes' : 'no'}\t\t${ports[0] ?? ''}`;
  return [head, ...ports.slice(1).map((p) => `\t\t\t\t\t\t\t${p}`)];
}

function show(kernel: LinuxKernel, names: readonly string[]): CommandResult {
  const bridges = kernel.bridges();
  const lines = ['bridge name\tbridge id\t\tSTP enabled\tinterfaces'];
  const errors: string[] = [];
  const selected = names.length > 0 ? names : bridges.map((b) => b.ifname).sort(byName);
  for (const name of selected) {
    const bridge = bridges.find((b) => b.ifname === name);
    if (bridge) lines.push(...bridgeLines(bridge));
    else errors.push(`can't get info ${notABridge(kernel, name)}`);
  }
  return finished(printLines(lines), errors);
}

// ---- brctl showmacs ----------------------------------------------------------------------------

function showmacs(kernel: LinuxKernel, name: string): CommandResult {
  const bridge = kernel.bridges().find((b) => b.ifname === name);
  if (!bridge) return failed(`read of forward table failed: ${notABridge(kernel, name)}`);
  const portNumber = (port: string): number => bridge.ports.indexOf(port) + 1;
  // The bridge's own addresses have no port and are not in the table brctl reads.
  const entries = kernel.fdb(name).filter((f) => f.port !== name).sort((a, b) => a.mac - b.mac);
  const lines = ['port no\tmac addr\t\tis local?\tageing timer'];
  for (const f of entries) {
    const age = timer(f.local ? 0 : f.ageNs);
    lines.push(`${String(portNumber(f.port)).padStart(3)}\t${formatMac(f.mac)}\t${f.local ? 'yes' : 'no'}\t\t${age}`);
  }
  return succeeded(printLines(lines));
}

// ---- brctl showstp -----------------------------------------------------------------------------

function id(b: BridgeIdView): string {
  return `${b.priority.toString(16).padStart(4, '0')}.${b.mac.toString(16).padStart(12, '0')}`;
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');
const int4 = (n: number): string => String(n).padStart(4);

function stpBridgeLines(b: BridgeStpView): string[] {
  const flags = `${b.topologyChange ? 'TOPOLOGY_CHANGE ' : ''}${b.topologyChangeDetected ? 'TOPOLOGY_CHANGE_DETECTED ' : ''}`;
  return [
    b.ifname,
    ` bridge id\t\t${id(b.bridgeId)}`,
    ` designated root\t${id(b.designatedRoot)}`,
    ` root port\t\t${int4(b.rootPort)}\t\t\tpath cost\t\t${int4(b.rootPathCost)}`,
    ` max age\t\t${timer(b.maxAge)}\t\t\tbridge max age\t\t${timer(b.bridgeMaxAge)}`,
    ` hello time\t\t${timer(b.helloTime)}\t\t\tbridge hello time\t${timer(b.bridgeHelloTime)}`,
    ` forward delay\t\t${timer(b.forwardDelay)}\t\t\tbridge forward delay\t${timer(b.bridgeForwardDelay)}`,
    ` ageing time\t\t${timer(b.ageingTime)}`,
    ` hello timer\t\t${timer(b.helloTimer)}\t\t\ttcn timer\t\t${timer(b.tcnTimer)}`,
    // The FDB here ages entries as they are looked up, so there is no garbage-collection timer.
    ` topology change timer\t${timer(b.topologyChangeTimer)}\t\t\tgc timer\t\t${timer(0)}`,
    ` flags\t\t\t${flags}`,
    '',
    '',
  ];
}

function portLines(p: BridgePortStpView): string[] {
  const flags = `${p.configPending ? 'CONFIG_PENDING ' : ''}${p.topologyChangeAck ? 'TOPOLOGY_CHANGE_ACK ' : ''}`;
  return [
    `${p.ifname} (${p.portNo})`,
    ` port id\t\t${hex4(p.portId)}\t\t\tstate\t\t${p.state.padStart(15)}`,
    ` designated root\t${id(p.designatedRoot)}\tpath cost\t\t${int4(p.pathCost)}`,
    ` designated bridge\t${id(p.designatedBridge)}\tmessage age timer\t${timer(p.messageAgeTimer)}`,
    ` designated port\t${hex4(p.designatedPort)}\t\t\tforward delay timer\t${timer(p.forwardDelayTimer)}`,
    ` designated cost\t${int4(p.designatedCost)}\t\t\thold timer\t\t${timer(p.holdTimer)}`,
    ` flags\t\t\t${flags}`,
    '',
  ];
}

function showstp(kernel: LinuxKernel, name: string): CommandResult {
  const b = kernel.bridgeStp(name);
  if (b === undefined) return failed(`${name}: can't get info ${notABridge(kernel, name)}`);
  const lines = stpBridgeLines(b);
  const ports = [...b.ports].sort((x, y) => byName(x.ifname, y.ifname));
  ports.forEach((p, i) => {
    if (i > 0) lines.push('');
    lines.push(...portLines(p));
  });
  lines.push('');
  return succeeded(printLines(lines));
}
