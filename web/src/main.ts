/**
 * The visualizer page: wires the controls to the controller, offers the built-in scenarios, opens
 * files, and loads the file `vnetsim view FILE` was given.
 */
import builtins from 'virtual:scenarios';
import { KINDS, PROTOCOLS, type KindName, type ProtocolName } from './model/kinds.js';
import { parseTime } from './model/time.js';
import { App } from './ui/app.js';
import { MIGRATION, PROTOCOL_COLOURS, PROTOCOL_LABELS, tint, UNPLUGGED_LINE, UNPLUGGED_MARK } from './ui/colours.js';
import { byId, el, fill } from './ui/dom.js';
import { scenarioNotes } from './ui/panels.js';
import type { Source } from './ui/source-loader.js';
import type { Tab } from './ui/state.js';

const app = new App();
const transport = app.transport;

/** Where the view server says its file is, if it was given one. */
interface FileInfo {
  readonly name: string;
  readonly kind: 'scenario' | 'trace';
  readonly size: number;
}

function builtinByFile(file: string) {
  return builtins.find((b) => b.file === file || b.file.endsWith(`/${file}`));
}

function loadBuiltin(file: string): void {
  const b = builtinByFile(file);
  if (!b) return;
  byId<HTMLSelectElement>('builtin').value = b.file;
  byId('welcome').hidden = true;
  history.replaceState(null, '', `#builtin=${encodeURIComponent(b.file.replace(/^scenarios\//, ''))}`);
  app.load({ kind: 'text', text: b.text, file: b.file });
}

function looksLikeTrace(name: string, head: string): boolean {
  return /\.(nd)?jsonl?$/.test(name) && head.trimStart().startsWith('{"kind":"header"') || head.trimStart().startsWith('{"kind":"header"');
}

async function openLocalFile(f: File): Promise<void> {
  const head = await f.slice(0, 64).text();
  byId('welcome').hidden = true;
  if (looksLikeTrace(f.name, head)) app.load({ kind: 'trace-file', blob: f, file: f.name });
  else app.load({ kind: 'text', text: await f.text(), file: f.name });
}

// ---- header: built-ins, open, paste ----------------------------------------------------------

const select = byId<HTMLSelectElement>('builtin');
select.appendChild(el('option', { attrs: { value: '' } }, 'Built-in scenarios…'));
for (const b of builtins) {
  const notes = scenarioNotes(b.text);
  select.appendChild(el('option', { attrs: { value: b.file } }, notes.title || b.file));
}
select.addEventListener('change', () => { if (select.value) loadBuiltin(select.value); });

function showWelcome(): void {
  const cards = byId('cards');
  fill(cards, ...builtins.map((b) => {
    const notes = scenarioNotes(b.text);
    const see = notes.paragraphs.find((p) => p.startsWith('What you will see')) ?? notes.paragraphs[0] ?? '';
    return el('button', { className: 'card', dataset: { file: b.file }, onClick: () => loadBuiltin(b.file) },
      el('span', { className: 'card-title' }, notes.title || b.file),
      el('span', { className: 'card-file' }, b.file),
      el('span', { className: 'card-text' }, see.length > 240 ? `${see.slice(0, 239)}…` : see));
  }));
  byId('welcome').hidden = false;
}
byId('btn-scenarios').addEventListener('click', showWelcome);
byId('welcome-close').addEventListener('click', () => { byId('welcome').hidden = true; });

const fileInput = byId<HTMLInputElement>('file-input');
byId('btn-open').addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => {
  const f = fileInput.files?.[0];
  if (f) void openLocalFile(f);
  fileInput.value = '';
});
document.addEventListener('dragover', (e) => e.preventDefault());
document.addEventListener('drop', (e) => {
  e.preventDefault();
  const f = e.dataTransfer?.files?.[0];
  if (f) void openLocalFile(f);
});
byId('btn-paste').addEventListener('click', () => { byId('paste').hidden = false; byId<HTMLTextAreaElement>('paste-text').focus(); });
byId('paste-cancel').addEventListener('click', () => { byId('paste').hidden = true; });
byId('paste-run').addEventListener('click', () => {
  const text = byId<HTMLTextAreaElement>('paste-text').value;
  byId('paste').hidden = true;
  byId('welcome').hidden = true;
  if (text.trimStart().startsWith('{"kind":"header"')) app.load({ kind: 'trace-text', text, file: 'pasted.ndjson' });
  else app.load({ kind: 'text', text, file: 'pasted.yaml' });
});

// ---- transport --------------------------------------------------------------------------------

