/**
 * Frames that one tenant's VM sent and another tenant's vNIC received (the simulator's leak rule,
 * src/analysis/leaks.ts), found in the trace so a loaded trace file shows them too.
 */
import { K_RX } from './kinds.js';
import type { RecordStore } from './store.js';
import type { TopoIndex } from './topo.js';

export interface LeakMark {
  /** Record index of the rx at the victim's vNIC. */
  readonly i: number;
  readonly t: number;
  readonly victim: string;
  readonly victimTenant: string;
  readonly source: string;
  readonly sourceTenant: string;
  readonly frame: string;
  /** The simulator's explanation, when the run's report has one. */
  firstBadHop: string | null;
}

export function findLeaks(s: RecordStore, topo: TopoIndex, limit = 10_000): LeakMark[] {
  const out: LeakMark[] = [];
  const vnicOf = new Map<number, number>();
  s.strings.forEach((str, i) => {
    const k = topo.at(str);
    if (k >= 0 && topo.nodes[k]!.kind === 'vnic') vnicOf.set(i, k);
  });
  if (vnicOf.size === 0) return out;
  for (let i = 0; i < s.n && out.length < limit; i++) {
    if (s.kind[i] !== K_RX) continue;
    const victim = vnicOf.get(s.at[i]!);
    if (victim === undefined) continue;
    const vt = topo.tenant[victim];
    if (!vt) continue;
    const fi = s.frame[i]!;
    let src = -1;
    const op = s.originPlaceOf(fi);
    if (op >= 0) src = vnicOf.get(op) ?? -1;
    if (src < 0) src = topo.macOwner.get(s.descInfo(fi).src) ?? -1;
    if (src < 0 || src === victim) continue;
    const st = topo.tenant[src];
    if (!st || st === vt) continue;
    const name = (k: number) => topo.nodes[topo.parent[k]!]?.id ?? topo.nodes[k]!.id;
    out.push({ i, t: s.t[i]!, victim: name(victim), victimTenant: vt, source: name(src), sourceTenant: st, frame: s.frameDesc(fi), firstBadHop: null });
  }
  return out;
}
