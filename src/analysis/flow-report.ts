/**
 * The report's per-flow sections: each ping pair with its RTT distribution, each UDP stream with
 * its one-way delay distribution, and the `latency` section pooling the samples per `traffic:`
 * item and per group pair (source group -> destination group: a VM's tenant, `host:NAME` for a
 * host, the address for one outside the scenario).
 *
 * Invariants: entries come in the order the sources were made (document order), groups in the
 * order first met, so the section is a function of scenario and seed; distributions are exact
 * (latency.ts) and computed once, after the run.
 */
import type { Selector } from '../scenario/document.js';
import type { Simulation } from '../scenario/simulation.js';
import type { FlowOrigin } from '../traffic/flow-origin.js';
import type { PingResult } from '../traffic/ping.js';
import type { UdpFlowResult } from '../traffic/udp-flow.js';
import { distributionOf, type LatencyDistribution } from './latency.js';
import { udpInFlight } from './udp-in-flight.js';

/** A ping pair: its ends' tenants, its counts, RTT min/avg/max, and the distribution of its RTTs. */
export interface PingReport extends PingResult {
  /** The sender's tenant; null when the sender is a host. So the text report can group pairs ("every cross-tenant pair") from what the JSON holds. */
  readonly fromTenant: string | null;
  /** The target's tenant; null when the target is a host or was written as an address. */
  readonly toTenant: string | null;
  /** RTTs of the answered echoes (ns); null when none was answered. */
  readonly rtt: LatencyDistribution | null;
}

/** A UDP stream: its 5-tuple, counts, goodput, jitter, and the distribution of its one-way delays. */
export interface UdpReport extends UdpFlowResult {
  /** One-way delays of the distinct datagrams received (ns); null when none arrived. */
  readonly oneWay: LatencyDistribution | null;
}

/** Samples pooled over several pairs: RTT for pings, one-way delay for UDP. */
export interface LatencyEntry {
  readonly kind: 'ping' | 'udp';
  readonly metric: 'rtt' | 'oneWay';
  /** For an item: its `from` selector as written; for a group pair: the source group. */
  readonly from: string;
  /** For an item: its `to` selector as written; for a group pair: the destination group. */
  readonly to: string;
  /** Ping pairs or UDP streams pooled. */
  readonly pairs: number;
  readonly distribution: LatencyDistribution | null;
}

/** The samples of one `traffic:` item. */
export interface LatencyItemReport extends LatencyEntry {
  /** Index of the item in the scenario's `traffic:` list (0 = the first). */
  readonly item: number;
}

export interface LatencyReport {
  readonly items: readonly LatencyItemReport[];
  readonly groups: readonly LatencyEntry[];
}

export function pingReports(sim: Simulation): PingReport[] {
  return sim.pings.map((p) => {
    const { from, to, ...rest } = p.result();
    return { from, fromTenant: sim.vms.get(from)?.tenant ?? null, to, toTenant: sim.vms.get(to)?.tenant ?? null, ...rest, rtt: distributionOf([p.rttSamples()]) };
  });
}

export function udpReports(sim: Simulation): UdpReport[] {
  const inFlight = udpInFlight(sim);
  return sim.udpFlows.map((f) => ({ ...f.result(inFlight.get(f) ?? 0), oneWay: distributionOf([f.oneWaySamples()]) }));
}

function selectorText(sel: Selector): string {
  return Array.isArray(sel) ? sel.join(', ') : sel;
}

interface Pool {
  readonly origin: FlowOrigin;
  readonly samples: Float64Array[];
}

/** Pools `sources` by `keyOf`, keeping the order in which keys are first met. */
function pool(sources: readonly { readonly origin: FlowOrigin; readonly samples: Float64Array }[], keyOf: (o: FlowOrigin) => string): Pool[] {
  const pools = new Map<string, Pool>();
  for (const s of sources) {
    const key = keyOf(s.origin);
    let p = pools.get(key);
    if (!p) pools.set(key, (p = { origin: s.origin, samples: [] }));
    p.samples.push(s.samples);
  }
  return [...pools.values()];
}

export function latencyReport(sim: Simulation): LatencyReport {
  const items: LatencyItemReport[] = [];
  const groups: LatencyEntry[] = [];
  const kinds = [
    { kind: 'ping' as const, metric: 'rtt' as const, sources: sim.pings.map((p) => ({ origin: p.origin, samples: p.rttSamples() })) },
    { kind: 'udp' as const, metric: 'oneWay' as const, sources: sim.udpFlows.map((f) => ({ origin: f.origin, samples: f.oneWaySamples() })) },
  ];
  for (const { kind, metric, sources } of kinds) {
    for (const p of pool(sources, (o) => String(o.item))) {
      const t = sim.doc.traffic[p.origin.item];
      if (!t || t.kind !== kind) continue;
      items.push({ item: p.origin.item, kind, metric, from: selectorText(t.from), to: selectorText(t.to), pairs: p.samples.length, distribution: distributionOf(p.samples) });
    }
    for (const p of pool(sources, (o) => `${o.fromGroup}\u0000${o.toGroup}`)) {
      groups.push({ kind, metric, from: p.origin.fromGroup, to: p.origin.toGroup, pairs: p.samples.length, distribution: distributionOf(p.samples) });
    }
  }
  items.sort((a, b) => a.item - b.item);
  return { items, groups };
}
