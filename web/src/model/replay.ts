/**
 * The network's observable state at a point of the trace (FDBs, ARP caches, per-place counters,
 * the cables unplugged, where migrated VMs run, the devices and bridge ports the run changed), as immutable values made with immer, and the
 * checkpoints that let the page jump to any time.
 *
 * The state after the first `applied` records is a pure fold of `applyRecord` over them. Scrubbing
 * starts from the nearest checkpoint (every `interval` records, made on demand and kept) and folds
 * the rest; playing folds forward from the current state. Both give the same value: that is the
 * invariant test/web/replay.test.ts checks.
 */
import { produce, type Draft } from 'immer';
import {
  K_AGE_OUT, K_APP, K_CABLE, K_DELIVER, K_DROP, K_FLOOD, K_LEARN, K_MIGRATE, K_NETDEV, K_ORIGINATE, K_RX, K_TABLE_FULL, K_TX, ND_ADDED, ND_ENSLAVED, ND_RELEASED, ND_REMOVED, P_ARP,
} from './kinds.js';
import { APP, CABLE, DROP, LEARN, MIGRATE, NETDEV } from './slots.js';
import type { RecordStore } from './store.js';
import { seenKey } from './fdb-seen.js';
import { EMPTY_STATE, type ArpEntry, type DeviceChange, type FdbEntry, type FdbPort, type MasterChange, type NetState, type PortCounters, type VmMove } from './net-state.js';

/** Which IPs each interface owns (string index of the place -> addresses). */
type AddressBook = ReadonlyMap<string, ReadonlySet<string>>;

function counters(d: Draft<NetState>, place: string): Draft<PortCounters> {
  let c = d.counters[place];
  if (c === undefined) {
    c = { txFrames: 0, txBytes: 0, rxFrames: 0, rxBytes: 0, drops: 0, delivered: 0, originated: 0, floods: 0, dropReasons: {} };
    d.counters[place] = c;
  }
  return c;
}

/**
 * A VM's move after migrate record `i`, given its move before (`prev`): stopped, it is paused on
 * its way from `from` to `to`; resumed, it runs behind `to` (paused since the stop it follows).
 */
function moveAfter(s: RecordStore, i: number, prev: VmMove | undefined): VmMove {
  const from = s.strings[s[MIGRATE.from][i]!]!, to = s.strings[s[MIGRATE.to][i]!]!, t = s.t[i]!;
  if (s[MIGRATE.event][i] !== 1) return { from, to, stoppedAt: t, resumedAt: null };
  const paused = prev !== undefined && prev.resumedAt === null && prev.to === to;
  return { from, to, stoppedAt: paused ? prev.stoppedAt : t, resumedAt: t };
}

/** What netdev record `i` changes: a device's presence or its bridge (the other is null). */
function netdevChange(s: RecordStore, i: number): { device: DeviceChange | null; master: MasterChange | null } {
  const t = s.t[i]!, e = s[NETDEV.event][i]!;
  if (e === ND_ADDED || e === ND_REMOVED) return { device: { present: e === ND_ADDED, since: t }, master: null };
  if (e === ND_ENSLAVED) return { device: null, master: { bridge: s.strings[s[NETDEV.peer][i]!]!, since: t } };
  return { device: null, master: e === ND_RELEASED ? { bridge: null, since: t } : null };
}

