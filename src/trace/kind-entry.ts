/**
 * One record kind, described once: its fields (which give its trace line and its columns), what
 * of it the trace hash mixes, and the sentence the event list writes for it. Everything that
 * handles records (the NDJSON writer and reader, the trace hash, the visualizer's columns and
 * event list) loops over these entries (schema.ts), so a new kind is one new entry.
 *
 * Invariants: `hash` makes no object and no closure (it runs on every record of every run); it
 * mixes exactly what earlier versions mixed, in the same order, so golden trace hashes hold.
 * `text` reads only fields that have a column, unless `textColumn` says the sentence itself is
 * kept (made once, when the record is stored, from the whole line).
 */
import type { EthernetFrame } from '../wire/ethernet.js';
import type { Column, Field, JsonOfType } from './field.js';

/** What a kind's hash mixes into: 32-bit integers (the low bits of a number), strings, whole frames. */
export interface TraceMixer {
  /**
   * Mixes a 32-bit integer. A wider number (a time past 2^31 ns, a MAC) is passed as its low bits
   * (`x | 0`) and its high bits (`(x / 4294967296) | 0`): a double argument would be boxed on every
   * call, and ToInt32 is what the mix applies anyway, so the hash is the same.
   */
  mix(v: number): void;
  /** Mixes each UTF-16 code unit. */
  mixString(s: string): void;
  /** Mixes every header field of a frame, from the MACs down to the transport (once per frame, when it is made). */
  mixFrame(f: EthernetFrame): void;
}

/** A trace line of a kind with fields F, as the kind's sentence reads it (any field may be missing from a line). */
type RowOf<F extends readonly Field[]> =
  { readonly t: number; readonly at: string } & { readonly [E in F[number] as E['json']]?: JsonOfType[E['type']] };

export interface KindEntry<R extends { readonly kind: string } = { readonly kind: string }, F extends readonly Field[] = readonly Field[]> {
  readonly kind: R['kind'];
  /** The fields after `t`, `kind` and `at`, in the order a trace line writes them. */
  readonly fields: F;
  /** Mixes what identifies the record beyond its kind, time and place (which every record mixes first). */
  hash(r: R, h: TraceMixer): void;
  /** The event list's sentence for the record. */
  text(j: RowOf<F>): string;
  /** The column that keeps the sentence itself, for a kind whose fields do not all have columns; null otherwise. */
  readonly textColumn: Column | null;
  /**
   * For a kind that changes the network's shape: what a trace line lacking a field (or holding a
   * wrong one) is told, since guessing would draw the network wrong from then on. Null: such a line
   * is taken as it is.
   */
  readonly refuse: string | null;
  /** A rule across fields that a line must keep, beyond each field's own (null: none). */
  readonly check: ((j: RowOf<F>) => boolean) | null;
}

type KindSpec<R extends { readonly kind: string }, F extends readonly Field[]> =
  Pick<KindEntry<R, F>, 'kind' | 'fields' | 'hash' | 'text'> & Partial<Pick<KindEntry<R, F>, 'textColumn' | 'refuse' | 'check'>>;

/** The entry of record type R: `defineKind<LearnRecord>()({ kind: 'learn', fields: [...], hash, text })`. */
export function defineKind<R extends { readonly kind: string }>() {
  return <const F extends readonly Field[]>(spec: KindSpec<R, F>): KindEntry<R, F> =>
    ({ textColumn: null, refuse: null, check: null, ...spec });
}
