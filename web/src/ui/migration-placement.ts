/**
 * Where the canvas draws the VMs a live migration moves, at the current time: beside the TAP they
 * run behind (in its host), with only that hypervisor hop drawn; paused between the stop and the
 * resume, where they were, with no hop and a way to where they are going.
 */
import { awayKey, type Layout } from '../model/layout.js';
import { placementOf } from '../model/migration.js';
import type { NetState } from '../model/net-state.js';
import type { TopoIndex } from '../model/topo.js';

/** How far node i was dragged: its own offset and those of the `levels - 1` nodes that hold it. */
type OffsetOf = (i: number, levels: number) => [number, number];

export interface MigratedPlacement {
  /** Hypervisor hops not drawn now: a migrated VM's hops to the TAPs it does not run behind. */
  readonly hiddenHops: Set<string>;
  /** VMs paused by a live migration now, with where they are going (world position). */
  readonly paused: Map<number, { to: string; x: number; y: number }>;
  /** Where each moved VM is shown (tap: the one it left, when paused), for tests. */
  readonly shown: Record<string, { host: string; tap: string | null; paused: boolean }>;
}

/**
 * Moves the positions (`px`, `py`) and groups (`grp`) of the VMs a migration moves, and of their
 * vNICs, to where they run at the current time.
 */
export function placeMigrated(
  topo: TopoIndex, layout: Layout, migrated: NetState['migrated'], offsetOf: OffsetOf,
  px: Float64Array, py: Float64Array, grp: Int32Array,
): MigratedPlacement {
  /** Where a VM is drawn while it runs behind `tap`, a TAP other than its own: the VM, its vNIC, the host. */
  const awaySpot = (vm: number, tap: string | null) => {
    const a = tap === null ? undefined : layout.away.get(awayKey(topo.nodes[vm]!.id, tap));
    if (!a) return null;
    const host = topo.group[topo.at(tap!)]!;
    const [hx, hy] = offsetOf(host, 8);
    const [vx, vy] = offsetOf(vm, 1);
    return { x: a[0] + hx + vx, y: a[1] + hy + vy, nx: a[2] + hx + vx, ny: a[3] + hy + vy, host };
  };
  const hiddenHops = new Set<string>(), paused = new Map<number, { to: string; x: number; y: number }>();
  const shown: MigratedPlacement['shown'] = {};
  for (const vm of topo.movers) {
    const p = placementOf(topo, migrated, vm);
    const at = awaySpot(vm, p.tap);
    for (const c of topo.children[vm]!) {
      if (at) {
        const [dx, dy] = offsetOf(c, 1);
        px[c] = at.nx + dx;
        py[c] = at.ny + dy;
        grp[c] = at.host;
      }
      const vnic = topo.nodes[c]!.id;
      for (const e of topo.edgesAt[c]!) {
        if (e.kind === 'hypervisor' && (p.paused || (e.a === vnic ? e.b : e.a) !== p.tap)) hiddenHops.add(e.id);
      }
    }
    if (at) {
      px[vm] = at.x;
      py[vm] = at.y;
      grp[vm] = at.host;
    }
    if (p.paused) {
      // Going to another host, or back to its own (where the layout has it).
      const to = awaySpot(vm, p.move!.to);
      const [dx, dy] = offsetOf(vm, 8);
      paused.set(vm, { to: p.move!.to, x: to ? to.x : layout.x[vm]! + dx, y: to ? to.y : layout.y[vm]! + dy });
    }
    shown[topo.nodes[vm]!.id] = { host: p.host, tap: p.tap, paused: p.paused };
  }
  return { hiddenHops, paused, shown };
}
