/**
 * The topology on a canvas: a cached static layer (groups, ties, devices, labels; only the devices
 * and bridge ports that exist now, migrated VMs where they run now, unplugged cables marked),
 * redrawn only when the view or one of those changes, and a dynamic layer drawn every animation
 * frame (frames on their hops, drops with their reason, leak flashes, the selected frame's path).
 * Drag a device to move it (a host or switch moves with everything in it), drag the background to
 * pan, wheel to zoom. Where migrated VMs go: migration-placement.ts; the marks of a changing
 * network: change-marks.ts; drops and leaks: event-marks.ts.
 */
import { framesInFlight, recentDrops } from '../model/inflight.js';
import type { Layout } from '../model/layout.js';
import type { LeakMark } from '../model/leaks.js';
import { sameMoves } from '../model/migration.js';
import { hostOf } from '../../../src/trace/place.js';
import { devicesNow, devicesNowIds, type DevicesNow } from '../model/netdev.js';
import { EMPTY_STATE, type NetState } from '../model/replay.js';
import { DROP } from '../model/slots.js';
import type { RecordStore } from '../model/store.js';
import type { TopoIndex } from '../model/topo.js';
import { drawMigrationWay, drawPausedLabel, drawUnpluggedMark } from './change-marks.js';
import { NO_TENANT, protocolColour, UNPLUGGED_LINE } from './colours.js';
import { drawDevice } from './device-glyphs.js';
import { drawDropCross, drawDropLabels, drawLeakFlash, type DropLabel } from './event-marks.js';
import { placeMigrated, type MigratedPlacement } from './migration-placement.js';

export interface Offsets {
  readonly [id: string]: { readonly dx: number; readonly dy: number };
}

export interface DynamicInput {
  readonly store: RecordStore;
  readonly time: number;
  readonly cursor: number;
  /** Simulated ns per wall second (how long drops and leaks stay visible). */
  readonly speed: number;
  readonly colourBy: 'protocol' | 'tenant';
  readonly frameTenant: (fi: number) => string | null;
  readonly path: readonly string[];
  readonly leaks: readonly LeakMark[];
  readonly wallMs: number;
}

export interface ViewCallbacks {
  select(nodeId: string | null): void;
  moved(nodeId: string, dx: number, dy: number): void;
  changed(): void;
}

const DPR_MAX = 2;

export class TopologyView {
  private topo: TopoIndex | null = null;
  private layout: Layout | null = null;
  private px = new Float64Array(0);
  private py = new Float64Array(0);
  private tenantColour = new Map<string, string>();
  private offsets: Offsets = {};
  /** Cables unplugged at the current time (name -> when), drawn in the static layer. */
  private unplugged: Readonly<Record<string, number>> = {};
  /** Where migrated VMs run at the current time: the positions below follow it. */
  private migrated: NetState['migrated'] = {};
  /** The group (host or switch) each node is drawn in now: a migrated VM's is the host it runs on. */
  private grp = new Int32Array(0);
  /** Hypervisor hops not drawn now: a migrated VM's hops to the TAPs it does not run behind. */
  private hiddenHops = new Set<string>();
  /** VMs paused by a live migration now, with where they are going (world position). */
  private paused: MigratedPlacement['paused'] = new Map();
  /** The devices and bridge ports the run changed, as the state has them now (the references, to see a change). */
  private devState: Pick<NetState, 'devices' | 'masters'> = { devices: {}, masters: {} };
  /** Devices that do not exist now and ties not there now (not drawn, not hit). */
  private now: DevicesNow = { absent: new Uint8Array(0), hidden: new Set() };
  private selected: string | null = null;
  private readonly cache = document.createElement('canvas');
  private staticDirty = true;
  private w = 0;
  private h = 0;
  private dpr = 1;
  /** Camera: world point at the centre and scale. */
  cx = 0;
  cy = 0;
  k = 1;
  private drag: { mode: 'pan' | 'node'; id: string; x: number; y: number; moved: boolean; ox: number; oy: number } | null = null;
  private readonly inflight: number[] = [];
  private readonly drops: number[] = [];
  /** Pixels at the bottom covered by the legend: fitting leaves them free. */
  bottomInset = 0;
  /** What the last drawn frame showed (tests read these, also as data-* on the canvas). */
  lastInFlight = 0;
  lastDrops = 0;
  /** Cables the last drawn picture showed unplugged. */
  lastUnplugged: string[] = [];
  /** Where the last drawn picture showed each VM a live migration moves (tap: the one it left, when paused). */
  lastPlacement: MigratedPlacement['shown'] = {};
  /** Devices and ties the last drawn picture left out because they do not exist at its time (sorted ids). */
  lastDevices: { absent: string[]; hidden: string[] } = { absent: [], hidden: [] };

