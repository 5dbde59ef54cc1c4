/**
 * The dynamic layer: what happens at the current moment, drawn over the static layer on every
 * animation frame in screen pixels: the selected frame's path, frames on their hops (batched by
 * colour), drops where they happened with their reason, and leak flashes. It reads the record
 * columns and the scene and keeps nothing between frames but two reused index arrays and what the
 * last frame showed (for tests).
 */
import { framesInFlight, recentDrops } from '../model/inflight.js';
import { DROP } from '../model/slots.js';
import type { LeakMark } from '../model/leaks.js';
import type { RecordStore } from '../model/store.js';
import type { Camera } from './camera.js';
import { protocolColour } from './colours.js';
import { drawDropCross, drawDropLabels, drawLeakFlash, type DropLabel } from './event-marks.js';
import type { Scene } from './scene.js';

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

export class DynamicLayer {
  private readonly inflight: number[] = [];
  private readonly drops: number[] = [];
  /** What the last drawn frame showed (tests read these, also as data-* on the canvas). */
  lastInFlight = 0;
  lastDrops = 0;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  /** Nothing happening: no moment to show. */
  clear(): void {
    this.lastInFlight = 0;
    this.lastDrops = 0;
  }

  draw(ctx: CanvasRenderingContext2D, scene: Scene, camera: Camera, d: DynamicInput): void {
    const topo = scene.topo;
    if (!topo) { this.clear(); return; }
    const k = camera.k, dpr = camera.dpr;
    const px = scene.px, py = scene.py;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const s = d.store;
    // The selected frame's path.
    if (d.path.length > 1) {
      ctx.beginPath();
      let started = false;
      for (const id of d.path) {
        const p = scene.screenOf(id, camera);
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
      const [ax, ay] = camera.toScreen(px[a]!, py[a]!);
      const [bx, by] = camera.toScreen(px[b]!, py[b]!);
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
      const c = d.colourBy === 'protocol' ? protocolColour(s.fProto[fi]!) : scene.colourOfTenant(d.frameTenant(fi));
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
      const p = camera.toScreen(px[node]!, py[node]!);
      const age = Math.min(1, (d.time - s.t[i]!) / window);
      const alpha = 1 - age * 0.7;
      drawDropCross(ctx, p[0], p[1], alpha);
      const g = scene.grp[node]!;
      const key = `${g}|${s[DROP.reason][i]}`;
      const l = labels.get(key);
      if (l) { l.n++; l.alpha = Math.max(l.alpha, alpha); continue; }
      const [gx, gy] = camera.toScreen(px[g]!, py[g]!);
      labels.set(key, { gx, gy, x: p[0], y: p[1], r: (scene.layout?.r[g] ?? 0) * k, text: s.strings[s[DROP.reason][i]!]!, alpha, n: 1 });
    }
    drawDropLabels(ctx, labels.values());
    // Leaks flash on the VM that received another tenant's frame.
    const leakWindow = Math.max(d.speed * 2.5, 1);
    const pulse = 0.5 + 0.5 * Math.sin(d.wallMs / 110);
    for (const l of d.leaks) {
      if (l.t > d.time || l.i >= d.cursor) break;
      if (d.time - l.t > leakWindow) continue;
      const p = scene.screenOf(l.victim, camera);
      if (p) drawLeakFlash(ctx, p[0], p[1], k, pulse);
    }
    this.canvas.dataset.inFlight = String(inflight.length);
    this.canvas.dataset.drops = String(drops.length);
  }
}
