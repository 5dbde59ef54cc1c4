import type { Network } from '../net/network.js';
import { Pipe, type PipeParams } from '../net/pipe.js';
import { VirtualNic, type TapDevice } from '../net/tap.js';
import type { Place } from '../trace/place.js';
import { IpStack } from '../stack/ip-stack.js';
import type { Ipv4Address, Ipv4Cidr } from '../wire/ipv4-address.js';
import type { Mac } from '../wire/mac.js';
import type { Host } from './host.js';

export interface HypervisorParams {
  /** Fixed latency of the hop (qemu waking up, copying through /dev/net/tun), ns. */
  readonly latency: number;
  /** Per-frame service time of the qemu process, ns: it caps the VM's frame rate. */
  readonly perFrameCost: number;
  /** Frames that may wait in each direction (the TAP's txqueuelen / the virtio ring). */
  readonly queue: number;
}

export interface VmConfig {
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
  toHost: Pipe;
  toGuest: Pipe;
  /** Where the VM runs now; a live migration moves it. */
  host: Host;
  tap: TapDevice;
  private readonly hopParams: PipeParams;

  constructor(private readonly net: Network, host: Host, tap: TapDevice, config: VmConfig, hop: HypervisorParams) {
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
    const params = (this.hopParams = hopPipeParams(hop));
    this.toHost = new Pipe(net, this.nic, tap, params);
    this.toGuest = new Pipe(net, tap, this.nic, params);
    this.nic.toHost = this.toHost;
    tap.toGuest = this.toGuest;
    tap.linkChanged(); // the TAP has a peer now: carrier on
  }

  /**
   * Live migration (`virsh migrate --live`): the VM stops on its host (its TAP loses its peer, so
   * frames for it are dropped there and its own frames go nowhere), and `downtime` later resumes on
   * `host` behind `tap`, where qemu announces it with a gratuitous ARP so that the bridges and
   * switches learn where its MAC now is.
   */
  migrate(host: Host, tap: TapDevice, downtime: number): void {
    const old = this.tap;
    const net = this.net;
    if (net.trace.on) net.trace.emit({ kind: 'migrate', t: net.now, at: this, event: 'stopped', from: old, to: tap });
    old.toGuest = null;
    old.linkChanged();
    this.nic.toHost = null;
    this.pendingHost = host;
    this.pendingTap = tap;
    this.net.engine.after(downtime, onResume, this);
  }

  private pendingHost: Host | null = null;
  private pendingTap: TapDevice | null = null;

  /** The stop-and-copy is over: the VM runs on its new host. */
  resume(): void {
    const host = this.pendingHost!, tap = this.pendingTap!;
    this.pendingHost = this.pendingTap = null;
    const net = this.net;
    if (net.trace.on) net.trace.emit({ kind: 'migrate', t: net.now, at: this, event: 'resumed', from: this.tap, to: tap });
    this.host = host;
    this.tap = tap;
    this.toHost = new Pipe(this.net, this.nic, tap, this.hopParams);
    this.toGuest = new Pipe(this.net, tap, this.nic, this.hopParams);
    this.nic.toHost = this.toHost;
    tap.toGuest = this.toGuest;
    tap.linkChanged();
    // qemu's announce after migration: who-has my address, tell my address, from my MAC.
    this.stack.sendArpRequest(this.nic, this.address);
  }

  get address(): Ipv4Address {
    return this.stack.firstAddress(this.nic)!;
  }
}

/** One PipeParams per hypervisor setting, shared by every VM that uses it (both directions). */
const sharedHopParams = new WeakMap<HypervisorParams, PipeParams>();

function hopPipeParams(hop: HypervisorParams): PipeParams {
  let p = sharedHopParams.get(hop);
  if (p === undefined) {
    p = { rate: Infinity, delay: hop.latency, perFrame: hop.perFrameCost, queueFrames: hop.queue, queueBytes: null };
    sharedHopParams.set(hop, p);
  }
  return p;
}

function onResume(vm: Vm): void {
  vm.resume();
}
