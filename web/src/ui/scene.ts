/**
 * The topology as the picture shows it at the current time: where each node is drawn (the layout,
 * plus the viewer's drags, with migrated VMs in the host they run on now), which devices and ties
 * exist now, which cables are unplugged, which VMs are paused on their way, and the selection.
 * The fields are read by the layers and the pointer and written only by the methods here. What
 * the static layer draws changes only through them, and each such change bumps `version`; the
 * setters are handed the state's values every frame and do work only when a value changed (immer
 * keeps the objects of unchanged parts, so a reference compare tells).
 */
import type { Layout } from '../model/layout.js';
import { sameMoves } from '../model/migration.js';
import { devicesNow, devicesNowIds, type DevicesNow } from '../model/netdev.js';
import { EMPTY_STATE, type NetState } from '../model/net-state.js';
import type { TopoIndex } from '../model/topo.js';
import type { Bounds, Camera } from './camera.js';
import { NO_TENANT } from './colours.js';
import { placeMigrated, type MigratedPlacement } from './migration-placement.js';

export interface Offsets {
  readonly [id: string]: { readonly dx: number; readonly dy: number };
}

export class Scene {
  topo: TopoIndex | null = null;
  layout: Layout | null = null;
  /** World position of each node as drawn now. */
  px = new Float64Array(0);
  py = new Float64Array(0);
  private tenantColour = new Map<string, string>();
  offsets: Offsets = {};
  /** Cables unplugged at the current time (name -> when), drawn in the static layer. */
  unplugged: Readonly<Record<string, number>> = {};
  /** Where migrated VMs run at the current time: the positions follow it. */
  private migrated: NetState['migrated'] = {};
  /** The group (host or switch) each node is drawn in now: a migrated VM's is the host it runs on. */
  grp = new Int32Array(0);
  /** Hypervisor hops not drawn now: a migrated VM's hops to the TAPs it does not run behind. */
  hiddenHops = new Set<string>();
  /** VMs paused by a live migration now, with where they are going (world position). */
  paused: MigratedPlacement['paused'] = new Map();
  /** The devices and bridge ports the run changed, as the state has them now (the references, to see a change). */
  private devState: Pick<NetState, 'devices' | 'masters'> = { devices: {}, masters: {} };
  /** Devices that do not exist now and ties not there now (not drawn, not hit). */
  now: DevicesNow = { absent: new Uint8Array(0), hidden: new Set() };
  selected: string | null = null;
  /** Bumped on every change the static layer shows. */
  version = 0;
  /** Where the picture shows each VM a live migration moves (tap: the one it left, when paused). */
  lastPlacement: MigratedPlacement['shown'] = {};
  /** Devices and ties the picture leaves out because they do not exist at its time (sorted ids). */
  lastDevices: { absent: string[]; hidden: string[] } = { absent: [], hidden: [] };

  setData(topo: TopoIndex | null, layout: Layout | null, tenantColour: Map<string, string>): void {
    this.topo = topo;
    this.layout = layout;
    this.tenantColour = tenantColour;
    this.offsets = {};
    this.selected = null;
    this.unplugged = {};
    this.migrated = {};
    this.devState = { devices: {}, masters: {} };
    this.setNow(topo ? devicesNow(topo, EMPTY_STATE) : { absent: new Uint8Array(0), hidden: new Set() });
    this.computePositions();
    this.version++;
  }

  /** Something the topology shows changed in place (labels). */
  touch(): void {
    this.version++;
  }

  setOffsets(o: Offsets): void {
    if (o === this.offsets) return;
    this.offsets = o;
    this.computePositions();
    this.version++;
  }

  /**
   * The cables unplugged at the current time. They are few and change rarely, so they are drawn
   * in the static layer, redrawn only when the set changes (not on every frame).
   */
  setUnplugged(u: Readonly<Record<string, number>>): void {
    if (u === this.unplugged) return;
    const before = this.unplugged;
    this.unplugged = u;
    const keys = Object.keys(u);
    if (keys.length !== Object.keys(before).length || keys.some((k) => before[k] === undefined)) this.version++;
  }

  /**
   * Where migrated VMs run at the current time. This too changes rarely, so the positions and the
   * static layer are redone only when it changes, not on every frame.
   */
  setMigrated(m: NetState['migrated']): void {
    if (m === this.migrated) return;
    const before = this.migrated;
    this.migrated = m;
    if (sameMoves(before, m)) return;
    this.computePositions();
    this.version++;
  }

