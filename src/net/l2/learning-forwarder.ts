import type { EthernetFrame } from '../../wire/ethernet.js';
import { hasGroupDestination, hasGroupSource, type Mac } from '../../wire/mac.js';
import { Fdb, type FdbEntry } from './fdb.js';
import type { RunContext } from '../core/run-context.js';
import type { DropReason } from '../../trace/drop-reason.js';
import type { Place } from '../../trace/place.js';

/** A port of a learning bridge or switch, as the forwarding core sees it. */
export interface ForwardingPort extends Place {
  /** STP and link state allow sending data frames out of this port. */
  canForward(): boolean;
  /** Why canForward() is false: the drop reason a frame sent out of this port gets. */
  blockedReason(): DropReason;
  /** The port carries VLAN `vid` (always true on a VLAN-unaware bridge, where vid is 0). */
  carries(vid: number): boolean;
  /** Sends `frame` of VLAN `vid` out, applying the port's egress tagging. */
  egress(frame: EthernetFrame, vid: number): void;
}

/** Where frames for the device itself go: the host side of a Linux bridge. */
export interface LocalPort {
  /** Group frames of VLAN `vid` are for the device too. */
  carries(vid: number): boolean;
  /** A frame of VLAN `vid` for the device (to its MAC, or a copy of a flood). */
  deliver(frame: EthernetFrame, vid: number): void;
}

/**
 * The IEEE 802.1D learning-and-forwarding process shared by the Linux bridge and the physical
 * switch (ns-3's bridge-net-device in one place): learn the source on receive, forward known
 * unicast to its port, flood group and unknown-unicast frames to every other port of the VLAN,
 * never back out of the port a frame came in on.
 *
 * Flood order is the order ports were added (enslave order, or port number on a switch).
 */
export class LearningForwarder<P extends ForwardingPort> {
  readonly fdb: Fdb<P>;
  readonly ports: P[] = [];
  /** The device's own port (a Linux bridge's host side); null for a plain switch. */
  local: LocalPort | null = null;
  /**
   * MACs that belong to the device itself (a bridge's MAC): delivered locally. A short list
   * scanned by value: a Set of 48-bit numbers would box the key on every lookup.
   */
  readonly localMacs: Mac[] = [];
  private readonly onAged: (e: FdbEntry<P>) => void;
  /** The configured ageing time; the FDB uses a shorter one during an STP topology change. */
  private ageing: number;
  private shortAgeing: number | null = null;

  constructor(
    private readonly net: RunContext,
    readonly place: Place,
    ageingNs: number,
    capacity = Infinity,
  ) {
    this.ageing = ageingNs;
    this.fdb = new Fdb<P>(ageingNs, capacity);
    this.onAged = (e) => {
      if (net.trace.on) net.trace.emit({ kind: 'age-out', t: net.now, at: place, mac: e.mac, vid: e.vid, port: e.port });
    };
  }

  /** The configured ageing time (`brctl setageing`, a switch's `ageing`), whatever STP is doing. */
  get ageingNs(): number {
    return this.ageing;
  }

  setAgeing(ns: number): void {
    this.ageing = ns;
    if (this.shortAgeing === null) this.fdb.ageingNs = ns;
  }

  /**
   * During an STP topology change stations may have moved, so entries age out after `ns` (the
   * forward delay, IEEE 802.1D-1998 8.3.5); null restores the configured time, first removing
   * what the short time already expired.
   */
  useShortAgeing(ns: number | null): void {
    if (ns === null && this.shortAgeing !== null) this.fdb.expire(this.net.now, this.onAged);
    this.shortAgeing = ns;
    this.fdb.ageingNs = ns ?? this.ageing;
  }

  /** Learns the source of a frame that entered through `ingress` in VLAN `vid`. */
  learn(frame: EthernetFrame, ingress: P, vid: number): void {
    const src = frame.src;
    if (hasGroupSource(frame)) return;
    const net = this.net;
    const q = this.fdb.query;
    q[0] = src;
    q[1] = net.now;
    const outcome = this.fdb.learnQuery(vid, ingress, this.onAged);
    if (!net.trace.on) return;
    if (outcome === 'new' || outcome === 'moved') {
      net.emitLearn(this.place, frame, vid, ingress, outcome === 'moved');
    } else if (outcome === 'full') {
      net.trace.emit({ kind: 'table-full', t: net.now, at: this.place, mac: src, vid });
    }
  }

  /** Forwards a frame of VLAN `vid` that entered through `ingress` (null: sent by the device itself). */
  forward(frame: EthernetFrame, ingress: P | null, vid: number): void {
    const dst = frame.dst;
    if (hasGroupDestination(frame)) {
      const local = this.local;
      this.flood(frame, ingress, vid, ingress !== null && local !== null && local.carries(vid));
      return;
    }
    if (ingress !== null && this.local !== null && this.isForDevice(frame)) {
      this.local.deliver(frame, vid);
      return;
    }
    const q = this.fdb.query;
    q[0] = dst;
    q[1] = this.net.now;
    const entry = this.fdb.lookupQuery(vid, this.onAged);
    if (entry === null) {
      this.flood(frame, ingress, vid, false);
      return;
    }
    const port = entry.port;
    if (port === ingress) {
      this.net.drop(this.place, frame, 'same-port');
    } else if (!port.carries(vid)) {
      this.net.drop(port, frame, 'vlan-filtered');
    } else if (!port.canForward()) {
      this.net.drop(port, frame, port.blockedReason());
    } else {
      port.egress(frame, vid);
    }
  }

  /** The frame is to one of the device's own MACs (the frame is passed: a MAC argument may be boxed). */
  private isForDevice(frame: EthernetFrame): boolean {
    const macs = this.localMacs, dst = frame.dst;
    for (let i = 0; i < macs.length; i++) if (macs[i] === dst) return true;
    return false;
  }

  private flood(frame: EthernetFrame, ingress: P | null, vid: number, local: boolean): void {
    const ports = this.ports;
    let outputs = local ? 1 : 0;
    for (let i = 0; i < ports.length; i++) {
      const p = ports[i]!;
      if (p !== ingress && p.canForward() && p.carries(vid)) outputs++;
    }
    const net = this.net;
    if (outputs === 0) {
      net.drop(this.place, frame, 'no-egress');
      return;
    }
    net.fanOut(outputs);
    if (net.trace.on) net.emitFlood(this.place, frame, outputs);
    for (let i = 0; i < ports.length; i++) {
      const p = ports[i]!;
      if (p !== ingress && p.canForward() && p.carries(vid)) p.egress(frame, vid);
    }
    if (local) this.local!.deliver(frame, vid);
  }
}
