/**
 * A small in-memory Linux kernel for the command tests: links with ifindexes, bridges and their
 * ports, VLAN sub-interfaces, addresses with connected routes, static routes, a forwarding table
 * (local entries plus learned ones a test seeds), bridge VLANs, a few sysctls. It refuses what the
 * real kernel refuses, with the same errno.
 */
import type {
  BridgePortStpParam, BridgeStpParam, BridgeStpView, BridgeView, Errno, FdbView, LinkView, LinuxKernel,
  NeighView, RouteView,
} from '../../src/linux/kernel.js';
import { sameNatRule, type NatRule } from '../../src/linux/command.js';
import type { DeviceKind } from '../../src/trace/device-kind.js';
import { inSubnet, networkOf, type Ipv4Address, type Ipv4Cidr } from '../../src/wire/ipv4-address.js';
import { formatMac, parseMac, type Mac } from '../../src/wire/mac.js';

interface Link {
  ifindex: number;
  ifname: string;
  kind: DeviceKind;
  mac: Mac;
  up: boolean;
  /** Cable plugged (physical) or a VM attached (tap). */
  carrier: boolean;
  mtu: number;
  promisc: boolean;
  master: string | null;
  addresses: Ipv4Cidr[];
  vlan: { parent: string; vid: number } | null;
}

interface Bridge {
  stp: boolean;
  ageingNs: number;
  vlanFiltering: boolean;
  ports: string[];
  priority: number;
  forwardDelayNs: number;
  helloTimeNs: number;
  maxAgeNs: number;
  /** Per port: path cost and port priority. */
  portStp: Map<string, { pathCost: number; priority: number }>;
}

const S = 1e9;

interface BridgeVlan {
  dev: string;
  vid: number;
  pvid: boolean;
  untagged: boolean;
}

const mac = (text: string): Mac => parseMac(text)!;

export class FakeKernel implements LinuxKernel {
  readonly hostName = 'host1';
  time = 0;
  neighbourTable: NeighView[] = [];
  readonly sysctls = new Map<string, string>([
    ['net.ipv4.ip_forward', '0'],
    ['net.bridge.bridge-nf-call-iptables', '1'],
  ]);
  private nextIndex = 1;
  private nextMac = 1;
  private readonly byName = new Map<string, Link>();
  private readonly bridgeState = new Map<string, Bridge>();
  private readonly staticRoutes: RouteView[] = [];
  private readonly learned: FdbView[] = [];
  private vlans: BridgeVlan[] = [];

  constructor() {
    this.create('lo', 'loopback', 0, { up: true, carrier: true, mtu: 65536, addresses: [{ address: 0x7f000001, prefixLength: 8 }] });
    this.create('eth0', 'nic', mac('52:54:00:12:34:56'), { up: true, carrier: true });
  }

  // ---- test helpers -------------------------------------------------------------------------

  /** A VM opened the TAP: it has a peer now. */
  attach(tap: string): void {
    this.must(tap).carrier = true;
  }

  /** A frame from `mac` arrived on `port` of `bridge` `ageNs` ago. */
  learn(bridge: string, port: string, from: string, vid: number | null, ageNs: number): void {
    this.learned.push({ mac: mac(from), port, bridge, vid, local: false, ageNs });
  }

  // ---- views --------------------------------------------------------------------------------

  now(): number {
    return this.time;
  }

  links(): readonly LinkView[] {
    return [...this.byName.values()].map((l) => this.view(l));
  }

  link(ifname: string): LinkView | undefined {
    const l = this.byName.get(ifname);
    return l && this.view(l);
  }

  bridges(): readonly BridgeView[] {
    return [...this.bridgeState.entries()].map(([ifname, b]) => ({
      ifname,
      bridgeId: `${b.priority.toString(16).padStart(4, '0')}.${formatMac(this.must(ifname).mac).replace(/:/g, '')}`,
      stp: b.stp,
      ports: [...b.ports],
      ageingNs: b.ageingNs,
      vlanFiltering: b.vlanFiltering,
    }));
  }

