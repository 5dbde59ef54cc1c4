/**
 * Why a frame instance ended without being delivered. Every `drop` record names one, and the
 * report counts drops by it; the words are written to traces as they are, so they never change.
 */
export type DropReason =
  | 'queue-full'        // drop-tail queue of a link or hypervisor hop was full
  | 'no-carrier'        // the device has no cable or peer
  | 'vm-paused'         // a TAP whose VM is paused (a migration's stop-and-copy): qemu reads nothing
  | 'link-down'         // the link itself is down
  | 'interface-down'    // the receiving or sending netdev is administratively down
  | 'bridge-down'       // the port's bridge is down, so the port is disabled
  | 'stp-blocking'      // spanning tree keeps the port from forwarding
  | 'vlan-filtered'     // the frame's VLAN is not allowed on this port
  | 'not-for-me'        // a NIC's MAC filter: unicast to another MAC
  | 'same-port'         // the destination sits behind the port the frame came in on
  | 'ttl-expired'
  | 'port-unreachable'  // no socket listens on that UDP port
  | 'not-for-host'      // an IP packet for another address on a host that does not forward
  | 'no-egress'         // a bridge or switch had no port to send the frame out of
  | 'nat-exhausted'     // MASQUERADE had no free echo id or source port toward the destination
  | 'no-handler';       // a protocol nothing in the stack handles

/** Every drop reason, so scenario files can be checked for misspelt ones (the type makes it complete). */
const DROP_REASON_SET: Record<DropReason, true> = {
  'queue-full': true, 'no-carrier': true, 'vm-paused': true, 'link-down': true, 'interface-down': true, 'bridge-down': true,
  'stp-blocking': true, 'vlan-filtered': true, 'not-for-me': true, 'same-port': true,
  'ttl-expired': true, 'port-unreachable': true,
  'not-for-host': true, 'no-egress': true, 'nat-exhausted': true, 'no-handler': true,
};
export const DROP_REASONS: readonly DropReason[] = Object.keys(DROP_REASON_SET) as DropReason[];
