/**
 * Live migration in the picture. A trace's `migrate` records move a VM from one TAP to another
 * (`virsh migrate --live`): it stops on its old host, and after the downtime runs on its new one.
 * Here: the topology the page draws (with each TAP a VM moves to, under its host, even when the
 * header's topology lacks it, and a hypervisor hop from the VM's vNIC to it), and where a VM runs
 * at a point of the trace, from the replayed state (NetState.migrated), in words too.
 */
import type { Topology } from '../../../src/index.js';
import { hostOf } from '../../../src/trace/place.js';
import { awayKey } from './layout.js';
import type { NetState, VmMove } from './net-state.js';
import { MIGRATE } from './slots.js';
import type { RecordStore } from './store.js';
import { formatSpan } from './time.js';
import { TopologyGrowth, type TopoIndex } from './topo.js';

/** The VMs the trace migrates, each with every TAP it leaves or moves to, in record order. */
function migrationVisits(s: RecordStore): { vm: string; tap: string }[] {
  const out: { vm: string; tap: string }[] = [];
  const seen = new Set<string>();
  for (const i of s.migrateRecords) {
    const vm = s.strings[s.at[i]!]!;
    for (const tap of [s.strings[s[MIGRATE.from][i]!]!, s.strings[s[MIGRATE.to][i]!]!]) {
      const key = awayKey(vm, tap);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ vm, tap });
    }
  }
  return out;
}

/**
 * The topology to draw a trace's migrations on: a TAP node for every TAP a migrated VM leaves or
 * moves to that the topology lacks (made by the migration on a host that had none free), under its
 * host, and a hypervisor hop marked `migration` from the VM's vNIC to every such TAP other than the
 * one it started behind. Null when nothing is to be added (no migrations). A TAP whose host, or a
 * VM that, the topology does not have is left out: the VM is then drawn where it started.
 */
export function withMigrations(topo: TopoIndex, s: RecordStore): Topology | null {
  const g = new TopologyGrowth(topo);
  addMigrations(g, s);
  return g.result();
}

/**
 * Adds what a trace's migrations need to a growing topology (see withMigrations). A TAP that is
 * already there (in the header, or added by a netdev record, as the TAP a migration makes is) is
 * used as it is.
 */
export function addMigrations(g: TopologyGrowth, s: RecordStore): void {
  const topo = g.topo;
  for (const { vm, tap } of migrationVisits(s)) {
    const v = topo.at(vm);
    if (v < 0 || topo.nodes[v]!.kind !== 'vm' || !g.device(tap, 'tap', hostOf(tap), false)) continue;
    if (tap === topo.homeTap(v)) continue;
    for (const c of topo.children[v]!) {
      const home = topo.edgesAt[c]!.find((e) => e.kind === 'hypervisor');
      const vnic = topo.nodes[c]!.id;
      if (topo.nodes[c]!.kind !== 'vnic') continue;
      g.edge({ id: `${vnic}~${tap}`, a: vnic, b: tap, kind: 'hypervisor', rate: null, delay: home?.delay ?? null, migration: true });
    }
  }
}

/** Where a VM runs at a point of the trace. */
interface Placement {
  /** The TAP it runs behind; while paused by a migration, the one it is leaving. */
  readonly tap: string | null;
  /** The host of that TAP (the VM's host in the topology when it has no TAP). */
  readonly host: string;
  /** Paused by a live migration: stopped on `host`, not yet resumed behind `move.to`. */
  readonly paused: boolean;
  /** Its last migration, null when it never moved. */
  readonly move: VmMove | null;
}

export function placementOf(topo: TopoIndex, migrated: NetState['migrated'], vm: number): Placement {
  const id = topo.nodes[vm]!.id;
  const move = migrated[id] ?? null;
  const tap = move === null ? topo.homeTap(vm) : move.resumedAt === null ? move.from : move.to;
  const host = tap !== null ? hostOf(tap) : topo.nodes[topo.group[vm]!]!.id;
  return { tap, host, paused: move !== null && move.resumedAt === null, move };
}

/** Where a VM runs, in words, for its Device panel: `host2, behind host2/vnet1 since 2.1 s (...)`. */
export function placementText(p: Placement): string {
  const m = p.move;
  const behind = p.tap === null ? p.host : `${p.host}, behind ${p.tap}`;
  if (m === null) return behind;
  if (m.resumedAt === null) {
    return `nowhere: paused since ${formatSpan(m.stoppedAt)}, live migration from ${hostOf(m.from)} (${m.from}) to ${hostOf(m.to)} (${m.to}) under way`;
  }
  return `${behind} since ${formatSpan(m.resumedAt)} (live-migrated from ${m.from}; paused for ${formatSpan(m.resumedAt - m.stoppedAt)})`;
}

/** Which VM is behind a TAP at a point of the trace, in words, for the TAP's Device panel. */
export function tapText(topo: TopoIndex, migrated: NetState['migrated'], tap: number): string {
  const id = topo.nodes[tap]!.id;
  const out: string[] = [];
  const vms = new Set<number>();
  for (const e of topo.edgesAt[tap]!) {
    if (e.kind !== 'hypervisor') continue;
    const vm = topo.parent[topo.at(e.a === id ? e.b : e.a)] ?? -1;
    if (vm >= 0) vms.add(vm);
  }
  for (const vm of vms) {
    const p = placementOf(topo, migrated, vm), m = p.move, name = topo.nodes[vm]!.id;
    if (m !== null && m.resumedAt === null && m.to === id) out.push(`${name} on its way here (paused since ${formatSpan(m.stoppedAt)})`);
    else if (p.tap !== id) {
      if (m !== null && m.from === id) out.push(`none: ${name} was live-migrated to ${m.to} at ${formatSpan(m.resumedAt!)}`);
    } else if (p.paused) out.push(`${name}, paused since ${formatSpan(m!.stoppedAt)}: migrating to ${m!.to}`);
    else out.push(m === null ? name : `${name} since ${formatSpan(m.resumedAt!)} (live-migrated from ${m.from})`);
  }
  // A VM behind it says so; otherwise the first reason it is empty, or simply none.
  const running = out.filter((x) => !x.startsWith('none'));
  return running.length > 0 ? running.join('; ') : out[0] ?? 'none';
}

/** Whether two states place every migrated VM alike (moves are few: a VM each at most). */
export function sameMoves(a: Readonly<Record<string, VmMove>>, b: Readonly<Record<string, VmMove>>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => {
    const x = a[k]!, y = b[k];
    return y !== undefined && x.from === y.from && x.to === y.to && x.stoppedAt === y.stoppedAt && x.resumedAt === y.resumedAt;
  });
}
