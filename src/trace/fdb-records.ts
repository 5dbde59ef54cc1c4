/**
 * The records of a forwarding table (a bridge's FDB, a switch's MAC table): an address learned or
 * moved, aged out, or not learned because the table is full. Entries are keyed by (VLAN, MAC);
 * `vid` is 0 on a bridge that does not filter VLANs.
 */
import type { Mac } from '../wire/mac.js';
import { field } from './field.js';
import { defineKind, type TraceMixer } from './kind-entry.js';
import type { Place } from './place.js';

/** A bridge or switch learned (or moved) `mac` in VLAN `vid` behind `port`. */
export interface LearnRecord { readonly kind: 'learn'; readonly t: number; readonly at: Place; readonly mac: Mac; readonly vid: number; readonly port: Place; readonly moved: boolean }
/** An FDB / MAC table entry aged out. */
export interface AgeOutRecord { readonly kind: 'age-out'; readonly t: number; readonly at: Place; readonly mac: Mac; readonly vid: number; readonly port: Place }
/** A table was full and could not learn `mac`. */
export interface TableFullRecord { readonly kind: 'table-full'; readonly t: number; readonly at: Place; readonly mac: Mac; readonly vid: number }

export type FdbRecord = LearnRecord | AgeOutRecord | TableFullRecord;

const mac = field('mac', 'mac', 'a');
const vid = field('vid', 'int', 'b');
const port = field('port', 'place', 'to');

function mixEntry(r: { readonly mac: Mac; readonly vid: number }, h: TraceMixer): void {
  h.mix(r.mac | 0); h.mix((r.mac / 4294967296) | 0); h.mix(r.vid);
}

export const learn = defineKind<LearnRecord>()({
  kind: 'learn',
  fields: [mac, vid, port, field('moved', 'bool', 'c')],
  hash(r, h) {
    mixEntry(r, h); h.mix(r.port.id);
  },
  text: (j) => `${j.moved === true ? 'moved' : 'learned'} ${j.mac ?? ''} vlan ${j.vid ?? 0} on ${j.port ?? ''}`,
});

export const ageOut = defineKind<AgeOutRecord>()({
  kind: 'age-out',
  fields: [mac, vid, port],
  hash(r, h) {
    mixEntry(r, h); h.mix(r.port.id);
  },
  text: (j) => `forgot ${j.mac ?? ''} vlan ${j.vid ?? 0} (was on ${j.port ?? ''})`,
});

export const tableFull = defineKind<TableFullRecord>()({
  kind: 'table-full',
  fields: [mac, vid],
  hash: mixEntry,
  text: (j) => `table full: cannot learn ${j.mac ?? ''} vlan ${j.vid ?? 0}`,
});