byId('btn-play').addEventListener('click', () => transport.togglePlay());
byId('btn-step').addEventListener('click', () => transport.stepEvent());
byId('btn-back').addEventListener('click', () => transport.stepBack());
byId('btn-hop').addEventListener('click', () => transport.stepHop());
byId('btn-start').addEventListener('click', () => transport.toStart());
byId('btn-end').addEventListener('click', () => transport.toEnd());
const speed = byId<HTMLInputElement>('speed');
speed.addEventListener('input', () => transport.setSpeedExp(Number(speed.value)));
byId<HTMLInputElement>('skip-idle').addEventListener('change', (e) => {
  const on = (e.target as HTMLInputElement).checked;
  app.ui.setSkipIdle(on);
});
const scrub = byId<HTMLInputElement>('scrubber');
scrub.addEventListener('input', () => transport.seek(Number(scrub.value)));
const gotoBox = byId<HTMLInputElement>('goto');
gotoBox.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter') return;
  const t = parseTime(gotoBox.value);
  gotoBox.classList.toggle('bad', t === null);
  if (t !== null) transport.seek(t);
});
document.addEventListener('keydown', (e) => {
  const tag = (e.target as HTMLElement).tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
  if (e.key === ' ') { e.preventDefault(); transport.togglePlay(); }
  else if (e.key === 'ArrowRight') transport.stepEvent();
  else if (e.key === 'ArrowLeft') transport.stepBack();
  else if (e.key === 'h' || e.key === 'H') transport.stepHop();
  else if (e.key === 'Home') transport.toStart();
  else if (e.key === 'End') transport.toEnd();
  else if (e.key === 'Escape') { byId('welcome').hidden = true; byId('paste').hidden = true; }
});

// ---- stage tools, tabs, charts ----------------------------------------------------------------

byId('zoom-in').addEventListener('click', () => app.view.zoomBy(1.3));
byId('zoom-out').addEventListener('click', () => app.view.zoomBy(1 / 1.3));
byId('zoom-fit').addEventListener('click', () => app.view.fit());
byId<HTMLSelectElement>('colour-by').addEventListener('change', (e) => {
  const v = (e.target as HTMLSelectElement).value === 'tenant' ? 'tenant' : 'protocol';
  app.ui.setColourBy(v);
  renderLegend();
});
byId<HTMLSelectElement>('chart-mode').addEventListener('change', (e) => {
  const v = (e.target as HTMLSelectElement).value === 'run' ? 'run' : 'follow';
  app.ui.setChartMode(v);
});
for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('#tabs button'))) {
  b.addEventListener('click', () => app.ui.setTab(b.dataset.tab as Tab));
}

// ---- filters ----------------------------------------------------------------------------------

const protoRow = byId('f-protocols');
for (const p of PROTOCOLS) {
  protoRow.appendChild(el('button', { dataset: { v: p }, onClick: () => {
    const f = app.ui.state.filters;
    const has = f.protocols.includes(p);
    app.ui.setFilters({ ...f, protocols: has ? f.protocols.filter((x) => x !== p) : [...f.protocols, p as ProtocolName] });
  } }, PROTOCOL_LABELS[p]));
}
const kindRow = byId('f-kinds');
for (const k of KINDS) {
  kindRow.appendChild(el('button', { dataset: { v: k }, onClick: () => {
    const f = app.ui.state.filters;
    const has = f.kinds.includes(k);
    app.ui.setFilters({ ...f, kinds: has ? f.kinds.filter((x) => x !== k) : [...f.kinds, k as KindName] });
  } }, k));
}
const nodeBox = byId<HTMLInputElement>('f-node');
nodeBox.addEventListener('change', () => app.ui.setFilters({ ...app.ui.state.filters, node: nodeBox.value.trim() }));
byId<HTMLSelectElement>('f-tenant').addEventListener('change', (e) => {
  const v = (e.target as HTMLSelectElement).value;
  app.ui.setFilters({ ...app.ui.state.filters, tenant: v === '' ? null : v });
});
byId('f-clear').addEventListener('click', () => app.ui.setFilters({ kinds: [], protocols: [], tenant: null, node: '' }));

// ---- legend -----------------------------------------------------------------------------------

