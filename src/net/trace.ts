/**
 * The network's trace records (ns-3's named trace sources, as one discriminated union). Places are
 * given as `Place` values (a stable human name like `host1/tap0` plus a numeric id); frames are the
 * frame values themselves. Sinks (NDJSON, pcap, the trace hash, the visualizer) subscribe on the bus.
 */
import type { BridgeId } from '../wire/bpdu.js';
import type { EthernetFrame } from '../wire/ethernet.js';
import type { Mac } from '../wire/mac.js';
import type { PortRole, PortState } from './stp/port-state.js';

/** Anything that appears in a trace: a netdev, a switch port, a bridge, a node. */
export interface Place {
  readonly id: number;
  readonly name: string;
}

export type DropReason =
  | 'queue-full'        // drop-tail queue of a link or hypervisor hop was full
  | 'no-carrier'        // the device has no cable or peer
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
  'queue-full': true, 'no-carrier': true, 'link-down': true, 'interface-down': true, 'bridge-down': true,
  'stp-blocking': true, 'vlan-filtered': true, 'not-for-me': true, 'same-port': true,
  'ttl-expired': true, 'port-unreachable': true,
  'not-for-host': true, 'no-egress': true, 'nat-exhausted': true, 'no-handler': true,
};
export const DROP_REASONS: readonly DropReason[] = Object.keys(DROP_REASON_SET) as DropReason[];

export type TraceRecord =
  /** A stack or traffic generator made a new frame. */
  | { readonly kind: 'originate'; readonly t: number; readonly at: Place; readonly frame: EthernetFrame }
  /** A frame starts onto a link or the hypervisor hop; it arrives at `to` at time `arrive`. */
  | { readonly kind: 'tx'; readonly t: number; readonly at: Place; readonly to: Place; readonly frame: EthernetFrame; readonly arrive: number }
  /** A frame finished a hop and arrives at a device. */
  | { readonly kind: 'rx'; readonly t: number; readonly at: Place; readonly frame: EthernetFrame }
  | { readonly kind: 'drop'; readonly t: number; readonly at: Place; readonly frame: EthernetFrame; readonly reason: DropReason }
  /** A bridge or switch sends copies of a frame out of `copies` ports. */
  | { readonly kind: 'flood'; readonly t: number; readonly at: Place; readonly frame: EthernetFrame; readonly copies: number }
  /** A bridge or switch learned (or moved) `mac` in VLAN `vid` behind `port`. */
  | { readonly kind: 'learn'; readonly t: number; readonly at: Place; readonly mac: Mac; readonly vid: number; readonly port: Place; readonly moved: boolean }
  /** An FDB / MAC table entry aged out. */
  | { readonly kind: 'age-out'; readonly t: number; readonly at: Place; readonly mac: Mac; readonly vid: number; readonly port: Place }
  /** A table was full and could not learn `mac`. */
  | { readonly kind: 'table-full'; readonly t: number; readonly at: Place; readonly mac: Mac; readonly vid: number }
  /** An IP stack accepted the frame (the end of its journey). */
  | { readonly kind: 'deliver'; readonly t: number; readonly at: Place; readonly frame: EthernetFrame }
  /** An application event: a ping's request, reply, or loss (UDP flows are counted, not traced). */
  | { readonly kind: 'app'; readonly t: number; readonly at: Place; readonly app: string; readonly event: string; readonly detail: string }
  /** A timeline command ran on a host (start-up commands run while building, before the trace starts). */
  | { readonly kind: 'command'; readonly t: number; readonly at: Place; readonly line: string }
  /**
   * Live migration of VM `at` from TAP `from` (on its old host) to TAP `to` (on its new one): it
   * `stopped` on the old host, and after the downtime `resumed` on the new one.
   */
  | { readonly kind: 'migrate'; readonly t: number; readonly at: Place; readonly event: 'stopped' | 'resumed'; readonly from: Place; readonly to: Place }
  /**
   * A host's devices changed while the run went on (a timeline command, or a migration making a
   * TAP): device `at` of host `host` was `added` (of `type`; a VLAN sub-interface's `peer` is its
   * parent) or `removed`, or `enslaved` to bridge `peer` or `released` from it. (Start-up commands
   * run before the trace starts: the trace header's topology is what they built.)
   */
  | {
      readonly kind: 'netdev'; readonly t: number; readonly at: Place; readonly host: Place;
      readonly event: 'added' | 'removed' | 'enslaved' | 'released'; readonly type: NetdevType; readonly peer: Place | null;
    }
  /** A cable (`at`, named `a<->b`) was unplugged (`up` false) or plugged back in (a timeline `unplug` / `plug`). */
  | { readonly kind: 'cable'; readonly t: number; readonly at: Place; readonly up: boolean }
  | StpRecord;

/**
 * Spanning tree (802.1D) at bridge or switch `at`: a port changed state (`event: 'state'`, with the
 * role it has now), the bridge's root or root port changed (`'root'`; `port` null when the bridge
 * believes it is the root itself), or its topology-change flag went on or off (`'topology-change'`,
 * while on the FDB ages entries out after the forward delay).
 */
export type StpRecord =
  | {
      readonly kind: 'stp'; readonly event: 'state'; readonly t: number; readonly at: Place; readonly port: Place;
      readonly from: PortState; readonly to: PortState; readonly role: PortRole;
    }
  | {
      readonly kind: 'stp'; readonly event: 'root'; readonly t: number; readonly at: Place; readonly port: Place | null;
      readonly root: BridgeId; readonly cost: number;
    }
  | { readonly kind: 'stp'; readonly event: 'topology-change'; readonly t: number; readonly at: Place; readonly on: boolean };

export type TraceKind = TraceRecord['kind'];

/** What a device is, as the topology names it. */
export type NetdevType = 'bridge' | 'tap' | 'vlan' | 'nic';
