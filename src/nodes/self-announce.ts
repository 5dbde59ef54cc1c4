/**
 * qemu's self-announce after a migration (net/announce.c, started when the destination resumes
 * the guest): one gratuitous RARP per NIC per round, so that bridges and switches learn where the
 * guest's MAC now is. The rounds follow qemu's announce parameters and their defaults
 * (qapi/migration.json): `announce-initial` 50 ms, `announce-max` 550 ms, `announce-rounds` 5,
 * `announce-step` 100 ms. The first round goes out at resume; the gap before round k + 1 (k from 1)
 * is initial + (k - 1) x step, capped at max: rounds at 0, 50, 200, 450 and 800 ms.
 *
 * Invariant: the times depend on the parameters alone, never on traffic.
 */
import { MS } from '../engine/time.js';

export interface AnnounceParams {
  /** Delay before the second round (announce-initial). */
  readonly initial: number;
  /** Longest gap between rounds (announce-max). */
  readonly max: number;
  /** Rounds in all, the first at resume (announce-rounds). */
  readonly rounds: number;
  /** How much longer each gap is than the one before (announce-step). */
  readonly step: number;
}

/** qemu's defaults. */
export const QEMU_ANNOUNCE: AnnounceParams = { initial: 50 * MS, max: 550 * MS, rounds: 5, step: 100 * MS };

/** The gap after round `sent` (1 for the first) before the next one (qemu_announce_timer_step). */
export function announceGap(p: AnnounceParams, sent: number): number {
  const gap = p.initial + (sent - 1) * p.step;
  return gap > p.max ? p.max : gap;
}

/** Offsets from resume of every round, for documentation and tests. */
export function announceOffsets(p: AnnounceParams): number[] {
  const out: number[] = [];
  for (let k = 1, t = 0; k <= p.rounds; t += announceGap(p, k), k++) out.push(t);
  return out;
}
