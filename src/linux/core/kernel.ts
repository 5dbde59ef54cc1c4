/**
 * What the Linux commands need from a host's kernel. A physical host implements it
 * (src/nodes/host-kernel.ts); the commands in this folder parse a line, call these, and turn a
 * failure into the message the real tool prints.
 *
 * One failure convention: a call that looks returns its view (`undefined` when there is nothing
 * to see); a call that changes something returns `null` when it is done, or why it was refused:
 * the errno the real syscall or netlink request gives, or, for `virsh migrate`, libvirt's own
 * words. A refused change changes nothing. test/linux/kernel-contract.ts pins these answers.
 */
import type { Ipv4Address, Ipv4Cidr } from '../../wire/ipv4-address.js';
import type { Mac } from '../../wire/mac.js';
import type { NatRule } from './nat-rule.js';
import type { DeviceKind } from '../../trace/device-kind.js';

/** The kernel's answer to a request that failed, as the errno the real syscall/netlink would give. */
export type Errno =
  | 'EEXIST'     // File exists
  | 'ENODEV'     // No such device
  | 'EBUSY'      // Device or resource busy (e.g. already enslaved)
  | 'EINVAL'     // Invalid argument
  | 'ELOOP'      // Too many levels of symbolic links (bridge into itself)
  | 'EOPNOTSUPP' // Operation not supported (e.g. enslaving a bridge port of the wrong kind)
  | 'ENETUNREACH'// Network is unreachable (gateway not on a connected subnet)
  | 'EADDRNOTAVAIL' // Cannot assign requested address (deleting an address that is not there)
  | 'ESRCH'      // No such process (deleting a route that is not there)
  | 'ERANGE'     // Numerical result out of range (an STP timer, priority or path cost outside the kernel's limits)
  | 'ENOENT';    // No such file or directory (a sysctl key the host has not; a NAT rule that matches none)

/** A read-only view of a netdev, for `ip link show`, `brctl show` and friends. */
export interface LinkView {
  readonly ifindex: number;
  readonly ifname: string;
  readonly kind: DeviceKind;
  readonly mac: Mac;
  readonly up: boolean;
  /** Carrier: a cable or a peer (a running VM for a TAP) is attached. */
  readonly lowerUp: boolean;
  readonly mtu: number;
  /** Frames its egress queue holds (txqueuelen; `qlen` in `ip link`). */
  readonly txQueueLen: number;
  /** Promiscuous mode set by the user (`ip link set DEV promisc on`); shown as PROMISC. Absent means off. */
  readonly promisc?: boolean;
  readonly master: string | null;
  readonly addresses: readonly Ipv4Cidr[];
  /** For a VLAN sub-interface: its parent and VID. */
  readonly vlan: { readonly parent: string; readonly vid: number } | null;
}

export interface BridgeView {
  readonly ifname: string;
  /** `8000.` + MAC, as brctl prints it. */
  readonly bridgeId: string;
  readonly stp: boolean;
  readonly ports: readonly string[];
  readonly ageingNs: number;
  readonly vlanFiltering: boolean;
}

/** Bridge-wide spanning tree settings (`brctl setbridgeprio|setfd|sethello|setmaxage`); times in ns. */
export type BridgeStpParam = 'priority' | 'forwardDelay' | 'helloTime' | 'maxAge';
/** Per-port spanning tree settings (`brctl setpathcost|setportprio`). */
export type BridgePortStpParam = 'pathCost' | 'priority';

/** A bridge identifier: 16-bit priority and MAC, printed `8000.525400123456` by brctl. */
export interface BridgeIdView {
  readonly priority: number;
  readonly mac: Mac;
}

/** What `brctl showstp` prints about a bridge. Times and timers (time left) in ns. */
export interface BridgeStpView {
  readonly ifname: string;
  readonly bridgeId: BridgeIdView;
  readonly designatedRoot: BridgeIdView;
  /** Port number of the root port; 0 when the bridge is the root. */
  readonly rootPort: number;
  readonly rootPathCost: number;
  readonly maxAge: number;
  readonly bridgeMaxAge: number;
  readonly helloTime: number;
  readonly bridgeHelloTime: number;
  readonly forwardDelay: number;
  readonly bridgeForwardDelay: number;
  readonly ageingTime: number;
  readonly helloTimer: number;
  readonly tcnTimer: number;
  readonly topologyChangeTimer: number;
  readonly topologyChange: boolean;
  readonly topologyChangeDetected: boolean;
  readonly ports: readonly BridgePortStpView[];
}

export interface BridgePortStpView {
  readonly ifname: string;
  readonly portNo: number;
  readonly portId: number;
  readonly state: 'disabled' | 'blocking' | 'listening' | 'learning' | 'forwarding';
  readonly designatedRoot: BridgeIdView;
  readonly pathCost: number;
  readonly designatedBridge: BridgeIdView;
  readonly designatedPort: number;
  readonly designatedCost: number;
  readonly messageAgeTimer: number;
  readonly forwardDelayTimer: number;
  readonly holdTimer: number;
  readonly configPending: boolean;
  readonly topologyChangeAck: boolean;
}

