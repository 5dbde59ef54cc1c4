import { ETHERTYPE_VLAN, makeFrame, type EthernetFrame, type VlanTag } from '../wire/frame.js';
import type { Network } from './network.js';

/** Pushes an 802.1Q tag (new outermost). The new frame keeps the original's origin. */
export function pushTag(net: Network, frame: EthernetFrame, vid: number, pcp = 0): EthernetFrame {
  const tag: VlanTag = { tpid: ETHERTYPE_VLAN, pcp, dei: 0, vid };
  return makeFrame(net.nextUid(), frame.origin, frame.dst, frame.src, [tag, ...frame.tags], frame.payload);
}

/** Pops the outermost tag. */
export function popTag(net: Network, frame: EthernetFrame): EthernetFrame {
  return makeFrame(net.nextUid(), frame.origin, frame.dst, frame.src, frame.tags.slice(1), frame.payload);
}

/**
 * The frame as it must leave a port for VLAN `vid`: tagged with `vid`, or untagged. A frame inside
 * a VLAN-aware bridge or switch keeps the tags it arrived with; its VLAN is carried beside it.
 */
export function tagForEgress(net: Network, frame: EthernetFrame, vid: number, untagged: boolean): EthernetFrame {
  const tagged = frame.tags.length > 0;
  if (untagged) return tagged ? popTag(net, frame) : frame;
  return tagged ? frame : pushTag(net, frame, vid);
}