  /**
   * The devices added or removed and the ports enslaved or released by the current time. They
   * change only when a netdev record is crossed (immer keeps both objects otherwise), so what is
   * drawn is worked out again only then, not on every frame.
   */
  setDevices(st: Pick<NetState, 'devices' | 'masters'>): void {
    if (st.devices === this.devState.devices && st.masters === this.devState.masters) return;
    this.devState = { devices: st.devices, masters: st.masters };
    if (!this.topo) return;
    this.setNow(devicesNow(this.topo, { ...EMPTY_STATE, devices: st.devices, masters: st.masters }));
    this.version++;
  }

  setSelected(id: string | null): void {
    if (id === this.selected) return;
    this.selected = id;
    this.version++;
  }

  private setNow(now: DevicesNow): void {
    this.now = now;
    this.lastDevices = this.topo ? devicesNowIds(this.topo, now) : { absent: [], hidden: [] };
  }

  private computePositions(): void {
    const topo = this.topo, lay = this.layout;
    if (!topo || !lay) return;
    const n = topo.size;
    this.px = new Float64Array(n);
    this.py = new Float64Array(n);
    this.grp = Int32Array.from(topo.group);
    for (let i = 0; i < n; i++) {
      const [dx, dy] = this.offsetOf(topo, i, 8);
      this.px[i] = lay.x[i]! + dx;
      this.py[i] = lay.y[i]! + dy;
    }
    const moved = placeMigrated(topo, lay, this.migrated, (i, levels) => this.offsetOf(topo, i, levels), this.px, this.py, this.grp);
    this.hiddenHops = moved.hiddenHops;
    this.paused = moved.paused;
    this.lastPlacement = moved.shown;
  }

  /** How far a node was dragged: its own offset and those of the `levels - 1` nodes that hold it. */
  private offsetOf(topo: TopoIndex, i: number, levels: number): [number, number] {
    let dx = 0, dy = 0;
    for (let j = i, guard = 0; j >= 0 && guard < levels; j = topo.parent[j]!, guard++) {
      const o = this.offsets[topo.nodes[j]!.id];
      if (o) { dx += o.dx; dy += o.dy; }
    }
    return [dx, dy];
  }

  /** World position of a node as drawn now. */
  position(id: string): [number, number] | null {
    const i = this.topo?.at(id) ?? -1;
    return i < 0 ? null : [this.px[i]!, this.py[i]!];
  }

  /** Screen position of a node as drawn now (CSS pixels). */
  screenOf(id: string, camera: Camera): [number, number] | null {
    const p = this.position(id);
    return p ? camera.toScreen(p[0], p[1]) : null;
  }

  /** The world box holding every node with its label, or null when there is nothing to show. */
  bounds(): Bounds | null {
    const topo = this.topo, lay = this.layout;
    if (!topo || !lay || topo.size === 0) return null;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = 0; i < topo.size; i++) {
      const r = lay.r[i]! + 14;
      x0 = Math.min(x0, this.px[i]! - r);
      y0 = Math.min(y0, this.py[i]! - r - 10);
      x1 = Math.max(x1, this.px[i]! + r);
      y1 = Math.max(y1, this.py[i]! + r);
    }
    return [x0, y0, x1, y1];
  }

  /** The node at a world point (within `slack` of a device): devices before the groups that hold them. */
  hit(wx: number, wy: number, slack: number): number {
    const topo = this.topo, lay = this.layout;
    if (!topo || !lay) return -1;
    let best = -1, bestD = Infinity;
    for (let i = 0; i < topo.size; i++) {
      if (topo.parent[i]! < 0 || this.now.absent[i] === 1) continue;
      const d = Math.hypot(this.px[i]! - wx, this.py[i]! - wy);
      if (d <= lay.r[i]! + slack && d < bestD) { best = i; bestD = d; }
    }
    if (best >= 0) return best;
    for (let i = 0; i < topo.size; i++) {
      if (topo.parent[i]! >= 0) continue;
      const d = Math.hypot(this.px[i]! - wx, this.py[i]! - wy);
      if (d <= lay.r[i]!) return i;
    }
    return -1;
  }

  colourOfTenant(t: string | null | undefined): string {
    return t ? this.tenantColour.get(t) ?? NO_TENANT : NO_TENANT;
  }
}