export interface FdbView {
  readonly mac: Mac;
  readonly port: string;
  readonly bridge: string;
  readonly vid: number | null;
  readonly local: boolean;
  /** Nanoseconds since the entry was last refreshed. */
  readonly ageNs: number;
}

export interface RouteView {
  readonly dest: Ipv4Address;
  readonly prefixLength: number;
  readonly via: Ipv4Address | null;
  readonly dev: string;
  /** 'kernel' for connected routes made by adding an address, 'static' for `ip route add`. */
  readonly proto: 'kernel' | 'static';
  readonly src: Ipv4Address | null;
}

export interface NeighView {
  readonly ip: Ipv4Address;
  readonly dev: string;
  readonly mac: Mac | null;
  readonly state: 'INCOMPLETE' | 'REACHABLE' | 'STALE' | 'DELAY' | 'PROBE' | 'FAILED' | 'PERMANENT';
}

/** Why libvirt refused a migration, in its words (virsh prints them as they are). */
export interface LibvirtError {
  readonly kind: 'libvirt';
  readonly message: string;
}

/** A bridge VLAN entry, for `bridge vlan show`. */
export interface BridgeVlanView {
  readonly dev: string;
  readonly vid: number;
  readonly pvid: boolean;
  readonly untagged: boolean;
}

export interface LinuxKernel {
  readonly hostName: string;
  /** Current simulated time in ns (for ageing output). */
  now(): number;

  links(): readonly LinkView[];
  link(ifname: string): LinkView | undefined;
  bridges(): readonly BridgeView[];
  fdb(bridge?: string): readonly FdbView[];
  routes(): readonly RouteView[];
  neighbours(): readonly NeighView[];

  addBridge(ifname: string): Errno | null;
  addTap(ifname: string): Errno | null;
  /** `ip link add link PARENT name NAME type vlan id VID` / `vconfig add`. */
  addVlan(parent: string, ifname: string, vid: number): Errno | null;
  /** Removes any link (bridge, tap, vlan). A bridge must be down first for `brctl delbr` (the tool checks). */
  deleteLink(ifname: string): Errno | null;
  setUp(ifname: string, up: boolean): Errno | null;
  setMac(ifname: string, mac: Mac): Errno | null;
  setMtu(ifname: string, mtu: number): Errno | null;
  setPromisc(ifname: string, on: boolean): Errno | null;
  /** Enslave `ifname` to bridge `master`, or release it when `master` is null. */
  setMaster(ifname: string, master: string | null): Errno | null;

  addAddress(ifname: string, cidr: Ipv4Cidr): Errno | null;
  deleteAddress(ifname: string, cidr: Ipv4Cidr): Errno | null;
  flushAddresses(ifname: string): Errno | null;
  addRoute(dest: Ipv4Address, prefixLength: number, via: Ipv4Address | null, dev: string | null): Errno | null;
  deleteRoute(dest: Ipv4Address, prefixLength: number): Errno | null;

  setBridgeAgeing(bridge: string, ns: number): Errno | null;
  setBridgeStp(bridge: string, on: boolean): Errno | null;
  setBridgeVlanFiltering(bridge: string, on: boolean): Errno | null;
  /** A spanning tree setting of the bridge; ERANGE outside the kernel's limits. */
  setBridgeStpParam(bridge: string, param: BridgeStpParam, value: number): Errno | null;
  /** A spanning tree setting of one port of the bridge; EINVAL when `port` is not one of its ports. */
  setBridgePortStpParam(bridge: string, port: string, param: BridgePortStpParam, value: number): Errno | null;
  /** The spanning tree state `brctl showstp` prints; undefined when `bridge` is not a bridge. */
  bridgeStp(bridge: string): BridgeStpView | undefined;
  /** `bridge vlan add dev DEV vid N [pvid] [untagged] [self]`. */
  bridgeVlanAdd(dev: string, vid: number, pvid: boolean, untagged: boolean): Errno | null;
  bridgeVlanDel(dev: string, vid: number): Errno | null;
  bridgeVlans(): readonly BridgeVlanView[];

  /** `virsh migrate`: moves a VM running here to another host. */
  migrateVm(vm: string, host: string): LibvirtError | null;

  /** `iptables -t nat -A POSTROUTING ... -j MASQUERADE`. */
  natAppend(rule: NatRule): Errno | null;
  /** `iptables -t nat -D POSTROUTING ...`: ENOENT when no rule matches (libiptc's "Bad rule"). */
  natDelete(rule: NatRule): Errno | null;
  natFlush(): Errno | null;
  natRules(): readonly NatRule[];

  /** A sysctl the simulator models, e.g. `net.ipv4.ip_forward`; undefined for a key it has not. */
  sysctlGet(key: string): string | undefined;
  /** ENOENT for a key it has not (no such file under /proc/sys), EINVAL for a value it refuses. */
  sysctlSet(key: string, value: string): Errno | null;
}
