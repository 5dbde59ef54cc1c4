/**
 * What a finished run measured between a set of sources and a set of destinations, for
 * expectations on measurements (`rtt`, `loss`, `goodput`): every RTT sample of the ping pairs
 * and every one-way delay sample of the UDP streams between them, and each stream's counts.
 *
 * Names are those the report uses: a ping pair's or stream's `from` (a VM or host name) and `to`
 * (a VM or host name, or an address outside the scenario). Samples are copied, in the order the
 * sources were made and, within one, the order measured; the result does not change with the run.
 */
import type { Simulation } from '../scenario/simulation.js';
import type { UdpFlowResult } from '../traffic/udp-flow.js';
import { udpInFlight } from './udp-in-flight.js';

export interface Measurements {
  /** Ping pairs between the two sets, and echoes sent and answered over all of them. */
  readonly pingPairs: number;
  readonly echoesSent: number;
  readonly echoesAnswered: number;
  /** Every RTT (ns) of those pairs. */
  readonly rttNs: Float64Array;
  /** Every one-way delay (ns) of the UDP streams between the two sets. */
  readonly oneWayNs: Float64Array;
  /** Each UDP stream between the two sets: sent, received, lost, lossRatio, goodputBps, ... */
  readonly flows: readonly UdpFlowResult[];
}

function concat(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The measurements of every ping pair and UDP stream from a name in `from` to a name in `to`
 * (with `port`, only the UDP streams to that destination port).
 */
export function measurementsBetween(sim: Simulation, from: Iterable<string>, to: Iterable<string>, port: number | null = null): Measurements {
  const froms = new Set(from);
  const tos = new Set(to);
  const rtt: Float64Array[] = [];
  let pingPairs = 0;
  let echoesSent = 0;
  let echoesAnswered = 0;
  for (const p of sim.pings) {
    if (!froms.has(p.from.name) || !tos.has(p.to)) continue;
    const r = p.result();
    pingPairs++;
    echoesSent += r.sent;
    echoesAnswered += r.received;
    rtt.push(p.rttSamples());
  }
  const inFlight = udpInFlight(sim);
  const oneWay: Float64Array[] = [];
  const flows: UdpFlowResult[] = [];
  for (const f of sim.udpFlows) {
    if (!froms.has(f.from.name) || !tos.has(f.to) || (port !== null && f.params.port !== port)) continue;
    flows.push(f.result(inFlight.get(f) ?? 0));
    oneWay.push(f.oneWaySamples());
  }
  return { pingPairs, echoesSent, echoesAnswered, rttNs: concat(rtt), oneWayNs: concat(oneWay), flows };
}
