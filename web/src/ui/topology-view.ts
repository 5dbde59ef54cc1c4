/**
 * The topology on a canvas: the scene (where nodes are drawn now and what exists), the camera,
 * pointer input, and two layers: the static layer, cached and redrawn only when the scene or the
 * camera changes, and the dynamic layer drawn over it every animation frame. The view keeps no UI
 * state of its own: selection, drags and the moment shown are handed in from the store each frame
 * (through the scene's setters), and user actions go out through the callbacks. Where migrated VMs
 * go: migration-placement.ts; the marks of a changing network: change-marks.ts; drops and leaks:
 * event-marks.ts.
 */
import type { Layout } from '../model/layout.js';
import type { NetState } from '../model/net-state.js';
import type { TopoIndex } from '../model/topo.js';
import { Camera } from './camera.js';
import { DynamicLayer, type DynamicInput } from './dynamic-layer.js';
import { PointerInput, type PointerCallbacks } from './pointer.js';
import { Scene, type Offsets } from './scene.js';
import { StaticLayer } from './static-layer.js';

const DPR_MAX = 2;

export class TopologyView {
  private readonly scene = new Scene();
  private readonly camera = new Camera();
  private readonly staticLayer: StaticLayer;
  private readonly dynamicLayer: DynamicLayer;
  /** Pixels at the bottom covered by the legend: fitting leaves them free. */
  bottomInset = 0;

  constructor(readonly canvas: HTMLCanvasElement, private readonly cb: PointerCallbacks) {
    this.staticLayer = new StaticLayer(canvas);
    this.dynamicLayer = new DynamicLayer(canvas);
    new PointerInput(canvas, this.camera, this.scene, cb);
    new ResizeObserver(() => this.resize()).observe(canvas);
  }

  setData(topo: TopoIndex | null, layout: Layout | null, tenantColour: Map<string, string>): void {
    this.scene.setData(topo, layout, tenantColour);
    this.fit();
    this.canvas.dataset.nodes = String(topo?.size ?? 0);
  }

  /** Redraws the static layer (labels changed). */
  invalidate(): void {
    this.scene.touch();
  }

  /** What the store says the picture shows now; only changes cost anything. */
  show(offsets: Offsets, selected: string | null, net: NetState): void {
    this.scene.setOffsets(offsets);
    this.scene.setSelected(selected);
    this.scene.setUnplugged(net.unplugged);
    this.scene.setMigrated(net.migrated);
    this.scene.setDevices(net);
  }

  /** Screen position of a node (CSS pixels), for tests. */
  screenOf(id: string): [number, number] | null {
    return this.scene.screenOf(id, this.camera);
  }

  /** What the last drawn picture showed (tests read these; the canvas carries them as data-*). */
  get lastInFlight(): number { return this.dynamicLayer.lastInFlight; }
  get lastDrops(): number { return this.dynamicLayer.lastDrops; }
  /** Cables the last drawn picture showed unplugged. */
  get lastUnplugged(): string[] { return this.staticLayer.lastUnplugged; }
  /** Where the picture shows each VM a live migration moves (tap: the one it left, when paused). */
  get lastPlacement(): Scene['lastPlacement'] { return this.scene.lastPlacement; }
  /** Devices and ties the picture leaves out because they do not exist at its time (sorted ids). */
  get lastDevices(): Scene['lastDevices'] { return this.scene.lastDevices; }

  private resize(): void {
    const r = this.canvas.getBoundingClientRect();
    const dpr = Math.min(DPR_MAX, window.devicePixelRatio || 1);
    const w = Math.max(1, Math.round(r.width));
    const h = Math.max(1, Math.round(r.height));
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    this.camera.setSize(w, h, dpr);
    this.cb.changed();
  }

  /** Shows the whole topology, above the legend. */
  fit(): void {
    const b = this.scene.bounds();
    if (!b) return;
    this.camera.fit(b, this.bottomInset);
    this.cb.changed();
  }

  zoomBy(f: number): void {
    this.camera.zoomBy(f);
    this.cb.changed();
  }

  /** Draws one frame of the picture: the static layer, then the moment `d` (if any). */
  draw(d: DynamicInput | null): void {
    if (this.camera.w === 0) this.resize();
    const ctx = this.canvas.getContext('2d')!;
    this.staticLayer.copyTo(ctx, this.scene, this.camera);
    if (d) this.dynamicLayer.draw(ctx, this.scene, this.camera, d);
    else this.dynamicLayer.clear();
  }
}
