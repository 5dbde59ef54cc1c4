/**
 * Applies a `LinuxOp` to a host's kernel and answers like the tool the user typed: its output, or its
 * error message. `executeLine` is parse + run for one configuration line.
 */
import type { LinuxOp } from './command.js';
import type { LinuxKernel } from './kernel.js';
import { parseCommand } from './parse.js';
import { failed, succeeded, type CommandResult } from './result.js';
import { brctlAddbr, brctlAddif, brctlDelbr, brctlDelif, brctlPortSet, brctlSet } from './run-brctl.js';
import { bridgeVlanModify } from './run-bridge-vlan.js';
import { ipAddrFlush, ipAddrModify, ipRouteModify } from './run-ip-addr-route.js';
import { ifconfigSet, ipBridgeAdd, ipLinkDel, ipLinkSet, ipTuntapAdd, ipTuntapDel, ipVlanAdd } from './run-ip-link.js';
import { runIptables } from './run-iptables.js';
import { runSysctl } from './run-sysctl.js';
import { vconfigAdd, vconfigRem } from './run-vconfig.js';
import { runShow } from './show.js';

export type { CommandResult } from './result.js';

export function runCommand(kernel: LinuxKernel, op: LinuxOp): CommandResult {
  switch (op.kind) {
    case 'nop':
      return succeeded();
    case 'bridge-add':
      return op.tool === 'brctl' ? brctlAddbr(kernel, op.name) : ipBridgeAdd(kernel, op.name, op.options);
    case 'bridge-del':
      return brctlDelbr(kernel, op.name);
    case 'bridge-set':
      return brctlSet(kernel, op.bridge, op.options);
    case 'bridge-port-set':
      return brctlPortSet(kernel, op.bridge, op.port, op.options);
    case 'bridge-port-add':
      return brctlAddif(kernel, op.bridge, op.ports);
    case 'bridge-port-del':
      return brctlDelif(kernel, op.bridge, op.ports);
    case 'tuntap-add':
      return ipTuntapAdd(kernel, op.name, op.mode);
    case 'tuntap-del':
      return ipTuntapDel(kernel, op.name);
    case 'vlan-add':
      return op.tool === 'vconfig'
        ? vconfigAdd(kernel, op.parent, op.name, op.vid)
        : ipVlanAdd(kernel, op.parent, op.name, op.vid);
    case 'vlan-del':
      return vconfigRem(kernel, op.name);
    case 'link-del':
      return ipLinkDel(kernel, op.dev);
    case 'link-set':
      return op.tool === 'ifconfig' ? ifconfigSet(kernel, op) : ipLinkSet(kernel, op);
    case 'addr-add':
    case 'addr-del':
      return ipAddrModify(kernel, op);
    case 'addr-flush':
      return ipAddrFlush(kernel, op.dev);
    case 'route-add':
    case 'route-del':
      return ipRouteModify(kernel, op);
    case 'bridge-vlan-add':
    case 'bridge-vlan-del':
      return bridgeVlanModify(kernel, op);
    case 'sysctl':
      return runSysctl(kernel, op);
    case 'show':
      return runShow(kernel, op.what);
    case 'vm-migrate': {
      const error = kernel.migrateVm(op.vm, op.host);
      return error === null ? succeeded(`\nMigration: [100 %]\n`) : failed(error);
    }
    case 'nat-rule':
    case 'nat-flush':
    case 'nat-show':
      return runIptables(kernel, op);
  }
}

export function executeLine(kernel: LinuxKernel, line: string): CommandResult {
  const parsed = parseCommand(line);
  return parsed.ok ? runCommand(kernel, parsed.op) : failed(parsed.message);
}
