import type { RunContext } from '../core/run-context.js';
import type { Place } from '../../trace/place.js';
import type { EthernetFrame } from '../../wire/ethernet.js';
import type { Ipv4Cidr } from '../../wire/ipv4-address.js';
import type { Mac } from '../../wire/mac.js';
import type { DeviceKind } from '../../trace/device-kind.js';

const NO_ADDRESSES: readonly Ipv4Cidr[] = Object.freeze([]);

/** What a netdev hands frames to when nothing (no bridge, no VLAN sub-interface) claims them. */
export interface FrameConsumer {
  receiveFrom(dev: Netdev, frame: EthernetFrame): void;
}

/** What claims frames arriving on an enslaved netdev: the bridge port (Linux's rx_handler). */
export interface RxHandler {
  handleRx(frame: EthernetFrame): void;
  /** The device's admin state or carrier changed (the kernel's NETDEV_UP/DOWN/CHANGE notifier). */
  linkChanged(): void;
}

/** A VLAN sub-interface registered on its parent, claiming frames tagged with its VID. */
export interface VlanChild {
  readonly vid: number;
  receiveFromParent(frame: EthernetFrame): void;
  /** The parent's link changed, and with it this device's carrier. */
  linkChanged?(): void;
}

export interface NetdevCounters {
  rxFrames: number;
  rxBytes: number;
  txFrames: number;
  txBytes: number;
  rxDropped: number;
  txDropped: number;
}

/**
 * A network device of a kernel (host or guest): eth0, tap0, br0, eth0.100. Frames come up from the
 * wire side through `receive` and go down through `transmit`. On receive, as in Linux's
 * __netif_receive_skb: a VLAN sub-interface takes frames tagged with its VID first, then the
 * rx_handler (the bridge port of an enslaved device), else the device's own IP stack.
 */
export abstract class Netdev implements Place, NetdevCounters {
  readonly id: number;
  abstract readonly kind: DeviceKind;
  up = false;
  promisc = false;
  // Rarely changed settings live on the prototype until set: no per-instance field on 20,000 idle devices.
  declare mtu: number;
  /** The bridge port this device is enslaved as, if any. */
  rxHandler: RxHandler | null = null;
  declare masterName: string | null;
  vlanChildren: VlanChild[] | null = null;
  /** The IP stack of the kernel that owns this device. */
  stack: FrameConsumer | null = null;
  /** IPv4 addresses on the device (Linux keeps them on the device too: in_device); set by the stack. */
  ipv4: readonly Ipv4Cidr[] = NO_ADDRESSES;
  // The counters are the device's own fields (no separate object per device); `counters` views them.
  rxFrames = 0;
  rxBytes = 0;
  txFrames = 0;
  txBytes = 0;
  rxDropped = 0;
  txDropped = 0;

  get counters(): NetdevCounters {
    return this;
  }

  constructor(
    protected readonly net: RunContext,
    /** The owning node's name: `host1`, `vm3`. */
    readonly owner: string,
    readonly ifname: string,
    public mac: Mac,
    readonly ifindex: number,
  ) {
    this.id = net.nextPlaceId();
  }

  private cachedName: string | null = null;

  /** `host1/tap0`: built on first use, so 10,000 idle VMs do not hold 20,000 names. */
  get name(): string {
    return (this.cachedName ??= `${this.owner}/${this.ifname}`);
  }

  /** Carrier: a cable or a peer is attached (LOWER_UP). */
  abstract get carrier(): boolean;

  /**
   * The frames its egress queue holds (Linux's txqueuelen, the limit of its pfifo_fast qdisc):
   * 1000, the kernel's default, unless the device queues in the model (a NIC's cable, a TAP's hop).
   */
  get txQueueLen(): number {
    return 1000;
  }

  /**
   * The speed the device reports in bit/s (what `ethtool` shows, and what a bridge reads for a
   * port's default path cost); null when it has none (a bridge, a device without a cable).
   */
  get speed(): number | null {
    return null;
  }

  /** Sends a frame toward the wire (called by the stack, a bridge or a VLAN sub-interface). */
  transmit(frame: EthernetFrame): void {
    if (!this.up) {
      this.txDropped++;
      this.net.drop(this, frame, 'interface-down');
      return;
    }
    this.txFrames++;
    this.txBytes += frame.length;
    this.output(frame);
  }

  /** The device-specific part of transmit: onto the cable, into the hypervisor hop, to the parent. */
  protected abstract output(frame: EthernetFrame): void;

  /** A frame arrives from the wire side. */
  receive(frame: EthernetFrame): void {
    if (!this.up) {
      this.rxDropped++;
      this.net.drop(this, frame, 'interface-down');
      return;
    }
    this.rxFrames++;
    this.rxBytes += frame.length;
    if (this.toVlanChild(frame)) return;
    if (this.rxHandler !== null) {
      this.rxHandler.handleRx(frame);
      return;
    }
    this.deliverUp(frame);
  }

  /** Hands a tagged frame to the VLAN device for its VID (eth0.100), if there is one. */
  protected toVlanChild(frame: EthernetFrame): boolean {
    const children = this.vlanChildren;
    if (children === null || frame.tags.length === 0) return false;
    const vid = frame.tags[0]!.vid;
    for (let i = 0; i < children.length; i++) {
      if (children[i]!.vid === vid) {
        children[i]!.receiveFromParent(frame);
        return true;
      }
    }
    return false;
  }

  /** Hands a frame to this device's own IP stack. */
  deliverUp(frame: EthernetFrame): void {
    if (this.stack === null) this.net.drop(this, frame, 'no-handler');
    else this.stack.receiveFrom(this, frame);
  }

  /**
   * Admin state or carrier changed (`ip link set DEV up|down`, a cable plugged or pulled, a VM
   * attached to a TAP): tells whoever depends on it, as the kernel's netdev notifier does: the
   * bridge port it is enslaved as (spanning tree port state) and the VLAN sub-interfaces on it.
   */
  linkChanged(): void {
    if (this.rxHandler !== null) this.rxHandler.linkChanged();
    const children = this.vlanChildren;
    if (children !== null) for (const c of children) c.linkChanged?.();
  }
}

Netdev.prototype.mtu = 1500;
Netdev.prototype.masterName = null;
