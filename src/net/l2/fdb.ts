/**
 * A forwarding database keyed by (VID, MAC), with ageing and an optional capacity (ns-3's learning
 * bridge table, Linux's net/bridge/br_fdb.c). VID 0 is the single table of a VLAN-unaware bridge.
 *
 * Invariants:
 * - Ageing is judged when an entry is looked at: an entry older than `ageingNs` counts as gone and
 *   is removed then (and passed to `onAged`). A full table sweeps out what expired before it
 *   refuses a station.
 * - Each VLAN's table keeps its entries in the order they were added (a refreshed or moved entry
 *   keeps its place): sweeps and listings walk that order, so age-out records come out in the same
 *   order on every run.
 * - A lookup allocates nothing. A MAC is a 48-bit number, a double to V8, and a double used as a
 *   Map key is boxed on every call; so the index is keyed by the MAC's low 32 bits as an int32 (a
 *   small integer), and the rare MACs that share their low 32 bits are chained behind each other.
 *   For the same reason the datapath hands a MAC and a time over in `query` (written just before
 *   `lookupQuery` or `learnQuery`), never as arguments to a call that may not be inlined.
 */
import type { Mac } from '../../wire/mac.js';

/** One learned (or local) station: where `mac` lives in VLAN `vid`. */
export class FdbEntry<P> {
  /** The next entry of the same VLAN whose MAC has the same low 32 bits (rare). */
  sameKey: FdbEntry<P> | null = null;
  /** Neighbours in the VLAN table's order of addition. */
  newer: FdbEntry<P> | null = null;
  older: FdbEntry<P> | null = null;

  constructor(
    readonly mac: Mac,
    readonly vid: number,
    public port: P,
    /** Simulated time of the last frame seen from this station. */
    public updated: number,
    /** A local entry (the bridge's own or a port's own MAC) never ages. */
    readonly local: boolean,
  ) {}
}

export type LearnOutcome = 'new' | 'moved' | 'refreshed' | 'full' | 'local';

/** The index key of a MAC: its low 32 bits as an int32, which V8 keeps as a small integer. */
function keyOf(mac: Mac): number {
  return mac | 0;
}

/** The stations of one VLAN: an index for lookups and a list in order of addition. */
class VlanTable<P> {
  private readonly index = new Map<number, FdbEntry<P>>();
  oldest: FdbEntry<P> | null = null;
  private newest: FdbEntry<P> | null = null;

  /** The first entry whose MAC has the low 32 bits `key` (the rest follow through `sameKey`). */
  first(key: number): FdbEntry<P> | null {
    return this.index.get(key) ?? null;
  }

  has(mac: Mac): boolean {
    let e = this.first(keyOf(mac));
    while (e !== null && e.mac !== mac) e = e.sameKey;
    return e !== null;
  }

  add(e: FdbEntry<P>): void {
    const key = keyOf(e.mac);
    const first = this.index.get(key);
    if (first === undefined) this.index.set(key, e);
    else {
      let last = first;
      while (last.sameKey !== null) last = last.sameKey;
      last.sameKey = e;
    }
    e.older = this.newest;
    if (this.newest !== null) this.newest.newer = e;
    else this.oldest = e;
    this.newest = e;
  }

  remove(e: FdbEntry<P>): void {
    const key = keyOf(e.mac);
    const first = this.index.get(key)!;
    if (first === e) {
      if (e.sameKey === null) this.index.delete(key);
      else this.index.set(key, e.sameKey);
    } else {
      let before = first;
      while (before.sameKey !== e) before = before.sameKey!;
      before.sameKey = e.sameKey;
    }
    e.sameKey = null;
    if (e.older !== null) e.older.newer = e.newer;
    else this.oldest = e.newer;
    if (e.newer !== null) e.newer.older = e.older;
    else this.newest = e.older;
    e.older = e.newer = null;
  }
}

export class Fdb<P> {
  private readonly tables = new Map<number, VlanTable<P>>();
  private count = 0;
  /** No dynamic entry was updated before this time (a lower bound), so none expires before it + ageing. */
  private oldestUpdated = 0;

  constructor(
    public ageingNs: number,
    public capacity = Infinity,
  ) {}

  get size(): number {
    return this.count;
  }

  /** The MAC and the time (ns) of the next `lookupQuery` or `learnQuery`. */
  readonly query = new Float64Array(2);

  /** The entry for (vid, mac) if present and fresh; a stale one is removed and passed to `onAged`. */
  lookup(vid: number, mac: Mac, now: number, onAged?: (e: FdbEntry<P>) => void): FdbEntry<P> | null {
    this.query[0] = mac;
    this.query[1] = now;
    return this.lookupQuery(vid, onAged);
  }

