/**
 * The Linux kernel of a physical host as the command layer sees it (`LinuxKernel`): its netdevs
 * (physical NICs, TAPs, bridges, VLAN sub-interfaces) and IP stack, the views the tools print, and
 * the changes they ask for, answered the way the kernel answers (an errno, or null when done).
 * Host (host.ts) adds the hardware and the hypervisor: NICs from the scenario, TAPs for VMs,
 * migration. Invariants: ifindexes are handed out in creation order from 2 (1 is lo, which the
 * simulator does not model) and never reused; a refused change changes nothing; every device
 * made, deleted, enslaved or released is traced as a `netdev` record.
 */
import { isValidVid, MAX_MTU, MIN_MTU } from '../linux/core/args.js';
import type {
  BridgePortStpParam, BridgeStpParam, BridgeStpView, BridgeView, BridgeVlanView, Errno, FdbView, LibvirtError, LinkView,
  LinuxKernel, NeighView, RouteView,
} from '../linux/core/kernel.js';
import { sameNatRule, type NatRule } from '../linux/core/nat-rule.js';
import { BridgeDevice } from '../net/l2/bridge.js';
import type { Netdev } from '../net/dev/netdev.js';
import type { RunContext } from '../net/core/run-context.js';
import { PhysicalNic } from '../net/dev/physical-nic.js';
import { TapDevice } from '../net/dev/tap.js';
import type { Place } from '../trace/place.js';
import type { VlanMembership } from '../net/l2/vlan-membership.js';
import { VlanSubinterface } from '../net/dev/vlan-subinterface.js';
import { IpStack } from '../stack/ip-stack.js';
import { Masquerade } from '../stack/nat.js';
import { inSubnet, type Ipv4Address, type Ipv4Cidr } from '../wire/ipv4-address.js';
import type { Mac } from '../wire/mac.js';
import { addVlan, bridgeVlanViews, bridgeView, fdbViews } from './bridge-kernel.js';
import { bridgeStpView, setBridgePortStpParam, setBridgeStpParam } from './bridge-stp.js';
import type { MacAllocator } from './mac-allocator.js';

export abstract class HostKernel implements LinuxKernel, Place {
  readonly id: number;
  readonly stack: IpStack;
  private readonly devs = new Map<string, Netdev>();
  protected nextIfindex = 2;

  constructor(
    protected readonly net: RunContext,
    readonly name: string,
    protected readonly macs: MacAllocator,
  ) {
    this.id = net.nextPlaceId();
    this.stack = new IpStack(net, this);
  }

  get hostName(): string {
    return this.name;
  }

  now(): number {
    return this.net.now;
  }

  device(ifname: string): Netdev | undefined {
    return this.devs.get(ifname);
  }

  devices(): Netdev[] {
    return [...this.devs.values()].sort((a, b) => a.ifindex - b.ifindex);
  }

  protected register(dev: Netdev): void {
    this.devs.set(dev.ifname, dev);
    this.stack.attach(dev);
    this.traceNetdev('added', dev, dev instanceof VlanSubinterface ? dev.parent : null);
  }

  /** A change of the host's devices during the run, for the trace (the visualizer follows it). */
  private traceNetdev(event: 'added' | 'removed' | 'enslaved' | 'released', dev: Netdev, peer: Netdev | null): void {
    const net = this.net;
    if (!net.trace.on) return;
    net.trace.emit({ kind: 'netdev', t: net.now, at: dev, host: this, event, type: dev.kind, peer });
  }

  // ---- LinuxKernel: views ----------------------------------------------------------------------

  links(): readonly LinkView[] {
    return this.devices().map((d) => this.view(d));
  }

  link(ifname: string): LinkView | undefined {
    const d = this.devs.get(ifname);
    return d ? this.view(d) : undefined;
  }

