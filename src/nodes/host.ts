import type {
  BridgePortStpParam, BridgeStpParam, BridgeStpView, BridgeView, Errno, FdbView, LinkView, LinuxKernel, NeighView, RouteView,
} from '../linux/kernel.js';
import { sameNatRule, type NatRule } from '../linux/command.js';
import { BridgeDevice } from '../net/bridge.js';
import type { Netdev } from '../net/netdev.js';
import type { Network } from '../net/network.js';
import { PhysicalNic } from '../net/physical-nic.js';
import { TapDevice } from '../net/tap.js';
import type { Place } from '../trace/place.js';
import { VlanSubinterface } from '../net/vlan-subinterface.js';
import { IpStack } from '../stack/ip-stack.js';
import { Masquerade } from '../stack/nat.js';
import { inSubnet, type Ipv4Address, type Ipv4Cidr } from '../wire/ipv4-address.js';
import { formatMac, type Mac } from '../wire/mac.js';
import { bridgeStpView, setBridgePortStpParam, setBridgeStpParam } from './bridge-stp.js';
import type { MacAllocator } from './mac-allocator.js';

/**
 * A physical host (a virtualization node): a Linux kernel with netdevs (physical NICs, TAPs,
 * bridges, VLAN sub-interfaces) and an IP stack, configured through the `LinuxKernel` calls the
 * command language makes. The VMs it runs are attached to its TAPs (see vm.ts).
 */
/** Moves a VM running on `from` to the host named `to`; an error message as virsh words it, or null. */
export interface VmMigrator {
  migrate(vm: string, from: Host, to: string): string | null;
}

export class Host implements LinuxKernel, Place {
  readonly id: number;
  readonly stack: IpStack;
  private readonly devs = new Map<string, Netdev>();
  private nextIfindex = 2; // 1 is lo, which the simulator does not model

  constructor(
    private readonly net: Network,
    readonly name: string,
    private readonly macs: MacAllocator,
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

  /** A physical NIC from the scenario's hardware list; up, as the host's boot configuration leaves it. */
  addPhysicalNic(ifname: string, mac: Mac | null): PhysicalNic {
    const m = mac ?? this.macs.forHostDevice(`${this.name}/${ifname}`);
    const nic = new PhysicalNic(this.net, this.name, ifname, m, this.nextIfindex++);
    nic.up = true;
    this.register(nic);
    return nic;
  }

  /** A TAP made by the hypervisor for a VM (as libvirt does): up. */
  createTapForVm(ifname: string, mac: Mac): TapDevice {
    const tap = new TapDevice(this.net, this.name, ifname, mac, this.nextIfindex++);
    tap.up = true;
    this.register(tap);
    return tap;
  }

  private register(dev: Netdev): void {
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
      ifindex: d.ifindex, ifname: d.ifname, kind: d.kind, mac: d.mac, up: d.up, lowerUp: d.up && d.carrier, mtu: d.mtu,
      master: d.masterName, addresses: [...this.stack.addressesOf(d)],
      vlan: d instanceof VlanSubinterface ? { parent: d.parent.ifname, vid: d.vid } : null,
    };
  }

  private bridgeList(): BridgeDevice[] {
    return this.devices().filter((d): d is BridgeDevice => d instanceof BridgeDevice);
  }

  bridges(): readonly BridgeView[] {
    return this.bridgeList().map((b) => ({
      ifname: b.ifname,
      bridgeId: `${b.stp.bridgeId.priority.toString(16).padStart(4, '0')}.${formatMac(b.stp.bridgeId.mac).replace(/:/g, '')}`,
      stp: b.stp.running,
      ports: b.ports.map((p) => p.dev.ifname),
      ageingNs: b.forwarder.ageingNs,
      vlanFiltering: b.vlanFiltering,
    }));
  }

  fdb(bridge?: string): readonly FdbView[] {
    const out: FdbView[] = [];
    const now = this.net.now;
    for (const b of this.bridgeList()) {
      if (bridge !== undefined && b.ifname !== bridge) continue;
      for (const e of b.forwarder.fdb.entries(now)) {
        out.push({
          mac: e.mac, port: e.port.dev.ifname, bridge: b.ifname, vid: b.vlanFiltering && e.vid > 0 ? e.vid : null,
          local: e.local, ageNs: e.local ? 0 : now - e.updated,
        });
      }
    }
    return out;
  }

  routes(): readonly RouteView[] {
    return this.stack.routes.map((r) => ({ dest: r.dest, prefixLength: r.prefixLength, via: r.via, dev: r.dev.ifname, proto: r.proto, src: r.src }));
  }

