/**
 * The `expect:` items that judge measurements rather than reachability: latency (`rtt`,
 * `oneWay`), `loss`, `goodput`, `utilisation` and `drops`. Each bound says its direction by its
 * key (`max`, `min`) or, for a latency statistic, by a comparison (`p99: < 2ms`), so a file never
 * leaves a reader guessing whether a number is a floor or a ceiling.
 */
import * as z from 'zod/v4';
import { durationBound, int, percent, rate, selector } from './schema-values.js';

export const LATENCY_STATS = ['min', 'p50', 'p90', 'p99', 'max'] as const;

const port = int(1, 65535, 'Only the flows to this UDP port (every port when absent)');

const latencyBounds = {
  min: durationBound('min').optional(),
  p50: durationBound('p50').optional(),
  p90: durationBound('p90').optional(),
  p99: durationBound('p99').optional(),
  max: durationBound('max').optional(),
};

const rttOf = 'Round-trip times of the pings';
const oneWayOf = 'One-way delays of the UDP datagrams';
const pooled = 'from every "from" to every "to", all samples together, within every bound given (min, p50, p90, p99, max; like p99: < 2ms).';

export const rtt = z
  .strictObject({ from: selector('from'), to: selector('to'), ...latencyBounds })
  .describe(`${rttOf} ${pooled}`);
export const oneWay = z
  .strictObject({ from: selector('from'), to: selector('to'), port: port.optional(), ...latencyBounds })
  .describe(`${oneWayOf} ${pooled}`);

export const loss = z
  .strictObject({
    from: selector('from'),
    to: selector('to'),
    port: port.optional(),
    max: percent('max', 'The most of its datagrams any one flow may lose'),
  })
  .describe('Every UDP flow from "from" to "to" lost at most max of what it sent.');

export const goodput = z
  .strictObject({
    from: selector('from'),
    to: selector('to'),
    port: port.optional(),
    min: rate('min', 'The least goodput').optional(),
    max: rate('max', 'The most goodput').optional(),
    total: z.boolean({ error: 'total takes true or false' }).describe('Judge the flows\' goodput summed, not each flow (default false)').default(false),
  })
  .describe('Each UDP flow from "from" to "to" (or, with total: true, all of them together) delivered payload at between min and max.');

export const utilisation = z
  .strictObject({
    link: z.string().min(1).describe('A cable end like host1/eth0 or sw1/p1 (both directions of its cable), or one direction like host1/eth0->sw1/p1'),
    min: percent('min', 'The least share of the run the sender was busy').optional(),
    max: percent('max', 'The most share of the run the sender was busy').optional(),
  })
  .describe('Over the whole run, the sender of the link was busy putting frames on the wire for between min and max of the time.');

export const drops = z
  .strictObject({
    reason: z.string().min(1).describe('Only count drops with this reason, like queue-full (all reasons when absent).').optional(),
    at: z.string().min(1).describe('Only count drops at this place, like host1/br0 or sw1 (everywhere when absent).').optional(),
    min: int(0, Number.MAX_SAFE_INTEGER, 'The fewest drops expected').optional(),
    max: int(0, Number.MAX_SAFE_INTEGER, 'The most drops allowed').optional(),
  })
  .describe('Between min and max frames were dropped (with that reason, at that place).');