  private view(d: Netdev): LinkView {
    return {
      ifindex: d.ifindex, ifname: d.ifname, kind: d.kind, mac: d.mac, up: d.up, lowerUp: d.up && d.carrier, mtu: d.mtu, txQueueLen: d.txQueueLen,
      master: d.masterName, addresses: [...this.stack.addressesOf(d)],
      vlan: d instanceof VlanSubinterface ? { parent: d.parent.ifname, vid: d.vid } : null,
    };
  }

  private bridgeList(): BridgeDevice[] {
    return this.devices().filter((d): d is BridgeDevice => d instanceof BridgeDevice);
  }

  bridges(): readonly BridgeView[] {
    return this.bridgeList().map(bridgeView);
  }

  fdb(bridge?: string): readonly FdbView[] {
    const now = this.net.now;
    return this.bridgeList().flatMap((b) => (bridge === undefined || b.ifname === bridge ? fdbViews(b, now) : []));
  }

  routes(): readonly RouteView[] {
    return this.stack.routes.map((r) => ({ dest: r.dest, prefixLength: r.prefixLength, via: r.via, dev: r.dev.ifname, proto: r.proto, src: r.src }));
  }

  neighbours(): readonly NeighView[] {
    // The kernel gives a link-layer address only for a valid entry (neigh_fill_info).
    return this.stack.neighbours.list().map((e) => ({
      ip: e.ip, dev: e.dev.ifname, mac: e.state === 'INCOMPLETE' || e.state === 'FAILED' ? null : e.mac, state: e.state,
    }));
  }

  // ---- LinuxKernel: changes ----------------------------------------------------------------------

  addBridge(ifname: string): Errno | null {
    if (this.devs.has(ifname)) return 'EEXIST';
    this.register(new BridgeDevice(this.net, this.name, ifname, this.macs.forHostDevice(`${this.name}/${ifname}`), this.nextIfindex++));
    return null;
  }

  addTap(ifname: string): Errno | null {
    if (this.devs.has(ifname)) return 'EEXIST';
    this.register(new TapDevice(this.net, this.name, ifname, this.macs.forHostDevice(`${this.name}/${ifname}`), this.nextIfindex++));
    return null;
  }

  addVlan(parent: string, ifname: string, vid: number): Errno | null {
    const p = this.devs.get(parent);
    if (!p) return 'ENODEV';
    if (this.devs.has(ifname)) return 'EEXIST';
    if (!isValidVid(vid)) return 'EINVAL';
    if (p.vlanChildren?.some((c) => c.vid === vid)) return 'EEXIST';
    this.register(new VlanSubinterface(this.net, this.name, ifname, this.nextIfindex++, p, vid));
    return null;
  }

  deleteLink(ifname: string): Errno | null {
    const d = this.devs.get(ifname);
    if (!d) return 'ENODEV';
    if (d instanceof PhysicalNic) return 'EOPNOTSUPP';
    if (d instanceof TapDevice && d.toGuest !== null) return 'EBUSY'; // a running VM holds it open
    if (d.vlanChildren && d.vlanChildren.length > 0) return 'EBUSY';
    if (d instanceof BridgeDevice) {
      for (const p of [...d.ports]) {
        d.release(p.dev);
        this.traceNetdev('released', p.dev, d);
      }
    }
    this.releaseFromMaster(d);
    if (d instanceof VlanSubinterface) d.detach();
    d.up = false;
    d.linkChanged(); // a deleted bridge's spanning tree timers stop
    this.stack.detach(d);
    this.devs.delete(ifname);
    this.traceNetdev('removed', d, null);
    return null;
  }

  setUp(ifname: string, up: boolean): Errno | null {
    const d = this.devs.get(ifname);
    if (!d) return 'ENODEV';
    d.up = up;
    d.linkChanged();
    return null;
  }

  setMac(ifname: string, mac: Mac): Errno | null {
    const d = this.devs.get(ifname);
    if (!d) return 'ENODEV';
    if (d instanceof BridgeDevice) d.setMac(mac);
    else d.mac = mac;
    return null;
  }

