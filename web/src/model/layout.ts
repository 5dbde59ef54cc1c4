/**
 * A deterministic picture of the topology, made with d3-force in two levels:
 *  1. hosts and switches are discs (radius from what they hold) pulled together by their cables
 *     and pushed apart by charge and collision;
 *  2. inside each host, bridges, TAPs, VLAN interfaces and VMs settle along their ties (enslaved,
 *     vlan-parent, hypervisor hop), kept inside the disc; NICs with a cable sit on the rim facing
 *     their peer, switch ports on the switch's rim the same way; a vNIC sits on its VM's edge
 *     toward its TAP.
 * A VM that a live migration moves (a `migration` hop in the topology, see migration.ts) also gets
 * a place in each host it moves to, beside the TAP it runs behind there, laid out with that host's
 * devices as if it were one of them (`away`).
 * Initial positions come from a hash of each node's id, the simulations' random source is seeded
 * from all ids, and the tick counts are fixed: the same topology always gives the same picture.
 */
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';
import type { TopoIndex } from './topo.js';

export interface Layout {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Drawing radius (groups: their disc). */
  readonly r: Float64Array;
  /**
   * Where a migrated VM is drawn while it runs behind a TAP other than its own (in that TAP's
   * host), by `awayKey(vm, tap)`: the VM's position and its vNIC's.
   */
  readonly away: ReadonlyMap<string, readonly [x: number, y: number, nx: number, ny: number]>;
}

export function awayKey(vm: string, tap: string): string {
  return `${vm}>${tap}`;
}

/** Where a VM migrates to: the TAP and its host (indices), the key of the VM's place there. */
interface Visit { readonly tap: number; readonly host: number; readonly key: string }

function visitsOf(topo: TopoIndex): Visit[] {
  const out: Visit[] = [];
  for (const e of topo.edges) {
    if (!e.migration) continue;
    const vnic = topo.at(e.a), tap = topo.at(e.b);
    if (vnic < 0 || tap < 0 || topo.parent[vnic]! < 0) continue;
    const vm = topo.parent[vnic]!;
    const key = awayKey(topo.nodes[vm]!.id, e.b);
    if (!out.some((v) => v.key === key)) out.push({ tap, host: topo.group[tap]!, key });
  }
  return out;
}

/** A vNIC's place on the edge of its VM's box (2.5 r wide, 1.6 r high), facing (tx, ty). */
function vnicSpot(vx: number, vy: number, vr: number, tx: number, ty: number): [number, number] {
  const a = Math.atan2(ty - vy, tx - vx);
  const c = Math.cos(a), sn = Math.sin(a);
  const d = Math.min(Math.abs(c) > 1e-9 ? (1.25 * vr) / Math.abs(c) : Infinity, Math.abs(sn) > 1e-9 ? (0.8 * vr) / Math.abs(sn) : Infinity);
  return [vx + d * c, vy + d * sn];
}

const GROUP_TICKS = 300;
const INNER_TICKS = 120;

/** Drawing radius of a node that is not a group. */
function nodeRadius(kind: string): number {
  switch (kind) {
    case 'vm': return 17;
    case 'bridge': return 15;
    case 'vlan': return 9;
    case 'tap': return 7;
    case 'nic': return 8;
    case 'vnic': return 4;
    case 'switch-port': return 5;
    default: return 8;
  }
}

/** 32-bit FNV-1a. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded generator in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Two numbers in [0, 1) from an id. */
function idPoint(id: string): [number, number] {
  const h = hash32(id);
  const g = hash32(`${id}#`);
  return [h / 4294967296, g / 4294967296];
}

interface GNode extends SimulationNodeDatum {
  i: number;
  r: number;
}

