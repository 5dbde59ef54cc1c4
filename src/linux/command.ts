/**
 * What a configuration line asks of a host, as a typed operation. `parseCommand` turns a line into
 * one `LinuxOp`; `runCommand` applies it to a `LinuxKernel`. Where two tools can ask for the same
 * thing (`brctl addbr` and `ip link add type bridge`), the op keeps `tool` so a failure is reported
 * in the words of the tool the user typed.
 */
import type { Ipv4Address, Ipv4Cidr } from '../wire/ipv4-address.js';
import type { Mac } from '../wire/mac.js';

/** Bridge attributes: `brctl setageing|stp|setbridgeprio|setfd|sethello|setmaxage`, `ip link add|set BR type bridge ...`. Absent = unchanged. */
export interface BridgeOptions {
  readonly ageingNs?: number;
  readonly stp?: boolean;
  readonly vlanFiltering?: boolean;
  /** Spanning tree bridge priority (`brctl setbridgeprio`, `priority`). */
  readonly priority?: number;
  readonly forwardDelayNs?: number;
  readonly helloTimeNs?: number;
  readonly maxAgeNs?: number;
}

/** Spanning tree port attributes: `brctl setpathcost|setportprio BR PORT N`. Absent = unchanged. */
export interface BridgePortOptions {
  readonly pathCost?: number;
  readonly priority?: number;
}

/** A MASQUERADE rule of the nat table's POSTROUTING chain: `[-s CIDR] [-o DEV] -j MASQUERADE`. */
export interface NatRule {
  readonly source: Ipv4Cidr | null;
  readonly outDev: string | null;
}

/** Two rules are the same rule when they match the same packets (what `iptables -D` looks for). */
export function sameNatRule(a: NatRule, b: NatRule): boolean {
  return a.outDev === b.outDev && a.source?.address === b.source?.address && a.source?.prefixLength === b.source?.prefixLength;
}

export type SysctlItem =
  | { readonly op: 'read'; readonly key: string }
  | { readonly op: 'write'; readonly key: string; readonly value: string };

/** The read-only views the show commands print. */
export type Show =
  | { readonly of: 'brctl-bridges'; readonly bridges: readonly string[] } // brctl show [BR...]
  | { readonly of: 'brctl-macs'; readonly bridge: string }               // brctl showmacs BR
  | { readonly of: 'brctl-stp'; readonly bridge: string }                // brctl showstp BR
  | { readonly of: 'links'; readonly filter: LinkFilter }                // ip link show
  | { readonly of: 'addresses'; readonly filter: LinkFilter }            // ip addr show
  | { readonly of: 'routes'; readonly dev: string | null }               // ip route show
  | { readonly of: 'neighbours'; readonly dev: string | null }           // ip neigh show
  | { readonly of: 'tuntaps' }                                           // ip tuntap show
  | { readonly of: 'fdb'; readonly bridge: string | null; readonly dev: string | null; readonly vlan: number | null } // bridge fdb show
  | { readonly of: 'bridge-vlans'; readonly dev: string | null };         // bridge vlan show

/** The selectors `ip link show` and `ip addr show` share. */
export interface LinkFilter {
  readonly dev: string | null;
  readonly up: boolean;
  readonly master: string | null;
  /** `type bridge|vlan|tun` as `ip link show type T` spells it. */
  readonly type: string | null;
}