  setMtu(ifname: string, mtu: number): Errno | null {
    const d = this.devs.get(ifname);
    if (!d) return 'ENODEV';
    if (mtu < MIN_MTU || mtu > MAX_MTU) return 'EINVAL';
    d.mtu = mtu;
    return null;
  }

  setPromisc(ifname: string, on: boolean): Errno | null {
    const d = this.devs.get(ifname);
    if (!d) return 'ENODEV';
    d.promisc = on || d.rxHandler !== null;
    return null;
  }

  setMaster(ifname: string, master: string | null): Errno | null {
    const d = this.devs.get(ifname);
    if (!d) return 'ENODEV';
    if (master === null) {
      this.releaseFromMaster(d);
      return null;
    }
    const b = this.devs.get(master);
    if (!b) return 'ENODEV';
    if (!(b instanceof BridgeDevice)) return 'EOPNOTSUPP';
    if (b === d) return 'ELOOP';
    if (d instanceof BridgeDevice) return 'ELOOP';
    if (d.masterName === master) return null;
    if (d.masterName !== null) return 'EBUSY';
    b.enslave(d);
    this.traceNetdev('enslaved', d, b);
    return null;
  }

  private releaseFromMaster(d: Netdev): void {
    if (d.masterName === null) return;
    const b = this.devs.get(d.masterName);
    if (b instanceof BridgeDevice) {
      b.release(d);
      this.traceNetdev('released', d, b);
    }
  }

  addAddress(ifname: string, cidr: Ipv4Cidr): Errno | null {
    const d = this.devs.get(ifname);
    if (!d) return 'ENODEV';
    return this.stack.addAddress(d, cidr) ? null : 'EEXIST';
  }

  deleteAddress(ifname: string, cidr: Ipv4Cidr): Errno | null {
    const d = this.devs.get(ifname);
    if (!d) return 'ENODEV';
    return this.stack.removeAddress(d, cidr) ? null : 'EADDRNOTAVAIL';
  }

  flushAddresses(ifname: string): Errno | null {
    const d = this.devs.get(ifname);
    if (!d) return 'ENODEV';
    for (const c of [...this.stack.addressesOf(d)]) this.stack.removeAddress(d, c);
    return null;
  }

  addRoute(dest: Ipv4Address, prefixLength: number, via: Ipv4Address | null, dev: string | null): Errno | null {
    let d: Netdev | null = null;
    if (dev !== null) {
      d = this.devs.get(dev) ?? null;
      if (!d) return 'ENODEV';
    }
    if (via !== null) {
      const connected = this.stack.connectedDeviceFor(via);
      if (connected === null || (d !== null && connected !== d)) return 'ENETUNREACH';
      d = connected;
    }
    if (d === null) return 'EINVAL';
    const net = prefixLength === 0 ? 0 : dest;
    if (!inSubnet(dest, { address: net, prefixLength })) return 'EINVAL';
    return this.stack.addRoute({ dest: net, prefixLength, via, dev: d, proto: 'static', src: null }) ? null : 'EEXIST';
  }

  deleteRoute(dest: Ipv4Address, prefixLength: number): Errno | null {
    return this.stack.deleteRoute(dest, prefixLength) ? null : 'ESRCH';
  }

  private bridgeOf(name: string): BridgeDevice | null {
    const b = this.devs.get(name);
    return b instanceof BridgeDevice ? b : null;
  }

  setBridgeAgeing(bridge: string, ns: number): Errno | null {
    const b = this.bridgeOf(bridge);
    if (!b) return 'ENODEV';
    b.forwarder.setAgeing(ns);
    return null;
  }

  setBridgeStp(bridge: string, on: boolean): Errno | null {
    const b = this.bridgeOf(bridge);
    if (!b) return 'ENODEV';
    b.setStp(on);
    return null;
  }

  setBridgeVlanFiltering(bridge: string, on: boolean): Errno | null {
    const b = this.bridgeOf(bridge);
    if (!b) return 'ENODEV';
    b.vlanFiltering = on;
    return null;
  }

