/**
 * Bridge attributes as both `brctl` (one per command) and `ip link ... type bridge` (several at
 * once) ask for them, and their application in the order the kernel's `br_changelink` applies
 * them. Invariant: the first refusal stops the rest; attributes already applied stay applied, as
 * on Linux.
 */
import type { Errno, LinuxKernel } from './kernel.js';

/** `brctl setageing|stp|setbridgeprio|setfd|sethello|setmaxage`, `ip link add|set BR type bridge ...`. Absent = unchanged. */
export interface BridgeOptions {
  readonly ageingNs?: number;
  readonly stp?: boolean;
  readonly vlanFiltering?: boolean;
  /** Spanning tree bridge priority (`brctl setbridgeprio`, `priority`). */
  readonly priority?: number;
  readonly forwardDelayNs?: number;
  readonly helloTimeNs?: number;
  readonly maxAgeNs?: number;
}

export function applyBridgeOptions(kernel: LinuxKernel, bridge: string, options: BridgeOptions): Errno | null {
  const steps: readonly (() => Errno | null)[] = [
    () => (options.forwardDelayNs === undefined ? null : kernel.setBridgeStpParam(bridge, 'forwardDelay', options.forwardDelayNs)),
    () => (options.helloTimeNs === undefined ? null : kernel.setBridgeStpParam(bridge, 'helloTime', options.helloTimeNs)),
    () => (options.maxAgeNs === undefined ? null : kernel.setBridgeStpParam(bridge, 'maxAge', options.maxAgeNs)),
    () => (options.ageingNs === undefined ? null : kernel.setBridgeAgeing(bridge, options.ageingNs)),
    () => (options.stp === undefined ? null : kernel.setBridgeStp(bridge, options.stp)),
    () => (options.priority === undefined ? null : kernel.setBridgeStpParam(bridge, 'priority', options.priority)),
    () => (options.vlanFiltering === undefined ? null : kernel.setBridgeVlanFiltering(bridge, options.vlanFiltering)),
  ];
  for (const step of steps) {
    const e = step();
    if (e) return e;
  }
  return null;
}
