/**
 * Applies bridge attributes (ageing, STP, VLAN filtering) in the order the kernel's
 * `br_changelink` does; the first refusal stops it.
 */
import type { BridgeOptions } from './command.js';
import type { Errno, LinuxKernel } from './kernel.js';

export function applyBridgeOptions(kernel: LinuxKernel, bridge: string, options: BridgeOptions): Errno | null {
  if (options.ageingNs !== undefined) {
    const e = kernel.setBridgeAgeing(bridge, options.ageingNs);
    if (e) return e;
  }
  if (options.stp !== undefined) {
    const e = kernel.setBridgeStp(bridge, options.stp);
    if (e) return e;
  }
  if (options.vlanFiltering !== undefined) {
    const e = kernel.setBridgeVlanFiltering(bridge, options.vlanFiltering);
    if (e) return e;
  }
  return null;
}
