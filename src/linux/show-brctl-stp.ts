/**
 * `brctl showstp BR` in bridge-utils' layout (brctl/brctl_disp.c: br_dump_info, dump_port_info):
 * the bridge's spanning tree state, then each port in name order (the sysfs directory listing).
 * Bridge ids print as `%.2x%.2x.%.2x...` (`8000.525400123456`), timers as `%4i.%.2i` seconds.
 */
import { strerror } from './errors.js';
import type { BridgeIdView, BridgePortStpView, BridgeStpView, LinuxKernel } from './kernel.js';
import { failed, printLines, type CommandResult } from './result.js';

function id(b: BridgeIdView): string {
  return `${b.priority.toString(16).padStart(4, '0')}.${b.mac.toString(16).padStart(12, '0')}`;
}

/** `%4i.%.2i`: whole seconds and hundredths. */
function timer(ns: number): string {
  const cs = Math.floor(ns / 10_000_000);
  return `${String(Math.floor(cs / 100)).padStart(4)}.${String(cs % 100).padStart(2, '0')}`;
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');
const int4 = (n: number): string => String(n).padStart(4);

function bridgeLines(b: BridgeStpView): string[] {
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

export function showBrctlStp(kernel: LinuxKernel, name: string): CommandResult {
  const b = kernel.bridgeStp(name);
  if (b === undefined) return failed(`${name}: can't get info ${strerror(kernel.link(name) ? 'EOPNOTSUPP' : 'ENODEV')}`);
  const lines = bridgeLines(b);
  const ports = [...b.ports].sort((x, y) => (x.ifname < y.ifname ? -1 : x.ifname > y.ifname ? 1 : 0));
  ports.forEach((p, i) => {
    if (i > 0) lines.push('');
    lines.push(...portLines(p));
  });
  lines.push('');
  return { ok: true, output: printLines(lines), error: null };
}