  constructor(readonly canvas: HTMLCanvasElement, private readonly cb: ViewCallbacks) {
    canvas.addEventListener('pointerdown', (e) => this.onDown(e));
    canvas.addEventListener('pointermove', (e) => this.onMove(e));
    canvas.addEventListener('pointerup', (e) => this.onUp(e));
    canvas.addEventListener('pointercancel', () => { this.drag = null; });
    canvas.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    new ResizeObserver(() => this.resize()).observe(canvas);
  }

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
    this.fit();
    this.canvas.dataset.nodes = String(topo?.size ?? 0);
  }

  /** Redraws the static layer (labels changed). */
  invalidate(): void {
    this.staticDirty = true;
  }

  setOffsets(o: Offsets): void {
    if (o === this.offsets) return;
    this.offsets = o;
    this.computePositions();
    this.staticDirty = true;
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
    if (keys.length !== Object.keys(before).length || keys.some((k) => before[k] === undefined)) this.staticDirty = true;
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
    this.staticDirty = true;
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
    this.staticDirty = true;
  }

  private setNow(now: DevicesNow): void {
    this.now = now;
    this.lastDevices = this.topo ? devicesNowIds(this.topo, now) : { absent: [], hidden: [] };
  }

  setSelected(id: string | null): void {
    if (id === this.selected) return;
    this.selected = id;
    this.staticDirty = true;
  }

  private computePositions(): void {
    const topo = this.topo, lay = this.layout;
    if (!topo || !lay) return;
    const n = topo.size;
    this.px = new Float64Array(n);
    this.py = new Float64Array(n);
    this.grp = Int32Array.from(topo.group);
    for (let i = 0; i < n; i++) {
      const [dx, dy] = this.offsetOf(i, 8);
      this.px[i] = lay.x[i]! + dx;
      this.py[i] = lay.y[i]! + dy;
    }
    const moved = placeMigrated(topo, lay, this.migrated, (i, levels) => this.offsetOf(i, levels), this.px, this.py, this.grp);
    this.hiddenHops = moved.hiddenHops;
    this.paused = moved.paused;
    this.lastPlacement = moved.shown;
  }

  /** How far a node was dragged: its own offset and those of the `levels - 1` nodes that hold it. */
  private offsetOf(i: number, levels: number): [number, number] {
    const topo = this.topo!;
    let dx = 0, dy = 0;
    for (let j = i, guard = 0; j >= 0 && guard < levels; j = topo.parent[j]!, guard++) {
      const o = this.offsets[topo.nodes[j]!.id];
      if (o) { dx += o.dx; dy += o.dy; }
    }
    return [dx, dy];
  }

  position(id: string): [number, number] | null {
    const i = this.topo?.at(id) ?? -1;
    return i < 0 ? null : [this.px[i]!, this.py[i]!];
  }

  /** Screen position of a node (CSS pixels), for tests. */
  screenOf(id: string): [number, number] | null {
    const p = this.position(id);
    return p ? this.toScreen(p[0], p[1]) : null;
  }

  private resize(): void {
    const r = this.canvas.getBoundingClientRect();
    this.dpr = Math.min(DPR_MAX, window.devicePixelRatio || 1);
    this.w = Math.max(1, Math.round(r.width));
    this.h = Math.max(1, Math.round(r.height));
    this.canvas.width = Math.round(this.w * this.dpr);
    this.canvas.height = Math.round(this.h * this.dpr);
    this.cache.width = this.canvas.width;
    this.cache.height = this.canvas.height;
    this.staticDirty = true;
    this.cb.changed();
  }

  fit(): void {
    const topo = this.topo;
    if (!topo || topo.size === 0) return;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = 0; i < topo.size; i++) {
      const r = this.layout!.r[i]! + 14;
      x0 = Math.min(x0, this.px[i]! - r);
      y0 = Math.min(y0, this.py[i]! - r - 10);
      x1 = Math.max(x1, this.px[i]! + r);
      y1 = Math.max(y1, this.py[i]! + r);
    }
    this.cx = (x0 + x1) / 2;
    this.cy = (y0 + y1) / 2;
    const w = this.w || 800, h = Math.max(100, (this.h || 600) - this.bottomInset);
    this.k = Math.min(3, Math.min(w / (x1 - x0), h / (y1 - y0)) * 0.92);
    this.cy += this.bottomInset / 2 / this.k;
    this.staticDirty = true;
    this.cb.changed();
  }

  zoomBy(f: number, sx = this.w / 2, sy = this.h / 2): void {
    const [wx, wy] = this.toWorld(sx, sy);
    this.k = Math.max(0.02, Math.min(8, this.k * f));
    const [nx, ny] = this.toWorld(sx, sy);
    this.cx += wx - nx;
    this.cy += wy - ny;
    this.staticDirty = true;
    this.cb.changed();
  }

  private toScreen(x: number, y: number): [number, number] {
    return [(x - this.cx) * this.k + this.w / 2, (y - this.cy) * this.k + this.h / 2];
  }

  private toWorld(sx: number, sy: number): [number, number] {
    return [(sx - this.w / 2) / this.k + this.cx, (sy - this.h / 2) / this.k + this.cy];
  }

  /** The node under a screen point: devices before the groups that hold them. */
  hit(sx: number, sy: number): number {
    const topo = this.topo, lay = this.layout;
    if (!topo || !lay) return -1;
    const [wx, wy] = this.toWorld(sx, sy);
    const slack = 4 / this.k;
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

  private onDown(e: PointerEvent): void {
    const r = this.canvas.getBoundingClientRect();
    const sx = e.clientX - r.left, sy = e.clientY - r.top;
    const i = this.hit(sx, sy);
    this.canvas.setPointerCapture(e.pointerId);
    if (i >= 0 && this.topo) {
      let id = this.topo.nodes[i]!.id;
      if (this.topo.nodes[i]!.kind === 'vnic' && this.topo.parent[i]! >= 0) id = this.topo.nodes[this.topo.parent[i]!]!.id;
      const o = this.offsets[id] ?? { dx: 0, dy: 0 };
      this.drag = { mode: 'node', id, x: sx, y: sy, moved: false, ox: o.dx, oy: o.dy };
    } else {
      this.drag = { mode: 'pan', id: '', x: sx, y: sy, moved: false, ox: this.cx, oy: this.cy };
    }
  }

  private onMove(e: PointerEvent): void {
    const d = this.drag;
    const r = this.canvas.getBoundingClientRect();
    const sx = e.clientX - r.left, sy = e.clientY - r.top;
    if (!d) {
      this.canvas.style.cursor = this.hit(sx, sy) >= 0 ? 'pointer' : 'grab';
      return;
    }
    if (!d.moved && Math.hypot(sx - d.x, sy - d.y) < 4) return;
    d.moved = true;
    if (d.mode === 'pan') {
      this.cx = d.ox - (sx - d.x) / this.k;
      this.cy = d.oy - (sy - d.y) / this.k;
      this.staticDirty = true;
      this.cb.changed();
    } else {
      this.cb.moved(d.id, d.ox + (sx - d.x) / this.k, d.oy + (sy - d.y) / this.k);
    }
  }

  private onUp(e: PointerEvent): void {
    const d = this.drag;
    this.drag = null;
    if (!d || d.moved) return;
    const r = this.canvas.getBoundingClientRect();
    const i = this.hit(e.clientX - r.left, e.clientY - r.top);
    this.cb.select(i >= 0 && this.topo ? this.topo.nodes[i]!.id : null);
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const r = this.canvas.getBoundingClientRect();
    this.zoomBy(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
  }

  // ---- drawing --------------------------------------------------------------------------------

  private colourOfTenant(t: string | null | undefined): string {
    return t ? this.tenantColour.get(t) ?? NO_TENANT : NO_TENANT;
  }

  private drawStatic(): void {
    const topo = this.topo, lay = this.layout;
    const ctx = this.cache.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#f1f5f9';
    ctx.fillRect(0, 0, this.cache.width, this.cache.height);
    if (!topo || !lay) {
      this.lastUnplugged = [];
      this.canvas.dataset.unplugged = '0';
      return;
    }
    const k = this.k, dpr = this.dpr;
    ctx.setTransform(k * dpr, 0, 0, k * dpr, (this.w / 2 - this.cx * k) * dpr, (this.h / 2 - this.cy * k) * dpr);
    const px = this.px, py = this.py, nodes = topo.nodes;
    const [vx0, vy0] = this.toWorld(-60, -60);
    const [vx1, vy1] = this.toWorld(this.w + 60, this.h + 60);
    const visible = (i: number, pad = 0) => px[i]! + lay.r[i]! + pad >= vx0 && px[i]! - lay.r[i]! - pad <= vx1 && py[i]! + lay.r[i]! + pad >= vy0 && py[i]! - lay.r[i]! - pad <= vy1;
    const labels = k >= 0.45;
    const smallLabels = k >= 0.8;

    // Groups: hosts (light discs) and switches (dark discs).
    for (let i = 0; i < topo.size; i++) {
      if (topo.parent[i]! >= 0 || !visible(i)) continue;
      const node = nodes[i]!;
      ctx.beginPath();
      ctx.arc(px[i]!, py[i]!, lay.r[i]!, 0, Math.PI * 2);
      if (node.kind === 'switch') {
        ctx.fillStyle = '#334155';
        ctx.fill();
      } else {
        ctx.fillStyle = '#ffffff';
        ctx.fill();
        ctx.lineWidth = 1.5;
        ctx.strokeStyle = '#94a3b8';
        ctx.setLineDash([6, 4]);
        ctx.stroke();
        ctx.setLineDash([]);
      }
    }
    // Ties: cables, hypervisor hops, enslavement, VLAN parents. An unplugged cable is dashed and
    // pale, with a mark at its middle (drawn over the labels, below).
    const pulled: [id: string, ax: number, ay: number, bx: number, by: number][] = [];
    for (const e of topo.edges) {
      const a = topo.at(e.a), b = topo.at(e.b);
      if (a < 0 || b < 0 || this.hiddenHops.has(e.id) || this.now.hidden.has(e.id)) continue;
      if (!visible(a, 400) && !visible(b, 400)) continue;
      ctx.beginPath();
      ctx.moveTo(px[a]!, py[a]!);
      ctx.lineTo(px[b]!, py[b]!);
      switch (e.kind) {
        case 'cable':
          if (this.unplugged[e.id] !== undefined) {
            ctx.strokeStyle = UNPLUGGED_LINE; ctx.lineWidth = 2.5; ctx.setLineDash([7, 6]);
            pulled.push([e.id, px[a]!, py[a]!, px[b]!, py[b]!]);
          } else { ctx.strokeStyle = '#475569'; ctx.lineWidth = 2.5; ctx.setLineDash([]); }
          break;
        case 'hypervisor': ctx.strokeStyle = '#94a3b8'; ctx.lineWidth = 1.5; ctx.setLineDash([4, 3]); break;
        case 'enslaved': ctx.strokeStyle = '#d97706'; ctx.lineWidth = 1.6; ctx.setLineDash([]); break;
        case 'vlan-parent': ctx.strokeStyle = '#8b5cf6'; ctx.lineWidth = 1.4; ctx.setLineDash([2, 2]); break;
      }
      ctx.stroke();
    }
    ctx.setLineDash([]);
    // A VM paused by a live migration: a dashed line to where it will run, and its outline there.
    for (const [vm, to] of this.paused) drawMigrationWay(ctx, px[vm]!, py[vm]!, to.x, to.y, lay.r[vm]!);
    // Devices (a paused VM faded; one that does not exist now left out).
    const absent = this.now.absent;
    for (let i = 0; i < topo.size; i++) {
      if (topo.parent[i]! < 0 || absent[i] === 1 || !visible(i)) continue;
      const node = nodes[i]!;
      const faded = this.paused.size > 0 && (this.paused.has(i) || this.paused.has(topo.parent[i]!));
      if (faded) ctx.globalAlpha = 0.35;
      drawDevice(ctx, node.kind, px[i]!, py[i]!, lay.r[i]!, this.colourOfTenant(topo.tenant[i]));
      if (faded) ctx.globalAlpha = 1;
    }
    // Selection.
    if (this.selected) {
      const i = topo.at(this.selected);
      if (i >= 0) {
        ctx.beginPath();
        ctx.arc(px[i]!, py[i]!, lay.r[i]! + (topo.parent[i]! < 0 ? 4 : 6), 0, Math.PI * 2);
        ctx.lineWidth = 3 / Math.max(0.3, k);
        ctx.strokeStyle = '#0ea5e9';
        ctx.stroke();
      }
    }
    // Labels, in screen pixels so they stay readable.
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let i = 0; i < topo.size; i++) {
      if (absent[i] === 1 || !visible(i)) continue;
      const node = nodes[i]!;
      const [sx, sy] = this.toScreen(px[i]!, py[i]!);
      const r = lay.r[i]! * k;
      if (topo.parent[i]! < 0) {
        ctx.font = `600 ${Math.max(11, Math.min(16, 13 * Math.sqrt(k)))}px system-ui, sans-serif`;
        if (node.kind === 'switch') {
          ctx.fillStyle = '#ffffff';
          ctx.fillText(node.label, sx, sy);
        } else {
          const ty = sy - r - 9;
          const tw = ctx.measureText(node.label).width;
          ctx.fillStyle = 'rgba(241,245,249,0.9)';
          ctx.fillRect(sx - tw / 2 - 4, ty - 9, tw + 8, 18);
          ctx.fillStyle = '#0f172a';
          ctx.fillText(node.label, sx, ty);
        }
        continue;
      }
      if (!labels) continue;
      switch (node.kind) {
        case 'vm':
        case 'bridge': {
          ctx.font = `600 ${Math.max(9, Math.min(13, 11 * k))}px system-ui, sans-serif`;
          ctx.fillStyle = '#0f172a';
          const ips = node.kind === 'vm' ? vmIps(topo, i) : '';
          if (ips && k >= 0.9) {
            ctx.fillText(node.label, sx, sy - 5 * Math.min(1.4, k));
            ctx.font = `${Math.max(8, Math.min(11, 9 * k))}px ui-monospace, monospace`;
            ctx.fillStyle = '#334155';
            ctx.fillText(ips, sx, sy + 7 * Math.min(1.4, k));
          } else ctx.fillText(node.label, sx, sy);
          const going = node.kind === 'vm' ? this.paused.get(i) : undefined;
          if (going) drawPausedLabel(ctx, hostOf(going.to), sx, sy + r * 0.8 + 10);
          break;
        }
        case 'tap': case 'nic': case 'vlan': case 'switch-port': {
          if (!smallLabels && node.kind !== 'nic') break;
          ctx.font = `${Math.max(9, Math.min(12, 10 * k))}px system-ui, sans-serif`;
          ctx.fillStyle = '#334155';
          const g = this.grp[i]!;
          const onRim = node.kind === 'switch-port' || Math.hypot(px[i]! - px[g]!, py[i]! - py[g]!) > lay.r[g]! - 2;
          if (onRim) {
            // Outside the group's rim, away from its centre.
            const dx = px[i]! - px[g]!, dy = py[i]! - py[g]!, len = Math.hypot(dx, dy) || 1;
            ctx.fillText(node.label, sx + (dx / len) * (r + 11), sy + (dy / len) * (r + 9));
          } else ctx.fillText(node.label, sx, sy + r + 8);
          break;
        }
        default:
          break;
      }
    }
    // Unplugged cables: a ✕ at the middle.
    const mr = Math.max(5, Math.min(9, 7 * k));
    for (const [, ax, ay, bx, by] of pulled) {
      const [sx, sy] = this.toScreen((ax + bx) / 2, (ay + by) / 2);
      drawUnpluggedMark(ctx, sx, sy, mr, Math.abs(by - ay) > Math.abs(bx - ax), labels);
    }
    this.lastUnplugged = pulled.map((p) => p[0]);
    this.canvas.dataset.unplugged = String(pulled.length);
    this.staticDirty = false;
  }

  /** Draws one frame of the picture. */
  draw(d: DynamicInput | null): void {
    if (this.w === 0) this.resize();
    if (this.staticDirty) this.drawStatic();
    const ctx = this.canvas.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.cache, 0, 0);
    const topo = this.topo;
    if (!d || !topo) {
      this.lastInFlight = 0;
      this.lastDrops = 0;
      return;
    }
    const k = this.k, dpr = this.dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const s = d.store;
    // The selected frame's path.
    if (d.path.length > 1) {
      ctx.beginPath();
      let started = false;
      for (const id of d.path) {
        const p = this.screenOf(id);
        if (!p) continue;
        if (!started) { ctx.moveTo(p[0], p[1]); started = true; } else ctx.lineTo(p[0], p[1]);
      }
      ctx.lineWidth = 7;
      ctx.lineJoin = 'round';
      ctx.strokeStyle = 'rgba(14,165,233,0.35)';
      ctx.stroke();
    }
    // Frames in flight, and the hops they occupy.
    const inflight = framesInFlight(s, d.cursor, d.time, this.inflight);
    this.lastInFlight = inflight.length;
    const fr = k < 0.3 ? 3 : k < 0.7 ? 4 : 5.5;
    ctx.lineWidth = 4;
    ctx.strokeStyle = 'rgba(234,88,12,0.35)';
    ctx.beginPath();
    const pos: number[] = [];
    for (const i of inflight) {
      const a = topo.at(s.strings[s.at[i]!]!), b = topo.at(s.strings[s.to[i]!]!);
      if (a < 0 || b < 0) { pos.push(NaN, NaN); continue; }
      const [ax, ay] = this.toScreen(this.px[a]!, this.py[a]!);
      const [bx, by] = this.toScreen(this.px[b]!, this.py[b]!);
      const t0 = s.t[i]!, t1 = s.arrive[i]!;
      const f = t1 > t0 ? Math.min(1, Math.max(0, (d.time - t0) / (t1 - t0))) : 1;
      ctx.moveTo(ax, ay);
      ctx.lineTo(bx, by);
      pos.push(ax + (bx - ax) * f, ay + (by - ay) * f);
    }
    ctx.stroke();
    // Batch frames by colour.
    const byColour = new Map<string, number[]>();
    inflight.forEach((i, j) => {
      const x = pos[2 * j]!, y = pos[2 * j + 1]!;
      if (Number.isNaN(x)) return;
      const fi = s.frame[i]!;
      const c = d.colourBy === 'protocol' ? protocolColour(s.fProto[fi]!) : this.colourOfTenant(d.frameTenant(fi));
      let list = byColour.get(c);
      if (!list) byColour.set(c, (list = []));
      list.push(x, y);
    });
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = '#ffffff';
    for (const [c, list] of byColour) {
      ctx.beginPath();
      for (let j = 0; j < list.length; j += 2) {
        ctx.moveTo(list[j]! + fr, list[j + 1]!);
        ctx.arc(list[j]!, list[j + 1]!, fr, 0, Math.PI * 2);
      }
      ctx.fillStyle = c;
      ctx.fill();
      ctx.stroke();
    }
    // Drops, where they happened, with their reason.
    const window = Math.max(d.speed * 1.2, 1);
    const drops = recentDrops(s, d.cursor, d.time, window, 120, this.drops);
    this.lastDrops = drops.length;
    // One label per device and reason, outside the device's group, so ports do not drown in text.
    const labels = new Map<string, DropLabel>();
    for (const i of drops) {
      const at = s.strings[s.at[i]!]!;
      const node = topo.at(at);
      if (node < 0) continue;
      const p = this.toScreen(this.px[node]!, this.py[node]!);
      const age = Math.min(1, (d.time - s.t[i]!) / window);
      const alpha = 1 - age * 0.7;
      drawDropCross(ctx, p[0], p[1], alpha);
      const g = this.grp[node]!;
      const key = `${g}|${s[DROP.reason][i]}`;
      const l = labels.get(key);
      if (l) { l.n++; l.alpha = Math.max(l.alpha, alpha); continue; }
      const [gx, gy] = this.toScreen(this.px[g]!, this.py[g]!);
      labels.set(key, { gx, gy, x: p[0], y: p[1], r: (this.layout?.r[g] ?? 0) * k, text: s.strings[s[DROP.reason][i]!]!, alpha, n: 1 });
    }
    drawDropLabels(ctx, labels.values());
    // Leaks flash on the VM that received another tenant's frame.
    const leakWindow = Math.max(d.speed * 2.5, 1);
    const pulse = 0.5 + 0.5 * Math.sin(d.wallMs / 110);
    for (const l of d.leaks) {
      if (l.t > d.time || l.i >= d.cursor) break;
      if (d.time - l.t > leakWindow) continue;
      const p = this.screenOf(l.victim);
      if (p) drawLeakFlash(ctx, p[0], p[1], k, pulse);
    }
    this.canvas.dataset.inFlight = String(inflight.length);
    this.canvas.dataset.drops = String(drops.length);
  }
}

function vmIps(topo: TopoIndex, vm: number): string {
  for (const c of topo.children[vm]!) {
    const ips = topo.ips[c];
    if (ips && ips.length > 0) return ips.map((x) => x.split('/')[0]).join(', ');
  }
  return '';
}
