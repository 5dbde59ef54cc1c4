/**
 * The network as boxes and lines (nodes and edges) for the trace header and the visualizer, in
 * document order so the same scenario always gives the same topology.
 */
import { VlanSubinterface } from '../net/dev/vlan-subinterface.js';
import type { Simulation } from '../scenario/simulation.js';
import type { DeviceKind } from '../trace/device-kind.js';

/** A box in the picture: a host, VM or switch, a switch's port, or a device (by its kind). */
type TopologyNodeKind = 'host' | 'vm' | 'switch' | 'switch-port' | DeviceKind;

/** A box in the picture. `id` is the name traces use (`host1/br0`, `vm1/eth0`, `sw1/p3`). */
export interface TopologyNode {
  readonly id: string;
  readonly kind: TopologyNodeKind;
  /** The enclosing node (`host1` for `host1/br0`, `sw1` for `sw1/p3`), null for hosts and switches. */
  readonly parent: string | null;
  readonly label: string;
  readonly tenant: string | null;
  readonly mac: number | null;
}

type TopologyEdgeKind = 'cable' | 'hypervisor' | 'enslaved' | 'vlan-parent';

/** A line in the picture: a cable, a hypervisor hop, or a device's tie to its bridge or parent. */
export interface TopologyEdge {
  readonly id: string;
  readonly a: string;
  readonly b: string;
  readonly kind: TopologyEdgeKind;
  readonly rate: number | null;
  readonly delay: number | null;
}

export interface Topology {
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
}

/**
 * The network as boxes and lines, in a stable order (document order), for the visualizer. Taken
 * after the hosts' start-up commands ran; timeline commands may change bridges later (the trace's
 * `command` records say when).
 */
export function topologyOf(sim: Simulation): Topology {
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  for (const host of sim.hosts.values()) {
    nodes.push({ id: host.name, kind: 'host', parent: null, label: host.name, tenant: null, mac: null });
    for (const d of host.devices()) {
      nodes.push({ id: d.name, kind: d.kind, parent: host.name, label: d.ifname, tenant: null, mac: d.mac });
      if (d.masterName !== null) edges.push({ id: `${d.name}~${host.name}/${d.masterName}`, a: d.name, b: `${host.name}/${d.masterName}`, kind: 'enslaved', rate: null, delay: null });
      if (d instanceof VlanSubinterface) edges.push({ id: `${d.name}~${d.parent.name}`, a: d.name, b: d.parent.name, kind: 'vlan-parent', rate: null, delay: null });
    }
  }
  for (const vm of sim.vms.values()) {
    nodes.push({ id: vm.name, kind: 'vm', parent: vm.host.name, label: vm.name, tenant: vm.tenant, mac: null });
    nodes.push({ id: vm.nic.name, kind: vm.nic.kind, parent: vm.name, label: vm.nic.ifname, tenant: vm.tenant, mac: vm.nic.mac });
    edges.push({ id: `${vm.nic.name}~${vm.tap.name}`, a: vm.nic.name, b: vm.tap.name, kind: 'hypervisor', rate: null, delay: vm.toHost.params.delay });
  }
  for (const sw of sim.switches.values()) {
    nodes.push({ id: sw.name, kind: 'switch', parent: null, label: sw.name, tenant: null, mac: null });
    for (const p of sw.ports) nodes.push({ id: p.name, kind: 'switch-port', parent: sw.name, label: `p${p.index}`, tenant: null, mac: null });
  }
  for (const l of sim.links) {
    edges.push({ id: l.name, a: l.a.name, b: l.b.name, kind: 'cable', rate: l.aToB.params.rate, delay: l.aToB.params.delay });
  }
  return { nodes, edges };
}