  fdb(bridge?: string): readonly FdbView[] {
    const out: FdbView[] = [];
    for (const [name, b] of this.bridgeState) {
      if (bridge !== undefined && bridge !== name) continue;
      out.push({ mac: this.must(name).mac, port: name, bridge: name, vid: null, local: true, ageNs: 0 });
      for (const port of b.ports) {
        out.push({ mac: this.must(port).mac, port, bridge: name, vid: null, local: true, ageNs: 0 });
      }
      out.push(...this.learned.filter((f) => f.bridge === name));
    }
    return out;
  }

  routes(): readonly RouteView[] {
    const connected: RouteView[] = [];
    for (const l of this.byName.values()) {
      if (!l.up || l.kind === 'loopback') continue;
      l.addresses.forEach((cidr, i) => {
        const primary = !l.addresses.slice(0, i).some((a) => a.prefixLength === cidr.prefixLength && networkOf(a) === networkOf(cidr));
        if (primary && cidr.prefixLength < 32) {
          connected.push({ dest: networkOf(cidr), prefixLength: cidr.prefixLength, via: null, dev: l.ifname, proto: 'kernel', src: cidr.address });
        }
      });
    }
    return [...connected, ...this.staticRoutes];
  }

  neighbours(): readonly NeighView[] {
    return this.neighbourTable;
  }

  bridgeVlans(): readonly BridgeVlan[] {
    return this.vlans.map((v) => ({ ...v }));
  }

  // ---- links --------------------------------------------------------------------------------

  addBridge(ifname: string): Errno | null {
    if (this.byName.has(ifname)) return 'EEXIST';
    this.create(ifname, 'bridge', this.freshMac(0x02));
    this.bridgeState.set(ifname, {
      stp: false, ageingNs: 300e9, vlanFiltering: false, ports: [], priority: 0x8000, forwardDelayNs: 15 * S,
      helloTimeNs: 2 * S, maxAgeNs: 20 * S, portStp: new Map(),
    });
    this.vlans.push({ dev: ifname, vid: 1, pvid: true, untagged: true });
    return null;
  }

  addTap(ifname: string): Errno | null {
    if (this.byName.has(ifname)) return 'EEXIST';
    this.create(ifname, 'tap', this.freshMac(0xfe), { carrier: false });
    return null;
  }

  addVlan(parent: string, ifname: string, vid: number): Errno | null {
    const p = this.byName.get(parent);
    if (!p) return 'ENODEV';
    if (vid < 1 || vid > 4094) return 'EINVAL';
    if (this.byName.has(ifname)) return 'EEXIST';
    if ([...this.byName.values()].some((l) => l.vlan?.parent === parent && l.vlan.vid === vid)) return 'EEXIST';
    this.create(ifname, 'vlan', p.mac, { mtu: p.mtu, vlan: { parent, vid } });
    return null;
  }

  deleteLink(ifname: string): Errno | null {
    const l = this.byName.get(ifname);
    if (!l) return 'ENODEV';
    if (l.kind === 'nic' || l.kind === 'loopback') return 'EOPNOTSUPP';
    const b = this.bridgeState.get(ifname);
    if (b) {
      for (const port of b.ports) this.must(port).master = null;
      this.bridgeState.delete(ifname);
    }
    if (l.master) this.release(l);
    this.vlans = this.vlans.filter((v) => v.dev !== ifname);
    this.byName.delete(ifname);
    for (let i = this.staticRoutes.length - 1; i >= 0; i--) {
      if (this.staticRoutes[i]!.dev === ifname) this.staticRoutes.splice(i, 1);
    }
    return null;
  }

  setUp(ifname: string, up: boolean): Errno | null {
    const l = this.byName.get(ifname);
    if (!l) return 'ENODEV';
    l.up = up;
    return null;
  }

