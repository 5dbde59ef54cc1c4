/**
 * The transport bar as the state has it: buttons enabled once a source is ready, play or pause,
 * the scrubber and the clock at the shown time (the clock also carries the exact ns and cursor as
 * data-*, for tests), the speed and the display choices. Idempotent: it writes only what differs
 * where writing would disturb the viewer (a scrubber being dragged, a focused box).
 */
import { formatClock, formatSpan } from '../model/time.js';
import { byId, setText } from './dom.js';
import { speedOf, type UiState } from './state.js';

const CONTROLS = ['btn-start', 'btn-back', 'btn-play', 'btn-step', 'btn-hop', 'btn-end', 'scrubber', 'goto'];

export function renderTransport(s: UiState, endTime: number): void {
  const ready = s.phase === 'ready';
  for (const id of CONTROLS) byId<HTMLButtonElement>(id).disabled = !ready;
  setText(byId('btn-play'), s.playing ? '❚❚ Pause' : '▶ Play');
  const scrub = byId<HTMLInputElement>('scrubber');
  if (scrub.max !== String(endTime || 1)) scrub.max = String(endTime || 1);
  if (document.activeElement !== scrub) scrub.value = String(s.time);
  const clock = byId('clock');
  setText(clock, formatClock(s.time));
  clock.dataset.ns = String(Math.round(s.time));
  clock.dataset.cursor = String(s.cursor);
  const sp = byId<HTMLInputElement>('speed');
  if (sp.value !== String(s.speedExp)) sp.value = String(s.speedExp);
  setText(byId('speed-label'), `${formatSpan(speedOf(s))}/s`);
  byId<HTMLInputElement>('skip-idle').checked = s.skipIdle;
  byId<HTMLSelectElement>('colour-by').value = s.colourBy;
  byId<HTMLSelectElement>('chart-mode').value = s.chartMode;
}