export function computeLayout(topo: TopoIndex): Layout {
  const n = topo.size;
  const x = new Float64Array(n), y = new Float64Array(n), r = new Float64Array(n);
  const nodes = topo.nodes;
  let seed = 0x9e3779b9;
  for (const node of nodes) seed = Math.imul(seed ^ hash32(node.id), 0x85ebca6b) >>> 0;
  const visits = visitsOf(topo);
  const away = new Map<string, [number, number, number, number]>();

  // ---- level 1: hosts and switches -------------------------------------------------------------
  const groups: GNode[] = [];
  const groupOf = new Map<number, GNode>();
  for (let i = 0; i < n; i++) {
    if (topo.parent[i]! >= 0) continue;
    // A host makes room for the VMs that migrate into it.
    const kids = topo.children[i]!.length + visits.filter((v) => v.host === i).length;
    const rad = nodes[i]!.kind === 'switch'
      ? Math.max(30, (kids * 19) / (2 * Math.PI))
      : 44 + 21 * Math.sqrt(Math.max(1, kids));
    r[i] = rad;
    const g: GNode = { i, r: rad };
    groups.push(g);
    groupOf.set(i, g);
  }
  const area = groups.reduce((s, g) => s + (g.r + 30) ** 2, 0);
  const spread = Math.sqrt(area) * 1.2;
  for (const g of groups) {
    const [u, v] = idPoint(nodes[g.i]!.id);
    const a = 2 * Math.PI * u, d = spread * Math.sqrt(v);
    g.x = d * Math.cos(a);
    g.y = d * Math.sin(a);
  }
  const pairs = new Map<string, { source: GNode; target: GNode; n: number }>();
  for (const e of topo.edges) {
    if (e.kind !== 'cable') continue;
    const ga = topo.group[topo.at(e.a)] ?? -1, gb = topo.group[topo.at(e.b)] ?? -1;
    if (topo.at(e.a) < 0 || topo.at(e.b) < 0 || ga === gb) continue;
    const key = ga < gb ? `${ga}|${gb}` : `${gb}|${ga}`;
    const p = pairs.get(key);
    if (p) p.n++;
    else pairs.set(key, { source: groupOf.get(ga)!, target: groupOf.get(gb)!, n: 1 });
  }
  const links = [...pairs.values()];
  const sim = forceSimulation<GNode>(groups)
    .randomSource(seeded(seed))
    .force('link', forceLink<GNode, { source: GNode; target: GNode; n: number }>(links).distance((l) => l.source.r + l.target.r + 60).strength(0.6))
    .force('charge', forceManyBody<GNode>().strength((g) => -8 * g.r))
    .force('collide', forceCollide<GNode>((g) => g.r + 26).iterations(3))
    .force('x', forceX<GNode>(0).strength(0.05))
    .force('y', forceY<GNode>(0).strength(0.05))
    .stop();
  sim.tick(GROUP_TICKS);
  for (const g of groups) {
    x[g.i] = g.x!;
    y[g.i] = g.y!;
  }

  // ---- rim placement: switch ports and cabled NICs face their peers ----------------------------
  const peerGroupAngle = (i: number): number | null => {
    for (const e of topo.edgesAt[i]!) {
      if (e.kind !== 'cable') continue;
      const other = topo.at(e.a === nodes[i]!.id ? e.b : e.a);
      if (other < 0) continue;
      const g = topo.group[i]!, og = topo.group[other]!;
      if (g === og) continue;
      return Math.atan2(y[og]! - y[g]!, x[og]! - x[g]!);
    }
    return null;
  };
  const rimPlaced = new Set<number>();
  for (const g of groups) {
    const kids = topo.children[g.i]!;
    const isSwitch = nodes[g.i]!.kind === 'switch';
    const rim = kids.filter((k) => isSwitch || (nodes[k]!.kind === 'nic' && peerGroupAngle(k) !== null));
    if (rim.length === 0) continue;
    const slots = isSwitch ? rim.length : Math.max(12, rim.length * 2);
    const taken = new Array<boolean>(slots).fill(false);
    const angleOf = new Map<number, number>();
    const want = rim.map((k) => ({ k, a: peerGroupAngle(k) }));
    const place = (k: number, a: number) => {
      let best = -1, bestD = Infinity;
      for (let s = 0; s < slots; s++) {
        if (taken[s]) continue;
        const sa = (2 * Math.PI * s) / slots - Math.PI;
        let d = Math.abs(sa - a) % (2 * Math.PI);
        if (d > Math.PI) d = 2 * Math.PI - d;
        if (d < bestD - 1e-9) { bestD = d; best = s; }
      }
      taken[best] = true;
      angleOf.set(k, (2 * Math.PI * best) / slots - Math.PI);
    };
    for (const w of want) if (w.a !== null) place(w.k, w.a);
    for (const w of want) if (w.a === null) place(w.k, -Math.PI / 2);
    for (const [k, a] of angleOf) {
      x[k] = x[g.i]! + g.r * Math.cos(a);
      y[k] = y[g.i]! + g.r * Math.sin(a);
      r[k] = nodeRadius(nodes[k]!.kind);
      rimPlaced.add(k);
    }
  }

  // ---- level 2: inside each host --------------------------------------------------------------
  for (const g of groups) {
    if (nodes[g.i]!.kind === 'switch') continue;
    layoutInside(topo, g, x, y, r, rimPlaced, seed, visits.filter((v) => v.host === g.i), away);
  }

  // ---- vNICs on their VM's edge, toward the TAP -------------------------------------------------
  for (let i = 0; i < n; i++) {
    if (nodes[i]!.kind !== 'vnic') continue;
    const vm = topo.parent[i]!;
    r[i] = nodeRadius('vnic');
    if (vm < 0) continue;
    let tx = x[topo.group[i]!]!, ty = y[topo.group[i]!]!;
    for (const e of topo.edgesAt[i]!) {
      if (e.kind !== 'hypervisor' || e.migration) continue;
      const other = topo.at(e.a === nodes[i]!.id ? e.b : e.a);
      if (other >= 0) { tx = x[other]!; ty = y[other]!; }
    }
    [x[i], y[i]] = vnicSpot(x[vm]!, y[vm]!, r[vm]!, tx, ty);
  }
  // The same for a migrated VM at each place it moves to, facing the TAP there.
  for (const v of visits) {
    const p = away.get(v.key);
    if (p) [p[2], p[3]] = vnicSpot(p[0], p[1], nodeRadius('vm'), x[v.tap]!, y[v.tap]!);
  }
  return { x, y, r, away };
}

