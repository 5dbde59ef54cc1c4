/**
 * A leaked frame's journey as steps a student can follow: the wires it crossed (with the tags it
 * carried there) and what forwarded it on each machine (a host's bridge, with the VLAN
 * sub-interfaces it passed, or a switch, with the VLAN it was switched in). Built from the
 * lineage's nodes and the devices' configuration at the time of the leak.
 */
import { BridgeDevice, BridgePort } from '../net/l2/bridge.js';
import { Netdev } from '../net/dev/netdev.js';
import { SwitchPort, type PhysicalSwitch } from '../net/l2/switch.js';
import type { Place } from '../trace/place.js';
import { VlanSubinterface } from '../net/dev/vlan-subinterface.js';
import type { VlanMembership } from '../net/l2/vlan-membership.js';
import type { EthernetFrame } from '../wire/ethernet.js';
import type { VlanTag } from '../wire/ieee8021q.js';
import { RX, TX, type Lineage } from './lineage.js';

/** One hop of a leak's path: a place and what the frame looked like or was switched as there. */
export interface LeakHop {
  readonly place: string;
  /** `tag 100`, `tags 100,200`, `VLAN 100`; null when there is nothing to say. */
  readonly note: string | null;
}

export type Step =
  /** The frame crossed a cable or the hypervisor hop, carrying `frame` (its tags on that wire). */
  | { readonly kind: 'wire'; readonly from: Place; readonly to: Place; readonly frame: EthernetFrame }
  /** A Linux bridge forwarded it; `vlan` is its VLAN inside a VLAN-filtering bridge, else null. */
  | {
    readonly kind: 'bridge'; readonly bridge: BridgeDevice; readonly inDev: Netdev; readonly outDev: Netdev;
    readonly inSub: VlanSubinterface | null; readonly outSub: VlanSubinterface | null; readonly vlan: number | null;
    readonly frameIn: EthernetFrame; readonly frameOut: EthernetFrame;
  }
  /** A physical switch forwarded it in `vlan`. */
  | {
    readonly kind: 'switch'; readonly sw: PhysicalSwitch; readonly inPort: SwitchPort; readonly outPort: SwitchPort;
    readonly vlan: number; readonly frameIn: EthernetFrame; readonly frameOut: EthernetFrame;
  }
  /** Something else on one machine took it from `inDev` to `outDev` (the host's IP forwarding). */
  | { readonly kind: 'machine'; readonly inDev: Place; readonly outDev: Place };

/** The steps from the sender's NIC to the node `last` of the lineage. */
export function stepsOf(lineage: Lineage, last: number): Step[] {
  const chain = lineage.chain(last);
  const steps: Step[] = [];
  for (let j = 1; j < chain.length; j++) {
    const n = chain[j]!;
    if (lineage.kinds[n] !== TX) continue;
    const prev = chain[j - 1]!;
    if (lineage.kinds[prev] === RX) steps.push(forwarding(lineage.places[prev]!, lineage.frames[prev]!, lineage.places[n]!, lineage.frames[n]!));
    const next = chain[j + 1];
    if (next !== undefined) steps.push({ kind: 'wire', from: lineage.places[n]!, to: lineage.places[next]!, frame: lineage.frames[n]! });
  }
  return steps;
}

function forwarding(inPlace: Place, frameIn: EthernetFrame, outPlace: Place, frameOut: EthernetFrame): Step {
  if (inPlace instanceof SwitchPort && outPlace instanceof SwitchPort && inPlace.sw === outPlace.sw) {
    const vlan = classify(inPlace.vlans, frameIn.tags);
    return { kind: 'switch', sw: inPlace.sw, inPort: inPlace, outPort: outPlace, vlan, frameIn, frameOut };
  }
  if (inPlace instanceof Netdev && outPlace instanceof Netdev) {
    const inSub = childFor(inPlace, frameIn.tags);
    const bridgeIn = bridgeOf(inSub ?? inPlace);
    let outSub: VlanSubinterface | null = null;
    if (outPlace.masterName === null) {
      const c = childFor(outPlace, frameOut.tags);
      if (c !== null && bridgeOf(c) === bridgeIn) outSub = c;
    }
    if (bridgeIn !== null && bridgeOf(outSub ?? outPlace) === bridgeIn) {
      const port = bridgeIn.portOf(inSub ?? inPlace);
      const tags = inSub !== null ? frameIn.tags.slice(1) : frameIn.tags;
      const vlan = bridgeIn.vlanFiltering && port !== undefined ? classify(port.vlans, tags) : null;
      return { kind: 'bridge', bridge: bridgeIn, inDev: inPlace, outDev: outPlace, inSub, outSub, vlan, frameIn, frameOut };
    }
  }
  return { kind: 'machine', inDev: inPlace, outDev: outPlace };
}

/** The VLAN sub-interface of `dev` that takes a frame with these tags, if any. */
export function childFor(dev: Netdev, tags: readonly VlanTag[]): VlanSubinterface | null {
  const children = dev.vlanChildren;
  if (children === null || tags.length === 0) return null;
  const vid = tags[0]!.vid;
  for (const c of children) if (c.vid === vid && c instanceof VlanSubinterface) return c;
  return null;
}

/** The bridge `dev` is a port of, if any. */
export function bridgeOf(dev: Netdev): BridgeDevice | null {
  return dev.rxHandler instanceof BridgePort ? dev.rxHandler.bridge : null;
}

/** The VLAN a port puts a frame with these tags in (802.1Q ingress rules), or -1 when it drops it. */
export function classify(m: VlanMembership, tags: readonly VlanTag[]): number {
  if (tags.length === 0) return m.pvid > 0 && m.isMember(m.pvid) ? m.pvid : -1;
  const vid = tags[0]!.vid;
  return vid > 0 && m.isMember(vid) ? vid : -1;
}

function tagsNote(tags: readonly VlanTag[]): string | null {
  if (tags.length === 0) return null;
  return tags.length === 1 ? `tag ${tags[0]!.vid}` : `tags ${tags.map((t) => t.vid).join(',')}`;
}

/** The path as hops: every device the frame passed, in order, each once. */
export function hopsOf(sender: Place, steps: readonly Step[]): LeakHop[] {
  const hops: LeakHop[] = [{ place: sender.name, note: null }];
  const add = (place: string, note: string | null) => {
    const last = hops[hops.length - 1]!;
    if (last.place === place) {
      if (note !== null && last.note === null) hops[hops.length - 1] = { place, note };
      return;
    }
    hops.push({ place, note });
  };
  for (const s of steps) {
    switch (s.kind) {
      case 'wire':
        // Between VLAN-aware devices an untagged frame is worth saying: its VLAN is whatever the far end makes it.
        add(s.from.name, tagsNote(s.frame.tags) ?? (s.from instanceof SwitchPort || s.to instanceof SwitchPort ? 'untagged' : null));
        add(s.to.name, null);
        break;
      case 'bridge':
        if (s.inSub) add(s.inSub.name, null);
        add(s.bridge.name, s.vlan !== null ? `VLAN ${s.vlan}` : null);
        if (s.outSub) add(s.outSub.name, null);
        break;
      case 'switch':
        add(s.sw.name, `VLAN ${s.vlan}`);
        break;
      case 'machine':
        break;
    }
  }
  return hops;
}
