/**
 * The ARP cache (Linux's neighbour table, net/core/neighbour.c and net/ipv4/arp.c) of one IP
 * stack: entries, their NUD states and timers, and the packets waiting for a resolution.
 *
 * States and transitions, as Linux runs them with its defaults (NeighParams):
 *   INCOMPLETE  resolving: packets wait; a broadcast request every retrans_time, mcast_solicit in
 *               all; no reply by then: FAILED (waiting packets are reported unreachable).
 *   REACHABLE   confirmed less than reachable_time ago; packets go straight out. When it runs out:
 *               DELAY if the entry was used within delay_first_probe_time, else STALE.
 *   STALE       not confirmed lately; the next packet goes out with the old MAC and makes it DELAY.
 *   DELAY       delay_first_probe_time for a confirmation; then PROBE (or REACHABLE if one came).
 *   PROBE       ucast_solicit unicast requests to the old MAC, retrans_time apart; then FAILED.
 *   FAILED      kept (shown by `ip neigh`) until used again (INCOMPLETE) or collected.
 * A unicast ARP reply confirms (REACHABLE); a request for one of our addresses creates or
 * refreshes its sender as STALE; a broadcast reply or any other request from a known sender
 * refreshes it as STALE, which leaves a valid entry with the same MAC as it was.
 *
 * What the model leaves out, on purpose: confirmation by upper layers (TCP acks, ping's
 * MSG_CONFIRM), so only an ARP reply confirms; the 1 s locktime (a different MAC always
 * overrides); one reachable_time per table (Linux draws one per device), redrawn every 300 s of
 * simulated time; the timer wheel's rounding (transitions happen at the exact instants);
 * garbage collection only when a new entry finds gc_thresh1 (128) or more, at most once per
 * base_reachable_time / 2 (Linux's periodic collection runs that often, and never below
 * gc_thresh1 either).
 *
 * Hot path: `output` runs for every packet sent; for a REACHABLE, DELAY or PROBE entry it
 * allocates nothing. Timers are engine events on the entry itself, one pending at a time.
 */
import type { Engine } from '../engine/engine.js';
import { SECOND } from '../engine/time.js';
import type { Netdev } from '../net/dev/netdev.js';
import type { Place } from '../trace/place.js';
import { ARP_REPLY, ARP_REQUEST, type ArpPacket } from '../wire/arp.js';
import type { Ipv4Packet } from '../wire/ipv4.js';
import type { Ipv4Address } from '../wire/ipv4-address.js';
import { BROADCAST_MAC, type Mac } from '../wire/mac.js';

export type NeighState = 'INCOMPLETE' | 'REACHABLE' | 'STALE' | 'DELAY' | 'PROBE' | 'FAILED';

/**
 * An ARP cache entry (Linux's neighbour), with the packets waiting for it to resolve. Its three
 * times live in its table's `times` (three per entry) rather than in fields: past 2^31 ns a time
 * is a double, and a double field costs each entry its own heap number (a 128-VM data centre
 * holds 16,256 entries).
 */
export class NeighEntry {
  /** The link-layer address; null until first resolved (kept, unused, by FAILED and INCOMPLETE). */
  mac: Mac | null = null;
  state: NeighState = 'INCOMPLETE';
  /** ARP requests counted toward giving up (INCOMPLETE starts at ucast_solicit, PROBE at 0). */
  probes = 0;
  /** The pending timer event (-1: none). */
  timer = -1;
  /** Packets waiting for the resolution; null when none (most entries, most of the time). */
  pending: Ipv4Packet[] | null = null;
  /** Packets' lineage (the frame they came from when forwarded), parallel to `pending`. */
  pendingOrigins: number[] | null = null;

  constructor(
    readonly ip: Ipv4Address,
    readonly dev: Netdev,
    /** The next entry for the same address on another device. */
    public sameIp: NeighEntry | undefined,
    readonly table: NeighbourTable,
    /** Its row in the table's `times`. */
    readonly slot: number,
  ) {}

  /** When a reply last confirmed the neighbour (ns). */
  get confirmed(): number { return this.table.times![this.slot * 3]!; }
  set confirmed(t: number) { this.table.times![this.slot * 3] = t; }

  /** When a packet last went out through the entry outside the REACHABLE fast path (ns). */
  get used(): number { return this.table.times![this.slot * 3 + 1]!; }
  set used(t: number) { this.table.times![this.slot * 3 + 1] = t; }

