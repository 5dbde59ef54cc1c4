/**
 * Marks for a network that changes during the run, drawn over the static picture: a pulled cable's
 * ✕, and a VM paused by a live migration (the way to where it is going, and a label).
 */
import { MIGRATION, UNPLUGGED_MARK } from './colours.js';

/** A label on a pale box, so it reads over lines. */
function boxedLabel(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, colour: string): void {
  ctx.font = '600 10px system-ui, sans-serif';
  const tw = ctx.measureText(text).width;
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(x - tw / 2 - 2, y - 7, tw + 4, 14);
  ctx.fillStyle = colour;
  ctx.fillText(text, x, y);
}

/**
 * A ✕ in a ring (radius `mr`, screen pixels) at the middle of an unplugged cable, and the word when
 * labels show: beside a steep cable, under a flat one, clear of the port labels at its ends.
 */
export function drawUnpluggedMark(ctx: CanvasRenderingContext2D, sx: number, sy: number, mr: number, steep: boolean, withLabel: boolean): void {
  ctx.beginPath();
  ctx.arc(sx, sy, mr, 0, Math.PI * 2);
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = UNPLUGGED_MARK;
  ctx.stroke();
  const z = mr * 0.5;
  ctx.beginPath();
  ctx.moveTo(sx - z, sy - z); ctx.lineTo(sx + z, sy + z);
  ctx.moveTo(sx + z, sy - z); ctx.lineTo(sx - z, sy + z);
  ctx.lineWidth = 2.2;
  ctx.stroke();
  if (!withLabel) return;
  ctx.font = '600 10px system-ui, sans-serif';
  const tw = ctx.measureText('unplugged').width;
  boxedLabel(ctx, 'unplugged', steep ? sx + mr + 4 + tw / 2 : sx, steep ? sy : sy + mr + 9, UNPLUGGED_MARK);
}

/** A paused VM's way (world units): a dashed line from it to its outline where it is going. */
export function drawMigrationWay(ctx: CanvasRenderingContext2D, x: number, y: number, toX: number, toY: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(toX, toY);
  ctx.strokeStyle = MIGRATION;
  ctx.lineWidth = 2;
  ctx.setLineDash([6, 5]);
  ctx.stroke();
  ctx.beginPath();
  ctx.rect(toX - r * 1.25, toY - r * 0.8, r * 2.5, r * 1.6);
  ctx.stroke();
  ctx.setLineDash([]);
}

/** "paused: migrating to host2" under a paused VM (screen pixels). */
export function drawPausedLabel(ctx: CanvasRenderingContext2D, toHost: string, sx: number, y: number): void {
  boxedLabel(ctx, `paused: migrating to ${toHost}`, sx, y, MIGRATION);
}
