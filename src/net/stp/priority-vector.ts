/**
 * The comparisons that build the tree (IEEE 802.1D-1998 8.6.2.2, 8.6.8.3, 8.6.9.3, in the form
 * Linux's net/bridge/br_stp.c writes them). Each port remembers the best configuration message
 * heard on its segment, its "designated" information: which root, at what cost, through which
 * bridge and port. Smaller is better at every step: root id, then cost, then bridge id, then port id.
 */
import type { StpBpdu } from '../../wire/bpdu.js';
import { compareBridgeId, sameBridgeId, type BridgeId } from './bridge-id.js';

/** What a port holds about the designated bridge of its segment. */
export interface DesignatedInfo {
  readonly designatedRoot: BridgeId;
  readonly designatedCost: number;
  readonly designatedBridge: BridgeId;
  readonly designatedPort: number;
}

/**
 * A received configuration BPDU replaces the port's information when it is better, or when it
 * comes from the same designated bridge and port (a fresh copy of the same message: it restarts
 * the message age timer). 802.1D-1998 8.6.2.2.
 */
export function supersedes(bpdu: StpBpdu, port: DesignatedInfo, own: BridgeId): boolean {
  let t = compareBridgeId(bpdu.rootId, port.designatedRoot);
  if (t !== 0) return t < 0;
  if (bpdu.rootPathCost !== port.designatedCost) return bpdu.rootPathCost < port.designatedCost;
  t = compareBridgeId(bpdu.bridgeId, port.designatedBridge);
  if (t !== 0) return t < 0;
  if (!sameBridgeId(bpdu.bridgeId, own)) return true;
  return bpdu.portId <= port.designatedPort;
}

/** A root port candidate: its designated information plus its own cost and id. */
export interface RootCandidate extends DesignatedInfo {
  readonly pathCost: number;
  readonly portId: number;
}

/**
 * Whether `p` offers a better path to the root than `current` (802.1D-1998 8.6.8.3): a better
 * root, then a lower total cost, then the better designated bridge, designated port, own port id.
 */
export function betterRootPath(p: RootCandidate, current: RootCandidate): boolean {
  let t = compareBridgeId(p.designatedRoot, current.designatedRoot);
  if (t !== 0) return t < 0;
  const a = p.designatedCost + p.pathCost, b = current.designatedCost + current.pathCost;
  if (a !== b) return a < b;
  t = compareBridgeId(p.designatedBridge, current.designatedBridge);
  if (t !== 0) return t < 0;
  if (p.designatedPort !== current.designatedPort) return p.designatedPort < current.designatedPort;
  return p.portId < current.portId;
}

/**
 * Whether this bridge should be the designated bridge of a port's segment (802.1D-1998 8.6.9.3):
 * the segment's recorded root is not ours, or we offer it more cheaply, or at equal cost our
 * bridge id (then port id) is lower.
 */
export function shouldBeDesignated(
  port: DesignatedInfo & { readonly portId: number },
  root: BridgeId, rootPathCost: number, own: BridgeId,
): boolean {
  if (!sameBridgeId(port.designatedRoot, root)) return true;
  if (rootPathCost !== port.designatedCost) return rootPathCost < port.designatedCost;
  const t = compareBridgeId(own, port.designatedBridge);
  if (t !== 0) return t < 0;
  return port.portId < port.designatedPort;
}
