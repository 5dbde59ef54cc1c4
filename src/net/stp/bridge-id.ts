/**
 * Bridge identifiers (IEEE 802.1D-1998 9.2.5): a 16-bit priority, then the bridge's MAC address.
 * They compare as the 8-byte big-endian number they are on the wire (the kernel's memcmp), so a
 * lower priority wins and the MAC breaks ties. Priority and MAC are compared separately because
 * the 64-bit value does not fit a double exactly.
 */
import { formatBridgeId, type BridgeId } from '../../wire/bpdu.js';
import type { Mac } from '../../wire/mac.js';

export type { BridgeId } from '../../wire/bpdu.js';

export function bridgeId(priority: number, mac: Mac): BridgeId {
  return { priority, mac };
}

/** Negative when `a` is the better (lower) identifier, 0 when equal. */
export function compareBridgeId(a: BridgeId, b: BridgeId): number {
  return a.priority !== b.priority ? a.priority - b.priority : a.mac - b.mac;
}

export function sameBridgeId(a: BridgeId, b: BridgeId): boolean {
  return a.priority === b.priority && a.mac === b.mac;
}

/** As Linux prints it: `8000.52:54:00:12:34:56` (priority in hex, a dot, the MAC). */
export function bridgeIdText(id: BridgeId): string {
  return formatBridgeId(id.priority, id.mac);
}
