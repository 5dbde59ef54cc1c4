/**
 * One trace record as the event list and the frame panel write it: the kind's sentence from the
 * record table (src/trace/*-records.ts), read back from the store's columns as the record's trace line.
 */
import { KIND_ENTRIES } from '../../../src/trace/schema.js';
import type { TraceJson } from '../../../src/trace/json.js';
import { hasFrame, PROTOCOLS } from '../model/kinds.js';
import type { RecordStore } from '../model/store.js';

interface RecordText {
  readonly kind: string;
  readonly at: string;
  readonly to: string;
  readonly info: string;
  /** Protocol name for records with a frame, '' otherwise. */
  readonly protocol: string;
}

/** Record `i` as its trace line, from the fields its kind keeps in columns (what a column lacks is left out). */
function lineOf(s: RecordStore, i: number): TraceJson | null {
  const e = KIND_ENTRIES[s.kind[i]!];
  if (e === undefined) return null;
  const j: Record<string, unknown> = { t: s.t[i]!, kind: e.kind, at: s.str(s.at[i]!) };
  for (const f of e.fields) {
    if (f.column === null) continue;
    const c = s[f.column][i]!;
    switch (f.type) {
      case 'frame':
        if (c >= 0) j[f.json] = { uid: s.fUid[c]!, origin: s.fOrigin[c]!, len: s.fLen[c]!, desc: s.frameDesc(c) };
        break;
      case 'int': j[f.json] = c; break;
      case 'time': if (!Number.isNaN(c)) j[f.json] = c; break;
      case 'bool': j[f.json] = c === 1; break;
      case 'enum': if (f.values[c] !== undefined) j[f.json] = f.values[c]; break;
      default: if (c >= 0) j[f.json] = s.str(c); break;
    }
  }
  return j as TraceJson;
}

export function recordText(s: RecordStore, i: number): RecordText {
  const k = s.kind[i]!;
  const e = KIND_ENTRIES[k];
  const at = s.str(s.at[i]!);
  // The `to` column is each kind's other place: where a hop goes, a learned port, a bridge...
  const to = s.str(s.to[i]!);
  const j = lineOf(s, i);
  if (e === undefined || j === null) return { kind: '?', at, to, info: '', protocol: '' };
  const info = e.textColumn !== null ? s.str(s[e.textColumn][i]!) : e.text(j);
  const protocol = hasFrame(k) ? PROTOCOLS[s.fProto[s.frame[i]!]!] ?? 'other' : '';
  return { kind: e.kind, at, to, info, protocol };
}
