/** One spanning tree record as the event list writes it (the same text from a live run and from NDJSON). */
import type { TraceJson } from '../../../src/index.js';

export function stpText(j: TraceJson): string {
  switch (j.event) {
    case 'state': return `${j.port ?? '?'} ${j.from ?? '?'} -> ${j.state ?? '?'} (${j.role ?? '?'} port)`;
    case 'root': return j.port === undefined ? `root is this bridge (${j.root ?? '?'})` : `root ${j.root ?? '?'} via ${j.port}, cost ${j.cost ?? 0}`;
    case 'topology-change': return j.on ? 'topology change: FDB ages out after the forward delay' : 'topology change over';
    default: return j.event ?? '';
  }
}
