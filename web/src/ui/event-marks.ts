/**
 * Marks of what just happened, on the dynamic layer (screen pixels): a drop's ✕ where it
 * happened, one label per device group and reason, and a leak's flash on the VM that received
 * another tenant's frame.
 */

/** The drops of one reason in one group (host or switch), to label once. */
export interface DropLabel {
  /** The group's centre and radius, and the (first) dropping device. */
  gx: number;
  gy: number;
  r: number;
  x: number;
  y: number;
  text: string;
  alpha: number;
  n: number;
}

export function drawDropCross(ctx: CanvasRenderingContext2D, x: number, y: number, alpha: number): void {
  const z = 6;
  ctx.strokeStyle = `rgba(220,38,38,${alpha})`;
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.moveTo(x - z, y - z); ctx.lineTo(x + z, y + z);
  ctx.moveTo(x + z, y - z); ctx.lineTo(x - z, y + z);
  ctx.stroke();
}

/** Each label outside its group's rim, away from the centre, moved down or up past labels already placed. */
export function drawDropLabels(ctx: CanvasRenderingContext2D, labels: Iterable<DropLabel>): void {
  ctx.font = '600 11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  const placed: [number, number, number][] = [];
  for (const l of labels) {
    let dx = l.x - l.gx, dy = l.y - l.gy;
    const len = Math.hypot(dx, dy) || 1;
    dx /= len; dy /= len;
    if (len < 1) { dx = 0; dy = -1; }
    const lx = l.gx + dx * (l.r + 16);
    let ly = l.gy + dy * (l.r + 16);
    const text = `✕ ${l.text}${l.n > 1 ? ` ×${l.n}` : ''}`;
    const tw = ctx.measureText(text).width;
    ctx.textAlign = dx < -0.3 ? 'right' : dx > 0.3 ? 'left' : 'center';
    const x0 = ctx.textAlign === 'right' ? lx - tw : ctx.textAlign === 'left' ? lx : lx - tw / 2;
    for (const [px0, py0, pw] of placed) if (Math.abs(py0 - ly) < 16 && x0 < px0 + pw && x0 + tw > px0) ly += dy >= 0 ? 16 : -16;
    placed.push([x0, ly, tw]);
    ctx.fillStyle = `rgba(254,242,242,${l.alpha * 0.95})`;
    ctx.fillRect(x0 - 4, ly - 8, tw + 8, 16);
    ctx.fillStyle = `rgba(185,28,28,${l.alpha})`;
    ctx.fillText(text, lx, ly);
  }
  ctx.textAlign = 'left';
}

/** A pulsing ring and "LEAK" on a VM (`k` the zoom, `pulse` in 0..1). */
export function drawLeakFlash(ctx: CanvasRenderingContext2D, x: number, y: number, k: number, pulse: number): void {
  ctx.beginPath();
  ctx.arc(x, y, 26 * Math.max(0.6, Math.min(1.6, k)) + pulse * 8, 0, Math.PI * 2);
  ctx.lineWidth = 4;
  ctx.strokeStyle = `rgba(192,38,211,${0.5 + pulse * 0.5})`;
  ctx.stroke();
  ctx.fillStyle = '#a21caf';
  ctx.font = '700 12px system-ui, sans-serif';
  ctx.fillText('LEAK', x + 22, y + 24);
}
