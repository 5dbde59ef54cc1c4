/**
 * The topology as the visualizer uses it: nodes by id, their enclosing group (host or switch),
 * tenants, and the cable or hop that joins two places.
 */
import type { Topology, TopologyEdge, TopologyNode } from '../../../src/index.js';
import { formatMac } from '../../../src/index.js';

/**
 * A topology node; `ips` (CIDR text) when the simulator reports addresses; `late` marks a device
 * a netdev record adds during the run (added by netdev.ts, drawn only while it exists).
 */
type VizNode = TopologyNode & { readonly ips?: readonly string[]; readonly late?: true };

/**
 * A topology edge; `migration` marks a hypervisor hop that exists only once a live migration has
 * moved the VM behind that TAP (added by migration.ts, drawn only while the VM runs there); `late`
 * a tie a netdev record makes during the run (a port enslaved, a VLAN added on its parent; added
 * by netdev.ts, drawn only while the replayed state has it).
 */
type VizEdge = TopologyEdge & { readonly migration?: true; readonly late?: true };

/**
 * The header's topology with what the trace adds to it (devices made during the run, the ties
 * they get, the hops migrated VMs need), each added once however many records name it.
 */
export class TopologyGrowth {
  private readonly nodes: VizNode[];
  private readonly edges: VizEdge[];
  private readonly ids: Set<string>;
  private readonly edgeIds: Set<string>;
  private added = false;

  constructor(readonly topo: TopoIndex) {
    this.nodes = [...topo.nodes];
    this.edges = [...topo.edges];
    this.ids = new Set(this.nodes.map((n) => n.id));
    this.edgeIds = new Set(this.edges.map((e) => e.id));
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Device `id` of `kind` under host `host` (`host/dev`), unless there is one; false when the header has no such host. */
  device(id: string, kind: TopologyNode['kind'], host: string, late: boolean): boolean {
    if (this.ids.has(id)) return true;
    const h = this.topo.at(host);
    if (h < 0 || this.topo.nodes[h]!.kind !== 'host' || !id.startsWith(`${host}/`)) return false;
    const node: VizNode = { id, kind, parent: host, label: id.slice(host.length + 1), tenant: null, mac: null };
    this.nodes.push(late ? { ...node, late: true } : node);
    this.ids.add(id);
    this.added = true;
    return true;
  }

  /** A tie or hop, unless one with its id exists (or an end is missing). */
  edge(e: VizEdge): void {
    if (this.edgeIds.has(e.id) || !this.ids.has(e.a) || !this.ids.has(e.b)) return;
    this.edges.push(e);
    this.edgeIds.add(e.id);
    this.added = true;
  }

  /** The topology with the additions, null when nothing was added. */
  result(): Topology | null {
    return this.added ? { nodes: this.nodes, edges: this.edges } : null;
  }
}

export class TopoIndex {
  readonly nodes: readonly VizNode[];
  readonly edges: readonly VizEdge[];
  readonly index = new Map<string, number>();
  /** Index of the parent node, -1 at the top. */
  readonly parent: Int32Array;
  /** Index of the top-level group (host or switch) a node belongs to (itself at the top). */
  readonly group: Int32Array;
  readonly children: number[][];
  /** Tenant of each node: a VM's, its vNIC's, and the TAP its hypervisor hop ends on. */
  readonly tenant: (string | null)[];
  readonly tenants: readonly string[];
  /** Edge joining two places, by `a|b` (both orders). */
  private readonly hop = new Map<string, TopologyEdge>();
  /** Cable edges by id (`A<->B`, the name cable records carry). */
  private readonly cables = new Map<string, TopologyEdge>();
  /** The cable or hop edges at a node. */
  readonly edgesAt: VizEdge[][];
  /** VMs that a live migration moves (those with a `migration` hop), by index, in edge order. */
  readonly movers: number[] = [];
  readonly macOwner = new Map<string, number>();
  /** Addresses of each node (from the topology, or learnt from the trace once it is read). */
  readonly ips: (readonly string[] | null)[];

