import type { Mac } from '../../wire/mac.js';

/** One learned (or local) station: where `mac` lives in VLAN `vid`. */
export interface FdbEntry<P> {
  readonly mac: Mac;
  readonly vid: number;
  port: P;
  /** Simulated time of the last frame seen from this station. */
  updated: number;
  /** A local entry (the bridge's own or a port's own MAC) never ages. */
  readonly local: boolean;
}

export type LearnOutcome = 'new' | 'moved' | 'refreshed' | 'full' | 'local';

/**
 * A forwarding database keyed by (VID, MAC), with ageing and an optional capacity. Ageing is
 * evaluated when an entry is looked at: an entry older than `ageingNs` counts as gone.
 * VID 0 is the single table of a VLAN-unaware bridge.
 */
export class Fdb<P> {
  private readonly tables = new Map<number, Map<Mac, FdbEntry<P>>>();
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

  /** The entry for (vid, mac) if present and fresh; a stale one is removed and passed to `onAged`. */
  lookup(vid: number, mac: Mac, now: number, onAged?: (e: FdbEntry<P>) => void): FdbEntry<P> | null {
    const table = this.tables.get(vid);
    if (table === undefined) return null;
    const e = table.get(mac);
    if (e === undefined) return null;
    if (!e.local && now - e.updated > this.ageingNs) {
      table.delete(mac);
      this.count--;
      if (onAged) onAged(e);
      return null;
    }
    return e;
  }

  learn(vid: number, mac: Mac, port: P, now: number, onAged?: (e: FdbEntry<P>) => void): LearnOutcome {
    const existing = this.lookup(vid, mac, now, onAged);
    if (existing !== null) {
      if (existing.local) return 'local';
      existing.updated = now;
      if (existing.port === port) return 'refreshed';
      existing.port = port;
      return 'moved';
    }
    if (this.count >= this.capacity && this.sweep(now, onAged) === 0) return 'full';
    this.insert({ mac, vid, port, updated: now, local: false });
    return 'new';
  }

  addLocal(vid: number, mac: Mac, port: P): void {
    const t = this.tables.get(vid);
    if (t?.has(mac)) return;
    this.insert({ mac, vid, port, updated: 0, local: true });
  }

  /** Removes every entry pointing at `port` (port removed or down). */
  flushPort(port: P): void {
    for (const table of this.tables.values()) {
      for (const [mac, e] of table) {
        if (e.port === port) {
          table.delete(mac);
          this.count--;
        }
      }
    }
  }

  /** Removes the non-local entries (STP topology change uses a short ageing instead; see there). */
  flushDynamic(): void {
    for (const table of this.tables.values()) {
      for (const [mac, e] of table) {
        if (!e.local) {
          table.delete(mac);
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
      for (const [mac, e] of table) {
        if (e.local) continue;
        if (now - e.updated > this.ageingNs) {
          table.delete(mac);
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
      for (const e of table.values()) if (e.local || now - e.updated <= this.ageingNs) out.push(e);
    }
    return out.sort((a, b) => a.vid - b.vid || a.mac - b.mac);
  }

  private insert(e: FdbEntry<P>): void {
    let t = this.tables.get(e.vid);
    if (t === undefined) {
      t = new Map();
      this.tables.set(e.vid, t);
    }
    t.set(e.mac, e);
    this.count++;
  }
}
