/**
 * The scenario's `traffic:` items made into applications (src/traffic): pings, UDP streams, ARP
 * probes, broadcast bursts, MAC floods and double-tagged injectors, each sent by every endpoint its
 * `from` selects to every one its `to` selects.
 *
 * Invariants: sources are made in document order, and within an item in the order its selectors
 * resolve (selectors.ts), so start times, UDP source ports (40000 up, one per stream) and random
 * streams are the same on every run; a node never sends to itself. Every UDP stream to one node
 * and port shares that node's one receiving socket (udp-receiver.ts), which tells the streams
 * apart by their 5-tuple. Each ping pair and stream knows its item and the groups of its ends
 * (flow-origin.ts): a VM's tenant, `host:NAME` for a host, the address for one outside.
 */
import type { Netdev } from '../net/dev/netdev.js';
import type { Place } from '../trace/place.js';
import type { IpStack } from '../stack/ip-stack.js';
import { ArpProbe, BroadcastBurst } from '../traffic/broadcast.js';
import { DoubleTaggedInjector } from '../traffic/double-tagged.js';
import { MacFlood } from '../traffic/mac-flood.js';
import { Ping } from '../traffic/ping.js';
import type { FlowOrigin } from '../traffic/flow-origin.js';
import { UdpFlow } from '../traffic/udp-flow.js';
import { UdpReceiver } from '../traffic/udp-receiver.js';
import { formatIpv4, parseIpv4, type Ipv4Address } from '../wire/ipv4-address.js';
import { BROADCAST_MAC } from '../wire/mac.js';
import type { ScenarioDoc, Selector } from './document.js';
import type { PathSegment } from './problem.js';
import { resolveSelector } from './selectors.js';
import type { Simulation } from './simulation.js';

/** Something that can send and receive IP traffic: a VM's guest or a host's kernel. */
interface Endpoint {
  readonly place: Place;
  /** Null for a bare IPv4 address outside the scenario. */
  readonly stack: IpStack | null;
  readonly address: Ipv4Address | null;
  /** Its group for latency and loss by group: a VM's tenant, `host:NAME`, or the address. */
  readonly group: string;
}

/** Starts every traffic item of `doc` in `sim`; `problem` hears of a pair that cannot be made. */
export function startTraffic(sim: Simulation, doc: ScenarioDoc, problem: (path: PathSegment[], message: string) => void): void {
  const net = sim.net;
  let udpPort = 40000;
  const receivers = new Map<IpStack, Map<number, UdpReceiver>>();
  const receiverOf = (stack: IpStack, port: number): UdpReceiver => {
    let byPort = receivers.get(stack);
    if (!byPort) receivers.set(stack, (byPort = new Map()));
    let r = byPort.get(port);
    if (!r) {
      byPort.set(port, (r = new UdpReceiver(net)));
      stack.listenUdp(port, r);
    }
    return r;
  };
  const origins = new Map<string, FlowOrigin>();
  const originOf = (item: number, from: Endpoint, to: Endpoint): FlowOrigin => {
    const key = `${item}\u0000${from.group}\u0000${to.group}`;
    let o = origins.get(key);
    if (!o) origins.set(key, (o = { item, fromGroup: from.group, toGroup: to.group }));
    return o;
  };
  doc.traffic.forEach((t, ti) => {
    const froms = endpoints(sim, doc, t.from) as (Endpoint & { stack: IpStack })[];
    switch (t.kind) {
      case 'ping': {
        let k = 0;
        for (const f of froms) {
          for (const target of targets(sim, doc, t.to)) {
            if (target.place === f.place) continue;
            if (target.address === null) {
              problem(['traffic', ti, 'ping', 'to'], `${target.place.name} has no IPv4 address to ping`);
              continue;
            }
            const start = t.start + k++ * t.stagger;
            sim.pings.push(new Ping(net, f.stack, f.place, target.place.name, {
              dst: target.address, count: t.count, interval: t.interval, start, size: t.size,
            }, originOf(ti, f, target)));
          }
        }
        return;
      }
      case 'udp': {
        for (const f of froms) {
          for (const target of targets(sim, doc, t.to)) {
            if (target.place === f.place || target.address === null) continue;
            const receiver = target.stack === null ? null : receiverOf(target.stack, t.port);
            sim.udpFlows.push(new UdpFlow(net, f.stack, f.place, target.place.name, receiver, {
              dst: target.address, port: t.port, rate: t.rate, size: t.size, start: t.start, stop: Math.min(t.stop, doc.duration),
            }, udpPort++, originOf(ti, f, target)));
          }
        }
        return;
      }
      case 'arp':
        for (const f of froms) new ArpProbe(net, f.stack, f.stack.devices[0]!, t.target, { at: t.at, count: t.count, interval: t.interval });
        return;
      case 'broadcast':
        for (const f of froms) new BroadcastBurst(net, f.stack, f.stack.devices[0]!, t.size, { at: t.at, count: t.count, interval: t.interval });
        return;
      case 'macFlood':
        for (const f of froms) {
          // Its own seeded stream per sender and item, so adding traffic elsewhere changes no MAC.
          const random = sim.engine.random(`macFlood/${f.place.name}/${ti}`);
          new MacFlood(net, nicOf(sim, f), random, { at: t.at, count: t.count, rate: t.rate, to: t.to, size: t.size });
        }
        return;
      case 'doubleTagged':
        for (const f of froms) {
          for (const target of targets(sim, doc, t.to)) {
            if (target.place === f.place || target.address === null) continue;
            const vm = sim.vms.get(target.place.name);
            const dstMac = vm ? vm.nic.mac : target.stack ? target.stack.devices[0]?.mac ?? BROADCAST_MAC : BROADCAST_MAC;
            new DoubleTaggedInjector(net, f.stack, nicOf(sim, f), {
              outer: t.outer, inner: t.inner, dstMac, dstIp: target.address, at: t.at, count: t.count, interval: t.interval,
            });
          }
        }
        return;
    }
  });
}

/** The NIC a raw-frame generator writes to: a VM's vNIC, or a host's first device. */
function nicOf(sim: Simulation, e: Endpoint & { stack: IpStack }): Netdev {
  return sim.vms.get(e.place.name)?.nic ?? e.stack.devices[0]!;
}

function endpoints(sim: Simulation, doc: ScenarioDoc, sel: Selector): Endpoint[] {
  const out: Endpoint[] = [];
  for (const name of resolveSelector(doc, sel)) {
    const e = endpointByName(sim, name);
    if (e) out.push(e);
  }
  return out;
}

function targets(sim: Simulation, doc: ScenarioDoc, sel: Selector): Endpoint[] {
  const list = Array.isArray(sel) ? sel : [sel];
  const out: Endpoint[] = [];
  for (const s of list) {
    const ip = parseIpv4(s);
    if (ip !== null) {
      out.push({ place: { id: -1 - ip, name: formatIpv4(ip) }, stack: null, address: ip, group: formatIpv4(ip) });
      continue;
    }
    out.push(...endpoints(sim, doc, s));
  }
  return out;
}

function endpointByName(sim: Simulation, name: string): Endpoint | null {
  const vm = sim.vms.get(name);
  if (vm) return { place: vm, stack: vm.stack, address: vm.address, group: vm.tenant };
  const host = sim.hosts.get(name);
  if (host) {
    let address: Ipv4Address | null = null;
    for (const d of host.devices()) {
      address = host.stack.firstAddress(d);
      if (address !== null) break;
    }
    return { place: host, stack: host.stack, address, group: `host:${name}` };
  }
  return null;
}
