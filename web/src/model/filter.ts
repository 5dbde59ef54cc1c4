/**
 * The event list's filters (node, protocol, tenant, event kind), evaluated over the whole store
 * into the list of matching record indices.
 */
import { hostOf } from '../../../src/trace/place.js';
import { hasFrame, K_MIGRATE, K_NETDEV, KINDS, PROTOCOLS, type KindName, type ProtocolName } from './kinds.js';
import { MIGRATE, NETDEV } from './slots.js';
import type { RecordStore } from './store.js';
import type { TopoIndex } from './topo.js';

export interface Filters {
  /** Kinds shown; an empty list shows all. */
  readonly kinds: readonly KindName[];
  /** Protocols shown (for records that carry a frame); empty shows all. */
  readonly protocols: readonly ProtocolName[];
  /** Tenant of the frame's sender (or of the place, for other records); null for any. */
  readonly tenant: string | null;
  /** A node id: records at or to it or anything under it (`sw1` covers `sw1/p3`); '' for any. */
  readonly node: string;
}

export const NO_FILTERS: Filters = { kinds: [], protocols: [], tenant: null, node: '' };

export function filtersActive(f: Filters): boolean {
  return f.kinds.length > 0 || f.protocols.length > 0 || f.tenant !== null || f.node !== '';
}

/** Tenant of the place a string names (a VM's vNIC, a VM, a TAP), null for none. */
function placeTenant(topo: TopoIndex, name: string): string | null {
  const k = topo.at(name);
  return k < 0 ? null : topo.tenant[k] ?? null;
}

/** Tenant of a frame: its sender's, found from where its lineage began or from its source MAC. */
export function frameTenant(s: RecordStore, topo: TopoIndex, fi: number): string | null {
  const op = s.originPlaceOf(fi);
  if (op >= 0) {
    const t = placeTenant(topo, s.strings[op]!);
    if (t !== null) return t;
  }
  const owner = topo.macOwner.get(s.descInfo(fi).src);
  return owner === undefined ? null : topo.tenant[owner] ?? null;
}

/** Indices of the records that pass, in order. */
export function filterRecords(s: RecordStore, topo: TopoIndex, f: Filters): Int32Array {
  const kindOk = new Uint8Array(KINDS.length).fill(f.kinds.length === 0 ? 1 : 0);
  for (const k of f.kinds) kindOk[KINDS.indexOf(k)] = 1;
  const protoOk = new Uint8Array(PROTOCOLS.length).fill(f.protocols.length === 0 ? 1 : 0);
  for (const p of f.protocols) protoOk[PROTOCOLS.indexOf(p)] = 1;
  const node = f.node.trim();
  const nodeIndex = topo.at(node);
  // A VM covers its vNIC; a host covers its VMs' vNICs.
  const under = (name: string) => name === node || name.startsWith(`${node}/`) || (nodeIndex >= 0 && topo.contains(nodeIndex, name));
  const nodeCache = new Map<number, boolean>();
  // A live-migrated VM (and its vNIC) is under the host it runs on at the record's time, not the
  // one it started on: from each resume on, the new TAP's host.
  const hostFilter = nodeIndex >= 0 && topo.nodes[nodeIndex]!.kind === 'host';
  const runsOn = new Map<number, { t: number; host: string }[]>();
  for (const i of hostFilter ? s.migrateRecords : []) {
    const vm = topo.at(s.strings[s.at[i]!]!);
    if (vm < 0 || s[MIGRATE.event][i] !== 1) continue;
    if (!runsOn.has(vm)) runsOn.set(vm, [{ t: -Infinity, host: topo.nodes[topo.group[vm]!]!.id }]);
    runsOn.get(vm)!.push({ t: s.t[i]!, host: hostOf(s.strings[s[MIGRATE.to][i]!]!) });
  }
  const moverCache = new Map<number, number>();
  /** The migrated VM a place (string index) is or lies under, -1 when none. */
  const moverOf = (si: number): number => {
    let v = moverCache.get(si);
    if (v === undefined) {
      v = topo.at(s.strings[si]!);
      for (let guard = 0; v >= 0 && !runsOn.has(v) && guard < 16; guard++) v = topo.parent[v]!;
      moverCache.set(si, (v = v >= 0 && runsOn.has(v) ? v : -1));
    }
    return v;
  };
  const placeMatch = (si: number, t: number): boolean => {
    const vm = si >= 0 && runsOn.size > 0 ? moverOf(si) : -1;
    if (vm < 0) return nodeMatch(si);
    const visits = runsOn.get(vm)!;
    let host = visits[0]!.host;
    for (const v of visits) if (v.t <= t) host = v.host;
    return host === node;
  };
  const nodeMatch = (si: number): boolean => {
    if (si < 0) return false;
    let m = nodeCache.get(si);
    if (m === undefined) {
      const name = s.strings[si]!;
      m = under(name);
      if (!m) {
        // A cable belongs to the places at both its ends.
        const ends = topo.cableEnds(name);
        m = ends !== null && (under(ends[0]) || under(ends[1]));
      }
      nodeCache.set(si, m);
    }
    return m;
  };
  const tenantCache = new Map<number, string | null>();
  const frameTenantCached = (fi: number) => {
    let t = tenantCache.get(fi);
    if (t === undefined) {
      t = frameTenant(s, topo, fi);
      tenantCache.set(fi, t);
    }
    return t;
  };
  const out = new Int32Array(s.n);
  let n = 0;
  for (let i = 0; i < s.n; i++) {
    const k = s.kind[i]!;
    if (!kindOk[k]) continue;
    const framed = hasFrame(k);
    if (framed && !protoOk[s.fProto[s.frame[i]!]!]) continue;
    // A migration shows under the VM, the TAP it leaves and the one it moves to (to), and their
    // hosts; a device's change under the device, its bridge or VLAN parent (to) and its host.
    const t = s.t[i]!;
    if (node !== '' && !placeMatch(s.at[i]!, t) && !placeMatch(s.to[i]!, t) && !(k === K_MIGRATE && nodeMatch(s[MIGRATE.from][i]!))
      && !(k === K_NETDEV && nodeMatch(s[NETDEV.host][i]!))) continue;
    if (f.tenant !== null) {
      const t = framed ? frameTenantCached(s.frame[i]!) : placeTenant(topo, s.strings[s.at[i]!]!);
      if (t !== f.tenant) continue;
    }
    out[n++] = i;
  }
  return out.slice(0, n);
}
