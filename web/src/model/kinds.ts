/** The trace's record kinds and the protocol classes, as small integers for the columnar store. */

export const KINDS = ['originate', 'tx', 'rx', 'drop', 'flood', 'learn', 'age-out', 'table-full', 'deliver', 'app', 'command', 'stp', 'cable', 'migrate', 'netdev'] as const;
export type KindName = (typeof KINDS)[number];

export const K_ORIGINATE = 0;
export const K_TX = 1;
export const K_RX = 2;
export const K_DROP = 3;
export const K_FLOOD = 4;
export const K_LEARN = 5;
export const K_AGE_OUT = 6;
export const K_TABLE_FULL = 7;
export const K_DELIVER = 8;
export const K_APP = 9;
export const K_COMMAND = 10;
/** Spanning tree: a port state change, a new root, the topology change flag. */
export const K_STP = 11;
/** A cable unplugged or plugged back in (a timeline `unplug` / `plug`). */
export const K_CABLE = 12;
/** A live migration: the VM stopped on its old host, or resumed on its new one (`virsh migrate`). */
export const K_MIGRATE = 13;
/** A host's device added or removed, enslaved to a bridge or released from it, during the run. */
export const K_NETDEV = 14;

/** A netdev record's event and the device's type, as the `a` and `b` columns hold them (indices). */
export const NETDEV_EVENTS = ['added', 'removed', 'enslaved', 'released'] as const;
export const NETDEV_TYPES = ['bridge', 'tap', 'vlan', 'nic'] as const;
export const ND_ADDED = 0;
export const ND_REMOVED = 1;
export const ND_ENSLAVED = 2;
export const ND_RELEASED = 3;

const KIND_INDEX = new Map<string, number>(KINDS.map((k, i) => [k, i]));

export function kindIndex(name: string): number {
  const i = KIND_INDEX.get(name);
  if (i === undefined) throw new Error(`unknown trace record kind "${name}"`);
  return i;
}

/** Kinds that carry a frame. */
export function hasFrame(kind: number): boolean {
  return kind <= K_FLOOD || kind === K_DELIVER;
}

export const PROTOCOLS = ['arp', 'icmp', 'udp', 'tcp', 'stp', 'ipv4', 'other'] as const;
export type ProtocolName = (typeof PROTOCOLS)[number];
export const P_ARP = 0;
export const P_ICMP = 1;
export const P_UDP = 2;
export const P_TCP = 3;
export const P_STP = 4;
export const P_IPV4 = 5;
export const P_OTHER = 6;

/** Who a frame is addressed to. */
export const DST_UNICAST = 0;
export const DST_BROADCAST = 1;
export const DST_MULTICAST = 2;
