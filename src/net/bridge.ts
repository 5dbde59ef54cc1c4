import type { EthernetFrame } from '../wire/frame.js';
import { SECOND } from '../engine/time.js';
import { LearningForwarder, type ForwardingPort } from './learning-forwarder.js';
import { Netdev, type RxHandler } from './netdev.js';
import type { Network } from './network.js';
import { tagForEgress } from './tagging.js';
import { VlanMembership } from './vlan-membership.js';

export type PortState = 'disabled' | 'blocking' | 'listening' | 'learning' | 'forwarding';

export const DEFAULT_AGEING_NS = 300 * SECOND;

/** A netdev enslaved to a Linux bridge (`brctl addif br0 tap0`); it is the netdev's rx_handler. */
export class BridgePort implements ForwardingPort, RxHandler {
  readonly id: number;
  readonly name: string;
  /** STP state; forwarding at once while STP is off (Linux's behaviour). */
  stpState: PortState = 'forwarding';
  /** The port's VLANs when the bridge filters VLANs (default: PVID 1, untagged, as Linux does). */
  readonly vlans = new VlanMembership(1);

  constructor(
    readonly bridge: BridgeDevice,
    readonly dev: Netdev,
    readonly portNo: number,
  ) {
    this.id = dev.id;
    this.name = dev.name;
    this.vlans.add(1, true);
  }

  /** Linux disables a port whose bridge or device is down or has no carrier. */
  canForward(): boolean {
    return this.stpState === 'forwarding' && this.bridge.up && this.dev.up && this.dev.carrier;
  }

  carries(vid: number): boolean {
    return !this.bridge.vlanFiltering || this.vlans.isMember(vid);
  }

  egress(frame: EthernetFrame, vid: number): void {
    const out = this.bridge.vlanFiltering ? tagForEgress(this.bridge.network, frame, vid, this.vlans.egressUntagged(vid)) : frame;
    this.dev.transmit(out);
  }

  handleRx(frame: EthernetFrame): void {
    this.bridge.input(this, frame);
  }
}

/**
 * A Linux bridge (`br0`): a learning switch in the kernel whose ports are enslaved netdevs, and at
 * the same time a netdev of the host, which can hold an IP address. Frames the host sends through
 * br0 enter the forwarding process as if from a local port.
 */
export class BridgeDevice extends Netdev {
  readonly kind = 'bridge' as const;
  readonly forwarder: LearningForwarder<BridgePort>;
  vlanFiltering = false;
  stp = false;
  private nextPortNo = 1;

  constructor(net: Network, owner: string, ifname: string, mac: number, ifindex: number) {
    super(net, owner, ifname, mac, ifindex);
    this.forwarder = new LearningForwarder<BridgePort>(net, this, DEFAULT_AGEING_NS);
    this.forwarder.localDelivery = (frame) => this.deliverUp(frame);
    this.forwarder.localMacs.add(mac);
  }

  get network(): Network {
    return this.net;
  }

  get ports(): readonly BridgePort[] {
    return this.forwarder.ports;
  }

  /** A bridge has carrier while any port has (Linux's bridge carrier rule). */
  get carrier(): boolean {
    return this.forwarder.ports.some((p) => p.dev.up && p.dev.carrier);
  }

  setMac(mac: number): void {
    this.forwarder.localMacs.delete(this.mac);
    this.mac = mac;
    this.forwarder.localMacs.add(mac);
  }

  enslave(dev: Netdev): BridgePort {
    const port = new BridgePort(this, dev, this.nextPortNo++);
    this.forwarder.ports.push(port);
    dev.rxHandler = port;
    dev.masterName = this.ifname;
    dev.promisc = true;
    // Linux adds a permanent local FDB entry for each port's own MAC.
    this.forwarder.fdb.addLocal(0, dev.mac, port);
    return port;
  }

  release(dev: Netdev): boolean {
    const ports = this.forwarder.ports;
    const i = ports.findIndex((p) => p.dev === dev);
    if (i < 0) return false;
    const port = ports[i]!;
    ports.splice(i, 1);
    this.forwarder.fdb.flushPort(port);
    dev.rxHandler = null;
    dev.masterName = null;
    dev.promisc = false;
    return true;
  }

  portOf(dev: Netdev): BridgePort | undefined {
    return this.forwarder.ports.find((p) => p.dev === dev);
  }

  /** A frame arrived on one of the ports. */
  input(port: BridgePort, frame: EthernetFrame): void {
    const net = this.net;
    if (!this.up) {
      net.drop(port, frame, 'bridge-down');
      return;
    }
    if (port.stpState === 'disabled' || port.stpState === 'blocking' || port.stpState === 'listening') {
      net.drop(port, frame, 'stp-blocking');
      return;
    }
    let vid = 0;
    if (this.vlanFiltering) {
      vid = port.vlans.classify(frame);
      if (vid < 0) {
        net.drop(port, frame, 'vlan-filtered');
        return;
      }
    }
    this.forwarder.learn(frame, port, vid);
    if (port.stpState === 'learning') {
      net.drop(port, frame, 'stp-blocking');
      return;
    }
    this.forwarder.forward(frame, port, vid);
  }

  /** The host sends through br0 (its IP stack's route points at br0). */
  protected output(frame: EthernetFrame): void {
    // Frames from the bridge device itself belong to its PVID (1) when it filters VLANs.
    this.forwarder.forward(frame, null, this.vlanFiltering ? 1 : 0);
  }
}
