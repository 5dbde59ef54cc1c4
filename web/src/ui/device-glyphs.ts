/**
 * How each kind of device looks on the topology canvas: a VM card in its tenant's colour, a
 * bridge bar, TAP rings, NIC and switch-port squares, VLAN diamonds. Drawn in world units around
 * the device's position (x, y) with its layout radius r.
 */
import { tint } from './colours.js';

export function drawDevice(ctx: CanvasRenderingContext2D, kind: string, x: number, y: number, r: number, tenantColour: string): void {
  switch (kind) {
    case 'vm':
      roundRect(ctx, x - r * 1.25, y - r * 0.8, r * 2.5, r * 1.6, 5);
      paint(ctx, tint(tenantColour, 0.82), tenantColour, 2);
      break;
    case 'bridge':
      roundRect(ctx, x - r * 1.3, y - r * 0.75, r * 2.6, r * 1.5, 4);
      paint(ctx, '#fde68a', '#b45309', 1.5);
      break;
    case 'tap':
      circle(ctx, x, y, r);
      paint(ctx, '#ffffff', tenantColour, 2);
      break;
    case 'nic':
      ctx.fillStyle = '#1e293b';
      ctx.fillRect(x - r, y - r, r * 2, r * 2);
      break;
    case 'vlan':
      ctx.beginPath();
      ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath();
      paint(ctx, '#ddd6fe', '#7c3aed', 1.5);
      break;
    case 'vnic':
      circle(ctx, x, y, r);
      paint(ctx, tenantColour, null, 0);
      break;
    case 'switch-port':
      ctx.fillStyle = '#cbd5e1';
      ctx.fillRect(x - r, y - r, r * 2, r * 2);
      ctx.lineWidth = 1;
      ctx.strokeStyle = '#0f172a';
      ctx.strokeRect(x - r, y - r, r * 2, r * 2);
      break;
    default:
      circle(ctx, x, y, r);
      paint(ctx, '#e2e8f0', null, 0);
  }
}

/** Fills the current path, then outlines it when `stroke` is given. */
function paint(ctx: CanvasRenderingContext2D, fill: string, stroke: string | null, width: number): void {
  ctx.fillStyle = fill;
  ctx.fill();
  if (stroke === null) return;
  ctx.lineWidth = width;
  ctx.strokeStyle = stroke;
  ctx.stroke();
}

function circle(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}