/** Folds record `i` of the store into a draft state. */
function applyRecord(d: Draft<NetState>, s: RecordStore, book: AddressBook, i: number): void {
  const kind = s.kind[i]!;
  const at = s.strings[s.at[i]!]!;
  const fi = s.frame[i]!;
  switch (kind) {
    case K_ORIGINATE:
      counters(d, at).originated++;
      break;
    case K_TX: {
      const c = counters(d, at);
      c.txFrames++;
      c.txBytes += s.fLen[fi]!;
      break;
    }
    case K_RX: {
      const c = counters(d, at);
      c.rxFrames++;
      c.rxBytes += s.fLen[fi]!;
      const owner = d.fdbPorts[at];
      const table = owner === undefined ? undefined : d.fdb[owner.table];
      if (table !== undefined) {
        const key = seenKey((k) => table[k], owner!.vids, s, at, fi);
        if (key !== null) table[key]!.seenAt = s.t[i]!;
      }
      break;
    }
    case K_DROP: {
      const c = counters(d, at);
      c.drops++;
      const reason = s.strings[s[DROP.reason][i]!]!;
      c.dropReasons[reason] = (c.dropReasons[reason] ?? 0) + 1;
      break;
    }
    case K_FLOOD:
      counters(d, at).floods++;
      break;
    case K_DELIVER: {
      counters(d, at).delivered++;
      if (s.fProto[fi] === P_ARP) learnArp(d, s, book, at, fi, s.t[i]!);
      break;
    }
    case K_LEARN: {
      const mac = s.strings[s[LEARN.mac][i]!]!, vid = s[LEARN.vid][i]!;
      const key = `${vid}/${mac}`;
      const table = (d.fdb[at] ??= {});
      const old = table[key];
      const port = s.strings[s[LEARN.port][i]!]!;
      table[key] = { mac, vid, port, learnedAt: s.t[i]!, seenAt: s.t[i]!, moves: (old?.moves ?? 0) + (s[LEARN.moved][i] === 1 ? 1 : 0) };
      const known = d.fdbPorts[port];
      if (known === undefined || known.table !== at) d.fdbPorts[port] = { table: at, vids: [vid] };
      else if (!known.vids.includes(vid)) known.vids.push(vid);
      break;
    }
    case K_AGE_OUT: {
      const table = d.fdb[at];
      if (table) delete table[`${s[LEARN.vid][i]!}/${s.strings[s[LEARN.mac][i]!]!}`];
      break;
    }
    case K_TABLE_FULL:
      d.fdbFull[at] = (d.fdbFull[at] ?? 0) + 1;
      break;
    case K_APP: {
      const key = `${s.strings[s[APP.app][i]!]} ${s.strings[s[APP.event][i]!]}`;
      const m = (d.apps[at] ??= {});
      m[key] = (m[key] ?? 0) + 1;
      break;
    }
    case K_CABLE:
      // Pulled since the first unplug; plugging it back in forgets it.
      if (s[CABLE.up][i] === 1) delete d.unplugged[at];
      else d.unplugged[at] ??= s.t[i]!;
      break;
    case K_MIGRATE:
      d.migrated[at] = moveAfter(s, i, d.migrated[at]);
      break;
    case K_NETDEV: {
      const c = netdevChange(s, i);
      if (c.device) d.devices[at] = c.device;
      if (c.master) d.masters[at] = c.master;
      break;
    }
    default:
      break;
  }
  d.applied = i + 1;
}

/**
 * Linux's ARP input (src/stack/ip-stack.ts arpInput): a request for one of our addresses creates or
 * refreshes the sender's entry; any other ARP frame refreshes an entry that already exists. Replies
 * arrive for entries our own request made, so they always land.
 */
function learnArp(d: Draft<NetState>, s: RecordStore, book: AddressBook, at: string, fi: number, t: number): void {
  const info = s.descInfo(fi);
  if (info.arpSenderIp === '' || info.arpSenderIp === '0.0.0.0') return;
  const cache = d.arp[at];
  const exists = cache !== undefined && cache[info.arpSenderIp] !== undefined;
  const forUs = info.arpOp === 1 && (book.get(at)?.has(info.arpTargetIp) ?? false);
  if (!(exists || forUs || info.arpOp === 2)) return;
  const table = (d.arp[at] ??= {});
  table[info.arpSenderIp] = { ip: info.arpSenderIp, mac: info.arpSenderMac, updatedAt: t };
}

/**
 * Folds records [state.applied, to) into a new state. The same result as `applyRecord` record by
 * record (test/web/replay.test.ts checks it), but a batch gathers its changes in plain maps first
 * and touches the immer draft once per changed entry, which makes it several times faster.
 */
