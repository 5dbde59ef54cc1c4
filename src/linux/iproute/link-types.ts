/**
 * The options after `type KIND` in `ip link add|set` (iproute2's ip/iplink_bridge.c and
 * ip/iplink_vlan.c), and which link kinds exist in Linux but not in the simulator.
 * Invariant: a kind vnetsim does not model is refused by name before any of its options is read.
 */
import { Argv, invarg, isValidVid, matches, parseUnsigned } from '../core/args.js';
import type { BridgeOptions } from '../core/bridge-options.js';
import { notSupported, refuse } from '../core/errors.js';

const NS_PER_CENTISECOND = 10_000_000;

/** Kinds Linux creates with `ip link add` that vnetsim does not model. */
const UNMODELLED_KINDS = new Set([
  'veth', 'vxlan', 'macvlan', 'macvtap', 'ipvlan', 'ipvtap', 'dummy', 'bond', 'team', 'gre', 'gretap',
  'ip6gre', 'ip6gretap', 'erspan', 'ip6erspan', 'ipip', 'sit', 'vti', 'vti6', 'ip6tnl', 'geneve', 'bareudp',
  'vrf', 'wireguard', 'ifb', 'nlmon', 'can', 'vcan', 'vxcan', 'hsr', 'macsec', 'xfrm', 'netdevsim',
  'gtp', 'amt', 'batadv', 'lowpan', 'ipoib', 'openvswitch', 'virt_wifi', 'rmnet',
]);

/** Refuses kinds other than bridge and vlan with the message Linux or vnetsim gives. */
export function checkKind(kind: string): 'bridge' | 'vlan' {
  if (kind === 'bridge' || kind === 'vlan') return kind;
  if (kind === 'tun' || kind === 'tap') refuse('Error: tun/tap creation via rtnetlink is not supported.');
  if (UNMODELLED_KINDS.has(kind)) refuse(notSupported(`ip link type ${kind}`, 'type bridge, type vlan'));
  return refuse('Error: Unknown device type.');
}

const BRIDGE_UNMODELLED = [
  'group_fwd_mask', 'group_address', 'fdb_flush',
  'fdb_max_learned', 'vlan_default_pvid', 'vlan_stats_enabled', 'vlan_stats_per_port', 'vlan_protocol',
  'mcast_snooping', 'mcast_vlan_snooping', 'mcast_router', 'mcast_query_use_ifaddr', 'mcast_querier',
  'mcast_hash_elasticity', 'mcast_hash_max', 'mcast_last_member_count', 'mcast_startup_query_count',
  'mcast_last_member_interval', 'mcast_membership_interval', 'mcast_querier_interval',
  'mcast_query_interval', 'mcast_query_response_interval', 'mcast_startup_query_interval',
  'mcast_stats_enabled', 'mcast_igmp_version', 'mcast_mld_version', 'nf_call_iptables',
  'nf_call_ip6tables', 'nf_call_arptables', 'no_linklocal_learn', 'mst_enabled',
];

const BRIDGE_MODELLED = 'ageing_time, stp_state, priority, forward_delay, hello_time, max_age, vlan_filtering';

/** A clock_t value (centiseconds, iproute2's `get_u32`) as ns. */
function centiseconds(a: Argv, what: string): number {
  const v = a.nextArg();
  const cs = parseUnsigned(v, 0xffffffff);
  if (cs === null) invarg(`invalid ${what}`, v);
  return cs * NS_PER_CENTISECOND;
}

/**
 * `type bridge [ageing_time CS] [stp_state 0|1] [priority PRIO] [forward_delay CS] [hello_time CS]
 * [max_age CS] [vlan_filtering 0|1]`; times in centiseconds as iproute2 takes them.
 */
export function parseBridgeKindOptions(words: readonly string[]): BridgeOptions {
  let options: BridgeOptions = {};
  for (const a = new Argv(words); a.more; a.advance()) {
    const w = a.current;
    if (matches(w, 'forward_delay')) {
      options = { ...options, forwardDelayNs: centiseconds(a, 'forward_delay') };
    } else if (matches(w, 'hello_time')) {
      options = { ...options, helloTimeNs: centiseconds(a, 'hello_time') };
    } else if (matches(w, 'max_age')) {
      options = { ...options, maxAgeNs: centiseconds(a, 'max_age') };
    } else if (matches(w, 'priority')) {
      const v = a.nextArg();
      const prio = parseUnsigned(v, 0xffff);
      if (prio === null) invarg('invalid priority', v);
      options = { ...options, priority: prio };
    } else if (matches(w, 'ageing_time')) {
      const v = a.nextArg();
      const cs = parseUnsigned(v, 0xffffffff);
      if (cs === null) invarg('invalid ageing_time', v);
      options = { ...options, ageingNs: cs * NS_PER_CENTISECOND };
    } else if (matches(w, 'stp_state')) {
      const v = a.nextArg();
      const state = parseUnsigned(v, 0xffffffff);
      if (state === null) invarg('invalid stp_state', v);
      options = { ...options, stp: state !== 0 };
    } else if (matches(w, 'vlan_filtering')) {
      const v = a.nextArg();
      const on = parseUnsigned(v, 255);
      if (on === null) invarg('invalid vlan_filtering', v);
      options = { ...options, vlanFiltering: on !== 0 };
    } else if (BRIDGE_UNMODELLED.some((k) => matches(w, k))) {
      refuse(notSupported(`ip link type bridge ${BRIDGE_UNMODELLED.find((k) => matches(w, k))}`, BRIDGE_MODELLED));
    } else {
      refuse(`bridge: unknown command "${w}"?`);
    }
  }
  return options;
}

const VLAN_UNMODELLED = ['reorder_hdr', 'gvrp', 'mvrp', 'loose_binding', 'bridge_binding', 'ingress-qos-map', 'egress-qos-map'];

/** `type vlan id VID [protocol 802.1Q]`: the VID, if given. The VID range is the 8021q module's check. */
export function parseVlanKindOptions(words: readonly string[]): number | null {
  let vid: number | null = null;
  for (const a = new Argv(words); a.more; a.advance()) {
    const w = a.current;
    if (matches(w, 'protocol')) {
      const v = a.nextArg();
      if (v.toLowerCase() === '802.1ad') refuse(notSupported('ip link type vlan protocol 802.1ad', 'protocol 802.1Q'));
      if (v.toLowerCase() !== '802.1q') invarg('protocol is invalid', v);
    } else if (matches(w, 'id')) {
      const v = a.nextArg();
      vid = parseUnsigned(v, 0xffff);
      if (vid === null) invarg('id is invalid', v);
    } else if (VLAN_UNMODELLED.some((k) => matches(w, k))) {
      refuse(notSupported(`ip link type vlan ${VLAN_UNMODELLED.find((k) => matches(w, k))}`, 'id, protocol 802.1Q'));
    } else {
      refuse(`vlan: unknown command "${w}"?`);
    }
  }
  if (vid !== null && !isValidVid(vid)) refuse('Error: 8021q: Invalid VLAN id.');
  return vid;
}
