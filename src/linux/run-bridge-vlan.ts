/**
 * What `bridge vlan add|del` do: a port's (or, with `self`, the bridge's own) VLAN membership, PVID
 * and egress tagging. VID 0 and 4095 are reserved; the kernel refuses them.
 */
import type { LinuxOp } from './command.js';
import { rtnetlink } from './errors.js';
import type { LinuxKernel } from './kernel.js';
import { failed, succeeded, type CommandResult } from './result.js';

type BridgeVlanOp = Extract<LinuxOp, { kind: 'bridge-vlan-add' | 'bridge-vlan-del' }>;

export function bridgeVlanModify(kernel: LinuxKernel, op: BridgeVlanOp): CommandResult {
  const link = kernel.link(op.dev);
  if (!link) return failed(`Cannot find bridge device "${op.dev}"`);
  if (op.vid < 1 || op.vidEnd > 4094) return failed(rtnetlink('EINVAL'));
  // No flag means `master`: the request goes to the bridge above the device.
  const toMaster = op.master || !op.self;
  const toSelf = op.self;
  if (toMaster && link.master === null) return failed(rtnetlink('EOPNOTSUPP'));
  if (toSelf && link.kind !== 'bridge') return failed(rtnetlink('EOPNOTSUPP'));
  for (let vid = op.vid; vid <= op.vidEnd; vid++) {
    const e = op.kind === 'bridge-vlan-add'
      ? kernel.bridgeVlanAdd(op.dev, vid, op.pvid, op.untagged)
      : kernel.bridgeVlanDel(op.dev, vid);
    if (e) return failed(rtnetlink(e));
  }
  return succeeded();
}
