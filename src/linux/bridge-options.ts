/**
 * Applies bridge attributes (STP timers, ageing, STP, priority, VLAN filtering) in the order the
 * kernel's `br_changelink` does; the first refusal stops it.
 */
import type { BridgeOptions } from './command.js';
import type { Errno, LinuxKernel } from './kernel.js';

export function applyBridgeOptions(kernel: LinuxKernel, bridge: string, options: BridgeOptions): Errno | null {
  if (options.forwardDelayNs !== undefined) {
    const e = kernel.setBridgeStpParam(bridge, 'forwardDelay', options.forwardDelayNs);
    if (e) return e;
  }
  if (options.helloTimeNs !== undefined) {
    const e = kernel.setBridgeStpParam(bridge, 'helloTime', options.helloTimeNs);
    if (e) return e;
  }
  if (options.maxAgeNs !== undefined) {
    const e = kernel.setBridgeStpParam(bridge, 'maxAge', options.maxAgeNs);
    if (e) return e;
  }
  if (options.ageingNs !== undefined) {
    const e = kernel.setBridgeAgeing(bridge, options.ageingNs);
    if (e) return e;
  }
  if (options.stp !== undefined) {
    const e = kernel.setBridgeStp(bridge, options.stp);
    if (e) return e;
  }
  if (options.priority !== undefined) {
    const e = kernel.setBridgeStpParam(bridge, 'priority', options.priority);
    if (e) return e;
  }
  if (options.vlanFiltering !== undefined) {
    const e = kernel.setBridgeVlanFiltering(bridge, options.vlanFiltering);
    if (e) return e;
  }
  return null;
}
