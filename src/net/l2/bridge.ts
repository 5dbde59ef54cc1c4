import { SECOND } from '../../engine/time.js';
import type { RunContext } from '../core/run-context.js';
import { tagForEgress } from '../core/tagging.js';
import { Netdev, type RxHandler } from '../dev/netdev.js';
import type { PortState } from '../../trace/port-state.js';
import { StpBridge, type StpOwner } from '../stp/stp-bridge.js';
import type { StpPort } from '../stp/stp-port.js';
import type { DropReason } from '../../trace/drop-reason.js';
import { ingress, type IngressPort } from './ingress.js';
import { LearningForwarder, type LocalPort } from './learning-forwarder.js';
import type { EthernetFrame } from '../../wire/ethernet.js';
import type { Mac } from '../../wire/mac.js';
import { VlanMembership } from './vlan-membership.js';

export type { PortState } from '../../trace/port-state.js';
export const DEFAULT_AGEING_NS = 300 * SECOND;

/** A netdev enslaved to a Linux bridge (`brctl addif br0 tap0`); it is the netdev's rx_handler. */
export class BridgePort implements IngressPort, RxHandler {
  readonly id: number;
  /** STP state; forwarding at once while STP is off (Linux's behaviour); the bridge's spanning tree sets it. */
  stpState: PortState = 'forwarding';
  stpPort: StpPort<BridgePort> | null = null;
  private ownVlans: VlanMembership | null = null;

  constructor(
    readonly bridge: BridgeDevice,
    readonly dev: Netdev,
    readonly portNo: number,
  ) {
    this.id = dev.id;
  }

  /** The port is named after its device (`host1/tap0`). */
  get name(): string {
    return this.dev.name;
  }

  /**
   * The port's VLANs when the bridge filters VLANs (default: PVID 1, untagged, as Linux does).
   * Made on first use: a bridge that does not filter VLANs never asks.
   */
  get vlans(): VlanMembership {
    return (this.ownVlans ??= VlanMembership.access(1));
  }

  /** Linux disables a port whose bridge or device is down or has no carrier. */
  canForward(): boolean {
    return this.stpState === 'forwarding' && this.bridge.up && this.dev.up && this.dev.carrier;
  }

  blockedReason(): DropReason {
    if (!this.bridge.up) return 'bridge-down';
    if (!this.dev.up) return 'interface-down';
    if (!this.dev.carrier) return 'no-carrier';
    return 'stp-blocking';
  }

  classify(frame: EthernetFrame): number {
    return this.bridge.vlanFiltering ? this.vlans.classify(frame) : 0;
  }

  carries(vid: number): boolean {
    return !this.bridge.vlanFiltering || this.vlans.isMember(vid);
  }

  egress(frame: EthernetFrame, vid: number): void {
    const out = this.bridge.vlanFiltering ? tagForEgress(this.bridge.context, frame, vid, this.vlans.egressUntagged(vid)) : frame;
    this.dev.transmit(out);
  }

  handleRx(frame: EthernetFrame): void {
    this.bridge.input(this, frame);
  }

  linkChanged(): void {
    this.bridge.stp.linkChanged(this);
  }

  stpLinkUp(): boolean {
    return this.dev.up && this.dev.carrier;
  }

  stpLinkSpeed(): number | null {
    return this.dev.speed;
  }

  stpMac(): Mac {
    return this.dev.mac;
  }

  /** Linux sends BPDUs straight out of the port's device (br_send_bpdu -> dev_queue_xmit). */
  sendBpdu(frame: EthernetFrame): void {
    this.dev.transmit(frame);
  }
}

/**
 * A Linux bridge (`br0`): a learning switch in the kernel whose ports are enslaved netdevs, and at
 * the same time a netdev of the host, which can hold an IP address. Frames the host sends through
 * br0 enter the forwarding process as if from a local port.
 */
export class BridgeDevice extends Netdev implements StpOwner<BridgePort>, LocalPort {
  readonly kind = 'bridge' as const;
  readonly forwarder: LearningForwarder<BridgePort>;
  /** The bridge's spanning tree entity; it runs after `brctl stp br0 on` (`stp.running`). */
  readonly stp: StpBridge<BridgePort>;
  vlanFiltering = false;
  private nextPortNo = 1;
  private ownVlans: VlanMembership | null = null;