  constructor(readonly topology: Topology) {
    this.nodes = topology.nodes as VizNode[];
    this.edges = topology.edges;
    const n = this.nodes.length;
    this.nodes.forEach((node, i) => this.index.set(node.id, i));
    this.parent = new Int32Array(n).fill(-1);
    this.group = new Int32Array(n);
    this.children = this.nodes.map(() => []);
    this.tenant = this.nodes.map((node) => node.tenant);
    this.edgesAt = this.nodes.map(() => []);
    this.ips = this.nodes.map((node) => (node.ips && node.ips.length > 0 ? node.ips : null));
    for (let i = 0; i < n; i++) {
      const p = this.nodes[i]!.parent;
      const pi = p === null ? -1 : this.index.get(p) ?? -1;
      this.parent[i] = pi;
      if (pi >= 0) this.children[pi]!.push(i);
    }
    for (let i = 0; i < n; i++) {
      let g = i;
      for (let guard = 0; this.parent[g]! >= 0 && guard < 16; guard++) g = this.parent[g]!;
      this.group[i] = g;
    }
    for (const e of this.edges) {
      this.hop.set(`${e.a}|${e.b}`, e);
      this.hop.set(`${e.b}|${e.a}`, e);
      if (e.kind === 'cable') this.cables.set(e.id, e);
      const ia = this.index.get(e.a), ib = this.index.get(e.b);
      if (ia !== undefined) this.edgesAt[ia]!.push(e);
      if (ib !== undefined) this.edgesAt[ib]!.push(e);
      if (e.kind === 'hypervisor' && ia !== undefined && ib !== undefined) {
        const t = this.tenant[ia] ?? this.tenant[ib] ?? null;
        if (t !== null) { this.tenant[ia] = t; this.tenant[ib] = t; }
        const vm = this.parent[ia]!;
        if (e.migration && vm >= 0 && !this.movers.includes(vm)) this.movers.push(vm);
      }
    }
    this.nodes.forEach((node, i) => {
      if (node.mac !== null && node.mac !== undefined) this.macOwner.set(formatMac(node.mac), i);
    });
    this.tenants = [...new Set(this.tenant.filter((t): t is string => t !== null))].sort();
  }

  get size(): number {
    return this.nodes.length;
  }

  at(id: string): number {
    return this.index.get(id) ?? -1;
  }

  edgeBetween(a: string, b: string): TopologyEdge | undefined {
    return this.hop.get(`${a}|${b}`);
  }

  /**
   * The two places a cable joins, from the topology or, for a cable it does not list, from the
   * name (`A<->B`); null when the name is no cable's.
   */
  cableEnds(name: string): readonly [string, string] | null {
    const e = this.cables.get(name);
    if (e) return [e.a, e.b];
    const k = name.indexOf('<->');
    return k < 0 ? null : [name.slice(0, k), name.slice(k + 3)];
  }

  /** The TAP a VM runs behind in the header's topology (where it started), null when none. */
  homeTap(vm: number): string | null {
    for (const c of this.children[vm] ?? []) {
      for (const e of this.edgesAt[c]!) {
        if (e.kind === 'hypervisor' && !e.migration) return e.a === this.nodes[c]!.id ? e.b : e.a;
      }
    }
    return null;
  }

  /** The node and every node under it. */
  subtree(i: number): number[] {
    const out = [i];
    for (let k = 0; k < out.length; k++) out.push(...this.children[out[k]!]!);
    return out;
  }

  /** Whether `id` names node `i` or lies under it (`sw1/p3` is under `sw1`). */
  contains(i: number, id: string): boolean {
    let j = this.at(id);
    for (let guard = 0; j >= 0 && guard < 16; guard++) {
      if (j === i) return true;
      j = this.parent[j]!;
    }
    return false;
  }
}
