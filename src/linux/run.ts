/**
 * Applies a `LinuxOp` to a host's kernel and answers like the tool the user typed: its output, or
 * its error message. `executeLine` is parse + run for one configuration line.
 * Invariant: each operation is run by the file of the tool that parsed it (an op shared by two
 * tools goes by its `tool`), so a tool's words, effects and refusals live in one place.
 */
import { printFdb } from './bridge/fdb.js';
import { printBridgeVlans, runBridgeVlan } from './bridge/vlan.js';
import { runBrctl } from './brctl/cmd.js';
import { printBrctl } from './brctl/disp.js';
import type { LinuxOp, Show } from './command.js';
import { runIfconfig } from './ifconfig.js';
import { runIptables } from './iptables.js';
import { printIpAddress, runIpAddress } from './iproute/address.js';
import { printIpLink, runIpLink } from './iproute/link.js';
import { printIpNeigh } from './iproute/neigh.js';
import { printIpRoute, runIpRoute } from './iproute/route.js';
import { printIpTuntap, runIpTuntap } from './iproute/tuntap.js';
import type { LinuxKernel } from './core/kernel.js';
import { parseCommand } from './parse.js';
import { failed, succeeded, type CommandResult } from './core/result.js';
import { runSysctl } from './sysctl.js';
import { runVconfig } from './vconfig.js';
import { runVirsh } from './virsh.js';

export function runCommand(kernel: LinuxKernel, op: LinuxOp): CommandResult {
  switch (op.kind) {
    case 'nop':
      return succeeded();
    case 'bridge-add':
      return op.tool === 'brctl' ? runBrctl(kernel, op) : runIpLink(kernel, op);
    case 'bridge-del':
    case 'bridge-set':
    case 'bridge-port-set':
    case 'bridge-port-add':
    case 'bridge-port-del':
      return runBrctl(kernel, op);
    case 'vlan-add':
      return op.tool === 'vconfig' ? runVconfig(kernel, op) : runIpLink(kernel, op);
    case 'vlan-del':
      return runVconfig(kernel, op);
    case 'link-set':
      return op.tool === 'ifconfig' ? runIfconfig(kernel, op) : runIpLink(kernel, op);
    case 'link-del':
      return runIpLink(kernel, op);
    case 'addr-add':
    case 'addr-del':
    case 'addr-flush':
      return runIpAddress(kernel, op);
    case 'route-add':
    case 'route-del':
      return runIpRoute(kernel, op);
    case 'tuntap-add':
    case 'tuntap-del':
      return runIpTuntap(kernel, op);
    case 'bridge-vlan-add':
    case 'bridge-vlan-del':
      return runBridgeVlan(kernel, op);
    case 'sysctl':
      return runSysctl(kernel, op);
    case 'nat-rule':
    case 'nat-flush':
    case 'nat-show':
      return runIptables(kernel, op);
    case 'vm-migrate':
      return runVirsh(kernel, op);
    case 'show':
      return print(kernel, op.what);
  }
}

/** The read-only commands: the tool that parsed each prints it. */
function print(kernel: LinuxKernel, what: Show): CommandResult {
  switch (what.of) {
    case 'brctl-bridges':
    case 'brctl-macs':
    case 'brctl-stp':
      return printBrctl(kernel, what);
    case 'links':
      return printIpLink(kernel, what);
    case 'addresses':
      return printIpAddress(kernel, what);
    case 'routes':
      return printIpRoute(kernel, what);
    case 'neighbours':
      return printIpNeigh(kernel, what);
    case 'tuntaps':
      return printIpTuntap(kernel);
    case 'fdb':
      return printFdb(kernel, what);
    case 'bridge-vlans':
      return printBridgeVlans(kernel, what);
  }
}

export function executeLine(kernel: LinuxKernel, line: string): CommandResult {
  const parsed = parseCommand(line);
  return parsed.ok ? runCommand(kernel, parsed.op) : failed(parsed.message);
}
