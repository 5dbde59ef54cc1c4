/**
 * A forwarding database keyed by (VID, MAC), with ageing and an optional capacity (ns-3's learning
 * bridge table, Linux's net/bridge/br_fdb.c). VID 0 is the single table of a VLAN-unaware bridge.
 *
 * Invariants:
 * - Ageing is judged when an entry is looked at: an entry older than `ageingNs` counts as gone and
 *   is removed then (and passed to `onAged`). A full table sweeps out what expired before it
 *   refuses a station.
 * - Each VLAN's table lists its entries in the order they were added (a refreshed or moved entry
 *   keeps its place), those sharing their low 32 bits with another after the rest: sweeps and
 *   listings walk that order, so age-out records come out in the same order on every run.
 * - A lookup allocates nothing. A MAC is a 48-bit number, a double to V8, and a double used as a
 *   Map key is boxed on every call; so the table is keyed by the MAC's low 32 bits as an int32 (a
 *   small integer), and only the rare MACs that share their low 32 bits are kept by whole MAC.
 *   For the same reason the datapath hands a MAC and a time over in `query` (written just before
 *   `lookupQuery` or `learnQuery`), never as arguments to a call that may not be inlined.
 */
import type { Mac } from '../../wire/mac.js';

/** One learned (or local) station: where `mac` lives in VLAN `vid`. */
export class FdbEntry<P> {
  /**
   * Simulated time of the last frame seen from this station. It first holds -0, a double, so that
   * V8 keeps the field as a double that each refresh overwrites in place: a field that first held
   * a small integer (a time before 2^31 ns) would get a new heap number on every refresh after it.
   */
  updated = -0;

  constructor(
    readonly mac: Mac,
    readonly vid: number,
    public port: P,
    updated: number,
    /** A local entry (the bridge's own or a port's own MAC) never ages. */
    readonly local: boolean,
  ) {
    this.updated = updated;
  }
}

export type LearnOutcome = 'new' | 'moved' | 'refreshed' | 'full' | 'local';

/**
 * The stations of one VLAN. `byKey` holds them under their MAC's low 32 bits (a small integer, as
 * a Map key not boxed); a station whose low 32 bits another one already holds (rare) waits in
 * `sharing`, under its whole MAC. Listing order: `byKey` in order of addition, then `sharing`.
 */
class VlanTable<P> {
  readonly byKey = new Map<number, FdbEntry<P>>();
  readonly sharing = new Map<Mac, FdbEntry<P>>();

  get(mac: Mac): FdbEntry<P> | null {
    const e = this.byKey.get(mac | 0);
    if (e === undefined) return null;
    if (e.mac === mac) return e;
    return this.sharing.size === 0 ? null : this.sharing.get(mac) ?? null;
  }

  add(e: FdbEntry<P>): void {
    const key = e.mac | 0;
    if (this.byKey.has(key)) this.sharing.set(e.mac, e);
    else this.byKey.set(key, e);
  }

  remove(e: FdbEntry<P>): void {
    const key = e.mac | 0;
    if (this.byKey.get(key) === e) this.byKey.delete(key);
    else this.sharing.delete(e.mac);
  }

  /** Every entry, in listing order (a snapshot: the caller may remove entries as it goes). */
  all(): FdbEntry<P>[] {
    const out = [...this.byKey.values()];
    for (const e of this.sharing.values()) out.push(e);
    return out;
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
    // VlanTable.get by hand: a MAC passed to a call that is not inlined would be boxed.
    let e = table.byKey.get(mac | 0) ?? null;
    if (e !== null && e.mac !== mac) e = table.sharing.size === 0 ? null : table.sharing.get(mac) ?? null;
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
    if (this.tables.get(vid)?.get(mac)) return;
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
      for (const e of table.all()) {
        if (gone(e)) {
          table.remove(e);
          this.count--;
        }
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
      for (const e of table.all()) {
        if (e.local) continue;
        if (now - e.updated > this.ageingNs) {
          table.remove(e);
          removed++;
          if (onAged) onAged(e);
        } else if (e.updated < oldest) {
          oldest = e.updated;
        }
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
      for (const e of table.all()) if (e.local || now - e.updated <= this.ageingNs) out.push(e);
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