interface INode extends SimulationNodeDatum {
  /** The device's index; -1 for the place of a VM that migrates here. */
  i: number;
  r: number;
  vm: boolean;
}

function layoutInside(topo: TopoIndex, g: GNode, x: Float64Array, y: Float64Array, r: Float64Array, rimPlaced: Set<number>, seed: number,
  visits: readonly Visit[], away: Map<string, [number, number, number, number]>): void {
  const nodes = topo.nodes;
  const cx = x[g.i]!, cy = y[g.i]!;
  const inner: INode[] = [];
  const byIndex = new Map<number, INode>();
  for (const k of topo.children[g.i]!) {
    const rad = nodeRadius(nodes[k]!.kind);
    r[k] = rad;
    const [u, v] = idPoint(nodes[k]!.id);
    const node: INode = { i: k, r: rad, vm: nodes[k]!.kind === 'vm', x: (u - 0.5) * g.r, y: (v - 0.5) * g.r };
    if (rimPlaced.has(k)) {
      node.fx = x[k]! - cx;
      node.fy = y[k]! - cy;
    } else if (nodes[k]!.kind === 'bridge') {
      node.x = (u - 0.5) * g.r * 0.3;
      node.y = (v - 0.5) * g.r * 0.3;
    }
    inner.push(node);
    byIndex.set(k, node);
  }
  // A VM that migrates here, tied to the TAP it will run behind like a VM of this host.
  const visitors = visits.map((v) => {
    const [u, w] = idPoint(v.key);
    const node: INode = { i: -1, r: nodeRadius('vm'), vm: true, x: (u - 0.5) * g.r, y: (w - 0.5) * g.r };
    inner.push(node);
    return node;
  });
  if (inner.length === 0) return;
  // A vNIC's ties count as its VM's.
  const owner = (id: string): INode | undefined => {
    let k = topo.at(id);
    for (let guard = 0; k >= 0 && guard < 8; guard++) {
      const node = byIndex.get(k);
      if (node) return node;
      k = topo.parent[k]!;
    }
    return undefined;
  };
  const links: { source: INode; target: INode; d: number }[] = [];
  for (const e of topo.edges) {
    if (e.kind === 'cable' || e.migration) continue;
    const a = owner(e.a), b = owner(e.b);
    if (!a || !b || a === b) continue;
    links.push({ source: a, target: b, d: a.r + b.r + (e.kind === 'hypervisor' ? 26 : 30) });
  }
  visits.forEach((v, k) => {
    const tap = byIndex.get(v.tap);
    if (tap) links.push({ source: visitors[k]!, target: tap, d: visitors[k]!.r + tap.r + 26 });
  });
  const limit = g.r;
  const radius = (node: INode) => (node.vm ? node.r * 1.45 : node.r) + 7;
  const contain = () => {
    for (const node of inner) {
      if (node.fx !== undefined && node.fx !== null) continue;
      const d = Math.hypot(node.x!, node.y!);
      const max = limit - node.r - 8;
      if (d > max && d > 0) {
        node.x = (node.x! * max) / d;
        node.y = (node.y! * max) / d;
      }
    }
  };
  const sim = forceSimulation<INode>(inner)
    .randomSource(seeded(seed ^ hash32(nodes[g.i]!.id)))
    .alphaDecay(1 - Math.pow(0.001, 1 / INNER_TICKS))
    .force('link', forceLink<INode, { source: INode; target: INode; d: number }>(links).distance((l) => l.d).strength(0.9))
    .force('charge', inner.length <= SMALL ? pairCharge(inner, -140, limit * 2) : forceManyBody<INode>().strength(-140).distanceMax(limit * 2))
    .force('collide', inner.length <= SMALL ? pairCollide(inner, radius) : forceCollide<INode>(radius))
    .force('x', forceX<INode>(0).strength(0.04))
    .force('y', forceY<INode>(0).strength(0.04))
    .force('contain', contain)
    .stop();
  sim.tick(INNER_TICKS);
  contain();
  for (const node of inner) {
    if (node.i < 0) continue;
    x[node.i] = cx + node.x!;
    y[node.i] = cy + node.y!;
  }
  visits.forEach((v, k) => away.set(v.key, [cx + visitors[k]!.x!, cy + visitors[k]!.y!, 0, 0]));
}

