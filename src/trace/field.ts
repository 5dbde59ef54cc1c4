/**
 * The fields of trace records, described once: how each value is written to a trace line, what a
 * line read back must hold there, and which column the visualizer keeps it in. A record kind is a
 * list of these (see kind-entry.ts), so writing, reading and columns follow from one description.
 *
 * Invariants: a field whose value is null or absent in a record is left out of its line (never
 * written as null). A value keeps its column in every record of its kind, and the columns of one
 * kind are distinct; what a column holds is a string-table index for text-like types, the number
 * itself for numbers, 0/1 for booleans, the position in `values` for an enum, a frame-table index
 * for a frame, and -1 (NaN for a time) when the record has no value there.
 */
import { describeFrame } from '../wire/ethernet.js';
import { formatBridgeId } from '../wire/bpdu.js';
import type { BridgeId } from '../wire/bpdu.js';
import type { EthernetFrame } from '../wire/ethernet.js';
import { formatMac, type Mac } from '../wire/mac.js';
import type { Place } from './place.js';

/** The visualizer's physical columns a record kind may put its fields in (besides `t`, `kind`, `at`). */
export type Column = 'to' | 'arrive' | 'frame' | 'a' | 'b' | 'c';

/** The frame object of a trace line. */
export interface FrameJson {
  uid: number;
  origin: number;
  len: number;
  desc: string;
  /** The 802.1Q VLAN ids, outermost first; absent when untagged. */
  vlan?: number[];
}

/** The value types a record field can have, each with its record form, its line form and its column form. */
type FieldType = 'place' | 'text' | 'mac' | 'bridge-id' | 'int' | 'time' | 'bool' | 'enum' | 'frame';

/** What a value of each type looks like in a trace line. */
export interface JsonOfType {
  place: string;
  text: string;
  mac: string;
  'bridge-id': string;
  int: number;
  time: number;
  bool: boolean;
  enum: string;
  frame: FrameJson;
}

export interface Field<N extends string = string, J extends string = string, T extends FieldType = FieldType, C extends Column | null = Column | null> {
  /** The record's property. */
  readonly name: N;
  /** The key in the trace line (the property's name unless the line calls it otherwise). */
  readonly json: J;
  readonly type: T;
  /** Where the visualizer keeps it, null when it keeps no column of it. */
  readonly column: C;
  /** Null or absent in some records of the kind (a line may leave it out). */
  readonly optional: boolean;
  /** An enum's words, in the order its column numbers them; empty for other types. */
  readonly values: readonly string[];
}

interface FieldOptions<J extends string> {
  readonly json?: J;
  readonly optional?: boolean;
  readonly values?: readonly string[];
}

/** A field of a record kind: its property, type and column (and its line key, when it differs). */
export function field<const N extends string, const T extends FieldType, const C extends Column | null, const J extends string = N>(
  name: N, type: T, column: C, options: FieldOptions<J> = {},
): Field<N, string extends J ? N : J, T, C> {
  return { name, json: (options.json ?? name) as string extends J ? N : J, type, column, optional: options.optional ?? false, values: options.values ?? [] };
}

function frameToJson(f: EthernetFrame): FrameJson {
  const j: FrameJson = { uid: f.uid, origin: f.origin, len: f.length, desc: describeFrame(f) };
  if (f.tags.length > 0) j.vlan = f.tags.map((t) => t.vid);
  return j;
}

/** A record's value as its trace line writes it (the value is present: not null, not undefined). */
export function valueToJson(f: Field, v: unknown): JsonOfType[FieldType] {
  switch (f.type) {
    case 'place': return (v as Place).name;
    case 'mac': return formatMac(v as Mac);
    case 'bridge-id': return formatBridgeId((v as BridgeId).priority, (v as BridgeId).mac);
    case 'frame': return frameToJson(v as EthernetFrame);
    default: return v as string | number | boolean;
  }
}

/** Whether a value read from a trace line is one this field can hold. */
export function isJsonValue(f: Field, x: unknown): boolean {
  switch (f.type) {
    case 'place': return typeof x === 'string' && x !== '';
    case 'text': case 'mac': case 'bridge-id': return typeof x === 'string';
    case 'int': case 'time': return typeof x === 'number';
    case 'bool': return typeof x === 'boolean';
    case 'enum': return f.values.includes(x as string);
    case 'frame': return typeof x === 'object' && x !== null && typeof (x as FrameJson).uid === 'number' && typeof (x as FrameJson).desc === 'string';
  }
}