  setMac(ifname: string, m: Mac): Errno | null {
    const l = this.byName.get(ifname);
    if (!l) return 'ENODEV';
    l.mac = m;
    return null;
  }

  setMtu(ifname: string, mtu: number): Errno | null {
    const l = this.byName.get(ifname);
    if (!l) return 'ENODEV';
    if (mtu < 68 || mtu > 65535) return 'EINVAL';
    if (l.vlan && mtu > this.must(l.vlan.parent).mtu) return 'EINVAL';
    l.mtu = mtu;
    return null;
  }

  setPromisc(ifname: string, on: boolean): Errno | null {
    const l = this.byName.get(ifname);
    if (!l) return 'ENODEV';
    l.promisc = on;
    return null;
  }

  setMaster(ifname: string, master: string | null): Errno | null {
    const l = this.byName.get(ifname);
    if (!l) return 'ENODEV';
    if (master === null) {
      if (l.master === null) return 'EINVAL';
      this.release(l);
      return null;
    }
    const b = this.bridgeState.get(master);
    if (!this.byName.has(master)) return 'ENODEV';
    if (!b) return 'EOPNOTSUPP';
    if (l.kind === 'bridge') return 'ELOOP';
    if (l.kind === 'loopback') return 'EINVAL';
    if (l.master !== null) return 'EBUSY';
    l.master = master;
    b.ports.push(ifname);
    this.vlans.push({ dev: ifname, vid: 1, pvid: true, untagged: true });
    return null;
  }

  // ---- addresses and routes -----------------------------------------------------------------

  addAddress(ifname: string, cidr: Ipv4Cidr): Errno | null {
    const l = this.byName.get(ifname);
    if (!l) return 'ENODEV';
    if (l.addresses.some((a) => a.address === cidr.address && a.prefixLength === cidr.prefixLength)) return 'EEXIST';
    l.addresses.push(cidr);
    return null;
  }

  deleteAddress(ifname: string, cidr: Ipv4Cidr): Errno | null {
    const l = this.byName.get(ifname);
    if (!l) return 'ENODEV';
    const i = l.addresses.findIndex((a) => a.address === cidr.address && a.prefixLength === cidr.prefixLength);
    if (i < 0) return 'EADDRNOTAVAIL';
    l.addresses.splice(i, 1);
    return null;
  }

  flushAddresses(ifname: string): Errno | null {
    const l = this.byName.get(ifname);
    if (!l) return 'ENODEV';
    l.addresses = [];
    return null;
  }

  addRoute(dest: Ipv4Address, prefixLength: number, via: Ipv4Address | null, dev: string | null): Errno | null {
    if (dev !== null && !this.byName.has(dev)) return 'ENODEV';
    let out = dev;
    if (via !== null) {
      const connected = this.routes().find((r) => r.proto === 'kernel' && (dev === null || r.dev === dev) &&
        inSubnet(via, { address: r.dest, prefixLength: r.prefixLength }));
      if (!connected) return 'ENETUNREACH';
      out = connected.dev;
    }
    if (out === null) return 'ENODEV';
    if (this.routes().some((r) => r.dest === dest && r.prefixLength === prefixLength)) return 'EEXIST';
    this.staticRoutes.push({ dest, prefixLength, via, dev: out, proto: 'static', src: null });
    return null;
  }

  deleteRoute(dest: Ipv4Address, prefixLength: number): Errno | null {
    const i = this.staticRoutes.findIndex((r) => r.dest === dest && r.prefixLength === prefixLength);
    if (i < 0) return 'ESRCH';
    this.staticRoutes.splice(i, 1);
    return null;
  }

  // ---- bridge attributes --------------------------------------------------------------------

  setBridgeAgeing(bridge: string, ns: number): Errno | null {
    return this.withBridge(bridge, (b) => { b.ageingNs = ns; });
  }