  constructor(net: RunContext, owner: string, ifname: string, mac: number, ifindex: number) {
    super(net, owner, ifname, mac, ifindex);
    this.forwarder = new LearningForwarder<BridgePort>(net, this, DEFAULT_AGEING_NS);
    this.forwarder.local = this;
    this.forwarder.localMacs.push(mac);
    this.stp = new StpBridge<BridgePort>(net, this, mac);
  }

  get context(): RunContext {
    return this.net;
  }

  /**
   * The VLANs of the bridge device itself, the host's own port on the bridge (`bridge vlan add dev
   * br0 vid N [pvid] [untagged] self`); Linux's default is PVID 1, untagged. They decide, when the
   * bridge filters VLANs, which VLAN the host's own frames join and which frames reach the host.
   */
  get selfVlans(): VlanMembership {
    return (this.ownVlans ??= VlanMembership.access(1));
  }

  get ports(): readonly BridgePort[] {
    return this.forwarder.ports;
  }

  /** A bridge has carrier while any port forwards (Linux's bridge carrier rule; without STP, any port with carrier). */
  get carrier(): boolean {
    return this.forwarder.ports.some((p) => p.dev.up && p.dev.carrier && p.stpState === 'forwarding');
  }

  setMac(mac: number): void {
    const macs = this.forwarder.localMacs;
    macs[macs.indexOf(this.mac)] = mac;
    this.mac = mac;
    this.stp.setMac(mac);
  }

  /** `brctl stp br0 on|off`. */
  setStp(on: boolean): void {
    if (on) this.stp.start();
    else this.stp.stop();
  }

  /** The bridge went up or down: its ports are enabled or disabled with it. */
  override linkChanged(): void {
    super.linkChanged();
    this.stp.deviceChanged();
  }

  stpDeviceUp(): boolean {
    return this.up;
  }

  forgetPort(port: BridgePort): void {
    this.forwarder.fdb.flushPort(port);
  }

  useShortAgeing(ns: number | null): void {
    this.forwarder.useShortAgeing(ns);
  }

  enslave(dev: Netdev): BridgePort {
    const port = new BridgePort(this, dev, this.nextPortNo++);
    this.forwarder.ports.push(port);
    dev.rxHandler = port;
    dev.masterName = this.ifname;
    dev.promisc = true;
    // Linux adds a permanent local FDB entry for each port's own MAC.
    this.forwarder.fdb.addLocal(0, dev.mac, port);
    this.stp.addPort(port);
    return port;
  }

  release(dev: Netdev): boolean {
    const ports = this.forwarder.ports;
    const i = ports.findIndex((p) => p.dev === dev);
    if (i < 0) return false;
    const port = ports[i]!;
    this.stp.removePort(port);
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

  /** A frame arrived on one of the ports: a bridge that is down disables them all. */
  input(port: BridgePort, frame: EthernetFrame): void {
    if (!this.up) {
      this.net.drop(port, frame, 'bridge-down');
      return;
    }
    ingress(this.net, this, port, frame);
  }

  /** The host sends through br0 (its IP stack's route, or a VLAN device like br0.100 on it). */
  protected output(frame: EthernetFrame): void {
    if (!this.vlanFiltering) {
      this.forwarder.forward(frame, null, 0);
      return;
    }
    // The host's frames enter through the bridge's own port: untagged ones join its PVID, tagged
    // ones (from br0.100) their VID, if the bridge itself is a member of it.
    const vid = this.selfVlans.classify(frame);
    if (vid < 0) {
      this.net.drop(this, frame, 'vlan-filtered');
      return;
    }
    this.forwarder.forward(frame, null, vid);
  }

  /** Flooded frames reach the host only in the bridge's own VLANs (Linux's br_allowed_egress). */
  carries(vid: number): boolean {
    return !this.vlanFiltering || this.selfVlans.isMember(vid);
  }

  /**
   * A frame for the host (to br0's MAC, or flooded): with VLAN filtering it reaches the host only
   * in a VLAN the bridge itself is a member of, tagged or not as its egress policy says, and a
   * tagged one goes to the VLAN device for its VID (br0.100), as any netdev's receive does.
   */
  deliver(frame: EthernetFrame, vid: number): void {
    let out = frame;
    if (this.vlanFiltering) {
      const own = this.selfVlans;
      if (!own.isMember(vid)) {
        this.net.drop(this, frame, 'vlan-filtered');
        return;
      }
      out = tagForEgress(this.net, frame, vid, own.egressUntagged(vid));
    }
    if (!this.toVlanChild(out)) this.deliverUp(out);
  }
}
