/**
 * The ping section of the human report: a count, a summary of the failing pairs by source and
 * destination group, up to 12 failing pairs one by one, and one sentence about the rest.
 *
 * Invariant: every sentence is literally true of the report's `pings` list, and says only what
 * that list holds (a pair's group is its ends' tenants, `fromTenant`/`toTenant`, or for a host or
 * a bare address its name). test/cli/render-pings.property.test.ts reads each sentence back and
 * checks it against the list.
 */
import type { PingReport } from '../index.js';
import { formatDuration } from '../engine/time.js';

/** Pairs listed one by one at most; with this many pairs or fewer, every pair is listed. */
const LISTED = 12;
/** Source -> destination groups named in a summary at most; the rest are counted. */
const GROUPS_NAMED = 6;

/** What became of a pair's echoes. */
type Outcome = 'answered' | 'partly' | 'unanswered' | 'unsent';

function outcome(p: PingReport): Outcome {
  if (p.sent === 0) return 'unsent';
  if (p.received === 0) return 'unanswered';
  return p.received < p.sent ? 'partly' : 'answered';
}

const failing = (p: PingReport): boolean => p.received < p.sent;

const plural = (k: number, word: string): string => `${k} ${word}${k === 1 ? '' : 's'}`;

const rtt = (ns: number | null): string => (ns === null ? '-' : formatDuration(ns));

/** `tenant:red` for a VM, the name for a host or an address. */
const group = (name: string, tenant: string | null): string => (tenant === null ? name : `tenant:${tenant}`);
const groupPair = (p: PingReport): string => `${group(p.from, p.fromTenant)} -> ${group(p.to, p.toTenant)}`;

/** Both ends are VMs: 'same' or 'cross' tenant; null when an end is a host or an address. */
function tenancy(p: PingReport): 'same' | 'cross' | null {
  if (p.fromTenant === null || p.toTenant === null) return null;
  return p.fromTenant === p.toTenant ? 'same' : 'cross';
}

/**
 * Which pairs `some` (a subset of `all`) are, in words: "every pair", "every cross-tenant pair",
 * "2 of 3 tenant:red -> tenant:red pairs", ...; the named parts are disjoint and add up to `some`.
 */
function scope(some: readonly PingReport[], all: readonly PingReport[]): string {
  if (some.length === all.length) return 'every pair';
  const parts: string[] = [];
  const covered = new Set<PingReport>();
  for (const kind of ['cross', 'same'] as const) {
    const inKind = all.filter((p) => tenancy(p) === kind);
    const mine = some.filter((p) => tenancy(p) === kind);
    if (mine.length > 0 && mine.length === inKind.length) {
      parts.push(`every ${kind}-tenant pair`);
      for (const p of mine) covered.add(p);
    }
  }
  const groups = new Map<string, number>();
  for (const p of some) if (!covered.has(p)) groups.set(groupPair(p), (groups.get(groupPair(p)) ?? 0) + 1);
  const sizes = new Map<string, number>();
  for (const p of all) sizes.set(groupPair(p), (sizes.get(groupPair(p)) ?? 0) + 1);
  let named = 0;
  let restPairs = 0;
  for (const [g, k] of groups) {
    if (named++ >= GROUPS_NAMED) {
      restPairs += k;
      continue;
    }
    const size = sizes.get(g)!;
    parts.push(k === size ? `every ${g} pair` : `${k} of ${size} ${g} pairs`);
  }
  const restGroups = groups.size - Math.min(groups.size, GROUPS_NAMED);
  if (restGroups > 0) parts.push(`and ${plural(restPairs, 'more pair')} in ${plural(restGroups, 'other group')}`);
  return parts.join(', ');
}

/** The smallest and largest round trip of `pairs` (which all had replies): `71.264us .. 141.184us`. */
function rttRange(pairs: readonly PingReport[]): string {
  const min = pairs.reduce((m, p) => Math.min(m, p.rttMinNs!), Infinity);
  const max = pairs.reduce((m, p) => Math.max(m, p.rttMaxNs!), -Infinity);
  return `${formatDuration(min)} .. ${formatDuration(max)}`;
}

/** The sentence about the pairs not listed one by one. */
function rest(others: readonly PingReport[], anyListed: boolean): string {
  const by = (o: Outcome) => others.filter((p) => outcome(p) === o);
  const answered = by('answered');
  if (answered.length === others.length) {
    const lead = anyListed ? `the other ${plural(others.length, 'pair')}: ` : '';
    return `${lead}every echo answered; rtt ${rttRange(answered)}`;
  }
  const parts: string[] = [];
  if (answered.length > 0) parts.push(`${answered.length} with every echo answered (rtt ${rttRange(answered)})`);
  const partly = by('partly').length;
  if (partly > 0) parts.push(`${partly} partly answered`);
  const unanswered = by('unanswered').length;
  if (unanswered > 0) parts.push(`${unanswered} unanswered`);
  const unsent = by('unsent').length;
  if (unsent > 0) parts.push(`${unsent} with no echo sent`);
  const lead = anyListed ? `the other ${plural(others.length, 'pair')}` : plural(others.length, 'pair');
  return `${lead}: ${parts.join(', ')}`;
}

/**
 * The ping section. With 12 pairs or fewer every pair is listed. With more: a line per failing
 * outcome saying which groups of pairs it covers, the first 12 failing pairs, and the rest counted.
 *
 *   ping  30 pairs, 12 with replies
 *     18 pairs unanswered: every cross-tenant pair
 *     red1 -> green1 (10.0.0.11): 2 sent, 0 received, 2 errors, rtt min/avg/max -/-/-
 *     ...
 *     the other 18 pairs: 12 with every echo answered (rtt 71.264us .. 141.184us), 6 unanswered
 */
export function renderPings(pings: readonly PingReport[], line: (text?: string) => void): void {
  if (pings.length === 0) return;
  line();
  const withReplies = pings.filter((p) => p.received > 0).length;
  line(`ping  ${plural(pings.length, 'pair')}, ${withReplies} with replies`);
  let listed = pings;
  if (pings.length > LISTED) {
    const unanswered = pings.filter((p) => outcome(p) === 'unanswered');
    if (unanswered.length > 0) line(`  ${plural(unanswered.length, 'pair')} unanswered: ${scope(unanswered, pings)}`);
    const partly = pings.filter((p) => outcome(p) === 'partly');
    if (partly.length > 0) line(`  ${plural(partly.length, 'pair')} partly answered: ${scope(partly, pings)}`);
    listed = pings.filter(failing).slice(0, LISTED);
  }
  for (const p of listed) {
    line(`  ${p.from} -> ${p.to} (${p.dst}): ${p.sent} sent, ${p.received} received${p.errors ? `, ${plural(p.errors, 'error')}` : ''}, rtt min/avg/max ${rtt(p.rttMinNs)}/${rtt(p.rttAvgNs)}/${rtt(p.rttMaxNs)}`);
  }
  if (listed.length < pings.length) {
    const shown = new Set(listed);
    line(`  ${rest(pings.filter((p) => !shown.has(p)), listed.length > 0)}`);
  }
}