  /** When the state or the MAC last changed (ns). */
  get updated(): number { return this.table.times![this.slot * 3 + 2]!; }
  set updated(t: number) { this.table.times![this.slot * 3 + 2] = t; }
}

/** Linux's neighbour parameters for ARP (net.ipv4.neigh.default.*). */
export interface NeighParams {
  /** base_reachable_time: reachable_time is drawn uniformly in [0.5, 1.5) of it. */
  readonly baseReachableNs: number;
  /** delay_first_probe_time: how long DELAY waits before probing. */
  readonly delayFirstProbeNs: number;
  /** retrans_time: between two requests while resolving or probing. */
  readonly retransNs: number;
  /** ucast_solicit: unicast requests in PROBE before FAILED. */
  readonly ucastSolicit: number;
  /** mcast_solicit: broadcast requests in INCOMPLETE before FAILED. */
  readonly mcastSolicit: number;
  /** gc_stale_time: an entry unused this long may be collected (above gc_thresh1 entries). */
  readonly gcStaleNs: number;
  /** gc_thresh1: below this many entries nothing is collected. */
  readonly gcThresh1: number;
  /** Packets queued per unresolved neighbour (unres_qlen). */
  readonly queueLimit: number;
}

export const DEFAULT_NEIGH: NeighParams = {
  baseReachableNs: 30 * SECOND, delayFirstProbeNs: 5 * SECOND, retransNs: SECOND,
  ucastSolicit: 3, mcastSolicit: 3, gcStaleNs: 60 * SECOND, gcThresh1: 128, queueLimit: 3,
};

/** Linux redraws reachable_time from base_reachable_time every 300 s (neigh_periodic_work). */
const REDRAW_NS = 300 * SECOND;

/** What the table needs from its stack: to send, and to report packets that cannot be sent. */
export interface NeighOwner {
  /** The node the stack belongs to; its name seeds the reachable_time draws. */
  readonly node: Place;
  /** A who-has request for `target` out of `dev`, to `dst` (broadcast, or the MAC being probed). */
  sendArpRequest(dev: Netdev, target: Ipv4Address, dst: Mac): void;
  /** A resolved packet out of `dev` to `mac`. */
  sendPacket(dev: Netdev, mac: Mac, packet: Ipv4Packet, origin: number): void;
  /** Resolution failed with the packet still waiting (ping reports "Destination Host Unreachable"). */
  unreachable(packet: Ipv4Packet): void;
}

const isValid = (s: NeighState): boolean => s === 'REACHABLE' || s === 'STALE' || s === 'DELAY' || s === 'PROBE';

/**
 * The ARP cache of one IP stack, keyed by (device, address). The map is keyed by address alone
 * (a small integer for private ranges, so lookups hash no boxed 64-bit key); the rare same address
 * on several devices chains through `sameIp`.
 */
export class NeighbourTable {
  /** Made on the first resolution: an idle guest has no neighbours. */
  private entries: Map<number, NeighEntry> | null = null;
  private count = 0;
  /** reachable_time now, and the 300 s period it was drawn for (-1: not yet). */
  private reachable = 0;
  private drawnFor = -1;
  /** When `collect` last ran. */
  private collectedAt = -Infinity;
  /** Each entry's confirmed, used and updated times, three per slot (see NeighEntry); made with the first entry. */
  times: Float64Array | null = null;
  private slots = 0;
  private readonly freeSlots: number[] = [];

  constructor(private readonly engine: Engine, private readonly owner: NeighOwner, readonly params: NeighParams) {}

  /** reachable_time for an entry confirmed at `now`: base x [0.5, 1.5), from the run's seeded stream. */
  reachableTime(now: number): number {
    const period = Math.floor(now / REDRAW_NS);
    if (period !== this.drawnFor) {
      this.drawnFor = period;
      const base = this.params.baseReachableNs;
      const u = this.engine.random(`${this.owner.node.name}/neigh/${period}`)();
      this.reachable = Math.floor(base / 2 + u * base);
    }
    return this.reachable;
  }

  get(dev: Netdev, ip: Ipv4Address): NeighEntry | undefined {
    let e = this.entries?.get(ip);
    while (e !== undefined && e.dev !== dev) e = e.sameIp;
    return e;
  }

