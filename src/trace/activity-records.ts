/**
 * The records of what runs on the network rather than through it: an application's event (a
 * ping's request, reply or loss; UDP flows are counted, not traced) and a timeline command.
 */
import { field } from './field.js';
import { defineKind } from './kind-entry.js';
import type { Place } from './place.js';

/** An application event at VM or host `at`. */
interface AppRecord { readonly kind: 'app'; readonly t: number; readonly at: Place; readonly app: string; readonly event: string; readonly detail: string }
/** A timeline command ran on a host (start-up commands run while building, before the trace starts). */
interface CommandRecord { readonly kind: 'command'; readonly t: number; readonly at: Place; readonly line: string }

export type ActivityRecord = AppRecord | CommandRecord;

export const app = defineKind<AppRecord>()({
  kind: 'app',
  fields: [field('app', 'text', 'a'), field('event', 'text', 'b'), field('detail', 'text', 'c')],
  hash(r, h) {
    h.mixString(r.event); h.mixString(r.detail);
  },
  text: (j) => `${j.app ?? ''} ${j.event ?? ''}: ${j.detail ?? ''}`,
});

export const command = defineKind<CommandRecord>()({
  kind: 'command',
  fields: [field('line', 'text', 'a')],
  hash(r, h) {
    h.mixString(r.line);
  },
  text: (j) => j.line ?? '',
});
