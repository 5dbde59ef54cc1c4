/**
 * The network's trace records (ns-3's named trace sources, as one discriminated union). Places are
 * given as `Place` values; frames are the frame values themselves, shared, never copied. Each
 * kind's record type sits with its table entry in a `*-records.ts` file; schema.ts lists the entries.
 */
import type { ActivityRecord } from './activity-records.js';
import type { ChangeRecord } from './change-records.js';
import type { FdbRecord } from './fdb-records.js';
import type { FrameRecord } from './frame-records.js';
import type { StpRecord } from './stp-records.js';

export type TraceRecord = FrameRecord | FdbRecord | ActivityRecord | StpRecord | ChangeRecord;

export type TraceKind = TraceRecord['kind'];
