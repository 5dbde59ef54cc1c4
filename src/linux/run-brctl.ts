/**
 * What `brctl addbr|delbr|addif|delif`, `brctl setageing|stp` and the spanning tree settings
 * (`setbridgeprio|setfd|sethello|setmaxage|setpathcost|setportprio`) do to a host, and the words
 * bridge-utils uses when the kernel says no (brctl/brctl_cmd.c). brctl talks to the bridge ioctls, which refuse more
 * than netlink does: a port already in a bridge, a bridge that is still up.
 */
import { applyBridgeOptions } from './bridge-options.js';
import type { BridgeOptions, BridgePortOptions } from './command.js';
import { strerror } from './errors.js';
import { isValidIfname } from './ip-link-request.js';
import type { LinuxKernel } from './kernel.js';
import { failed, succeeded, type CommandResult } from './result.js';

export function brctlAddbr(kernel: LinuxKernel, name: string): CommandResult {
  if (!isValidIfname(name)) return failed(`add bridge failed: ${strerror('EINVAL')}`);
  const e = kernel.addBridge(name);
  if (e === 'EEXIST') return failed(`device ${name} already exists; can't create bridge with the same name`);
  if (e) return failed(`add bridge failed: ${strerror(e)}`);
  return succeeded();
}

export function brctlDelbr(kernel: LinuxKernel, name: string): CommandResult {
  const link = kernel.link(name);
  if (!link) return failed(`bridge ${name} doesn't exist; can't delete it`);
  if (link.kind !== 'bridge') return failed(`can't delete bridge ${name}: ${strerror('EPERM')}`);
  if (link.up) return failed(`bridge ${name} is still up; can't delete it`);
  const e = kernel.deleteLink(name);
  if (e) return failed(`can't delete bridge ${name}: ${strerror(e)}`);
  return succeeded();
}

export function brctlAddif(kernel: LinuxKernel, bridge: string, ports: readonly string[]): CommandResult {
  for (const port of ports) {
    const link = kernel.link(port);
    const master = kernel.link(bridge);
    if (!link) return failed(`interface ${port} does not exist!`);
    if (!master) return failed(`bridge ${bridge} does not exist!`);
    if (master.kind !== 'bridge') return failed(`can't add ${port} to bridge ${bridge}: ${strerror('EOPNOTSUPP')}`);
    if (link.master !== null) {
      return failed(`device ${port} is already a member of a bridge; can't enslave it to bridge ${bridge}.`);
    }
    const e = link.kind === 'bridge' ? 'ELOOP' : kernel.setMaster(port, bridge);
    if (e === 'EBUSY') return failed(`device ${port} is already a member of a bridge; can't enslave it to bridge ${bridge}.`);
    if (e === 'ELOOP') {
      return failed(`device ${port} is a bridge device itself; can't enslave a bridge device to a bridge device.`);
    }
    if (e) return failed(`can't add ${port} to bridge ${bridge}: ${strerror(e)}`);
  }
  return succeeded();
}

export function brctlDelif(kernel: LinuxKernel, bridge: string, ports: readonly string[]): CommandResult {
  for (const port of ports) {
    const link = kernel.link(port);
    const master = kernel.link(bridge);
    if (!link) return failed(`interface ${port} does not exist!`);
    if (!master) return failed(`bridge ${bridge} does not exist!`);
    if (master.kind !== 'bridge') return failed(`can't delete ${port} from ${bridge}: ${strerror('EOPNOTSUPP')}`);
    if (link.master !== bridge) return failed(`device ${port} is not a slave of ${bridge}`);
    const e = kernel.setMaster(port, null);
    if (e) return failed(`can't delete ${port} from ${bridge}: ${strerror(e)}`);
  }
  return succeeded();
}

/** What bridge-utils prints when setting one attribute fails, by the attribute. */
function failureText(options: BridgeOptions): string {
  if (options.ageingNs !== undefined) return 'set ageing time failed';
  if (options.priority !== undefined) return 'set bridge priority failed';
  if (options.forwardDelayNs !== undefined) return 'set forward delay failed';
  if (options.helloTimeNs !== undefined) return 'set hello timer failed';
  if (options.maxAgeNs !== undefined) return 'set max age failed';
  return 'set stp status failed';
}

/** `brctl setageing|stp|setbridgeprio|setfd|sethello|setmaxage`: one attribute each. */
export function brctlSet(kernel: LinuxKernel, bridge: string, options: BridgeOptions): CommandResult {
  const what = failureText(options);
  const link = kernel.link(bridge);
  if (!link) return failed(`${what}: ${strerror('ENODEV')}`);
  if (link.kind !== 'bridge') return failed(`${what}: ${strerror('EOPNOTSUPP')}`);
  const e = applyBridgeOptions(kernel, bridge, options);
  if (e) return failed(`${what}: ${strerror(e)}`);
  return succeeded();
}

/** `brctl setpathcost|setportprio BR PORT N`. */
export function brctlPortSet(kernel: LinuxKernel, bridge: string, port: string, options: BridgePortOptions): CommandResult {
  const cost = options.pathCost !== undefined;
  const what = cost ? 'set path cost failed' : 'set port priority failed';
  const link = kernel.link(bridge);
  if (!link) return failed(`${what}: ${strerror('ENODEV')}`);
  if (link.kind !== 'bridge') return failed(`${what}: ${strerror('EOPNOTSUPP')}`);
  const e = cost
    ? kernel.setBridgePortStpParam(bridge, port, 'pathCost', options.pathCost!)
    : kernel.setBridgePortStpParam(bridge, port, 'priority', options.priority ?? 0);
  if (e) return failed(`${what}: ${strerror(e)}`);
  return succeeded();
}
