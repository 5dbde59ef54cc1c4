/**
 * What `ip address add|del|flush` and `ip route add|del` do to a host's IP configuration.
 */
import type { LinuxOp } from './command.js';
import { rtnetlink, strerror } from './errors.js';
import { noDeviceMessage } from './iproute-args.js';
import type { LinuxKernel } from './kernel.js';
import { failed, succeeded, type CommandResult } from './result.js';
import { prefixMask } from '../wire/ipv4-address.js';

type AddrOp = Extract<LinuxOp, { kind: 'addr-add' | 'addr-del' }>;
type RouteOp = Extract<LinuxOp, { kind: 'route-add' | 'route-del' }>;

export function ipAddrModify(kernel: LinuxKernel, op: AddrOp): CommandResult {
  if (!kernel.link(op.dev)) return failed(noDeviceMessage(op.dev));
  if (op.kind === 'addr-add') {
    const e = kernel.addAddress(op.dev, op.cidr);
    return e ? failed(rtnetlink(e)) : succeeded();
  }
  const e = kernel.deleteAddress(op.dev, op.cidr);
  if (e === 'ESRCH' || e === 'ENOENT') return failed(rtnetlink('EADDRNOTAVAIL'));
  return e ? failed(rtnetlink(e)) : succeeded();
}

export function ipAddrFlush(kernel: LinuxKernel, dev: string): CommandResult {
  if (!kernel.link(dev)) return failed(`Device "${dev}" does not exist.`);
  const e = kernel.flushAddresses(dev);
  return e ? failed(`Failed to send flush request: ${strerror(e)}`) : succeeded();
}

export function ipRouteModify(kernel: LinuxKernel, op: RouteOp): CommandResult {
  if (op.dev !== null && !kernel.link(op.dev)) return failed(noDeviceMessage(op.dev));
  if ((op.dest & ~prefixMask(op.prefixLength)) !== 0) return failed('Error: Invalid prefix for given prefix length.');
  const e = op.kind === 'route-add'
    ? kernel.addRoute(op.dest, op.prefixLength, op.via, op.dev)
    : kernel.deleteRoute(op.dest, op.prefixLength);
  return e ? failed(rtnetlink(e)) : succeeded();
}