  create(dev: Netdev, ip: Ipv4Address): NeighEntry {
    const entries = (this.entries ??= new Map());
    const now = this.engine.now;
    if (this.count >= this.params.gcThresh1 && now - this.collectedAt >= this.params.baseReachableNs / 2) {
      this.collectedAt = now;
      this.collect();
    }
    const e = new NeighEntry(ip, dev, entries.get(ip), this, this.takeSlot());
    e.confirmed = 0;
    e.used = 0;
    e.updated = now;
    entries.set(ip, e);
    this.count++;
    return e;
  }

  delete(e: NeighEntry): void {
    const entries = this.entries;
    if (entries === null) return;
    if (e.timer !== -1) this.engine.cancel(e.timer);
    e.timer = -1;
    const head = entries.get(e.ip);
    if (head === e) {
      if (e.sameIp === undefined) entries.delete(e.ip);
      else entries.set(e.ip, e.sameIp);
      this.count--;
      this.freeSlots.push(e.slot);
      return;
    }
    for (let p = head; p !== undefined; p = p.sameIp) {
      if (p.sameIp === e) {
        p.sameIp = e.sameIp;
        this.count--;
        this.freeSlots.push(e.slot);
        return;
      }
    }
  }

  /** A free row of `times`, growing it by doubling. */
  private takeSlot(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    const slot = this.slots++;
    const times = this.times;
    if (times === null || times.length < this.slots * 3) {
      const grown = new Float64Array(Math.max(12, (times?.length ?? 0) * 2));
      if (times !== null) grown.set(times);
      this.times = grown;
    }
    return slot;
  }

  /** Entries sorted by address then device, for `ip neigh show` and inspectors. */
  list(): NeighEntry[] {
    if (this.entries === null) return [];
    const all: NeighEntry[] = [];
    for (const head of this.entries.values()) for (let e: NeighEntry | undefined = head; e !== undefined; e = e.sameIp) all.push(e);
    return all.sort((a, b) => a.ip - b.ip || a.dev.ifindex - b.dev.ifindex);
  }

  /** Linux's collection (neigh_periodic_work): FAILED entries and those unused for gc_stale_time, with no timer running. */
  private collect(): void {
    const now = this.engine.now;
    for (const e of this.list()) {
      if (e.timer !== -1) continue;
      if (e.state === 'FAILED' || now - Math.max(e.used, e.confirmed) >= this.params.gcStaleNs) this.delete(e);
    }
  }

  // ---- output (neigh_resolve_output, __neigh_event_send) ----------------------------------------

  /** Sends `packet` to `nextHop` on `dev`, resolving it first if need be. */
  output(dev: Netdev, nextHop: Ipv4Address, packet: Ipv4Packet, origin: number): void {
    let e = this.get(dev, nextHop);
    if (e === undefined) e = this.create(dev, nextHop);
    this.send(e, packet, origin);
  }

  private send(e: NeighEntry, packet: Ipv4Packet, origin: number): void {
    const s = e.state;
    // REACHABLE: the cached header, and `used` untouched (neigh_hh_output).
    if (s === 'REACHABLE') {
      this.owner.sendPacket(e.dev, e.mac!, packet, origin);
      return;
    }
    const now = this.engine.now;
    e.used = now;
    if (s === 'DELAY' || s === 'PROBE') {
      this.owner.sendPacket(e.dev, e.mac!, packet, origin);
      return;
    }
    if (s === 'STALE') {
      this.enter(e, 'DELAY', now + this.params.delayFirstProbeNs);
      this.owner.sendPacket(e.dev, e.mac!, packet, origin);
      return;
    }
    // INCOMPLETE waits; FAILED (or new) starts resolving again with an immediate request.
    const start = s === 'FAILED' || e.timer === -1;
    if (start) {
      e.probes = this.params.ucastSolicit;
      this.enter(e, 'INCOMPLETE', now + this.params.retransNs);
    }
    const pending = (e.pending ??= []);
    const origins = (e.pendingOrigins ??= []);
    if (pending.length >= this.params.queueLimit) {
      pending.shift();
      origins.shift();
    }
    pending.push(packet);
    origins.push(origin);
    if (start) this.solicit(e);
  }

  /** One request (arp_solicit): unicast to the known MAC for the first ucast_solicit probes, else broadcast. */
  private solicit(e: NeighEntry): void {
    const unicast = e.probes < this.params.ucastSolicit && e.mac !== null;
    e.probes++;
    this.owner.sendArpRequest(e.dev, e.ip, unicast ? e.mac! : BROADCAST_MAC);
  }

