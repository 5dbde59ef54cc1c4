/**
 * Which UDP datagrams were still on their way when the run stopped: a stream that sends until the
 * end always has some queued or on a wire, and counting them as lost would overstate loss. Read
 * once per report from the frames the links and hypervisor hops hold; a datagram flooded onto
 * several wires counts once (by its seq), and one that already arrived by another copy not at all.
 */
import type { Simulation } from '../scenario/simulation.js';
import type { UdpFlow } from '../traffic/udp-flow.js';

/** Distinct datagrams in flight per stream that has any. */
export function udpInFlight(sim: Simulation): Map<UdpFlow, number> {
  const seqs = new Map<UdpFlow, Set<number>>();
  if (sim.udpFlows.length === 0) return new Map();
  sim.net.forEachFrameInFlight((frame) => {
    const p = frame.payload;
    if (p.kind !== 'ipv4' || p.payload.kind !== 'udp' || p.payload.probe === null) return;
    const d = p.payload;
    const flow = sim.udpFlows.find((f) => f.awaits(p, d));
    if (flow === undefined) return;
    let s = seqs.get(flow);
    if (s === undefined) seqs.set(flow, (s = new Set()));
    s.add(d.probe!.seq);
  });
  return new Map([...seqs].map(([f, s]) => [f, s.size]));
}
