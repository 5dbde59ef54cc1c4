import { MS } from '../engine/time.js';
import { runCommand } from '../linux/run.js';
import { parseCommand } from '../linux/parse.js';
import { looksAtState } from '../linux/command.js';
import { failed, type CommandResult } from '../linux/result.js';
import { Link, type LinkEnd } from '../net/link.js';
import { PhysicalNic } from '../net/physical-nic.js';
import { PhysicalSwitch } from '../net/switch.js';
import { TapDevice } from '../net/tap.js';
import { VlanMembership } from '../net/vlan-membership.js';
import { Host, type VmMigrator } from '../nodes/host.js';
import { MacAllocator } from '../nodes/mac-allocator.js';
import { Vm } from '../nodes/vm.js';
import type { IpStack } from '../stack/ip-stack.js';
import { ArpProbe, BroadcastBurst } from '../traffic/broadcast.js';
import { Ping } from '../traffic/ping.js';
import { UdpFlow, UdpSink } from '../traffic/udp-flow.js';
import { MacFlood } from '../traffic/mac-flood.js';
import { DoubleTaggedInjector } from '../traffic/double-tagged.js';
import { BROADCAST_MAC } from '../wire/mac.js';
import type { Netdev } from '../net/netdev.js';
import { formatIpv4, parseIpv4, type Ipv4Address } from '../wire/ipv4-address.js';
import type { Place } from '../trace/place.js';
import type { ScenarioDoc, Selector } from './document.js';
import { resolveSelector } from './selectors.js';
import { Simulation } from './simulation.js';

/** A problem found while building, located by its path in the document. */
export interface BuildProblem {
  readonly path: (string | number)[];
  readonly message: string;
}

export type BuildResult = { ok: true; sim: Simulation } | { ok: false; problems: BuildProblem[] };

/** Something that can send and receive IP traffic: a VM's guest or a host's kernel. */
interface Endpoint {
  readonly place: Place;
  /** Null for a bare IPv4 address outside the scenario. */
  readonly stack: IpStack | null;
  readonly address: Ipv4Address | null;
}

/**
 * Turns a loaded scenario into a ready-to-run simulation: hosts and their NICs, the VMs' TAPs,
 * each host's commands in order, the VMs, switches, cables, traffic and the timeline.
 *
 * A VM's TAP: if the host's commands create it (`ip tuntap add`), the VM attaches to it after the
 * commands ran; otherwise the hypervisor creates it, up, before the commands run (as libvirt does),
 * so the commands can enslave it.
 */
