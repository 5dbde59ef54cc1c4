/**
 * The static layer: the topology drawn once into an offscreen canvas (groups, ties, devices, the
 * selection, labels, unplugged cables' marks, a paused VM's way) and copied onto the screen each
 * animation frame. It is redrawn only when the scene or the camera changed since it was drawn
 * (their versions say so), never because time moved; so what it shows must depend on time only
 * through the scene's setters. Devices and ties outside the view are skipped.
 */
import { hostOf } from '../../../src/trace/place.js';
import type { TopoIndex } from '../model/topo.js';
import type { Camera } from './camera.js';
import { drawMigrationWay, drawPausedLabel, drawUnpluggedMark } from './change-marks.js';
import { UNPLUGGED_LINE } from './colours.js';
import { drawDevice } from './device-glyphs.js';
import type { Scene } from './scene.js';

export class StaticLayer {
  private readonly cache = document.createElement('canvas');
  private drawnScene = -1;
  private drawnCamera = -1;
  /** Cables the last drawn picture showed unplugged. */
  lastUnplugged: string[] = [];

  constructor(private readonly canvas: HTMLCanvasElement) {}

  /** Copies the layer onto the canvas, redrawing it first if the scene or the camera changed. */
  copyTo(ctx: CanvasRenderingContext2D, scene: Scene, camera: Camera): void {
    if (scene.version !== this.drawnScene || camera.version !== this.drawnCamera) {
      this.drawnScene = scene.version;
      this.drawnCamera = camera.version;
      this.draw(scene, camera);
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.cache, 0, 0);
  }

  private draw(scene: Scene, camera: Camera): void {
    if (this.cache.width !== this.canvas.width) this.cache.width = this.canvas.width;
    if (this.cache.height !== this.canvas.height) this.cache.height = this.canvas.height;
    const topo = scene.topo, lay = scene.layout;
    const ctx = this.cache.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#f1f5f9';
    ctx.fillRect(0, 0, this.cache.width, this.cache.height);
    if (!topo || !lay) {
      this.lastUnplugged = [];
      this.canvas.dataset.unplugged = '0';
      return;
    }
    const k = camera.k, dpr = camera.dpr;
    ctx.setTransform(k * dpr, 0, 0, k * dpr, (camera.w / 2 - camera.cx * k) * dpr, (camera.h / 2 - camera.cy * k) * dpr);
    const px = scene.px, py = scene.py, nodes = topo.nodes;
    const [vx0, vy0] = camera.toWorld(-60, -60);
    const [vx1, vy1] = camera.toWorld(camera.w + 60, camera.h + 60);
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
      if (a < 0 || b < 0 || scene.hiddenHops.has(e.id) || scene.now.hidden.has(e.id)) continue;
      if (!visible(a, 400) && !visible(b, 400)) continue;
      ctx.beginPath();
      ctx.moveTo(px[a]!, py[a]!);
      ctx.lineTo(px[b]!, py[b]!);
      switch (e.kind) {
        case 'cable':
          if (scene.unplugged[e.id] !== undefined) {
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
    const paused = scene.paused;
    for (const [vm, to] of paused) drawMigrationWay(ctx, px[vm]!, py[vm]!, to.x, to.y, lay.r[vm]!);
    // Devices (a paused VM faded; one that does not exist now left out).
    const absent = scene.now.absent;
    for (let i = 0; i < topo.size; i++) {
      if (topo.parent[i]! < 0 || absent[i] === 1 || !visible(i)) continue;
      const node = nodes[i]!;
      const faded = paused.size > 0 && (paused.has(i) || paused.has(topo.parent[i]!));
      if (faded) ctx.globalAlpha = 0.35;
      drawDevice(ctx, node.kind, px[i]!, py[i]!, lay.r[i]!, scene.colourOfTenant(topo.tenant[i]));
      if (faded) ctx.globalAlpha = 1;
    }
    // Selection.
    if (scene.selected) {
      const i = topo.at(scene.selected);
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
      const [sx, sy] = camera.toScreen(px[i]!, py[i]!);
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
          const going = node.kind === 'vm' ? paused.get(i) : undefined;
          if (going) drawPausedLabel(ctx, hostOf(going.to), sx, sy + r * 0.8 + 10);
          break;
        }
        case 'tap': case 'nic': case 'vlan': case 'switch-port': {
          if (!smallLabels && node.kind !== 'nic') break;
          ctx.font = `${Math.max(9, Math.min(12, 10 * k))}px system-ui, sans-serif`;
          ctx.fillStyle = '#334155';
          const g = scene.grp[i]!;
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
      const [sx, sy] = camera.toScreen((ax + bx) / 2, (ay + by) / 2);
      drawUnpluggedMark(ctx, sx, sy, mr, Math.abs(by - ay) > Math.abs(bx - ax), labels);
    }
    this.lastUnplugged = pulled.map((p) => p[0]);
    this.canvas.dataset.unplugged = String(pulled.length);
  }
}

/** A VM's addresses (from its NICs), without prefix lengths. */
function vmIps(topo: TopoIndex, vm: number): string {
  for (const c of topo.children[vm]!) {
    const ips = topo.ips[c];
    if (ips && ips.length > 0) return ips.map((x) => x.split('/')[0]).join(', ');
  }
  return '';
}
