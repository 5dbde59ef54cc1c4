/**
 * What `ip link add|del|set` and `ip tuntap add|del` do to a host, and how iproute2 reports the
 * kernel's refusals ("RTNETLINK answers: ...", or the kernel's own extended-ack text).
 */
import { applyBridgeOptions } from './bridge-options.js';
import type { BridgeOptions, LinuxOp } from './command.js';
import { notSupported, rtnetlink, strerror } from './errors.js';
import { noDeviceMessage } from './iproute-args.js';
import type { LinkView, LinuxKernel } from './kernel.js';
import { failed, succeeded, type CommandResult } from './result.js';
import { isGroupMac } from '../wire/mac.js';

const MIN_MTU = 68;
const MAX_MTU = 65535;

export function ipBridgeAdd(kernel: LinuxKernel, name: string, options: BridgeOptions): CommandResult {
  const e = kernel.addBridge(name) ?? applyBridgeOptions(kernel, name, options);
  return e ? failed(rtnetlink(e)) : succeeded();
}

export function ipVlanAdd(kernel: LinuxKernel, parent: string, name: string, vid: number): CommandResult {
  if (!kernel.link(parent)) return failed(noDeviceMessage(parent));
  const e = kernel.addVlan(parent, name, vid);
  return e ? failed(rtnetlink(e)) : succeeded();
}

export function ipLinkDel(kernel: LinuxKernel, dev: string): CommandResult {
  if (!kernel.link(dev)) return failed(noDeviceMessage(dev));
  const e = kernel.deleteLink(dev);
  return e ? failed(rtnetlink(e)) : succeeded();
}

/** `ip link set`: the kernel's order (`rtnl_newlink` then `do_setlink`): kind attributes, MAC, MTU, flags, master. */
export function ipLinkSet(kernel: LinuxKernel, op: Extract<LinuxOp, { kind: 'link-set' }>): CommandResult {
  if (typeof op.master === 'string' && !kernel.link(op.master)) {
    return failed(`Error: argument "${op.master}" is wrong: Device does not exist`);
  }
  const link = kernel.link(op.dev);
  if (!link) return failed(noDeviceMessage(op.dev));
  if (op.bridge !== undefined) {
    if (link.kind !== 'bridge') return failed(rtnetlink('EOPNOTSUPP'));
    const e = applyBridgeOptions(kernel, op.dev, op.bridge);
    if (e) return failed(rtnetlink(e));
  }
  if (op.mac !== undefined) {
    const e = isGroupMac(op.mac) ? 'EADDRNOTAVAIL' : kernel.setMac(op.dev, op.mac);
    if (e) return failed(rtnetlink(e));
  }
  if (op.mtu !== undefined) {
    if (op.mtu < MIN_MTU) return failed('Error: mtu less than device minimum.');
    if (op.mtu > MAX_MTU) return failed('Error: mtu greater than device maximum.');
    const e = kernel.setMtu(op.dev, op.mtu);
    if (e === 'EINVAL') return failed('Error: mtu greater than device maximum.');
    if (e) return failed(rtnetlink(e));
  }
  if (op.promisc !== undefined) {
    const e = kernel.setPromisc(op.dev, op.promisc);
    if (e) return failed(rtnetlink(e));
  }
  if (op.up !== undefined) {
    const e = kernel.setUp(op.dev, op.up);
    if (e) return failed(rtnetlink(e));
  }
  if (op.master !== undefined) return setMaster(kernel, link, op.master);
  return succeeded();
}

/** `do_set_master`: releasing is idempotent; enslaving to another bridge moves the port. */
function setMaster(kernel: LinuxKernel, link: LinkView, master: string | null): CommandResult {
  if (link.master === master) return succeeded();
  if (master !== null) {
    if (kernel.link(master)!.kind !== 'bridge') return failed(rtnetlink('EOPNOTSUPP'));
    if (link.kind === 'bridge') return failed('Error: Can not enslave a bridge to a bridge.');
  }
  if (link.master !== null) {
    const e = kernel.setMaster(link.ifname, null);
    if (e) return failed(rtnetlink(e));
  }
  if (master === null) return succeeded();
  const e = kernel.setMaster(link.ifname, master);
  if (e === 'ELOOP') return failed('Error: Can not enslave a bridge to a bridge.');
  return e ? failed(rtnetlink(e)) : succeeded();
}

/** `ip tuntap add`: TUNSETIFF with IFF_TUN_EXCL, so an existing name is busy. */
export function ipTuntapAdd(kernel: LinuxKernel, name: string, mode: 'tap' | 'tun'): CommandResult {
  if (mode === 'tun') return failed(notSupported('ip tuntap add ... mode tun', 'ip tuntap add dev NAME mode tap'));
  if (kernel.link(name)) return failed(`ioctl(TUNSETIFF): ${strerror('EBUSY')}`);
  const e = kernel.addTap(name);
  return e ? failed(`ioctl(TUNSETIFF): ${strerror(e === 'EEXIST' ? 'EBUSY' : e)}`) : succeeded();
}

/** `ip tuntap del`: attaches and clears persistence; a name that does not exist is made and gone again. */
export function ipTuntapDel(kernel: LinuxKernel, name: string): CommandResult {
  const link = kernel.link(name);
  if (!link) return succeeded();
  if (link.kind !== 'tap') return failed(`ioctl(TUNSETIFF): ${strerror('EINVAL')}`);
  const e = kernel.deleteLink(name);
  return e ? failed(`ioctl(TUNSETPERSIST): ${strerror(e)}`) : succeeded();
}

/** `ifconfig DEV up|down|promisc|mtu` through the SIOCSIF* ioctls. */
export function ifconfigSet(kernel: LinuxKernel, op: Extract<LinuxOp, { kind: 'link-set' }>): CommandResult {
  if (!kernel.link(op.dev)) return failed(`${op.dev}: ERROR while getting interface flags: ${strerror('ENODEV')}`);
  if (op.mtu !== undefined) {
    const e = op.mtu < MIN_MTU || op.mtu > MAX_MTU ? 'EINVAL' : kernel.setMtu(op.dev, op.mtu);
    if (e) return failed(`SIOCSIFMTU: ${strerror(e)}`);
  }
  if (op.promisc !== undefined) {
    const e = kernel.setPromisc(op.dev, op.promisc);
    if (e) return failed(`SIOCSIFFLAGS: ${strerror(e)}`);
  }
  if (op.up !== undefined) {
    const e = kernel.setUp(op.dev, op.up);
    if (e) return failed(`SIOCSIFFLAGS: ${strerror(e)}`);
  }
  return succeeded();
}