function advance(state: NetState, s: RecordStore, book: AddressBook, upTo: number): NetState {
  const to = Math.min(upTo, s.n);
  if (to <= state.applied) return state;
  type Delta = { txFrames: number; txBytes: number; rxFrames: number; rxBytes: number; drops: number; delivered: number; originated: number; floods: number; reasons: Map<string, number> };
  const counts = new Map<string, Delta>();
  const fdb = new Map<string, Map<string, FdbEntry | null>>();
  const full = new Map<string, number>();
  const arp = new Map<string, Map<string, ArpEntry>>();
  const apps = new Map<string, Map<string, number>>();
  /** Cable name -> time it was pulled, or null once plugged back in (the last change wins). */
  const cables = new Map<string, number | null>();
  /** VM name -> its last move (the last change wins). */
  const moves = new Map<string, VmMove>();
  /** Device name -> its presence, and its bridge, after the batch (the last change wins). */
  const devices = new Map<string, DeviceChange>();
  const masters = new Map<string, MasterChange>();
  const learnt = new Set<string>();
  /** Port -> the table that learned on it, for this batch; entries this batch made (so mutable). */
  const ports = new Map<string, FdbPort>();
  const fresh = new Set<FdbEntry>();
  const delta = (place: string): Delta => {
    let c = counts.get(place);
    if (c === undefined) {
      c = { txFrames: 0, txBytes: 0, rxFrames: 0, rxBytes: 0, drops: 0, delivered: 0, originated: 0, floods: 0, reasons: new Map() };
      counts.set(place, c);
    }
    return c;
  };
  const fdbOf = (at: string) => {
    let m = fdb.get(at);
    if (m === undefined) fdb.set(at, (m = new Map()));
    return m;
  };
  const arpHas = (at: string, ip: string) => arp.get(at)?.has(ip) === true || state.arp[at]?.[ip] !== undefined;
  const strings = s.strings;
  for (let i = state.applied; i < to; i++) {
    const kind = s.kind[i]!;
    const at = strings[s.at[i]!]!;
    const fi = s.frame[i]!;
    switch (kind) {
      case K_ORIGINATE: delta(at).originated++; break;
      case K_TX: { const c = delta(at); c.txFrames++; c.txBytes += s.fLen[fi]!; break; }
      case K_RX: {
        const c = delta(at); c.rxFrames++; c.rxBytes += s.fLen[fi]!;
        const owner = ports.get(at) ?? state.fdbPorts[at];
        if (owner === undefined) break;
        const m = fdbOf(owner.table);
        const table = state.fdb[owner.table];
        // The batch's own entries first (mutable, made here), then the state's (copied once).
        const key = seenKey((k) => (m.has(k) ? m.get(k) ?? undefined : table?.[k]), owner.vids, s, at, fi);
        if (key === null) break;
        const mine = m.get(key);
        if (mine != null && fresh.has(mine)) (mine as { seenAt: number }).seenAt = s.t[i]!;
        else {
          const copy = { ...(mine ?? table![key]!), seenAt: s.t[i]! };
          fresh.add(copy);
          m.set(key, copy);
        }
        break;
      }
      case K_DROP: {
        const c = delta(at);
        c.drops++;
        const reason = strings[s[DROP.reason][i]!]!;
        c.reasons.set(reason, (c.reasons.get(reason) ?? 0) + 1);
        break;
      }
      case K_FLOOD: delta(at).floods++; break;
      case K_DELIVER: {
        delta(at).delivered++;
        if (s.fProto[fi] !== P_ARP) break;
        const info = s.descInfo(fi);
        if (info.arpSenderIp === '' || info.arpSenderIp === '0.0.0.0') break;
        const forUs = info.arpOp === 1 && (book.get(at)?.has(info.arpTargetIp) ?? false);
        if (!(arpHas(at, info.arpSenderIp) || forUs || info.arpOp === 2)) break;
        let m = arp.get(at);
        if (m === undefined) arp.set(at, (m = new Map()));
        m.set(info.arpSenderIp, { ip: info.arpSenderIp, mac: info.arpSenderMac, updatedAt: s.t[i]! });
        break;
      }
      case K_LEARN: {
        const mac = strings[s[LEARN.mac][i]!]!, vid = s[LEARN.vid][i]!;
        const key = `${vid}/${mac}`;
        const m = fdbOf(at);
        learnt.add(at);
        const old = m.has(key) ? m.get(key) : state.fdb[at]?.[key];
        const port = strings[s[LEARN.port][i]!]!;
        const e = { mac, vid, port, learnedAt: s.t[i]!, seenAt: s.t[i]!, moves: (old?.moves ?? 0) + (s[LEARN.moved][i] === 1 ? 1 : 0) };
        fresh.add(e);
        m.set(key, e);
        const known = ports.get(port) ?? state.fdbPorts[port];
        if (known === undefined || known.table !== at) ports.set(port, { table: at, vids: [vid] });
        else if (!known.vids.includes(vid)) ports.set(port, { table: at, vids: [...known.vids, vid] });
        break;
      }
      case K_AGE_OUT:
        fdbOf(at).set(`${s[LEARN.vid][i]!}/${strings[s[LEARN.mac][i]!]!}`, null);
        break;
      case K_TABLE_FULL:
        full.set(at, (full.get(at) ?? 0) + 1);
        break;
      case K_APP: {
        const key = `${strings[s[APP.app][i]!]} ${strings[s[APP.event][i]!]}`;
        let m = apps.get(at);
        if (m === undefined) apps.set(at, (m = new Map()));
        m.set(key, (m.get(key) ?? 0) + 1);
        break;
      }
      case K_CABLE: {
        if (s[CABLE.up][i] === 1) { cables.set(at, null); break; }
        const since = cables.has(at) ? cables.get(at)! : state.unplugged[at] ?? null;
        if (since === null) cables.set(at, s.t[i]!);
        break;
      }
      case K_MIGRATE:
        moves.set(at, moveAfter(s, i, moves.get(at) ?? state.migrated[at]));
        break;
      case K_NETDEV: {
        const c = netdevChange(s, i);
        if (c.device) devices.set(at, c.device);
        if (c.master) masters.set(at, c.master);
        break;
      }
      default:
        break;
    }
  }
  return produce(state, (d) => {
    for (const [place, c] of counts) {
      const x = counters(d, place);
      x.txFrames += c.txFrames; x.txBytes += c.txBytes; x.rxFrames += c.rxFrames; x.rxBytes += c.rxBytes;
      x.drops += c.drops; x.delivered += c.delivered; x.originated += c.originated; x.floods += c.floods;
      for (const [r, n] of c.reasons) x.dropReasons[r] = (x.dropReasons[r] ?? 0) + n;
    }
    for (const [at, m] of fdb) {
      for (const [key, e] of m) {
        if (e === null) {
          // An age-out never makes a table, but a learn earlier in the batch did.
          if (d.fdb[at] === undefined && !learnt.has(at)) continue;
          delete (d.fdb[at] ??= {})[key];
        } else (d.fdb[at] ??= {})[key] = e;
      }
    }
    for (const [port, p] of ports) d.fdbPorts[port] = { table: p.table, vids: [...p.vids] };
    for (const [at, n] of full) d.fdbFull[at] = (d.fdbFull[at] ?? 0) + n;
    for (const [at, m] of arp) {
      const t = (d.arp[at] ??= {});
      for (const [ip, e] of m) t[ip] = e;
    }
    for (const [at, m] of apps) {
      const t = (d.apps[at] ??= {});
      for (const [k, n] of m) t[k] = (t[k] ?? 0) + n;
    }
    for (const [name, since] of cables) {
      if (since !== null) d.unplugged[name] = since;
      else if (d.unplugged[name] !== undefined) delete d.unplugged[name];
    }
    for (const [vm, m] of moves) d.migrated[vm] = m;
    for (const [dev, c] of devices) d.devices[dev] = c;
    for (const [dev, c] of masters) d.masters[dev] = c;
    d.applied = to;
  });
}