function renderLegend(): void {
  const data = app.data;
  const legend = byId('legend');
  const item = (swatch: HTMLElement, label: string) => el('span', { className: 'lg' }, swatch, label);
  const rows: HTMLElement[] = [];
  rows.push(el('div', { className: 'lg-row' }, el('span', { className: 'lg-title' }, 'devices'),
    item(el('span', { className: 'sw', style: { background: '#fff', borderColor: '#94a3b8' } }), 'host'),
    item(el('span', { className: 'sw', style: { background: '#334155' } }), 'switch'),
    item(el('span', { className: 'sw', style: { background: '#fde68a', borderColor: '#b45309' } }), 'bridge'),
    item(el('span', { className: 'dot', style: { background: '#fff', borderColor: '#64748b' } }), 'TAP'),
    item(el('span', { className: 'sw', style: { background: '#1e293b' } }), 'NIC'),
    item(el('span', { className: 'sw', style: { background: '#ddd6fe', borderColor: '#7c3aed' } }), 'VLAN')));
  rows.push(el('div', { className: 'lg-row' }, el('span', { className: 'lg-title' }, 'ties'),
    item(el('span', { className: 'ln', style: { borderColor: '#475569' } }), 'cable'),
    item(el('span', { className: 'ln dashed', style: { borderColor: '#94a3b8' } }), 'hypervisor hop'),
    item(el('span', { className: 'ln', style: { borderColor: '#d97706' } }), 'bridge port'),
    item(el('span', { className: 'lg', style: { color: '#dc2626' } }, '✕'), 'drop (reason)'),
    data?.done && data.store.cableRecords > 0
      ? item(el('span', { className: 'lg' }, el('span', { className: 'ln dashed', style: { borderColor: UNPLUGGED_LINE } }),
        el('span', { style: { color: UNPLUGGED_MARK } }, '✕')), 'unplugged cable')
      : null,
    data?.done && data.store.migrateRecords.length > 0
      ? item(el('span', { className: 'sw paused', style: { borderColor: MIGRATION } }), 'VM paused by a live migration (dashed: where it goes)')
      : null,
    data?.done && data.store.netdevRecords.length > 0
      ? item(el('span', { className: 'lg', style: { color: '#b45309' } }, '±'), 'devices and bridge ports drawn while they exist (the run adds or removes some)')
      : null));
  const tenants = data?.topo.tenants ?? [];
  if (tenants.length > 0) {
    rows.push(el('div', { className: 'lg-row' }, el('span', { className: 'lg-title' }, 'tenants (VMs)'),
      ...tenants.map((t) => {
        const c = data!.tenantColours.get(t)!;
        return item(el('span', { className: 'sw', style: { background: tint(c, 0.82), borderColor: c } }), t);
      })));
  }
  if (app.ui.state.colourBy === 'protocol') {
    rows.push(el('div', { className: 'lg-row' }, el('span', { className: 'lg-title' }, 'frames'),
      ...PROTOCOLS.filter((p) => p !== 'ipv4').map((p) => item(el('span', { className: 'dot', style: { background: PROTOCOL_COLOURS[p] } }), PROTOCOL_LABELS[p]))));
  } else {
    rows.push(el('div', { className: 'lg-row' }, el('span', { className: 'lg-title' }, 'frames'),
      ...tenants.map((t) => item(el('span', { className: 'dot', style: { background: data!.tenantColours.get(t)! } }), `sent by ${t}`)),
      item(el('span', { className: 'dot', style: { background: '#64748b' } }), 'no tenant')));
  }
  fill(legend, ...rows);
  app.view.bottomInset = legend.offsetHeight;
}
app.legendHook = renderLegend;
renderLegend();

// ---- start ------------------------------------------------------------------------------------

async function start(): Promise<void> {
  const hash = new URLSearchParams(location.hash.slice(1));
  const wanted = hash.get('builtin');
  if (wanted && builtinByFile(wanted)) { loadBuiltin(wanted); return; }
  try {
    const res = await fetch('file-info', { cache: 'no-store' });
    if (res.ok) {
      const info = (await res.json()) as FileInfo | null;
      if (info) {
        let src: Source;
        if (info.kind === 'trace') src = { kind: 'trace-url', url: 'file', file: info.name };
        else {
          const text = await (await fetch('file', { cache: 'no-store' })).text();
          src = { kind: 'text', text, file: info.name };
        }
        app.load(src);
        return;
      }
    }
  } catch {
    // Served without the view server (e.g. from disk): offer the built-ins.
  }
  showWelcome();
}

/** For tests and benchmarks: read-only views of what the page holds. */
(window as unknown as { vnetsim: unknown }).vnetsim = {
  app,
  digest: () => app.digest(),
  state: () => app.ui.state,
  timings: () => app.data?.timings ?? null,
  nodes: () => app.data?.topo.size ?? 0,
  records: () => app.data?.store.n ?? 0,
  screenOf: (id: string) => app.view.screenOf(id),
  inFlight: () => app.view.lastInFlight,
  unplugged: () => app.view.lastUnplugged,
  /** Where the picture shows a VM that a live migration moves: host, TAP (the one it left, when paused), paused. */
  placement: (vm: string) => app.view.lastPlacement[vm] ?? null,
  /** Devices and ties the picture leaves out now because they do not exist at its time (sorted ids). */
  devices: () => app.view.lastDevices,
};

void start();
