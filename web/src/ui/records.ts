/** One trace record as the event list and the frame panel write it. */
import {
  hasFrame, KINDS, K_AGE_OUT, K_APP, K_CABLE, K_COMMAND, K_DROP, K_FLOOD, K_LEARN, K_MIGRATE, K_NETDEV, K_STP, K_TABLE_FULL, K_TX, ND_ADDED, ND_ENSLAVED, ND_REMOVED, NETDEV_TYPES, PROTOCOLS,
} from '../model/kinds.js';
import { hostOf } from '../model/migration.js';
import type { RecordStore } from '../model/store.js';
import { formatSpan } from '../model/time.js';

export interface RecordText {
  readonly kind: string;
  readonly at: string;
  readonly to: string;
  readonly info: string;
  /** Protocol name for records with a frame, '' otherwise. */
  readonly protocol: string;
}

export function recordText(s: RecordStore, i: number): RecordText {
  const k = s.kind[i]!;
  const at = s.str(s.at[i]!);
  let to = '';
  let info = '';
  let protocol = '';
  if (hasFrame(k)) {
    const fi = s.frame[i]!;
    protocol = PROTOCOLS[s.fProto[fi]!] ?? 'other';
    info = s.frameDesc(fi);
  }
  switch (k) {
    case K_TX:
      to = s.str(s.to[i]!);
      info = `${info}  (arrives in ${formatSpan(s.arrive[i]! - s.t[i]!)})`;
      break;
    case K_DROP:
      info = `${s.str(s.a[i]!)}: ${info}`;
      break;
    case K_FLOOD:
      info = `${s.a[i]} copies: ${info}`;
      break;
    case K_LEARN:
      to = s.str(s.to[i]!);
      info = `${s.c[i] === 1 ? 'moved' : 'learned'} ${s.str(s.a[i]!)} vlan ${s.b[i]} on ${to}`;
      break;
    case K_AGE_OUT:
      to = s.str(s.to[i]!);
      info = `forgot ${s.str(s.a[i]!)} vlan ${s.b[i]} (was on ${to})`;
      break;
    case K_TABLE_FULL:
      info = `table full: cannot learn ${s.str(s.a[i]!)} vlan ${s.b[i]}`;
      break;
    case K_APP:
      info = `${s.str(s.a[i]!)} ${s.str(s.b[i]!)}: ${s.str(s.c[i]!)}`;
      break;
    case K_COMMAND:
      info = s.str(s.a[i]!);
      break;
    case K_STP:
      if (s.to[i]! >= 0) to = s.str(s.to[i]!);
      info = `stp ${s.str(s.b[i]!)}`;
      break;
    case K_CABLE:
      // The row reads "cable A<->B unplugged": kind, cable, what happened to it.
      info = s.a[i] === 1 ? 'plugged back in' : 'unplugged';
      break;
    case K_MIGRATE: {
      // "migrate vm1 stopped on host1 (leaves host1/vnet1)", then "... resumed on host2 behind host2/vnet1".
      to = s.str(s.to[i]!);
      const from = s.str(s.b[i]!);
      info = s.a[i] === 1 ? `resumed on ${hostOf(to)} behind ${to}` : `stopped on ${hostOf(from)} (leaves ${from})`;
      break;
    }
    case K_NETDEV: {
      // "netdev host3/br100 bridge added", "... enslaved to host3/br100", "... released from host1/br0", "... removed".
      const e = s.a[i]!, type = NETDEV_TYPES[s.b[i]!] ?? '?';
      if (s.to[i]! >= 0) to = s.str(s.to[i]!);
      if (e === ND_ADDED) info = to === '' ? `${type} added` : `${type} added on ${to}`;
      else if (e === ND_REMOVED) info = `${type} removed`;
      else info = e === ND_ENSLAVED ? `enslaved to ${to}` : `released from ${to}`;
      break;
    }
    default:
      break;
  }
  return { kind: KINDS[k] ?? '?', at, to, info, protocol };
}