  neighbours(): readonly NeighView[] {
    const now = this.net.now;
    return this.stack.neighbours.list().map((e) => ({
      ip: e.ip, dev: e.dev.ifname, mac: e.mac,
      state: e.state === 'REACHABLE' ? (now - e.confirmed > this.stack.neigh.lifetimeNs ? 'STALE' : 'REACHABLE') : e.state,
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
    if (vid < 1 || vid > 4094) return 'EINVAL';
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
    if (mtu < 68 || mtu > 65535) return 'EINVAL';
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

  private portFor(devName: string): { port: import('../net/bridge.js').BridgePort | undefined; err: Errno | null } {
    const d = this.devs.get(devName);
    if (!d) return { port: undefined, err: 'ENODEV' };
    const b = d.masterName ? this.bridgeOf(d.masterName) : null;
    if (!b) return { port: undefined, err: 'EOPNOTSUPP' };
    return { port: b.portOf(d), err: null };
  }

  bridgeVlanAdd(dev: string, vid: number, pvid: boolean, untagged: boolean): Errno | null {
    if (vid < 1 || vid > 4094) return 'EINVAL';
    const d = this.devs.get(dev);
    if (d instanceof BridgeDevice && d.masterName === null) {
      // `self`: the bridge device's own VLANs.
      d.selfVlans.add(vid, untagged);
      if (pvid) d.selfVlans.pvid = vid;
      return null;
    }
    const { port, err } = this.portFor(dev);
    if (!port) return err ?? 'EINVAL';
    port.vlans.add(vid, untagged);
    if (pvid) port.vlans.pvid = vid;
    return null;
  }

  bridgeVlanDel(dev: string, vid: number): Errno | null {
    const d = this.devs.get(dev);
    if (d instanceof BridgeDevice && d.masterName === null) {
      d.selfVlans.remove(vid);
      return null;
    }
    const { port, err } = this.portFor(dev);
    if (!port) return err ?? 'EINVAL';
    port.vlans.remove(vid);
    return null;
  }

  bridgeVlans(): readonly { readonly dev: string; readonly vid: number; readonly pvid: boolean; readonly untagged: boolean }[] {
    const out: { dev: string; vid: number; pvid: boolean; untagged: boolean }[] = [];
    for (const b of this.bridgeList()) {
      for (const p of b.ports) for (const v of p.vlans.list()) out.push({ dev: p.dev.ifname, vid: v.vid, pvid: v.pvid, untagged: v.untagged });
      for (const v of b.selfVlans.list()) out.push({ dev: b.ifname, vid: v.vid, pvid: v.pvid, untagged: v.untagged });
    }
    return out;
  }

  // ---- virsh migrate -------------------------------------------------------------------------

  /** What moves VMs between hosts: the simulation's, set when the hosts are built. */
  migrator: VmMigrator | null = null;

  migrateVm(vm: string, host: string): string | null {
    return this.migrator === null ? 'error: failed to connect to the hypervisor' : this.migrator.migrate(vm, this, host);
  }

  // ---- iptables -t nat ----------------------------------------------------------------------

  natAppend(rule: NatRule): void {
    const nat = (this.stack.nat ??= new Masquerade(this.net.engine.random(`${this.name}/nat`)));
    nat.rules = nat.rules.concat([rule]);
  }

  natDelete(rule: NatRule): boolean {
    const nat = this.stack.nat;
    if (nat === null) return false;
    const i = nat.rules.findIndex((r) => sameNatRule(r, rule));
    if (i < 0) return false;
    nat.rules = nat.rules.filter((_, k) => k !== i);
    return true;
  }

  natFlush(): void {
    if (this.stack.nat !== null) this.stack.nat.rules = [];
  }

  natRules(): readonly NatRule[] {
    return this.stack.nat?.rules ?? [];
  }

  sysctlGet(key: string): string | null {
    switch (key) {
      case 'net.ipv4.ip_forward': return this.stack.forwarding ? '1' : '0';
      case 'net.ipv4.icmp_echo_ignore_broadcasts': return this.stack.ignoreBroadcastEcho ? '1' : '0';
      default: return null;
    }
  }

  sysctlSet(key: string, value: string): Errno | null {
    if (value !== '0' && value !== '1') return 'EINVAL';
    switch (key) {
      case 'net.ipv4.ip_forward': this.stack.forwarding = value === '1'; return null;
      case 'net.ipv4.icmp_echo_ignore_broadcasts': this.stack.ignoreBroadcastEcho = value === '1'; return null;
      default: return 'EINVAL';
    }
  }
}
