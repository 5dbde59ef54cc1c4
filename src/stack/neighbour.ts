import type { Ipv4Packet } from '../wire/frame.js';
import type { Ipv4Address } from '../wire/ipv4-address.js';
import type { Mac } from '../wire/mac.js';
import type { Netdev } from '../net/netdev.js';

export type NeighState = 'INCOMPLETE' | 'REACHABLE' | 'FAILED';

/** An ARP cache entry (Linux's neighbour), with the packets waiting for it to resolve. */
export interface NeighEntry {
  readonly ip: Ipv4Address;
  readonly dev: Netdev;
  mac: Mac | null;
  state: NeighState;
  /** When the entry was last confirmed (ns). */
  confirmed: number;
  /** ARP requests sent for the current resolution. */
  probes: number;
  readonly pending: Ipv4Packet[];
  /** Packets' lineage (the frame they came from when forwarded), parallel to `pending`. */
  readonly pendingOrigins: number[];
}

/** Timing and limits of address resolution (Linux defaults, simplified). */
export interface NeighParams {
  /** An entry is trusted this long after its last confirmation, then resolved again (gc_stale_time). */
  readonly lifetimeNs: number;
  /** Time between ARP requests while resolving (retrans_time). */
  readonly retransNs: number;
  /** Requests before giving up (mcast_solicit). */
  readonly maxProbes: number;
  /** Packets queued per unresolved neighbour (unres_qlen). */
  readonly queueLimit: number;
}

/** The ARP cache of one IP stack, keyed by (device, address). */
export class NeighbourTable {
  /** Made on the first resolution: an idle guest has no neighbours. */
  private entries: Map<number, NeighEntry> | null = null;

  get(dev: Netdev, ip: Ipv4Address): NeighEntry | undefined {
    return this.entries?.get(key(dev, ip));
  }

  create(dev: Netdev, ip: Ipv4Address): NeighEntry {
    const e: NeighEntry = { ip, dev, mac: null, state: 'INCOMPLETE', confirmed: 0, probes: 0, pending: [], pendingOrigins: [] };
    (this.entries ??= new Map()).set(key(dev, ip), e);
    return e;
  }

  delete(e: NeighEntry): void {
    this.entries?.delete(key(e.dev, e.ip));
  }

  /** Entries sorted by address then device, for `ip neigh show` and inspectors. */
  list(): NeighEntry[] {
    if (this.entries === null) return [];
    return [...this.entries.values()].sort((a, b) => a.ip - b.ip || a.dev.ifindex - b.dev.ifindex);
  }
}

function key(dev: Netdev, ip: Ipv4Address): number {
  return dev.id * 4294967296 + ip;
}
