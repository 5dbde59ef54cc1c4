/**
 * Two hosts, h1 (10.0.0.1/24 on eth0) and h2 (its address given, on eth0), joined by one cable of
 * known rate and delay, with every trace record kept. Nothing else is on the wire, so each time a
 * test expects follows from the frame lengths, the rate and the delay.
 */
import { Engine } from '../../src/engine/engine.js';
import { SECOND, US } from '../../src/engine/time.js';
import { Cable } from '../../src/net/link/cable.js';
import { RunContext } from '../../src/net/core/run-context.js';
import type { TraceRecord } from '../../src/trace/record.js';
import { Host } from '../../src/nodes/host.js';
import { MacAllocator } from '../../src/nodes/mac-allocator.js';
import type { EthernetFrame } from '../../src/wire/ethernet.js';
import { ethernetWireBytes } from '../../src/wire/ethernet-wire.js';
import { outputOf } from '../linux/lines.js';

export const RATE = 1e9;
export const DELAY = 5 * US;

/**
 * Time for a frame of `bytes` (as captured, no FCS) to cross the cable: its line time (preamble and
 * SFD 8 + padded frame + FCS 4 + inter-frame gap 12 bytes, a whole number of ns at 1 Gb/s), then
 * propagation.
 */
export function crossing(bytes: number): number {
  return (ethernetWireBytes(bytes) * 8 * SECOND) / RATE + DELAY;
}

export function cabledHosts(h2Address = '10.0.0.2/24') {
  const net = new RunContext(new Engine(1));
  const records: TraceRecord[] = [];
  net.trace.subscribe({ record: (r) => records.push(r) });
  const macs = new MacAllocator();
  const h1 = new Host(net, 'h1', macs);
  const h2 = new Host(net, 'h2', macs);
  const eth1 = h1.addPhysicalNic('eth0', null);
  const eth2 = h2.addPhysicalNic('eth0', null);
  const link = new Cable(net, eth1, eth2, { rate: RATE, delay: DELAY, queueFrames: 100, queueBytes: null });
  outputOf(h1, 'ip addr add 10.0.0.1/24 dev eth0');
  outputOf(h2, `ip addr add ${h2Address} dev eth0`);
  /** Frames a host's stack made, in order, with when. */
  const sentBy = (host: Host): { t: number; frame: EthernetFrame }[] => records
    .filter((r): r is Extract<TraceRecord, { kind: 'originate' }> => r.kind === 'originate' && r.at.name === `${host.name}/eth0`)
    .map((r) => ({ t: r.t, frame: r.frame }));
  return { net, records, h1, h2, eth1, eth2, link, sentBy };
}