  setBridgeStp(bridge: string, on: boolean): Errno | null {
    return this.withBridge(bridge, (b) => { b.stp = on; });
  }

  setBridgeVlanFiltering(bridge: string, on: boolean): Errno | null {
    return this.withBridge(bridge, (b) => { b.vlanFiltering = on; });
  }

  /** The kernel's ranges: hello 1..10 s, max age 6..40 s, forward delay 2..30 s while STP is on. */
  setBridgeStpParam(bridge: string, param: BridgeStpParam, value: number): Errno | null {
    const b = this.bridgeState.get(bridge);
    if (!b) return 'ENODEV';
    switch (param) {
      case 'priority':
        if (value < 0 || value > 0xffff) return 'EINVAL';
        b.priority = value;
        return null;
      case 'forwardDelay':
        if (b.stp && (value < 2 * S || value > 30 * S)) return 'ERANGE';
        b.forwardDelayNs = value;
        return null;
      case 'helloTime':
        if (value < S || value > 10 * S) return 'ERANGE';
        b.helloTimeNs = value;
        return null;
      case 'maxAge':
        if (value < 6 * S || value > 40 * S) return 'ERANGE';
        b.maxAgeNs = value;
        return null;
    }
  }

  setBridgePortStpParam(bridge: string, port: string, param: BridgePortStpParam, value: number): Errno | null {
    const b = this.bridgeState.get(bridge);
    if (!b || !this.byName.has(port)) return 'ENODEV';
    if (!b.ports.includes(port)) return 'EINVAL';
    const ps = b.portStp.get(port) ?? { pathCost: 100, priority: 32 };
    if (param === 'pathCost') {
      if (value < 1 || value > 65535) return 'ERANGE';
      ps.pathCost = value;
    } else {
      if (value < 0 || value > 63) return 'ERANGE';
      ps.priority = value;
    }
    b.portStp.set(port, ps);
    return null;
  }

  /** Every port its own segment's designated port (no BPDUs in a fake kernel). */
  bridgeStp(bridge: string): BridgeStpView | undefined {
    const b = this.bridgeState.get(bridge);
    if (!b) return undefined;
    const own = { priority: b.priority, mac: this.must(bridge).mac };
    return {
      ifname: bridge, bridgeId: own, designatedRoot: own, rootPort: 0, rootPathCost: 0,
      maxAge: b.maxAgeNs, bridgeMaxAge: b.maxAgeNs, helloTime: b.helloTimeNs, bridgeHelloTime: b.helloTimeNs,
      forwardDelay: b.forwardDelayNs, bridgeForwardDelay: b.forwardDelayNs, ageingTime: b.ageingNs,
      helloTimer: 0, tcnTimer: 0, topologyChangeTimer: 0, topologyChange: false, topologyChangeDetected: false,
      ports: b.ports.map((name, i) => {
        const ps = b.portStp.get(name) ?? { pathCost: 100, priority: 32 };
        const id = (ps.priority << 10) | (i + 1);
        const l = this.must(name);
        return {
          ifname: name, portNo: i + 1, portId: id, state: l.up && l.carrier && this.must(bridge).up ? 'forwarding' : 'disabled',
          designatedRoot: own, pathCost: ps.pathCost, designatedBridge: own, designatedPort: id, designatedCost: 0,
          messageAgeTimer: 0, forwardDelayTimer: 0, holdTimer: 0, configPending: false, topologyChangeAck: false,
        };
      }),
    };
  }

  bridgeVlanAdd(dev: string, vid: number, pvid: boolean, untagged: boolean): Errno | null {
    const l = this.byName.get(dev);
    if (!l) return 'ENODEV';
    if (l.kind !== 'bridge' && l.master === null) return 'EOPNOTSUPP';
    if (vid < 1 || vid > 4094) return 'EINVAL';
    this.vlans = this.vlans.filter((v) => !(v.dev === dev && v.vid === vid));
    if (pvid) for (const v of this.vlans) if (v.dev === dev) v.pvid = false;
    this.vlans.push({ dev, vid, pvid, untagged });
    return null;
  }