export type LinuxOp =
  /** A blank line or a comment. */
  | { readonly kind: 'nop' }
  | { readonly kind: 'bridge-add'; readonly tool: 'brctl' | 'ip'; readonly name: string; readonly options: BridgeOptions }
  /** `brctl delbr`: refuses a bridge that is still up (unlike `ip link del`). */
  | { readonly kind: 'bridge-del'; readonly name: string }
  /** `brctl setageing|stp` (ip's bridge attributes travel in `link-set`). */
  | { readonly kind: 'bridge-set'; readonly bridge: string; readonly options: BridgeOptions }
  /** `brctl setpathcost|setportprio BR PORT N` */
  | { readonly kind: 'bridge-port-set'; readonly bridge: string; readonly port: string; readonly options: BridgePortOptions }
  /** `brctl addif BR DEV...` */
  | { readonly kind: 'bridge-port-add'; readonly bridge: string; readonly ports: readonly string[] }
  /** `brctl delif BR DEV...` */
  | { readonly kind: 'bridge-port-del'; readonly bridge: string; readonly ports: readonly string[] }
  | { readonly kind: 'tuntap-add'; readonly name: string; readonly mode: 'tap' | 'tun' }
  | { readonly kind: 'tuntap-del'; readonly name: string; readonly mode: 'tap' | 'tun' }
  | { readonly kind: 'vlan-add'; readonly tool: 'ip' | 'vconfig'; readonly parent: string; readonly name: string; readonly vid: number }
  /** `vconfig rem ETH.VID` */
  | { readonly kind: 'vlan-del'; readonly name: string }
  /** `ip link del DEV` */
  | { readonly kind: 'link-del'; readonly dev: string }
  | {
      readonly kind: 'link-set';
      readonly tool: 'ip' | 'ifconfig';
      readonly dev: string;
      readonly up?: boolean;
      /** A bridge to enslave to, or null to release (`nomaster`). */
      readonly master?: string | null;
      readonly mac?: Mac;
      readonly mtu?: number;
      readonly promisc?: boolean;
      /** `ip link set BR type bridge ...` */
      readonly bridge?: BridgeOptions;
    }
  | { readonly kind: 'addr-add'; readonly dev: string; readonly cidr: Ipv4Cidr }
  | { readonly kind: 'addr-del'; readonly dev: string; readonly cidr: Ipv4Cidr }
  | { readonly kind: 'addr-flush'; readonly dev: string }
  | { readonly kind: 'route-add'; readonly dest: Ipv4Address; readonly prefixLength: number; readonly via: Ipv4Address | null; readonly dev: string | null }
  | { readonly kind: 'route-del'; readonly dest: Ipv4Address; readonly prefixLength: number; readonly via: Ipv4Address | null; readonly dev: string | null }
  /** `bridge vlan add dev DEV vid N[-M] [pvid] [untagged] [self] [master]` */
  | {
      readonly kind: 'bridge-vlan-add';
      readonly dev: string;
      readonly vid: number;
      /** Last VID of a range `vid 10-20`; equals `vid` for one VID. */
      readonly vidEnd: number;
      readonly pvid: boolean;
      readonly untagged: boolean;
      readonly self: boolean;
      readonly master: boolean;
    }
  | { readonly kind: 'bridge-vlan-del'; readonly dev: string; readonly vid: number; readonly vidEnd: number; readonly self: boolean; readonly master: boolean }
  /** `sysctl [-w] [-q] [-n] [-e] key[=value]...` */
  | { readonly kind: 'sysctl'; readonly items: readonly SysctlItem[]; readonly quiet: boolean; readonly valuesOnly: boolean; readonly ignoreUnknown: boolean }
  | { readonly kind: 'show'; readonly what: Show }
  /** `iptables -t nat -A|-D POSTROUTING ... -j MASQUERADE`. */
  | { readonly kind: 'nat-rule'; readonly action: 'append' | 'delete'; readonly rule: NatRule }
  /** `virsh migrate [--live] VM qemu+ssh://HOST/system`. */
  | { readonly kind: 'vm-migrate'; readonly vm: string; readonly host: string }
  /** `iptables -t nat -F`. */
  | { readonly kind: 'nat-flush' }
  /** `iptables -t nat -S` (rules) or `-L` (list). */
  | { readonly kind: 'nat-show'; readonly format: 'rules' | 'list'; readonly chain: string | null; readonly numeric: boolean };

export type LinuxOpKind = LinuxOp['kind'];

/**
 * A command run to look at something (`brctl showmacs`, `bridge fdb show`, `ip neigh`,
 * `iptables -t nat -S`, `sysctl KEY`): what it prints is what the user asked for. Commands that
 * change something and confirm it (`vconfig add` says "Added VLAN ...") are not.
 */
export function looksAtState(op: LinuxOp): boolean {
  return op.kind === 'show' || op.kind === 'nat-show' || (op.kind === 'sysctl' && op.items.every((i) => i.op === 'read'));
}
