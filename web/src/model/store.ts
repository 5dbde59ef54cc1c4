/**
 * The page's copy of a run's trace: records in growable typed-array columns (one per field, see
 * ColumnChunk), the string table, and the frame table with each frame's protocol and addressing
 * class. Records are in time order, so time queries are binary searches.
 */
import type { ColumnChunk } from './protocol.js';
import { parseDesc, type DescInfo } from './desc.js';
import { DST_BROADCAST, DST_MULTICAST, DST_UNICAST, K_CABLE, K_MIGRATE, K_NETDEV, K_ORIGINATE, K_TX, P_ARP, P_ICMP, P_IPV4, P_OTHER, P_STP, P_TCP, P_UDP } from './kinds.js';

function grown<T extends Float64Array | Int32Array | Uint8Array>(x: T, need: number): T {
  if (need <= x.length) return x;
  let cap = Math.max(1024, x.length);
  while (cap < need) cap *= 2;
  const y = new (x.constructor as { new (n: number): T })(cap);
  y.set(x);
  return y;
}

/** Protocol class from a description, without splitting it (fast for a million frames). */
function protocolOfDesc(d: string): number {
  if (d.includes(' ARP ') || d.includes(' RARP ')) return P_ARP; // RARP counts with ARP, as Wireshark's filter does
  if (d.includes(' ICMP ')) return P_ICMP;
  if (d.includes(' UDP ')) return P_UDP;
  if (d.includes(' TCP ')) return P_TCP;
  if (d.includes(' STP ')) return P_STP;
  if (d.includes(' IPv4 ')) return P_IPV4;
  return P_OTHER;
}

function dstClassOfDesc(d: string): number {
  // "aa:bb:cc:dd:ee:ff > 11:22:33:44:55:66 ...": the destination starts at 20.
  if (d.startsWith('ff:ff:ff:ff:ff:ff', 20)) return DST_BROADCAST;
  const first = parseInt(d.slice(20, 22), 16);
  return (first & 1) === 1 ? DST_MULTICAST : DST_UNICAST;
}

export class RecordStore {
  n = 0;
  t = new Float64Array(0);
  kind = new Uint8Array(0);
  at = new Int32Array(0);
  to = new Int32Array(0);
  arrive = new Float64Array(0);
  frame = new Int32Array(0);
  a = new Int32Array(0);
  b = new Int32Array(0);
  c = new Int32Array(0);
  readonly strings: string[] = [];

  fn = 0;
  fUid = new Float64Array(0);
  fOrigin = new Float64Array(0);
  fLen = new Int32Array(0);
  fDesc = new Int32Array(0);
  fVlan = new Int32Array(0);
  fProto = new Uint8Array(0);
  fDst = new Uint8Array(0);
  private readonly frameByUid = new Map<number, number>();
  /** Place (string index) where each origin uid was first sent. */
  private readonly originPlace = new Map<number, number>();
  private readonly descCache = new Map<number, DescInfo>();
  /** Longest tx hop (arrive - t) seen: how far back frames still in flight can start. */
  maxSpan = 0;
  /** Cable records (unplugged, plugged back in) held. */
  cableRecords = 0;
  /** Indices of the migrate records (a VM stopped or resumed by a live migration), in order. */
  readonly migrateRecords: number[] = [];
  /** Indices of the netdev records (a device added, removed, enslaved or released), in order. */
  readonly netdevRecords: number[] = [];
  /** Number of chunks appended (to tell listeners the store grew). */
  version = 0;

  append(ch: ColumnChunk): void {
    for (const s of ch.strings) this.strings.push(s);
    const f = ch.frames;
    if (f.n > 0) {
      const need = this.fn + f.n;
      this.fUid = grown(this.fUid, need);
      this.fOrigin = grown(this.fOrigin, need);
      this.fLen = grown(this.fLen, need);
      this.fDesc = grown(this.fDesc, need);
      this.fVlan = grown(this.fVlan, need);
      this.fProto = grown(this.fProto, need);
      this.fDst = grown(this.fDst, need);
      this.fUid.set(f.uid, this.fn);
      this.fOrigin.set(f.origin, this.fn);
      this.fLen.set(f.len, this.fn);
      this.fDesc.set(f.desc, this.fn);
      this.fVlan.set(f.vlan, this.fn);
      for (let i = 0; i < f.n; i++) {
        const k = this.fn + i;
        const d = this.strings[f.desc[i]!]!;
        this.fProto[k] = protocolOfDesc(d);
        this.fDst[k] = dstClassOfDesc(d);
        this.frameByUid.set(f.uid[i]!, k);
      }
      this.fn = need;
    }
    if (ch.n > 0) {
      const need = this.n + ch.n;
      this.t = grown(this.t, need);
      this.kind = grown(this.kind, need);
      this.at = grown(this.at, need);
      this.to = grown(this.to, need);
      this.arrive = grown(this.arrive, need);
      this.frame = grown(this.frame, need);
      this.a = grown(this.a, need);
      this.b = grown(this.b, need);
      this.c = grown(this.c, need);
      const o = this.n;
      this.t.set(ch.t, o);
      this.kind.set(ch.kind, o);
      this.at.set(ch.at, o);
      this.to.set(ch.to, o);
      this.arrive.set(ch.arrive, o);
      this.frame.set(ch.frame, o);
      this.a.set(ch.a, o);
      this.b.set(ch.b, o);
      this.c.set(ch.c, o);
      let span = this.maxSpan;
      for (let i = 0; i < ch.n; i++) {
        const k = ch.kind[i]!;
        if (k === K_TX) {
          const s = ch.arrive[i]! - ch.t[i]!;
          if (s > span) span = s;
        } else if (k === K_ORIGINATE) {
          const uid = this.fUid[ch.frame[i]!]!;
          if (!this.originPlace.has(uid)) this.originPlace.set(uid, ch.at[i]!);
        } else if (k === K_CABLE) this.cableRecords++;
        else if (k === K_MIGRATE) this.migrateRecords.push(o + i);
        else if (k === K_NETDEV) this.netdevRecords.push(o + i);
      }
      this.maxSpan = span;
      this.n = need;
    }
    this.version++;
  }

  /** Number of records with t <= time. */
  upperBound(time: number): number {
    let lo = 0, hi = this.n;
    const t = this.t;
    while (lo < hi) {
      const m = (lo + hi) >>> 1;
      if (t[m]! <= time) lo = m + 1;
      else hi = m;
    }
    return lo;
  }

  /** Index of the first record with t >= time. */
  lowerBound(time: number): number {
    let lo = 0, hi = this.n;
    const t = this.t;
    while (lo < hi) {
      const m = (lo + hi) >>> 1;
      if (t[m]! < time) lo = m + 1;
      else hi = m;
    }
    return lo;
  }

  get endTime(): number {
    return this.n === 0 ? 0 : this.t[this.n - 1]!;
  }

  str(i: number): string {
    return i < 0 ? '' : this.strings[i] ?? '';
  }

  frameDesc(fi: number): string {
    return this.strings[this.fDesc[fi]!] ?? '';
  }

  frameOfUid(uid: number): number {
    return this.frameByUid.get(uid) ?? -1;
  }

  /** Where the frame's lineage began (string index of the place), -1 when not in the trace. */
  originPlaceOf(fi: number): number {
    return this.originPlace.get(this.fOrigin[fi]!) ?? -1;
  }

  descInfo(fi: number): DescInfo {
    let d = this.descCache.get(fi);
    if (d === undefined) {
      d = parseDesc(this.frameDesc(fi));
      this.descCache.set(fi, d);
    }
    return d;
  }
}
