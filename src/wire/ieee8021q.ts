/**
 * The VLAN tag of IEEE 802.1Q-2018 9.6: a TPID (0x8100 for a customer tag, 0x88a8 for an 802.1ad
 * service tag), then the TCI: PCP (3 bits), DEI (1 bit), VID (12 bits).
 *
 * Invariants: a frame's tags are in wire order, outermost first; a tag list is an immutable value
 * that frames share (a flood hands the same list to every port), so pushing or popping a tag
 * makes a new list and a new frame (src/net/core/tagging.ts) and never edits one in place.
 */
import { hex } from './hex.js';

export const ETHERTYPE_VLAN = 0x8100;
export const ETHERTYPE_QINQ = 0x88a8;
/** TPID and TCI. */
export const TAG_LENGTH = 4;

/** One 802.1Q tag. `tpid` is 0x8100, or 0x88a8 for an 802.1ad service tag. */
export interface VlanTag {
  readonly tpid: number;
  readonly pcp: number;
  readonly dei: number;
  readonly vid: number;
}

/** The tag list of every untagged frame. */
export const NO_TAGS: readonly VlanTag[] = Object.freeze([]);

/** True for the TPIDs that start a tag where an EtherType would be. */
export function isTpid(type: number): boolean {
  return type === ETHERTYPE_VLAN || type === ETHERTYPE_QINQ;
}

/** Writes the tag's 4 bytes at `o`. */
export function emitTag(v: DataView, o: number, t: VlanTag): void {
  v.setUint16(o, t.tpid);
  v.setUint16(o + 2, ((t.pcp & 7) << 13) | ((t.dei & 1) << 12) | (t.vid & 0xfff));
}

/** Reads the tag at `o` (its TPID already recognised by `isTpid`). */
export function parseTag(v: DataView, o: number): VlanTag {
  const tci = v.getUint16(o + 2);
  return { tpid: v.getUint16(o), pcp: tci >>> 13, dei: (tci >>> 12) & 1, vid: tci & 0xfff };
}

/** ` vlan 100`, ` svlan 200 p 3 dei` (tcpdump -e style; a leading space, for `describeFrame`). */
export function describeTag(t: VlanTag): string {
  const name = t.tpid === ETHERTYPE_VLAN ? 'vlan' : t.tpid === ETHERTYPE_QINQ ? 'svlan' : `tag ${hex(t.tpid)}`;
  return ` ${name} ${t.vid}${t.pcp !== 0 ? ` p ${t.pcp}` : ''}${t.dei !== 0 ? ' dei' : ''}`;
}
