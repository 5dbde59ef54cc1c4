/**
 * Selectors name who sends or receives traffic and whom an expectation is about:
 *
 *   vm1            that VM            host1          that host itself (its kernel's stack)
 *   "*"            every VM           tenant:blue    the VMs of tenant blue
 *   host:host1     the VMs on host1   [vm1, vm2]     the union of the terms
 *   10.0.0.99      (only as `to`)     that address, whoever owns it
 *
 * Results are names in document order (hosts in file order, each host followed by its VMs), each
 * name once, so every run resolves the same way.
 */
import { parseIpv4, type Ipv4Address } from '../wire/ipv4-address.js';
import type { ScenarioDoc, Selector } from './document.js';

type Endpoint =
  | { kind: 'vm'; name: string; host: string; tenant: string }
  | { kind: 'host'; name: string };

/** Every host and VM, in document order: host1, its VMs, host2, its VMs... */
function endpoints(doc: ScenarioDoc): Endpoint[] {
  const out: Endpoint[] = [];
  for (const h of doc.hosts) {
    out.push({ kind: 'host', name: h.name });
    for (const vm of h.vms) out.push({ kind: 'vm', name: vm.name, host: h.name, tenant: vm.tenant });
  }
  return out;
}

/** The terms of a selector: a string selector is one term. */
export function selectorTerms(sel: Selector): string[] {
  return typeof sel === 'string' ? [sel] : sel;
}

/** The IPv4 address a term names, or null when it is not an address. */
function termAddress(term: string): Ipv4Address | null {
  return parseIpv4(term);
}

/** Whether one term picks this endpoint. */
function termMatches(term: string, e: Endpoint): boolean {
  const t = term.trim();
  if (t === '*') return e.kind === 'vm';
  if (t.startsWith('tenant:')) return e.kind === 'vm' && e.tenant === t.slice(7);
  if (t.startsWith('host:')) return e.kind === 'vm' && e.host === t.slice(5);
  return e.name === t;
}

/** The endpoints a selector picks, in document order (addresses are ignored: see selectorAddresses). */
function resolveEndpoints(doc: ScenarioDoc, sel: Selector): Endpoint[] {
  const terms = selectorTerms(sel);
  return endpoints(doc).filter((e) => terms.some((t) => termMatches(t, e)));
}

/** The names (VMs, or a host for a bare host name) a selector picks, in document order. */
export function resolveSelector(doc: ScenarioDoc, sel: Selector): string[] {
  return resolveEndpoints(doc, sel).map((e) => e.name);
}

/** The IPv4 addresses written in a selector (only meaningful for `to`), in the order written. */
export function selectorAddresses(sel: Selector): Ipv4Address[] {
  const out: Ipv4Address[] = [];
  for (const t of selectorTerms(sel)) {
    const a = termAddress(t);
    if (a !== null && !out.includes(a)) out.push(a);
  }
  return out;
}

/** A destination: a named endpoint, or an address written in the selector. */
type Destination = { kind: 'name'; name: string } | { kind: 'address'; address: Ipv4Address };

interface Pair {
  from: string;
  to: Destination;
}

/**
 * Every ordered (from, to) pair of two selectors, never a name to itself: from-major in document
 * order; for each sender, the named destinations in document order, then the addresses as written.
 */
export function resolvePairs(doc: ScenarioDoc, from: Selector, to: Selector): Pair[] {
  const senders = resolveSelector(doc, from);
  const names = resolveSelector(doc, to);
  const addresses = selectorAddresses(to);
  const out: Pair[] = [];
  for (const f of senders) {
    for (const n of names) if (n !== f) out.push({ from: f, to: { kind: 'name', name: n } });
    for (const a of addresses) out.push({ from: f, to: { kind: 'address', address: a } });
  }
  return out;
}

/** The tenants that own at least one VM, in document order. */
export function tenants(doc: ScenarioDoc): string[] {
  const out: string[] = [];
  for (const h of doc.hosts) for (const vm of h.vms) if (!out.includes(vm.tenant)) out.push(vm.tenant);
  return out;
}
