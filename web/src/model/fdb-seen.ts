/**
 * Which MAC table entry a received frame refreshes. A table's learn records come only when an
 * address is new or moves; between them the bridge refreshes the entry's last-seen time with
 * every frame from that MAC on that port, and ages the entry from there. The replay finds that
 * entry from the rx record, so the MAC table's age column counts as the bridge's ageing does.
 */
import type { FdbEntry } from './net-state.js';
import type { RecordStore } from './store.js';

/**
 * The key of the entry a frame received on `port` refreshes: its source MAC in the frame's VLAN,
 * or in one of the VLANs the port learned in (a port that tags untagged frames with its own VLAN).
 * Null when the table has none (the frame was dropped before learning, or the table is full).
 */
export function seenKey(get: (key: string) => FdbEntry | undefined, vids: readonly number[], s: RecordStore, port: string, fi: number): string | null {
  const mac = s.strings[s.fDesc[fi]!]!.slice(0, 17);
  const key = `${s.fVlan[fi]!}/${mac}`;
  if (get(key)?.port === port) return key;
  for (const vid of vids) {
    const k = `${vid}/${mac}`;
    if (get(k)?.port === port) return k;
  }
  return null;
}
