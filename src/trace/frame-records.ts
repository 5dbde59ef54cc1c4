/**
 * The records of a frame's journey: made, sent onto a hop, arrived, flooded, delivered, dropped.
 * They are the busiest kinds (several per frame-hop), so their hashes mix only numbers the record
 * already holds; the frame's header fields are mixed once, when it is made (`originate`), and its
 * VLAN tags on every hop (tagging makes a new frame without an `originate`).
 */
import type { EthernetFrame } from '../wire/ethernet.js';
import type { DropReason } from './drop-reason.js';
import { field } from './field.js';
import { defineKind } from './kind-entry.js';
import type { Place } from './place.js';
import { formatSpan } from './span.js';

/** A stack or traffic generator made a new frame. */
export interface OriginateRecord { readonly kind: 'originate'; readonly t: number; readonly at: Place; readonly frame: EthernetFrame }
/** A frame starts onto a link or the hypervisor hop; it arrives at `to` at time `arrive`. */
export interface TxRecord { readonly kind: 'tx'; readonly t: number; readonly at: Place; readonly to: Place; readonly frame: EthernetFrame; readonly arrive: number }
/** A frame finished a hop and arrives at a device. */
export interface RxRecord { readonly kind: 'rx'; readonly t: number; readonly at: Place; readonly frame: EthernetFrame }
/** A frame instance was discarded, for `reason`. */
export interface DropRecord { readonly kind: 'drop'; readonly t: number; readonly at: Place; readonly frame: EthernetFrame; readonly reason: DropReason }
/** A bridge or switch sends copies of a frame out of `copies` ports. */
export interface FloodRecord { readonly kind: 'flood'; readonly t: number; readonly at: Place; readonly frame: EthernetFrame; readonly copies: number }
/** An IP stack accepted the frame (the end of its journey). */
export interface DeliverRecord { readonly kind: 'deliver'; readonly t: number; readonly at: Place; readonly frame: EthernetFrame }

export type FrameRecord = OriginateRecord | TxRecord | RxRecord | DropRecord | FloodRecord | DeliverRecord;

const frame = field('frame', 'frame', 'frame');

export const originate = defineKind<OriginateRecord>()({
  kind: 'originate',
  fields: [frame],
  hash(r, h) {
    h.mix(r.frame.uid); h.mix(r.frame.origin); h.mix(r.frame.length);
    h.mixFrame(r.frame);
  },
  text: (j) => j.frame?.desc ?? '',
});

export const tx = defineKind<TxRecord>()({
  kind: 'tx',
  fields: [field('to', 'place', 'to'), field('arrive', 'time', 'arrive'), frame],
  hash(r, h) {
    h.mix(r.frame.uid); h.mix(r.to.id); h.mix(r.arrive | 0);
    const tags = r.frame.tags;
    h.mix(tags.length);
    for (let i = 0; i < tags.length; i++) h.mix(tags[i]!.tpid * 65536 + tags[i]!.vid);
  },
  text: (j) => `${j.frame?.desc ?? ''}  (arrives in ${formatSpan((j.arrive ?? NaN) - j.t)})`,
});

export const rx = defineKind<RxRecord>()({
  kind: 'rx',
  fields: [frame],
  hash(r, h) {
    h.mix(r.frame.uid); h.mix(r.frame.origin); h.mix(r.frame.length);
  },
  text: (j) => j.frame?.desc ?? '',
});

export const drop = defineKind<DropRecord>()({
  kind: 'drop',
  fields: [frame, field('reason', 'text', 'a')],
  hash(r, h) {
    h.mix(r.frame.uid); h.mixString(r.reason);
  },
  text: (j) => `${j.reason ?? ''}: ${j.frame?.desc ?? ''}`,
});

export const flood = defineKind<FloodRecord>()({
  kind: 'flood',
  fields: [frame, field('copies', 'int', 'a')],
  hash(r, h) {
    h.mix(r.frame.uid); h.mix(r.copies);
  },
  text: (j) => `${j.copies ?? 0} copies: ${j.frame?.desc ?? ''}`,
});

export const deliver = defineKind<DeliverRecord>()({
  kind: 'deliver',
  fields: [frame],
  hash(r, h) {
    h.mix(r.frame.uid); h.mix(r.frame.origin); h.mix(r.frame.length);
  },
  text: (j) => j.frame?.desc ?? '',
});
