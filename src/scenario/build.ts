/**
 * The builder: a loaded document made into devices and wired, in a fixed order (hosts with their
 * NICs, TAPs, start-up commands and VMs; switches; cables; traffic; the timeline), so the same
 * document always gives the same network, the same MACs and the same event order. Devices never
 * read the document; this file and the ones it calls (traffic-sources.ts, timeline.ts) do.
 */
import { Cable, type CableEnd } from '../net/link/cable.js';
import { PhysicalNic } from '../net/dev/physical-nic.js';
import { PhysicalSwitch } from '../net/l2/switch.js';
import { TapDevice } from '../net/dev/tap.js';
import { VlanMembership } from '../net/l2/vlan-membership.js';
import { Host } from '../nodes/host.js';
import { MacAllocator } from '../nodes/mac-allocator.js';
import { Migrator } from '../nodes/migration.js';
import { tapMacFor, Vm } from '../nodes/vm.js';
import type { ScenarioDoc } from './document.js';
import { runHostLine } from './host-shell.js';
import type { ParsedCommands } from './parsed-commands.js';
import type { SourceLocation } from './problem.js';
import { Simulation } from './simulation.js';
import { scheduleTimeline } from './timeline.js';
import { startTraffic } from './traffic-sources.js';

/** A problem found while building, located by its path in the document. */
interface BuildProblem {
  readonly path: (string | number)[];
  readonly message: string;
}

type BuildResult = { ok: true; sim: Simulation } | { ok: false; problems: BuildProblem[] };

/**
 * Turns a loaded scenario into a ready-to-run simulation: hosts and their NICs, the VMs' TAPs,
 * each host's commands in order, the VMs, switches, cables, traffic and the timeline. `commands`
 * holds the lines the loader parsed; they are run from there, not parsed again.
 *
 * A VM's TAP: if the host's commands create it (`ip tuntap add`), the VM attaches to it after the
 * commands ran; otherwise the hypervisor creates it, up, before the commands run (as libvirt does),
 * so the commands can enslave it.
 */
export function buildSimulation(doc: ScenarioDoc, commands: ParsedCommands, expectSources: readonly SourceLocation[] = []): BuildResult {
  const sim = new Simulation(doc, expectSources);
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
    const lines = h.commands.map((line) => ({ line, parsed: commands.parse(line) }));
    const made = new Set<string>();
    for (const { parsed } of lines) if (parsed.ok && parsed.op.kind === 'tuntap-add') made.add(parsed.op.name);
    for (const v of h.vms) {
      if (!made.has(v.tap)) host.createTapForVm(v.tap, tapMacFor(vmMac.get(v.name)!));
    }
    lines.forEach(({ line, parsed }, ci) => {
      const r = runHostLine(sim, host, line, parsed);
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

  const migrator = new Migrator(sim.hosts, sim.vms);
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
  const cableAt = new Map<string, Cable>();
  doc.links.forEach((l, li) => {
    const a = endpointFor(sim, l.a);
    const b = endpointFor(sim, l.b);
    if (typeof a === 'string') problems.push({ path: ['links', li, 'a'], message: a });
    if (typeof b === 'string') problems.push({ path: ['links', li, 'b'], message: b });
    if (typeof a === 'string' || typeof b === 'string') return;
    const link = new Cable(net, a, b, { rate: l.rate, delay: l.delay, queueFrames: l.queue, queueBytes: l.queueBytes });
    sim.links.push(link);
    cableAt.set(l.a, link);
    cableAt.set(l.b, link);
  });

  startTraffic(sim, doc, (path, message) => problems.push({ path, message }));

  scheduleTimeline(sim, commands, cableAt);

  return problems.length > 0 ? { ok: false, problems } : { ok: true, sim };
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

function endpointFor(sim: Simulation, ref: string): CableEnd | string {
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
