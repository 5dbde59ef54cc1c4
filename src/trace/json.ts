/**
 * The JSON form of records: one line of an NDJSON trace each (docs/trace-format.md). Written and
 * read back by looping over the kind's fields, so the line's keys and their order are the table's.
 *
 * Invariants: a line is `t`, `kind`, `at`, then the kind's present fields in table order, so the
 * same run gives byte-identical traces; a line read back is either taken or refused with its
 * kind's own message, never half-read.
 */
import { isJsonValue, valueToJson, type JsonOfType } from './field.js';
import type { TraceKind, TraceRecord } from './record.js';
import { KIND_CODE, KIND_ENTRIES, kindCode, type AnyField } from './schema.js';

/** One trace record as JSON (one line of the NDJSON trace). */
export type TraceJson = { t: number; kind: TraceKind; at: string } & { [F in AnyField as F['json']]?: JsonOfType[F['type']] };

export function traceRecordToJson(r: TraceRecord): TraceJson {
  const j: Record<string, unknown> = { t: r.t, kind: r.kind, at: r.at.name };
  const values = r as unknown as Readonly<Record<string, unknown>>;
  for (const f of KIND_ENTRIES[KIND_CODE[r.kind]]!.fields) {
    const v = values[f.name];
    if (v !== null && v !== undefined) j[f.json] = valueToJson(f, v);
  }
  return j as TraceJson;
}

/** Why a line read from a trace cannot be taken, null when it can. */
export function traceJsonProblem(j: TraceJson): string | null {
  const code = kindCode(j.kind);
  if (code < 0) return `unknown trace record kind "${String(j.kind)}"`;
  const e = KIND_ENTRIES[code]!;
  if (e.refuse === null) return null;
  if (typeof j.at !== 'string' || j.at === '') return e.refuse;
  const values = j as unknown as Readonly<Record<string, unknown>>;
  for (const f of e.fields) {
    const v = values[f.json];
    if (v === undefined || v === null ? !f.optional : !isJsonValue(f, v)) return e.refuse;
  }
  return e.check === null || e.check(j) ? null : e.refuse;
}
