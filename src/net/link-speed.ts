/**
 * The speed a netdev reports (what `ethtool` shows and the bridge reads for a port's default path
 * cost): a physical NIC runs at its cable's rate; a TAP reports 10 Mb/s (the tun driver's fixed
 * answer); a VLAN sub-interface reports its parent's speed; a bridge has none.
 */
import type { Netdev } from './netdev.js';
import { PhysicalNic } from './physical-nic.js';
import { TapDevice } from './tap.js';
import { VlanSubinterface } from './vlan-subinterface.js';

const TUN_SPEED = 10e6;

export function linkSpeedOf(dev: Netdev): number | null {
  if (dev instanceof PhysicalNic) return dev.cable === null ? null : dev.cable.params.rate;
  if (dev instanceof TapDevice) return TUN_SPEED;
  if (dev instanceof VlanSubinterface) return linkSpeedOf(dev.parent);
  return null;
}
