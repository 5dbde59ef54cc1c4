import type { RunContext } from './run-context.js';
import { makeFrame, type EthernetFrame } from '../../wire/ethernet.js';
import { ETHERTYPE_VLAN, NO_TAGS, type VlanTag } from '../../wire/ieee8021q.js';

/** The one-tag lists of untagged frames getting a tag, shared (tags are immutable values). */
const SINGLE = new Map<number, readonly VlanTag[]>();

function singleTag(vid: number): readonly VlanTag[] {
  let tags = SINGLE.get(vid);
  if (tags === undefined) {
    tags = Object.freeze([Object.freeze({ tpid: ETHERTYPE_VLAN, pcp: 0, dei: 0, vid })]);
    SINGLE.set(vid, tags);
  }
  return tags;
}

/** Pushes an 802.1Q tag (new outermost). The new frame keeps the original's origin. */
export function pushTag(net: RunContext, frame: EthernetFrame, vid: number, pcp = 0): EthernetFrame {
  const tags = frame.tags.length === 0 && pcp === 0
    ? singleTag(vid)
    : [{ tpid: ETHERTYPE_VLAN, pcp, dei: 0, vid }, ...frame.tags];
  return makeFrame(net.nextUid(), frame.origin, frame.dst, frame.src, tags, frame.payload);
}

/** Pops the outermost tag. */
export function popTag(net: RunContext, frame: EthernetFrame): EthernetFrame {
  const tags = frame.tags.length === 1 ? NO_TAGS : frame.tags.slice(1);
  return makeFrame(net.nextUid(), frame.origin, frame.dst, frame.src, tags, frame.payload);
}

/**
 * The frame as it must leave a port for VLAN `vid`: tagged with `vid`, or untagged. A frame inside
 * a VLAN-aware bridge or switch keeps the tags it arrived with; its VLAN is carried beside it.
 */
export function tagForEgress(net: RunContext, frame: EthernetFrame, vid: number, untagged: boolean): EthernetFrame {
  const tagged = frame.tags.length > 0;
  if (untagged) return tagged ? popTag(net, frame) : frame;
  return tagged ? frame : pushTag(net, frame, vid);
}