  bridgeVlanDel(dev: string, vid: number): Errno | null {
    if (!this.byName.has(dev)) return 'ENODEV';
    const before = this.vlans.length;
    this.vlans = this.vlans.filter((v) => !(v.dev === dev && v.vid === vid));
    return this.vlans.length === before ? 'ENOENT' : null;
  }

  // ---- sysctl -------------------------------------------------------------------------------

  migrations: { vm: string; host: string }[] = [];

  migrateVm(vm: string, host: string): string | null {
    if (host === 'nowhere') return `error: failed to connect to the hypervisor`;
    this.migrations.push({ vm, host });
    return null;
  }

  natRuleList: NatRule[] = [];

  natAppend(rule: NatRule): void {
    this.natRuleList.push(rule);
  }

  natDelete(rule: NatRule): boolean {
    const i = this.natRuleList.findIndex((r) => sameNatRule(r, rule));
    if (i < 0) return false;
    this.natRuleList.splice(i, 1);
    return true;
  }

  natFlush(): void {
    this.natRuleList = [];
  }

  natRules(): readonly NatRule[] {
    return this.natRuleList;
  }

  sysctlGet(key: string): string | null {
    return this.sysctls.get(key) ?? null;
  }

  sysctlSet(key: string, value: string): Errno | null {
    if (!this.sysctls.has(key)) return 'ENOENT';
    if (!/^[01]$/.test(value)) return 'EINVAL';
    this.sysctls.set(key, value);
    return null;
  }

  // ---- internals ----------------------------------------------------------------------------

  private create(ifname: string, kind: DeviceKind, m: Mac, over: Partial<Link> = {}): void {
    this.byName.set(ifname, {
      ifindex: this.nextIndex++, ifname, kind, mac: m, up: false, carrier: true, mtu: 1500, promisc: false,
      master: null, addresses: [], vlan: null, ...over,
    });
  }

  private freshMac(firstOctet: number): Mac {
    return firstOctet * 2 ** 40 + 0x5400_0000_00 + this.nextMac++;
  }

  private must(ifname: string): Link {
    const l = this.byName.get(ifname);
    if (!l) throw new Error(`fake kernel: no link ${ifname}`);
    return l;
  }

  private release(l: Link): void {
    const b = this.bridgeState.get(l.master!);
    if (b) b.ports = b.ports.filter((p) => p !== l.ifname);
    this.vlans = this.vlans.filter((v) => v.dev !== l.ifname);
    l.master = null;
  }

  private withBridge(bridge: string, change: (b: Bridge) => void): Errno | null {
    if (!this.byName.has(bridge)) return 'ENODEV';
    const b = this.bridgeState.get(bridge);
    if (!b) return 'EOPNOTSUPP';
    change(b);
    return null;
  }

  /** Carrier as Linux derives it: a bridge has it when a port does, a VLAN when its parent does. */
  private lowerUp(l: Link): boolean {
    if (l.kind === 'bridge') {
      return this.bridgeState.get(l.ifname)!.ports.some((p) => { const port = this.must(p); return port.up && this.lowerUp(port); });
    }
    if (l.vlan) {
      const parent = this.must(l.vlan.parent);
      return parent.up && this.lowerUp(parent);
    }
    return l.carrier;
  }

  private view(l: Link): LinkView {
    return {
      ifindex: l.ifindex, ifname: l.ifname, kind: l.kind, mac: l.mac, up: l.up, lowerUp: this.lowerUp(l),
      mtu: l.mtu, promisc: l.promisc, master: l.master, addresses: [...l.addresses],
      vlan: l.vlan && { ...l.vlan },
    };
  }
}
