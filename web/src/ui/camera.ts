/**
 * The camera over the topology's world coordinates: the world point at the canvas centre, the
 * scale, and the canvas size in CSS pixels (and its device-pixel ratio). World <-> screen is
 * `screen = (world - centre) * k + size / 2`. Every change bumps `version`, so the static layer
 * knows when its cached picture is stale without being told.
 */

/** World bounds to fit: [x0, y0, x1, y1]. */
export type Bounds = readonly [number, number, number, number];

export class Camera {
  /** World point at the centre. */
  cx = 0;
  cy = 0;
  /** Screen pixels per world unit. */
  k = 1;
  /** Canvas size in CSS pixels (0 before the first resize). */
  w = 0;
  h = 0;
  dpr = 1;
  /** Bumped on every change of what the camera shows. */
  version = 0;

  setSize(w: number, h: number, dpr: number): void {
    this.w = w;
    this.h = h;
    this.dpr = dpr;
    this.version++;
  }

  /** Centres and scales to show `b`, leaving `bottomInset` pixels free at the bottom. */
  fit(b: Bounds, bottomInset: number): void {
    const [x0, y0, x1, y1] = b;
    this.cx = (x0 + x1) / 2;
    this.cy = (y0 + y1) / 2;
    const w = this.w || 800, h = Math.max(100, (this.h || 600) - bottomInset);
    this.k = Math.min(3, Math.min(w / (x1 - x0), h / (y1 - y0)) * 0.92);
    this.cy += bottomInset / 2 / this.k;
    this.version++;
  }

  /** Zooms by `f` around the screen point (sx, sy), which stays over the same world point. */
  zoomBy(f: number, sx = this.w / 2, sy = this.h / 2): void {
    const [wx, wy] = this.toWorld(sx, sy);
    this.k = Math.max(0.02, Math.min(8, this.k * f));
    const [nx, ny] = this.toWorld(sx, sy);
    this.cx += wx - nx;
    this.cy += wy - ny;
    this.version++;
  }

  /** Puts world point (cx, cy) at the centre. */
  centreOn(cx: number, cy: number): void {
    this.cx = cx;
    this.cy = cy;
    this.version++;
  }

  toScreen(x: number, y: number): [number, number] {
    return [(x - this.cx) * this.k + this.w / 2, (y - this.cy) * this.k + this.h / 2];
  }

  toWorld(sx: number, sy: number): [number, number] {
    return [(sx - this.w / 2) / this.k + this.cx, (sy - this.h / 2) / this.k + this.cy];
  }
}
