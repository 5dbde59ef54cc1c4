/**
 * The trace's record kinds and the protocol classes, as small integers for the columnar store. A
 * kind's number is its code in the record table (src/trace/schema.ts), so it is the same in every
 * chunk, store and trace; nothing here lists the kinds a second time.
 */
import { NETDEV_EVENTS } from '../../../src/trace/change-records.js';
import type { TraceKind } from '../../../src/trace/record.js';
import { KIND_CODE, KIND_ENTRIES } from '../../../src/trace/schema.js';

export const KINDS: readonly TraceKind[] = KIND_ENTRIES.map((e) => e.kind);
export type KindName = TraceKind;

export const K_ORIGINATE = KIND_CODE.originate;
export const K_TX = KIND_CODE.tx;
export const K_RX = KIND_CODE.rx;
export const K_DROP = KIND_CODE.drop;
export const K_FLOOD = KIND_CODE.flood;
export const K_LEARN = KIND_CODE.learn;
export const K_AGE_OUT = KIND_CODE['age-out'];
export const K_TABLE_FULL = KIND_CODE['table-full'];
export const K_DELIVER = KIND_CODE.deliver;
export const K_APP = KIND_CODE.app;
export const K_COMMAND = KIND_CODE.command;
/** Spanning tree: a port state change, a new root, the topology change flag. */
export const K_STP = KIND_CODE.stp;
/** A cable unplugged or plugged back in (a timeline `unplug` / `plug`). */
export const K_CABLE = KIND_CODE.cable;
/** A live migration: the VM stopped on its old host, or resumed on its new one (`virsh migrate`). */
export const K_MIGRATE = KIND_CODE.migrate;
/** A host's device added or removed, enslaved to a bridge or released from it, during the run. */
export const K_NETDEV = KIND_CODE.netdev;

/** A netdev record's event, as its column holds it (the position in NETDEV_EVENTS). */
export const ND_ADDED = NETDEV_EVENTS.indexOf('added');
export const ND_REMOVED = NETDEV_EVENTS.indexOf('removed');
export const ND_ENSLAVED = NETDEV_EVENTS.indexOf('enslaved');
export const ND_RELEASED = NETDEV_EVENTS.indexOf('released');

const WITH_FRAME = Uint8Array.from(KIND_ENTRIES, (e) => (e.fields.some((f) => f.type === 'frame') ? 1 : 0));

/** Kinds that carry a frame. */
export function hasFrame(kind: number): boolean {
  return WITH_FRAME[kind] === 1;
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
