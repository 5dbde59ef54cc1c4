/**
 * A MASQUERADE rule of the nat table's POSTROUTING chain, as the kernel keeps it and `iptables`
 * writes it. Invariant: two rules are the same rule exactly when they match the same packets,
 * which is what `iptables -D` looks for.
 */
import type { Ipv4Cidr } from '../../wire/ipv4-address.js';

/** `[-s CIDR] [-o DEV] -j MASQUERADE` */
export interface NatRule {
  readonly source: Ipv4Cidr | null;
  readonly outDev: string | null;
}

export function sameNatRule(a: NatRule, b: NatRule): boolean {
  return a.outDev === b.outDev && a.source?.address === b.source?.address && a.source?.prefixLength === b.source?.prefixLength;
}
