/**
 * The ARP cache (Linux's neighbour table) of one IP stack: entries, their states, and the packets
 * waiting for a resolution.
 */
import type { Ipv4Packet } from '../wire/ipv4.js';
import type { Ipv4Address } from '../wire/ipv4-address.js';
import type { Mac } from '../wire/mac.js';
import type { Netdev } from '../net/dev/netdev.js';

type NeighState = 'INCOMPLETE' | 'REACHABLE' | 'FAILED';

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
  /** Packets waiting for the resolution; null when none (most entries, most of the time). */
  pending: Ipv4Packet[] | null;
  /** Packets' lineage (the frame they came from when forwarded), parallel to `pending`. */
  pendingOrigins: number[] | null;
  /** The next entry for the same address on another device. */
  sameIp: NeighEntry | undefined;
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

/**
 * The ARP cache of one IP stack, keyed by (device, address). The map is keyed by address alone
 * (a small integer for private ranges, so lookups hash no boxed 64-bit key); the rare same address
 * on several devices chains through `sameIp`.
 */
export class NeighbourTable {
  /** Made on the first resolution: an idle guest has no neighbours. */
  private entries: Map<number, NeighEntry> | null = null;

  get(dev: Netdev, ip: Ipv4Address): NeighEntry | undefined {
    let e = this.entries?.get(ip);
    while (e !== undefined && e.dev !== dev) e = e.sameIp;
    return e;
  }

  create(dev: Netdev, ip: Ipv4Address): NeighEntry {
    const entries = (this.entries ??= new Map());
    const e: NeighEntry = {
      ip, dev, mac: null, state: 'INCOMPLETE', confirmed: 0, probes: 0, pending: null, pendingOrigins: null, sameIp: entries.get(ip),
    };
    entries.set(ip, e);
    return e;
  }

  delete(e: NeighEntry): void {
    const entries = this.entries;
    if (entries === null) return;
    const head = entries.get(e.ip);
    if (head === e) {
      if (e.sameIp === undefined) entries.delete(e.ip);
      else entries.set(e.ip, e.sameIp);
      return;
    }
    for (let p = head; p !== undefined; p = p.sameIp) {
      if (p.sameIp === e) {
        p.sameIp = e.sameIp;
        return;
      }
    }
  }

  /** Entries sorted by address then device, for `ip neigh show` and inspectors. */
  list(): NeighEntry[] {
    if (this.entries === null) return [];
    const all: NeighEntry[] = [];
    for (const head of this.entries.values()) for (let e: NeighEntry | undefined = head; e !== undefined; e = e.sameIp) all.push(e);
    return all.sort((a, b) => a.ip - b.ip || a.dev.ifindex - b.dev.ifindex);
  }
}