  /** `lookup` of the MAC at the time in `query`. */
  lookupQuery(vid: number, onAged?: (e: FdbEntry<P>) => void): FdbEntry<P> | null {
    const mac = this.query[0]!, now = this.query[1]!;
    const table = this.tables.get(vid);
    if (table === undefined) return null;
    let e = table.first(mac | 0);
    while (e !== null && e.mac !== mac) e = e.sameKey;
    if (e === null) return null;
    if (!e.local && now - e.updated > this.ageingNs) {
      table.remove(e);
      this.count--;
      if (onAged) onAged(e);
      return null;
    }
    return e;
  }

  learn(vid: number, mac: Mac, port: P, now: number, onAged?: (e: FdbEntry<P>) => void): LearnOutcome {
    this.query[0] = mac;
    this.query[1] = now;
    return this.learnQuery(vid, port, onAged);
  }

  /** `learn` of the MAC at the time in `query`. */
  learnQuery(vid: number, port: P, onAged?: (e: FdbEntry<P>) => void): LearnOutcome {
    const existing = this.lookupQuery(vid, onAged);
    const mac = this.query[0]!, now = this.query[1]!;
    if (existing !== null) {
      if (existing.local) return 'local';
      existing.updated = now;
      if (existing.port === port) return 'refreshed';
      existing.port = port;
      return 'moved';
    }
    if (this.count >= this.capacity && this.sweep(now, onAged) === 0) return 'full';
    this.insert(new FdbEntry(mac, vid, port, now, false));
    return 'new';
  }

  addLocal(vid: number, mac: Mac, port: P): void {
    if (this.tables.get(vid)?.has(mac)) return;
    this.insert(new FdbEntry(mac, vid, port, 0, true));
  }

  /** Removes every entry pointing at `port` (port removed or down). */
  flushPort(port: P): void {
    this.removeWhere((e) => e.port === port);
  }

  /** Removes the non-local entries (STP topology change uses a short ageing instead; see there). */
  flushDynamic(): void {
    this.removeWhere((e) => !e.local);
  }

  private removeWhere(gone: (e: FdbEntry<P>) => boolean): void {
    for (const table of this.tables.values()) {
      for (let e = table.oldest; e !== null; ) {
        const next = e.newer;
        if (gone(e)) {
          table.remove(e);
          this.count--;
        }
        e = next;
      }
    }
  }

  /**
   * Removes expired entries; returns how many. Ageing is otherwise lazy (an entry is judged when
   * looked up), so a full table must sweep before it refuses a station: a real switch's entries
   * expire on their own, and stations flooded in by an attack leave after the ageing time.
   * Runs only when something may have expired, so a table that stays full costs O(1) per refusal.
   */
  private sweep(now: number, onAged?: (e: FdbEntry<P>) => void): number {
    if (now - this.oldestUpdated <= this.ageingNs) return 0;
    let removed = 0;
    let oldest = now;
    for (const table of this.tables.values()) {
      for (let e = table.oldest; e !== null; ) {
        const next = e.newer;
        if (!e.local) {
          if (now - e.updated > this.ageingNs) {
            table.remove(e);
            removed++;
            if (onAged) onAged(e);
          } else if (e.updated < oldest) {
            oldest = e.updated;
          }
        }
        e = next;
      }
    }
    this.count -= removed;
    this.oldestUpdated = oldest;
    return removed;
  }

  /**
   * Removes the entries older than the ageing time now; returns how many. Called before the
   * ageing time grows again (an STP topology change ends), so entries the short ageing already
   * expired do not come back.
   */
  expire(now: number, onAged?: (e: FdbEntry<P>) => void): number {
    return this.sweep(now, onAged);
  }

  /** Fresh entries, sorted by VID then MAC, for show commands and inspectors. */
  entries(now: number): FdbEntry<P>[] {
    const out: FdbEntry<P>[] = [];
    for (const table of this.tables.values()) {
      for (let e = table.oldest; e !== null; e = e.newer) if (e.local || now - e.updated <= this.ageingNs) out.push(e);
    }
    return out.sort((a, b) => a.vid - b.vid || a.mac - b.mac);
  }

  private insert(e: FdbEntry<P>): void {
    let t = this.tables.get(e.vid);
    if (t === undefined) {
      t = new VlanTable();
      this.tables.set(e.vid, t);
    }
    t.add(e);
    this.count++;
  }
}
