/**
 * A scenario after loading: every default filled in, every list present, durations in integer
 * nanoseconds, rates in bits per second, addresses as numbers. This is what the builder turns into
 * devices; the file format itself (strings like `10s`, optional keys) lives in schema.ts.
 */
import type { Nanos } from '../engine/time.js';
import type { Ipv4Address, Ipv4Cidr } from '../wire/ipv4-address.js';
import type { Mac } from '../wire/mac.js';

export interface ScenarioDoc {
  name: string;
  /** Free text; '' when absent. */
  description: string;
  seed: number;
  /** Simulated run length; > 0 and <= one day. */
  duration: Nanos;
  /** A run stops after this many events (guards against runaway scenarios). */
  eventBudget: number;
  defaults: { link: LinkParams; hypervisor: HypervisorParams };
  report: { interval: Nanos };
  hosts: HostDoc[];
  switches: SwitchDoc[];
  links: LinkDoc[];
  traffic: TrafficDoc[];
  timeline: TimelineDoc[];
  expect: ExpectDoc[];
}

export interface LinkParams {
  /** Bits per second. */
  rate: number;
  /** One-way propagation delay. */
  delay: Nanos;
  /** Queue limit in frames. */
  queue: number;
  /** Optional queue limit in bytes (both limits apply); null = frames only. */
  queueBytes: number | null;
}

/** The qemu process's hop between a guest's vNIC and its TAP (the /dev/net/tun char device). */
export interface HypervisorParams {
  /** Fixed latency added to every frame crossing the hop. */
  latency: Nanos;
  /** Service time per frame (the hop handles one frame at a time). */
  perFrameCost: Nanos;
  /** Frames that may wait for the hop before it drops. */
  queue: number;
}

interface HostDoc {
  name: string;
  /** Physical NICs, in file order. */
  nics: NicDoc[];
  /** Linux command lines run in order at time 0; each parses with src/linux/parse.ts. */
  commands: string[];
  /** This host's hypervisor hop: the scenario defaults overridden by the host's own keys. */
  hypervisor: HypervisorParams;
  vms: VmDoc[];
}

interface NicDoc {
  name: string;
  /** null = let the builder pick a deterministic MAC. */
  mac: Mac | null;
}

interface VmDoc {
  name: string;
  /** 'default' when absent. */
  tenant: string;
  /** The TAP interface on the host; `tap<index of the VM on its host>` when absent. */
  tap: string;
  /** null = let the builder pick a deterministic MAC. */
  mac: Mac | null;
  ip: Ipv4Cidr;
  gateway: Ipv4Address | null;
  promiscuous: boolean;
}

interface SwitchDoc {
  name: string;
  /** Ports are named p1..p<ports>. */
  ports: number;
  macTableSize: number;
  ageing: Nanos;
  /** Spanning tree settings, every one filled in; null when the switch runs no STP. */
  stp: StpDoc | null;
  /** Only ports named in the file appear; a port not listed is an untagged access port in VLAN 1. */
  vlans: Record<string, SwitchPortVlanDoc>;
}

interface StpDoc {
  /** Bridge priority 0..65535: with the switch's MAC it makes the bridge id; lowest id is root. */
  priority: number;
  helloTime: Nanos;
  maxAge: Nanos;
  forwardDelay: Nanos;
}

type SwitchPortVlanDoc =
  | { mode: 'access'; vlan: number }
  | { mode: 'trunk'; allowed: number[] | 'all'; native: number };

interface LinkDoc extends LinkParams {
  /** `host/nic` or `switch/pN`. */
  a: string;
  b: string;
}

/**
 * Who traffic or an expectation is about, as written: a VM or host name, `*` (every VM),
 * `tenant:NAME`, `host:NAME` (the VMs on that host), a list of those, or (for `to`) an IPv4 address.
 * selectors.ts resolves it.
 */
export type Selector = string | string[];

type TrafficDoc = PingDoc | UdpDoc | ArpDoc | BroadcastDoc | MacFloodDoc | DoubleTaggedDoc;

/** Echo requests from every resolved `from` to every resolved `to` (ordered pairs, from != to). */
interface PingDoc {
  kind: 'ping';
  from: Selector;
  to: Selector;
  count: number;
  interval: Nanos;
  start: Nanos;
  /** ICMP data bytes (like ping -s). */
  size: number;
  /** Each successive pair starts this much later than the one before. */
  stagger: Nanos;
}

