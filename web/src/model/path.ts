/**
 * The path a frame took to reach a record: from the record back, hop by hop, to where its lineage
 * began. A hop's arrival (rx at P, time t) comes from the tx toward P of the same lineage that
 * arrives at t; what a device does (forward, flood, deliver, drop) comes from the latest arrival of
 * the lineage at that device. Floods make copies of one lineage, so for a storm this follows one
 * plausible copy back (the latest arrival), exact for unicast traffic.
 */
import { K_DELIVER, K_DROP, K_FLOOD, K_ORIGINATE, K_RX, K_TX, hasFrame } from './kinds.js';
import type { RecordStore } from './store.js';
import type { TopoIndex } from './topo.js';

const MAX_STEPS = 256;
const MAX_SCAN = 200_000;

export function pathOf(s: RecordStore, topo: TopoIndex, index: number): number[] {
  if (index < 0 || index >= s.n || !hasFrame(s.kind[index]!)) return [];
  const origin = s.fOrigin[s.frame[index]!]!;
  const sameLineage = (i: number) => hasFrame(s.kind[i]!) && s.fOrigin[s.frame[i]!] === origin;
  const groupOf = (strIdx: number) => {
    const k = topo.at(s.strings[strIdx]!);
    return k < 0 ? -1 : topo.group[k]!;
  };
  const isVnic = (strIdx: number) => topo.nodes[topo.at(s.strings[strIdx]!)]?.kind === 'vnic';
  const out = [index];
  let cur = index;
  for (let step = 0; step < MAX_STEPS; step++) {
    const k = s.kind[cur]!;
    if (k === K_ORIGINATE && s.fUid[s.frame[cur]!] === origin) break;
    let prev = -1;
    const stop = Math.max(0, cur - MAX_SCAN);
    if (k === K_RX) {
      // The hop that ends here: a tx toward this place arriving now.
      const place = s.at[cur]!, t = s.t[cur]!;
      for (let i = cur - 1; i >= stop; i--) {
        if (s.kind[i] === K_TX && s.to[i] === place && s.arrive[i] === t && sameLineage(i)) { prev = i; break; }
      }
    } else {
      // What this device got last: an arrival at the same device (or a frame it made itself).
      const place = s.at[cur]!, g = groupOf(place);
      const selfVnic = isVnic(place);
      for (let i = cur - 1; i >= stop; i--) {
        const ki = s.kind[i]!;
        if (!(ki === K_RX || ki === K_ORIGINATE) || !sameLineage(i)) continue;
        const at = s.at[i]!;
        if (ki === K_ORIGINATE && at === place) { prev = i; break; }
        if (ki !== K_RX) continue;
        if (at === place || (!selfVnic && !isVnic(at) && groupOf(at) === g && g >= 0)) { prev = i; break; }
      }
    }
    if (prev < 0) break;
    out.push(prev);
    cur = prev;
  }
  return out.reverse();
}

/** The places along a path, in order, without repeats side by side. */
export function pathPlaces(s: RecordStore, path: readonly number[]): string[] {
  const out: string[] = [];
  for (const i of path) {
    const k = s.kind[i]!;
    if (k !== K_TX && k !== K_RX && k !== K_ORIGINATE && k !== K_DELIVER && k !== K_DROP && k !== K_FLOOD) continue;
    const p = s.strings[s.at[i]!]!;
    if (out[out.length - 1] !== p) out.push(p);
    if (k === K_TX) {
      const to = s.strings[s.to[i]!]!;
      if (out[out.length - 1] !== to) out.push(to);
    }
  }
  return out;
}
