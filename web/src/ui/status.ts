/**
 * What the page says about the source: the title, the status line (loading progress, or the
 * source's size), the message over the stage while there is nothing to show, and a scenario's
 * problems (rebuilt only when they or the text change).
 */
import { formatSpan } from '../model/time.js';
import { byId, setText } from './dom.js';
import type { Loaded } from './loaded.js';
import { renderProblems } from './panels.js';
import type { UiState } from './state.js';

export function renderStatus(s: UiState, data: Loaded | null): void {
  const title = data?.meta ? `${data.meta.name}` : s.source?.file ?? '';
  setText(byId('title'), title);
  let status = '';
  if (s.phase === 'loading') status = s.progress ? `simulating… t=${formatSpan(s.progress.t)}, ${s.progress.records.toLocaleString('en-US')} records` : 'loading…';
  else if (s.phase === 'ready' && data) status = `${data.topo.size.toLocaleString('en-US')} nodes · ${data.store.n.toLocaleString('en-US')} events · ${data.meta.kind === 'trace' ? 'trace file' : 'simulated here'}`;
  else if (s.phase === 'problems') status = 'the scenario has problems';
  else if (s.phase === 'error') status = 'error';
  setText(byId('status'), status);
  const msg = s.phase === 'loading' ? (s.progress ? `Simulating… ${s.progress.records.toLocaleString('en-US')} events so far` : 'Loading…')
    : s.phase === 'error' ? s.error ?? 'error' : s.phase === 'empty' ? 'Pick a scenario to start' : '';
  setText(byId('stage-msg'), msg);
  const problems = byId('problems');
  problems.hidden = s.phase !== 'problems';
  if (s.phase === 'problems' && problems.dataset.count !== String(s.problems.length) + (s.text?.length ?? 0)) {
    renderProblems(problems, s.problems, s.text);
    problems.dataset.count = String(s.problems.length) + (s.text?.length ?? 0);
  }
}