  /** Moves to `state` now and arms the timer for `at` (-1: none). */
  private enter(e: NeighEntry, state: NeighState, at: number): void {
    if (e.timer !== -1) this.engine.cancel(e.timer);
    e.timer = at < 0 ? -1 : this.engine.cancellableAt(at, onNeighTimer, e);
    if (e.state !== state) e.updated = this.engine.now;
    e.state = state;
  }

  // ---- timers (neigh_timer_handler) ---------------------------------------------------------------

  timerFired(e: NeighEntry): void {
    e.timer = -1;
    const now = this.engine.now;
    const p = this.params;
    switch (e.state) {
      case 'REACHABLE': {
        const until = e.confirmed + this.reachableTime(now);
        if (now < until) this.enter(e, 'REACHABLE', until);
        else if (now <= e.used + p.delayFirstProbeNs) this.enter(e, 'DELAY', now + p.delayFirstProbeNs);
        else this.enter(e, 'STALE', -1);
        return;
      }
      case 'DELAY':
        if (now <= e.confirmed + p.delayFirstProbeNs) {
          this.enter(e, 'REACHABLE', e.confirmed + this.reachableTime(now));
          return;
        }
        e.probes = 0;
        this.enter(e, 'PROBE', now + p.retransNs);
        this.solicit(e);
        return;
      case 'PROBE':
      case 'INCOMPLETE': {
        const max = e.state === 'PROBE' ? p.ucastSolicit : p.ucastSolicit + p.mcastSolicit;
        if (e.probes >= max) {
          this.fail(e);
          return;
        }
        this.enter(e, e.state, now + p.retransNs);
        this.solicit(e);
        return;
      }
      case 'STALE':
      case 'FAILED':
        return;
    }
  }

  /** neigh_invalidate: FAILED, and the waiting packets reported unreachable. */
  private fail(e: NeighEntry): void {
    this.enter(e, 'FAILED', -1);
    e.probes = 0;
    const pending = e.pending;
    e.pending = null;
    e.pendingOrigins = null;
    if (pending !== null) for (let i = 0; i < pending.length; i++) this.owner.unreachable(pending[i]!);
  }

  // ---- input (arp_process) --------------------------------------------------------------------------

  /**
   * An ARP packet arrived on `dev`. `forUs`: a request for one of `dev`'s addresses (the stack
   * answers it); `toUs`: the frame was unicast to `dev`'s MAC (a reply so addressed confirms).
   */
  arpInput(dev: Netdev, arp: ArpPacket, forUs: boolean, toUs: boolean): void {
    if (arp.senderIp === 0) return; // an address probe (RFC 5227) teaches nothing
    if (forUs && arp.op === ARP_REQUEST) {
      this.update(this.get(dev, arp.senderIp) ?? this.create(dev, arp.senderIp), arp.senderMac, 'STALE');
      return;
    }
    const e = this.get(dev, arp.senderIp);
    if (e === undefined) return; // unsolicited ARP creates nothing (arp_accept 0)
    this.update(e, arp.senderMac, arp.op === ARP_REPLY && toUs ? 'REACHABLE' : 'STALE');
  }

  /** __neigh_update with override. */
  private update(e: NeighEntry, mac: Mac, proposed: 'REACHABLE' | 'STALE'): void {
    const now = this.engine.now;
    const old = e.state;
    const wasValid = isValid(old);
    const changed = e.mac !== mac;
    let next: NeighState = proposed;
    if (proposed === 'REACHABLE') e.confirmed = now;
    if (wasValid && !changed && proposed === 'STALE') next = old;
    if (next !== old) {
      this.enter(e, next, next === 'REACHABLE' ? now + this.reachableTime(now) : -1);
    }
    if (changed) {
      e.mac = mac;
      e.updated = now;
      if (next !== 'REACHABLE') e.confirmed = now - 2 * this.params.baseReachableNs;
    }
    if (next === old || wasValid) return;
    e.probes = 0;
    const pending = e.pending;
    if (pending === null) return;
    const origins = e.pendingOrigins!;
    e.pending = null;
    e.pendingOrigins = null;
    for (let i = 0; i < pending.length; i++) this.send(e, pending[i]!, origins[i]!);
  }
}

function onNeighTimer(e: NeighEntry): void {
  e.table.timerFired(e);
}
