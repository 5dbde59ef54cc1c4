/**
 * A virtual machine: its guest stack and vNIC, the hypervisor hop to its TAP on the host, and
 * what a live migration changes (host, TAP, hop).
 */
import type { RunContext } from '../net/core/run-context.js';
import type { TapDevice } from '../net/dev/tap.js';
import { VirtualNic } from '../net/dev/virtual-nic.js';
import { HypervisorHop, type HypervisorParams } from '../net/link/hypervisor-hop.js';
import type { Pipe } from '../net/link/pipe.js';
import type { Place } from '../trace/place.js';
import { IpStack } from '../stack/ip-stack.js';
import type { Ipv4Address, Ipv4Cidr } from '../wire/ipv4-address.js';
import type { Mac } from '../wire/mac.js';
import { selfAnnounce } from '../wire/rarp.js';
import { BROADCAST_MAC } from '../wire/mac.js';
import { makeFrame } from '../wire/ethernet.js';
import { NO_TAGS } from '../wire/ieee8021q.js';
import type { Host } from './host.js';
import { announceGap, QEMU_ANNOUNCE } from './self-announce.js';

interface VmConfig {
  readonly name: string;
  readonly tenant: string;
  readonly mac: Mac;
  readonly ip: Ipv4Cidr;
  readonly gateway: Ipv4Address | null;
  readonly promiscuous: boolean;
}

/**
 * A virtual machine: a qemu-kvm process on a host. Its guest runs its own IP stack on a virtual
 * NIC (`eth0`); the hypervisor hop joins that NIC to a TAP on the host, one pipe each way, each
 * with the qemu process's per-frame latency and cost.
 */
export class Vm implements Place {
  readonly id: number;
  readonly name: string;
  readonly tenant: string;
  readonly stack: IpStack;
  readonly nic: VirtualNic;
  /** The qemu process's path between the guest's NIC and its TAP; a migration makes a new one. */
  hop: HypervisorHop;
  /** Where the VM runs now; a live migration moves it. */
  host: Host;
  tap: TapDevice;
  private readonly hopParams: HypervisorParams;

  constructor(private readonly net: RunContext, host: Host, tap: TapDevice, config: VmConfig, hop: HypervisorParams) {
    this.host = host;
    this.tap = tap;
    this.id = net.nextPlaceId();
    this.name = config.name;
    this.tenant = config.tenant;
    this.stack = new IpStack(net, this);
    this.nic = new VirtualNic(net, config.name, 'eth0', config.mac, 2);
    this.nic.up = true;
    this.nic.promisc = config.promiscuous;
    this.stack.attach(this.nic);
    this.stack.addAddress(this.nic, config.ip);
    if (config.gateway !== null) {
      this.stack.addRoute({ dest: 0, prefixLength: 0, via: config.gateway, dev: this.nic, proto: 'static', src: null });
    }
    this.hopParams = hop;
    this.hop = new HypervisorHop(net, this.nic, tap, hop);
  }

  /** The hop's pipe from the guest to the host. */
  get toHost(): Pipe {
    return this.hop.toHost;
  }

  /** The hop's pipe from the host to the guest. */
  get toGuest(): Pipe {
    return this.hop.toGuest;
  }

  /**
   * Live migration (`virsh migrate --live`): the VM pauses on its host for `downtime`, then runs on
   * `host` behind `tap`. While paused, qemu on the source keeps its TAP open: the TAP stays up
   * (carrier on, no link change) and frames sent into it are dropped there (`vm-paused`); the
   * guest sends nothing. At resume the source qemu exits (its TAP loses carrier), and the
   * destination's qemu announces the guest (self-announce.ts): a gratuitous RARP in each of its
   * rounds. The guest also sends one gratuitous ARP at resume, as a Linux guest does on virtio-net
   * when qemu asks it to announce itself (VIRTIO_NET_F_GUEST_ANNOUNCE).
   */
  migrate(host: Host, tap: TapDevice, downtime: number): void {
    const old = this.tap;
    const net = this.net;
    if (net.trace.on) net.trace.emit({ kind: 'migrate', t: net.now, at: this, event: 'stopped', from: old, to: tap });
    if (this.announceTimer !== -1) net.engine.cancel(this.announceTimer);
    this.announceTimer = -1;
    old.guestPaused = true;
    this.nic.toHost = null;
    this.pendingHost = host;
    this.pendingTap = tap;
    net.engine.after(downtime, onResume, this);
  }

  private pendingHost: Host | null = null;
  private pendingTap: TapDevice | null = null;
  /** The pending announce round's event (-1: none); a new migration cancels it. */
  private announceTimer = -1;
  /** Announce rounds sent since the last resume. */
  private announced = 0;

  /** The stop-and-copy is over: the VM runs on its new host. */
  resume(): void {
    const host = this.pendingHost!, tap = this.pendingTap!;
    this.pendingHost = this.pendingTap = null;
    const net = this.net;
    if (net.trace.on) net.trace.emit({ kind: 'migrate', t: net.now, at: this, event: 'resumed', from: this.tap, to: tap });
    this.tap.guestPaused = false;
    this.hop.detach();
    this.host = host;
    this.tap = tap;
    this.hop = new HypervisorHop(net, this.nic, tap, this.hopParams);
    this.announced = 0;
    this.announce();
    this.stack.sendArpRequest(this.nic, this.address);
  }

  /** One round of qemu's self-announce: a RARP about the NIC's MAC, written into the TAP. */
  announce(): void {
    const net = this.net;
    this.announceTimer = -1;
    const uid = net.nextUid();
    const frame = makeFrame(uid, uid, BROADCAST_MAC, this.nic.mac, NO_TAGS, selfAnnounce(this.nic.mac));
    net.originate(this, frame);
    this.hop.toHost.send(frame);
    this.announced++;
    if (this.announced < QEMU_ANNOUNCE.rounds) {
      this.announceTimer = net.engine.cancellableAt(net.now + announceGap(QEMU_ANNOUNCE, this.announced), onAnnounce, this);
    }
  }

  get address(): Ipv4Address {
    return this.stack.firstAddress(this.nic)!;
  }
}

/** A VM's TAP gets the VM's MAC with the first octet 0xfe, as libvirt does, so it never wins a bridge's MAC. */
export function tapMacFor(vmMac: Mac): Mac {
  return 0xfe * 2 ** 40 + (vmMac % 2 ** 40);
}

function onResume(vm: Vm): void {
  vm.resume();
}

function onAnnounce(vm: Vm): void {
  vm.announce();
}