  setBridgeStpParam(bridge: string, param: BridgeStpParam, value: number): Errno | null {
    const b = this.bridgeOf(bridge);
    return b ? setBridgeStpParam(b, param, value) : 'ENODEV';
  }

  setBridgePortStpParam(bridge: string, port: string, param: BridgePortStpParam, value: number): Errno | null {
    const b = this.bridgeOf(bridge);
    const d = this.devs.get(port);
    if (!b || !d) return 'ENODEV';
    const p = b.portOf(d);
    return p ? setBridgePortStpParam(b, p, param, value) : 'EINVAL';
  }

  bridgeStp(bridge: string): BridgeStpView | undefined {
    const b = this.bridgeOf(bridge);
    return b ? bridgeStpView(b, this.net.now) : undefined;
  }

  /** The VLANs `bridge vlan add|del` changes: a port's, or a bridge's own when it is no port itself (`self`). */
  private vlansOf(dev: string): VlanMembership | Errno {
    const d = this.devs.get(dev);
    if (d instanceof BridgeDevice && d.masterName === null) return d.selfVlans;
    if (!d) return 'ENODEV';
    const b = d.masterName ? this.bridgeOf(d.masterName) : null;
    if (!b) return 'EOPNOTSUPP';
    return b.portOf(d)?.vlans ?? 'EINVAL';
  }

  bridgeVlanAdd(dev: string, vid: number, pvid: boolean, untagged: boolean): Errno | null {
    if (!isValidVid(vid)) return 'EINVAL';
    const vlans = this.vlansOf(dev);
    if (typeof vlans === 'string') return vlans;
    addVlan(vlans, vid, pvid, untagged);
    return null;
  }

  bridgeVlanDel(dev: string, vid: number): Errno | null {
    const vlans = this.vlansOf(dev);
    if (typeof vlans === 'string') return vlans;
    vlans.remove(vid);
    return null;
  }

  bridgeVlans(): readonly BridgeVlanView[] {
    return this.bridgeList().flatMap(bridgeVlanViews);
  }

  /** `virsh migrate`: the hypervisor's business (host.ts). */
  abstract migrateVm(vm: string, host: string): LibvirtError | null;

  // ---- iptables -t nat ----------------------------------------------------------------------

  natAppend(rule: NatRule): Errno | null {
    const nat = (this.stack.nat ??= new Masquerade(this.net.engine.random(`${this.name}/nat`)));
    nat.rules = nat.rules.concat([rule]);
    return null;
  }

  natDelete(rule: NatRule): Errno | null {
    const nat = this.stack.nat;
    const i = nat === null ? -1 : nat.rules.findIndex((r) => sameNatRule(r, rule));
    if (nat === null || i < 0) return 'ENOENT';
    nat.rules = nat.rules.filter((_, k) => k !== i);
    return null;
  }

  natFlush(): Errno | null {
    if (this.stack.nat !== null) this.stack.nat.rules = [];
    return null;
  }

  natRules(): readonly NatRule[] {
    return this.stack.nat?.rules ?? [];
  }

  // ---- sysctl ------------------------------------------------------------------------------------

  sysctlGet(key: string): string | undefined {
    switch (key) {
      case 'net.ipv4.ip_forward': return this.stack.forwarding ? '1' : '0';
      case 'net.ipv4.icmp_echo_ignore_broadcasts': return this.stack.ignoreBroadcastEcho ? '1' : '0';
      default: return undefined;
    }
  }

  sysctlSet(key: string, value: string): Errno | null {
    if (this.sysctlGet(key) === undefined) return 'ENOENT';
    if (value !== '0' && value !== '1') return 'EINVAL';
    if (key === 'net.ipv4.ip_forward') this.stack.forwarding = value === '1';
    else this.stack.ignoreBroadcastEcho = value === '1';
    return null;
  }
}
