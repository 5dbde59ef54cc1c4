/**
 * A record's fields by name in the store's columns: `s[LEARN.mac][i]` is the MAC of learn record
 * `i` (a string-table index). The names and columns come from the record table (src/trace/*-records.ts),
 * so a reader never spells a bare column (`a`, `b`, `c`) for a field.
 */
import type { Column, Field } from '../../../src/trace/field.js';
import type { KindEntry } from '../../../src/trace/kind-entry.js';
import { cable, migrate, netdev } from '../../../src/trace/change-records.js';
import { app } from '../../../src/trace/activity-records.js';
import { learn } from '../../../src/trace/fdb-records.js';
import { drop } from '../../../src/trace/frame-records.js';

/** Field name -> column, for the fields of F that have one. */
type SlotsOf<F extends readonly Field[]> = { readonly [G in F[number] as G['column'] extends Column ? G['name'] : never]: G['column'] };

function slotsOf<R extends { readonly kind: string }, F extends readonly Field[]>(e: KindEntry<R, F>): SlotsOf<F> {
  const out: Record<string, Column> = {};
  for (const f of e.fields) if (f.column !== null) out[f.name] = f.column;
  return out as SlotsOf<F>;
}

export const DROP = slotsOf(drop);
export const LEARN = slotsOf(learn);
export const APP = slotsOf(app);
export const CABLE = slotsOf(cable);
export const MIGRATE = slotsOf(migrate);
export const NETDEV = slotsOf(netdev);