/** The reference fold: one immer draft per record (slow; the tests compare `advance` with it). */
export function foldOneByOne(state: NetState, s: RecordStore, book: AddressBook, upTo: number): NetState {
  const to = Math.min(upTo, s.n);
  let st = state;
  for (let i = state.applied; i < to; i++) st = produce(st, (d) => applyRecord(d, s, book, i));
  return st;
}

/**
 * The addresses each interface uses, read from the trace: the sender IP of the ARP frames and the
 * source of the IPv4 packets it originates, plus any the topology lists.
 */
export function addressBook(s: RecordStore, fromTopology: ReadonlyMap<string, readonly string[]>): AddressBook {
  const book = new Map<string, Set<string>>();
  const add = (place: string, ip: string) => {
    if (ip === '' || ip === '0.0.0.0') return;
    let set = book.get(place);
    if (set === undefined) book.set(place, (set = new Set()));
    set.add(ip);
  };
  for (const [place, ips] of fromTopology) for (const ip of ips) add(place, ip.split('/')[0]!);
  const seen = new Set<number>();
  for (let i = 0; i < s.n; i++) {
    if (s.kind[i] !== K_ORIGINATE) continue;
    const fi = s.frame[i]!;
    if (seen.has(fi)) continue;
    seen.add(fi);
    const info = s.descInfo(fi);
    const place = s.strings[s.at[i]!]!;
    if (info.protocol === P_ARP) add(place, info.arpSenderIp);
    else {
      const m = /^(?:IPv4 )?(\d+\.\d+\.\d+\.\d+)/.exec(info.rest.replace(/^(UDP|TCP) /, ''));
      if (m) add(place, m[1]!);
    }
  }
  return book;
}

/** States at any record count, from checkpoints made on demand every `interval` records. */
export class Replay {
  private readonly checkpoints: NetState[] = [EMPTY_STATE];

  constructor(private readonly store: RecordStore, readonly book: AddressBook, readonly interval = 4096) {}

  /** The state after the first `cursor` records. */
  stateAt(cursor: number): NetState {
    const c = Math.max(0, Math.min(cursor, this.store.n));
    const k = Math.floor(c / this.interval);
    for (let j = this.checkpoints.length; j <= k; j++) {
      this.checkpoints.push(advance(this.checkpoints[j - 1]!, this.store, this.book, j * this.interval));
    }
    return advance(this.checkpoints[k]!, this.store, this.book, c);
  }

  /** Moves a state to `cursor`: forward by folding, backward through a checkpoint. */
  move(state: NetState, cursor: number): NetState {
    const c = Math.max(0, Math.min(cursor, this.store.n));
    if (c >= state.applied && c - state.applied < this.interval * 2) return advance(state, this.store, this.book, c);
    return this.stateAt(c);
  }

  get checkpointCount(): number {
    return this.checkpoints.length;
  }
}
