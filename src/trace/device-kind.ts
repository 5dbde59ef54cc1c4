/**
 * What kind of device a netdev is: the one vocabulary the datapath (each Netdev's `kind`), the
 * command layer (`ip link`'s view of a link), the trace's netdev records, the topology and the
 * visualizer share. The words are written to traces and topologies as they are (`nic` for a
 * host's physical NIC), so they never change; `ip link` prints its own words for them.
 */
export type DeviceKind =
  | 'nic'       // a host's physical NIC, cabled to a switch or another host
  | 'vnic'      // a guest's virtual NIC (virtio-net eth0 inside a VM), behind the hypervisor hop
  | 'tap'       // the host side of a VM's NIC
  | 'bridge'    // a Linux bridge
  | 'vlan'      // an 802.1Q sub-interface of another device
  | 'loopback'; // lo

/**
 * The kinds of device a host makes and removes during a run, in the order the visualizer numbers
 * them (a netdev record's type column holds the index).
 */
export const HOST_DEVICE_KINDS = ['bridge', 'tap', 'vlan', 'nic'] as const satisfies readonly DeviceKind[];
