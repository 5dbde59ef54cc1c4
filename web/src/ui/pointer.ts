/**
 * Pointer input on the topology canvas: press on a device and drag to move it (a VM's NIC moves
 * its VM; a host or switch moves with everything in it), drag the background to pan, click to
 * select (the background: select nothing), wheel to zoom around the pointer, hover for the cursor.
 * A press becomes a drag only after 4 pixels, so a slightly shaky click still selects. Moving a
 * device is reported, not done here: its offset is UI state.
 */
import type { Camera } from './camera.js';
import type { Scene } from './scene.js';

export interface PointerCallbacks {
  select(nodeId: string | null): void;
  moved(nodeId: string, dx: number, dy: number): void;
  /** The camera moved. */
  changed(): void;
}

type Drag =
  | { readonly mode: 'pan'; readonly x: number; readonly y: number; moved: boolean; readonly cx: number; readonly cy: number }
  | { readonly mode: 'node'; readonly id: string; readonly x: number; readonly y: number; moved: boolean; readonly dx: number; readonly dy: number };

export class PointerInput {
  private drag: Drag | null = null;

  constructor(private readonly canvas: HTMLCanvasElement, private readonly camera: Camera, private readonly scene: Scene, private readonly cb: PointerCallbacks) {
    canvas.addEventListener('pointerdown', (e) => this.onDown(e));
    canvas.addEventListener('pointermove', (e) => this.onMove(e));
    canvas.addEventListener('pointerup', (e) => this.onUp(e));
    canvas.addEventListener('pointercancel', () => { this.drag = null; });
    canvas.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
  }

  /** The node under a screen point (CSS pixels), or -1. */
  hit(sx: number, sy: number): number {
    const [wx, wy] = this.camera.toWorld(sx, sy);
    return this.scene.hit(wx, wy, 4 / this.camera.k);
  }

  private onDown(e: PointerEvent): void {
    const r = this.canvas.getBoundingClientRect();
    const sx = e.clientX - r.left, sy = e.clientY - r.top;
    const i = this.hit(sx, sy);
    this.canvas.setPointerCapture(e.pointerId);
    const topo = this.scene.topo;
    if (i >= 0 && topo) {
      let id = topo.nodes[i]!.id;
      if (topo.nodes[i]!.kind === 'vnic' && topo.parent[i]! >= 0) id = topo.nodes[topo.parent[i]!]!.id;
      const o = this.scene.offsets[id] ?? { dx: 0, dy: 0 };
      this.drag = { mode: 'node', id, x: sx, y: sy, moved: false, dx: o.dx, dy: o.dy };
    } else {
      this.drag = { mode: 'pan', x: sx, y: sy, moved: false, cx: this.camera.cx, cy: this.camera.cy };
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
    const k = this.camera.k;
    if (d.mode === 'pan') {
      this.camera.centreOn(d.cx - (sx - d.x) / k, d.cy - (sy - d.y) / k);
      this.cb.changed();
    } else {
      this.cb.moved(d.id, d.dx + (sx - d.x) / k, d.dy + (sy - d.y) / k);
    }
  }

  private onUp(e: PointerEvent): void {
    const d = this.drag;
    this.drag = null;
    if (!d || d.moved) return;
    const r = this.canvas.getBoundingClientRect();
    const i = this.hit(e.clientX - r.left, e.clientY - r.top);
    const topo = this.scene.topo;
    this.cb.select(i >= 0 && topo ? topo.nodes[i]!.id : null);
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const r = this.canvas.getBoundingClientRect();
    this.camera.zoomBy(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    this.cb.changed();
  }
}
