/**
 * The table of record kinds: one entry each (the `*-records.ts` files), in the order of their codes. A kind's code
 * is its position here; the trace hash mixes code + 1 and the visualizer's kind column holds the
 * code, so the order never changes: a new kind is appended (and its record type added to the
 * union in record.ts).
 */
import type { Field } from './field.js';
import type { KindEntry } from './kind-entry.js';
import { app, command } from './activity-records.js';
import { cable, migrate, netdev } from './change-records.js';
import { ageOut, learn, tableFull } from './fdb-records.js';
import { deliver, drop, flood, originate, rx, tx } from './frame-records.js';
import { stp } from './stp-records.js';
import type { TraceKind, TraceRecord } from './record.js';

const TRACE_KINDS = [originate, tx, rx, drop, flood, learn, ageOut, tableFull, deliver, app, command, stp, cable, migrate, netdev] as const;

/** Every field of every kind (for the type of a trace line). */
export type AnyField = (typeof TRACE_KINDS)[number]['fields'][number];

type Listed = (typeof TRACE_KINDS)[number]['kind'];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
/** The table lists every kind of the union and nothing else (a compile error otherwise). */
export type TableIsComplete = Holds<Same<Listed, TraceKind>>;

/** The entries, as the loops over them see them: any record of the union. */
export const KIND_ENTRIES: readonly KindEntry<TraceRecord, readonly Field[]>[] = TRACE_KINDS;

/** Each kind's code, for records (whose kind is known to be one). */
export const KIND_CODE = {} as Readonly<Record<TraceKind, number>>;
const CODE_BY_NAME = new Map<string, number>();
KIND_ENTRIES.forEach((e, i) => {
  (KIND_CODE as Record<TraceKind, number>)[e.kind] = i;
  CODE_BY_NAME.set(e.kind, i);
});

/** The code of a kind read from a trace line, -1 when there is no such kind. */
export function kindCode(name: unknown): number {
  return typeof name === 'string' ? CODE_BY_NAME.get(name) ?? -1 : -1;
}