/** Below this many nodes, exact pairwise forces are cheaper than d3's quadtree ones. */
const SMALL = 64;

/**
 * Many-body repulsion computed over every pair (what forceManyBody approximates with a quadtree):
 * the same 1/d law, for the small groups inside a host.
 */
function pairCharge(list: INode[], strength: number, distanceMax: number) {
  let alpha = 1;
  const force = (a: number) => {
    alpha = a;
    const max2 = distanceMax * distanceMax;
    for (let i = 0; i < list.length; i++) {
      const p = list[i]!;
      for (let j = i + 1; j < list.length; j++) {
        const q = list[j]!;
        let dx = q.x! - p.x!, dy = q.y! - p.y!;
        let l = dx * dx + dy * dy;
        if (l >= max2) continue;
        if (l < 1) { dx = ((i * 7 + j * 13) % 5) - 2 || 1; dy = ((i * 11 + j * 3) % 5) - 2 || 1; l = dx * dx + dy * dy; }
        const w = (strength * alpha) / l;
        p.vx! += dx * w; p.vy! += dy * w;
        q.vx! -= dx * w; q.vy! -= dy * w;
      }
    }
  };
  force.initialize = (_: INode[]) => {};
  void alpha;
  return force;
}

/** Collision of discs over every pair, as forceCollide does (strength 1, one pass). */
function pairCollide(list: INode[], radius: (n: INode) => number) {
  const force = () => {
    for (let i = 0; i < list.length; i++) {
      const p = list[i]!;
      const rp = radius(p);
      for (let j = i + 1; j < list.length; j++) {
        const q = list[j]!;
        const r = rp + radius(q);
        let dx = (p.x! + p.vx!) - (q.x! + q.vx!), dy = (p.y! + p.vy!) - (q.y! + q.vy!);
        let l = dx * dx + dy * dy;
        if (l >= r * r) continue;
        if (l === 0) { dx = ((i * 7 + j * 13) % 5) - 2 || 1; dy = ((i * 11 + j * 3) % 5) - 2 || 1; l = dx * dx + dy * dy; }
        const d = Math.sqrt(l);
        const k = ((r - d) / d) * 0.5;
        const rq = radius(q);
        const share = (rq * rq) / (rp * rp + rq * rq);
        p.vx! += dx * k * share; p.vy! += dy * k * share;
        q.vx! -= dx * k * (1 - share); q.vy! -= dy * k * (1 - share);
      }
    }
  };
  force.initialize = (_: INode[]) => {};
  return force;
}