export function buildSimulation(doc: ScenarioDoc): BuildResult {
  const sim = new Simulation(doc);
  const net = sim.net;
  const problems: BuildProblem[] = [];
  const macs = new MacAllocator();
  for (const h of doc.hosts) {
    for (const n of h.nics) if (n.mac !== null) macs.claim(n.mac);
    for (const v of h.vms) if (v.mac !== null) macs.claim(v.mac);
  }
  const vmMac = new Map<string, number>();
  for (const h of doc.hosts) for (const v of h.vms) vmMac.set(v.name, v.mac ?? macs.forVm(v.name));

  doc.hosts.forEach((h, hi) => {
    const host = new Host(net, h.name, macs);
    sim.hosts.set(h.name, host);
    for (const n of h.nics) host.addPhysicalNic(n.name, n.mac);
    const made = new Set<string>();
    for (const line of h.commands) {
      const parsed = parseCommand(line);
      if (parsed.ok && parsed.op.kind === 'tuntap-add') made.add(parsed.op.name);
    }
    for (const v of h.vms) {
      if (!made.has(v.tap)) host.createTapForVm(v.tap, tapMacFor(vmMac.get(v.name)!));
    }
    h.commands.forEach((line, ci) => {
      const r = runHostLine(sim, host, line);
      if (!r.ok) problems.push({ path: ['hosts', hi, 'commands', ci], message: `on ${h.name}, "${line}" failed: ${r.error}` });
    });
    h.vms.forEach((v, vi) => {
      const tap = host.device(v.tap);
      if (!(tap instanceof TapDevice)) {
        problems.push({
          path: ['hosts', hi, 'vms', vi, 'tap'],
          message: tap ? `${v.name}'s "${v.tap}" on ${h.name} is a ${tap.kind} device, not a TAP` : `${v.name}'s TAP "${v.tap}" does not exist on ${h.name}`,
        });
        return;
      }
      const vm = new Vm(net, host, tap, {
        name: v.name, tenant: v.tenant, mac: vmMac.get(v.name)!, ip: v.ip, gateway: v.gateway, promiscuous: v.promiscuous,
      }, h.hypervisor);
      sim.vms.set(v.name, vm);
    });
  });

  const migrator = new Migrator(sim);
  for (const host of sim.hosts.values()) host.migrator = migrator;

  doc.switches.forEach((s) => {
    const sw = new PhysicalSwitch(net, s.name, {
      ports: s.ports, macTableSize: s.macTableSize, ageingNs: s.ageing, mac: switchMac(macs, s.name, s.ports), stp: s.stp,
    });
    for (const [portName, cfg] of Object.entries(s.vlans)) {
      const port = sw.port(Number(portName.slice(1)));
      if (!port) continue;
      port.vlans = cfg.mode === 'access' ? VlanMembership.access(cfg.vlan) : VlanMembership.trunk(cfg.allowed, cfg.native);
    }
    sim.switches.set(s.name, sw);
  });

  /** Each cable by both of its ends, for the timeline's unplug and plug. */
  const cableAt = new Map<string, Link>();
  doc.links.forEach((l, li) => {
    const a = endpointFor(sim, l.a);
    const b = endpointFor(sim, l.b);
    if (typeof a === 'string') problems.push({ path: ['links', li, 'a'], message: a });
    if (typeof b === 'string') problems.push({ path: ['links', li, 'b'], message: b });
    if (typeof a === 'string' || typeof b === 'string') return;
    const link = new Link(net, a, b, { rate: l.rate, delay: l.delay, queueFrames: l.queue, queueBytes: l.queueBytes });
    sim.links.push(link);
    cableAt.set(l.a, link);
    cableAt.set(l.b, link);
  });

  let udpPort = 40000;
  doc.traffic.forEach((t, ti) => {
    const froms = endpoints(sim, doc, t.from) as (Endpoint & { stack: IpStack })[];
    switch (t.kind) {
      case 'ping': {
        let k = 0;
        for (const f of froms) {
          for (const target of targets(sim, doc, t.to)) {
            if (target.place === f.place) continue;
            if (target.address === null) {
              problems.push({ path: ['traffic', ti, 'ping', 'to'], message: `${target.place.name} has no IPv4 address to ping` });
              continue;
            }
            const start = t.start + k++ * t.stagger;
            sim.pings.push(new Ping(net, f.stack, f.place, target.place.name, { dst: target.address, count: t.count, interval: t.interval, start, size: t.size }));
          }
        }
        return;
      }
      case 'udp': {
        for (const f of froms) {
          for (const target of targets(sim, doc, t.to)) {
            if (target.place === f.place || target.address === null) continue;
            const sink = new UdpSink();
            target.stack?.listenUdp(t.port, sink);
            sim.udpFlows.push(new UdpFlow(net, f.stack, f.place, target.place.name, sink, {
              dst: target.address, port: t.port, rate: t.rate, size: t.size, start: t.start, stop: Math.min(t.stop, doc.duration),
            }, udpPort++));
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

  for (const ev of doc.timeline) {
    if (ev.kind === 'cable') {
      const link = cableAt.get(ev.end);
      if (link) new CableChange(sim, link, ev.at, ev.up);
      continue;
    }
    const host = sim.hosts.get(ev.host);
    if (host) new TimelineCommand(sim, host, ev.at, ev.command);
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, sim };
}

/** The NIC a raw-frame generator writes to: a VM's vNIC, or a host's first device. */
function nicOf(sim: Simulation, e: Endpoint & { stack: IpStack }): Netdev {
  return sim.vms.get(e.place.name)?.nic ?? e.stack.devices[0]!;
}

/**
 * A switch's base MAC (its bridge id) from its name; port N sends BPDUs from base + N, so those
 * are claimed too (and kept below the end of the 02: block, where the next octet would be a group bit).
 */
function switchMac(macs: MacAllocator, name: string, ports: number): number {
  let base = macs.forHostDevice(name);
  const span = 2 ** 40;
  if (base % span > span - ports - 1) base -= ports + 1;
  for (let i = 1; i <= ports; i++) macs.claim(base + i);
  return base;
}

/** A VM's TAP gets the VM's MAC with the first octet 0xfe, as libvirt does, so it never wins a bridge's MAC. */
function tapMacFor(vmMac: number): number {
  return 0xfe * 2 ** 40 + (vmMac % 2 ** 40);
}

function endpointFor(sim: Simulation, ref: string): LinkEnd | string {
  const [node, dev] = ref.split('/');
  const host = sim.hosts.get(node!);
  if (host) {
    const d = host.device(dev!);
    if (!(d instanceof PhysicalNic)) return `"${ref}": ${node} has no physical NIC named "${dev}"`;
    return d;
  }
  const sw = sim.switches.get(node!);
  if (sw) {
    const p = /^p(\d+)$/.exec(dev ?? '');
    const port = p ? sw.port(Number(p[1])) : undefined;
    return port ?? `"${ref}": switch ${node} has no port "${dev}"`;
  }
  return `"${ref}": no host or switch named "${node}"`;
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
      out.push({ place: { id: -1 - ip, name: formatIpv4(ip) }, stack: null, address: ip });
      continue;
    }
    out.push(...endpoints(sim, doc, s));
  }
  return out;
}

function endpointByName(sim: Simulation, name: string): Endpoint | null {
  const vm = sim.vms.get(name);
  if (vm) return { place: vm, stack: vm.stack, address: vm.address };
  const host = sim.hosts.get(name);
  if (host) {
    let address: Ipv4Address | null = null;
    for (const d of host.devices()) {
      address = host.stack.firstAddress(d);
      if (address !== null) break;
    }
    return { place: host, stack: host.stack, address };
  }
  return null;
}

/** The VM's pause between leaving its host and running on the next (live migration's stop-and-copy). */
export const MIGRATION_DOWNTIME = 100 * MS;

/**
 * `virsh migrate`: moves a VM to another host, as libvirt does. The VM keeps its MAC and address;
 * on the destination it gets a TAP of the same name (made there if absent; `vnetN` if a running VM
 * holds that name), enslaved to the bridge its old TAP was in. A destination without that bridge
 * fails the migration, and the VM goes on running where it was.
 */
class Migrator implements VmMigrator {
  constructor(private readonly sim: Simulation) {}

  migrate(name: string, from: Host, to: string): string | null {
    const vm = this.sim.vms.get(name);
    if (vm === undefined || vm.host !== from) return `error: failed to get domain '${name}'`;
    if (vm.tap.toGuest === null) return `error: Requested operation is not valid: domain '${name}' is not running`;
    const dest = this.sim.hosts.get(to);
    if (dest === undefined) return `error: failed to connect to the hypervisor\nerror: Cannot recv data: ssh: Could not resolve hostname ${to}: Name or service not known`;
    if (dest === from) return `error: Requested operation is not valid: domain '${name}' is already running on ${to}`;
    const master = vm.tap.masterName;
    // libvirt plugs the VM into the same bridge on the destination, and gives up when there is none.
    if (master !== null && dest.device(master) === undefined) return `error: Cannot get interface MTU on '${master}': No such device`;
    let ifname = vm.tap.ifname;
    let tap = dest.device(ifname);
    if (tap !== undefined && !(tap instanceof TapDevice && tap.toGuest === null)) {
      for (let i = 0; dest.device((ifname = `vnet${i}`)) !== undefined; i++);
      tap = undefined;
    }
    if (tap === undefined) {
      tap = dest.createTapForVm(ifname, tapMacFor(vm.nic.mac));
      if (master !== null) dest.setMaster(ifname, master);
    }
    vm.migrate(dest, tap as TapDevice, MIGRATION_DOWNTIME);
    return null;
  }
}

/**
 * Runs one command line on a host (start-up or timeline), and keeps what it printed for the report
 * when it was run to look at something (`brctl showmacs`, not `vconfig add`'s confirmation).
 */
function runHostLine(sim: Simulation, host: Host, line: string): CommandResult {
  const parsed = parseCommand(line);
  if (!parsed.ok) return failed(parsed.message);
  const r = runCommand(host, parsed.op);
  if (r.ok && r.output !== '' && looksAtState(parsed.op)) sim.commandOutputs.push({ t: sim.engine.now, host: host.name, line, output: r.output });
  return r;
}

/** A command from the scenario's timeline, run on a host at its time. */
class TimelineCommand {
  constructor(private readonly sim: Simulation, private readonly host: Host, at: number, readonly line: string) {
    sim.engine.at(at, onTimelineCommand, this);
  }

  run(): void {
    const net = this.sim.net;
    if (net.trace.on) net.trace.emit({ kind: 'command', t: net.now, at: this.host, line: this.line });
    const r = runHostLine(this.sim, this.host, this.line);
    if (!r.ok) this.sim.commandFailures.push({ t: net.now, host: this.host.name, line: this.line, error: r.error ?? 'failed' });
  }
}

function onTimelineCommand(c: TimelineCommand): void {
  c.run();
}

/** A cable pulled or plugged back in at a time of the timeline (the link records it in the trace). */
class CableChange {
  constructor(sim: Simulation, readonly link: Link, at: number, readonly up: boolean) {
    sim.engine.at(at, onCableChange, this);
  }
}

function onCableChange(c: CableChange): void {
  c.link.setUp(c.up);
}
