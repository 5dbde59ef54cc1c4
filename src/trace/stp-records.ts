/**
 * The spanning tree (802.1D) records of a bridge or switch: a port changed state (with the role it
 * has now), the bridge's root or root port changed (`port` null when the bridge believes it is the
 * root itself), or its topology-change flag went on or off (while on, the FDB ages entries out
 * after the forward delay). Few per change, so the event list keeps each one's sentence whole.
 */
import type { BridgeId } from '../wire/bpdu.js';
import { field } from './field.js';
import { defineKind } from './kind-entry.js';
import type { Place } from './place.js';
import type { PortRole, PortState } from './port-state.js';

export type StpRecord =
  | {
      readonly kind: 'stp'; readonly event: 'state'; readonly t: number; readonly at: Place; readonly port: Place;
      readonly from: PortState; readonly to: PortState; readonly role: PortRole;
    }
  | {
      readonly kind: 'stp'; readonly event: 'root'; readonly t: number; readonly at: Place; readonly port: Place | null;
      readonly root: BridgeId; readonly cost: number;
    }
  | { readonly kind: 'stp'; readonly event: 'topology-change'; readonly t: number; readonly at: Place; readonly on: boolean };

/** Fields only some events have. */
const some = { optional: true } as const;

export const stp = defineKind<StpRecord>()({
  kind: 'stp',
  fields: [
    field('event', 'text', 'a'), field('port', 'place', 'to', some), field('from', 'text', null, some),
    field('to', 'text', null, { json: 'state', optional: true }), field('role', 'text', null, some),
    field('root', 'bridge-id', null, some), field('cost', 'int', null, some), field('on', 'bool', null, some),
  ],
  hash(r, h) {
    h.mixString(r.event);
    if (r.event === 'state') {
      h.mix(r.port.id); h.mixString(r.to);
    } else if (r.event === 'root') {
      h.mix(r.port === null ? 0 : r.port.id); h.mix(r.root.priority); h.mix(r.root.mac | 0); h.mix((r.root.mac / 4294967296) | 0); h.mix(r.cost);
    } else {
      h.mix(r.on ? 1 : 0);
    }
  },
  text(j) {
    switch (j.event) {
      case 'state': return `stp ${j.port ?? '?'} ${j.from ?? '?'} -> ${j.state ?? '?'} (${j.role ?? '?'} port)`;
      case 'root': return j.port === undefined ? `stp root is this bridge (${j.root ?? '?'})` : `stp root ${j.root ?? '?'} via ${j.port}, cost ${j.cost ?? 0}`;
      case 'topology-change': return j.on === true ? 'stp topology change: FDB ages out after the forward delay' : 'stp topology change over';
      default: return `stp ${j.event ?? ''}`;
    }
  },
  textColumn: 'b',
});