/** A constant-rate UDP stream from every resolved `from` to every resolved `to`. */
interface UdpDoc {
  kind: 'udp';
  from: Selector;
  to: Selector;
  rate: number;
  /** UDP payload bytes per datagram. */
  size: number;
  start: Nanos;
  /** Never after the scenario's duration (the file's value is clipped to it). */
  stop: Nanos;
  port: number;
}

/** ARP requests (broadcast) for `target`, sent by each resolved `from`. */
interface ArpDoc {
  kind: 'arp';
  from: Selector;
  target: Ipv4Address;
  at: Nanos;
  count: number;
  interval: Nanos;
}

/** Raw broadcast frames of `size` bytes, sent by each resolved `from`. */
interface BroadcastDoc {
  kind: 'broadcast';
  from: Selector;
  at: Nanos;
  count: number;
  interval: Nanos;
  /** Frame bytes without FCS, 60..9000. */
  size: number;
}

/** Frames from random source MACs sent by each resolved `from` (macof): fills MAC tables. */
interface MacFloodDoc {
  kind: 'macFlood';
  from: Selector;
  at: Nanos;
  count: number;
  /** Frames per second. */
  rate: number;
  /** A random unicast destination per frame, or broadcast. */
  to: 'random' | 'broadcast';
  /** Frame bytes without FCS, 60..9000. */
  size: number;
}

/** Crafted 802.1Q-in-802.1Q frames (outer tag, inner tag) with an ICMP echo request to each `to`. */
interface DoubleTaggedDoc {
  kind: 'doubleTagged';
  from: Selector;
  to: Selector;
  outer: number;
  inner: number;
  at: Nanos;
  count: number;
  interval: Nanos;
}

/** Something that happens during the run: a command on a host's shell, or a cable pulled or plugged back in. */
type TimelineDoc =
  | { kind: 'command'; at: Nanos; host: string; command: string }
  /** The cable with `end` (host/nic or switch/port) as one of its ends: unplugged (`up` false) or plugged back in. */
  | { kind: 'cable'; at: Nanos; end: string; up: boolean };

export type ExpectDoc =
  | { kind: 'reach'; from: Selector; to: Selector }
  | { kind: 'noReach'; from: Selector; to: Selector }
  | { kind: 'isolated'; tenants: string[] }
  | { kind: 'noLeaks' }
  | {
    kind: 'leaks'; from: Selector | null; to: Selector | null; via: string | null; at: string | null;
    cause: LeakCause | null; min: number; max: number | null;
  }
  | { kind: 'maxDrops'; reason: string | null; count: number; at: string | null }
  | { kind: 'minDrops'; reason: string | null; count: number; at: string | null }
  | { kind: 'maxInFlight'; count: number }
  /** Latency statistics over every sample of the matching pings (rtt) or UDP flows (oneWay). */
  | { kind: 'rtt'; from: Selector; to: Selector; port: null; bounds: LatencyBound[] }
  | { kind: 'oneWay'; from: Selector; to: Selector; port: number | null; bounds: LatencyBound[] }
  /** `max` is a fraction (0.01 for 1%), judged for each matching UDP flow. */
  | { kind: 'loss'; from: Selector; to: Selector; port: number | null; max: number }
  /** Bounds in bit/s of payload, for each matching flow or (total) their sum. */
  | { kind: 'goodput'; from: Selector; to: Selector; port: number | null; min: number | null; max: number | null; total: boolean }
  /** Fractions of the run the link's sender was serializing. */
  | { kind: 'utilisation'; link: string; min: number | null; max: number | null }
  | { kind: 'drops'; reason: string | null; at: string | null; min: number | null; max: number | null };

/** One bound on a latency statistic: `p99: < 2ms` is { stat: 'p99', op: '<', ns: 2_000_000 }. */
export interface LatencyBound {
  stat: 'min' | 'p50' | 'p90' | 'p99' | 'max';
  op: '<' | '<=' | '>' | '>=';
  ns: number;
}

/** The reasons the leak detector gives for a leak (src/analysis/leak-cause.ts explains each). */
export const LEAK_CAUSES = [
  'native-vlan-mismatch', 'double-tagged', 'vlan-changed', 'shared-bridge', 'unicast-flood', 'wrong-vlan', 'shared-vlan', 'unexplained',
] as const;
export type LeakCause = (typeof LEAK_CAUSES)[number];
