/** What moves at time T: frames on a wire or a hypervisor hop, and recent drops. */
import { K_DROP, K_TX } from './kinds.js';
import type { RecordStore } from './store.js';

/** Indices of tx records among the first `cursor` whose frame is still travelling at `time`. */
export function framesInFlight(s: RecordStore, cursor: number, time: number, out: number[] = []): number[] {
  out.length = 0;
  const from = time - s.maxSpan;
  for (let i = Math.min(cursor, s.n) - 1; i >= 0; i--) {
    const t = s.t[i]!;
    if (t < from) break;
    if (s.kind[i] === K_TX && s.arrive[i]! > time) out.push(i);
  }
  out.reverse();
  return out;
}

/** Indices of drop records among the first `cursor` that happened within `window` before `time`. */
export function recentDrops(s: RecordStore, cursor: number, time: number, window: number, limit = 200, out: number[] = []): number[] {
  out.length = 0;
  for (let i = Math.min(cursor, s.n) - 1; i >= 0 && out.length < limit; i--) {
    if (s.t[i]! < time - window) break;
    if (s.kind[i] === K_DROP) out.push(i);
  }
  return out;
}
