/**
 * The `expect:` items of a scenario file: each is a map with exactly one key naming what is
 * checked after the run (reach, noReach, isolated, noLeaks, leaks, maxDrops, minDrops,
 * maxInFlight, and the measurements of schema-measure.ts), turned into one value with a `kind` and every optional key filled (null when absent).
 */
import * as z from 'zod/v4';
import { LEAK_CAUSES } from './document.js';
import { exactlyOne, int, name, selector } from './schema-values.js';
import { drops, goodput, LATENCY_STATS, loss, oneWay, rtt, utilisation } from './schema-measure.js';

const reachPair = (what: string) =>
  z.strictObject({ from: selector('from'), to: selector('to') }).describe(what);

const EXPECT_KINDS = ['reach', 'noReach', 'isolated', 'noLeaks', 'maxDrops', 'minDrops', 'maxInFlight', 'leaks', 'rtt', 'oneWay', 'loss', 'goodput', 'utilisation', 'drops'] as const;

const leaks = z
  .strictObject({
    from: selector('from').optional().describe('Only leaks of frames these VMs sent, like tenant:red (any VM when absent).'),
    to: selector('to').optional().describe('Only leaks into these VMs, like tenant:green (any VM when absent).'),
    via: z.string().min(1).describe('Only leaks whose path passes this place: a device, port or node like sw1/p3 or host2.').optional(),
    at: z.string().min(1).describe('Only leaks whose first bad hop is this place (or inside it), like host1/br0.').optional(),
    cause: z
      .enum(LEAK_CAUSES, { error: `cause should be one of: ${LEAK_CAUSES.join(', ')}` })
      .describe('Only leaks the detector explains with this cause.')
      .optional(),
    min: int(0, Number.MAX_SAFE_INTEGER, 'The fewest matching leaks expected (default 1)').default(1),
    max: int(0, Number.MAX_SAFE_INTEGER, 'The most matching leaks allowed (no limit when absent)').optional(),
  })
  .describe('The leak detector finds between min and max leaks that match: a breakage the scenario shows is caught.');

export const expectSchema = z
  .strictObject({
    reach: reachPair('Every "from" got an answer from every "to" (ping replies seen).').optional(),
    noReach: reachPair('No "from" ever reached any "to".').optional(),
    isolated: z
      .array(name('tenant'))
      .min(1, { error: 'isolated needs at least one tenant name' })
      .describe('Tenants whose frames never reach each other\'s VMs.')
      .optional(),
    noLeaks: z
      .literal(true, { error: 'noLeaks takes only the value true' })
      .describe('No frame is delivered to a VM of another tenant.')
      .optional(),
    leaks: leaks.optional(),
    maxDrops: z
      .strictObject({
        reason: z.string().min(1).describe('Only count drops with this reason, like queue-full (all reasons when absent).').optional(),
        count: int(0, Number.MAX_SAFE_INTEGER, 'The most drops allowed'),
        at: z.string().min(1).describe('Only count drops at this place, like host1/br0 or sw1 (everywhere when absent).').optional(),
      })
      .describe('At most count frames are dropped.')
      .optional(),
    minDrops: z
      .strictObject({
        reason: z.string().min(1).describe('Only count drops with this reason, like queue-full (all reasons when absent).').optional(),
        count: int(0, Number.MAX_SAFE_INTEGER, 'The fewest drops expected'),
        at: z.string().min(1).describe('Only count drops at this place, like host1/br0 or sw1 (everywhere when absent).').optional(),
      })
      .describe('At least count frames are dropped: the run did hit the limit it is meant to show.')
      .optional(),
    maxInFlight: int(0, Number.MAX_SAFE_INTEGER, 'The most frames alive at once (queued, on a wire or in a hypervisor hop)')
      .describe('At no instant were more than this many frames in flight: memory stays bounded.')
      .optional(),
    rtt: rtt.optional(),
    oneWay: oneWay.optional(),
    loss: loss.optional(),
    goodput: goodput.optional(),
    utilisation: utilisation.optional(),
    drops: drops.optional(),
  })
  .meta({ description: `One expectation checked after the run: exactly one of ${EXPECT_KINDS.join(', ')}.`, minProperties: 1, maxProperties: 1 })
  .superRefine(exactlyOne('an expectation', EXPECT_KINDS))
  .transform((v) => {
    if (v.reach) return { kind: 'reach' as const, ...v.reach };
    if (v.noReach) return { kind: 'noReach' as const, ...v.noReach };
    if (v.isolated) return { kind: 'isolated' as const, tenants: v.isolated };
    if (v.noLeaks) return { kind: 'noLeaks' as const };
    if (v.leaks) {
      const l = v.leaks;
      return {
        kind: 'leaks' as const, from: l.from ?? null, to: l.to ?? null, via: l.via ?? null, at: l.at ?? null,
        cause: l.cause ?? null, min: l.min, max: l.max ?? null,
      };
    }
    if (v.rtt || v.oneWay) {
      const l = (v.rtt ?? v.oneWay)!;
      const bounds = LATENCY_STATS.flatMap((stat) => {
        const b = l[stat];
        return b ? [{ stat, op: b.op, ns: b.ns }] : [];
      });
      const port = 'port' in l && typeof l.port === 'number' ? l.port : null;
      return v.rtt ? { kind: 'rtt' as const, from: l.from, to: l.to, port: null, bounds } : { kind: 'oneWay' as const, from: l.from, to: l.to, port, bounds };
    }
    if (v.loss) return { kind: 'loss' as const, from: v.loss.from, to: v.loss.to, port: v.loss.port ?? null, max: v.loss.max };
    if (v.goodput) {
      const g = v.goodput;
      return { kind: 'goodput' as const, from: g.from, to: g.to, port: g.port ?? null, min: g.min ?? null, max: g.max ?? null, total: g.total };
    }
    if (v.utilisation) return { kind: 'utilisation' as const, link: v.utilisation.link, min: v.utilisation.min ?? null, max: v.utilisation.max ?? null };
    if (v.drops) return { kind: 'drops' as const, reason: v.drops.reason ?? null, at: v.drops.at ?? null, min: v.drops.min ?? null, max: v.drops.max ?? null };
    if (v.maxInFlight !== undefined) return { kind: 'maxInFlight' as const, count: v.maxInFlight };
    if (v.minDrops) return { kind: 'minDrops' as const, reason: v.minDrops.reason ?? null, count: v.minDrops.count, at: v.minDrops.at ?? null };
    const m = v.maxDrops!;
    return { kind: 'maxDrops' as const, reason: m.reason ?? null, count: m.count, at: m.at ?? null };
  });
