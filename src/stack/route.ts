/**
 * A route of a kernel's main table, and how a lookup reads the table. A lookup runs for every packet
 * sent or forwarded, so it scans an array kept in lookup order (longest prefix first) and builds
 * nothing; the order is made when the table changes, which only configuration does.
 */
import type { Netdev } from '../net/dev/netdev.js';
import { prefixMask, type Ipv4Address } from '../wire/ipv4-address.js';

export interface Route {
  readonly dest: Ipv4Address;
  readonly prefixLength: number;
  readonly via: Ipv4Address | null;
  readonly dev: Netdev;
  readonly proto: 'kernel' | 'static';
  readonly src: Ipv4Address | null;
}

/** Whether a route's destination prefix contains `ip` (both sides masked, as `inSubnet` does). */
export function covers(r: Route, ip: Ipv4Address): boolean {
  return ((ip ^ r.dest) & prefixMask(r.prefixLength)) === 0;
}

/**
 * `routes` in lookup order: a stable sort by prefix length, longest first, so the first match is
 * the longest and, among equal prefixes, the one added first. Returns `routes` itself when it is
 * already in that order (the usual connected subnet, then default route).
 */
export function longestPrefixFirst(routes: readonly Route[]): readonly Route[] {
  for (let i = 1; i < routes.length; i++) {
    if (routes[i]!.prefixLength > routes[i - 1]!.prefixLength) return routes.slice().sort((a, b) => b.prefixLength - a.prefixLength);
  }
  return routes;
}
