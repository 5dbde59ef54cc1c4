/**
 * The side panels: a frame's layers and path, a device's tables and counters at the current time,
 * the leaks so far, what the scenario is about, and a scenario's problems. Every name is text.
 */
import type { Problem, Report } from '../../../src/index.js';
import { hasFrame, PROTOCOLS, type ProtocolName } from '../model/kinds.js';
import type { LeakMark } from '../model/leaks.js';
import { placementOf, placementText, tapText } from '../model/migration.js';
import { devicesNow, masterNow, masterText, portsNow, presenceText } from '../model/netdev.js';
import type { NetState, PortCounters } from '../model/net-state.js';
import { DROP } from '../model/slots.js';
import type { RecordStore } from '../model/store.js';
import { formatBytes, formatSeconds, formatSpan } from '../model/time.js';
import type { TopoIndex } from '../model/topo.js';
import type { FrameLayer } from '../model/protocol.js';
import { PROTOCOL_COLOURS } from './colours.js';
import { el, fill, table, type Child } from './dom.js';
import { recordText } from './records.js';

interface FramePanelInput {
  readonly store: RecordStore;
  readonly record: number;
  readonly layers: readonly FrameLayer[] | null;
  readonly layersFromTrace: boolean;
  readonly path: readonly number[];
  readonly onPick: (i: number) => void;
  readonly onGo: (i: number) => void;
}

export function renderFramePanel(root: HTMLElement, p: FramePanelInput | null): void {
  if (!p || p.record < 0) {
    fill(root, el('p', { className: 'hint' }, 'Click a row of the event list to see that frame’s layers and the path it took.'));
    return;
  }
  const s = p.store, i = p.record;
  const r = recordText(s, i);
  const head = el('div', { className: 'frame-head' },
    el('div', { className: 'frame-title' }, `#${i + 1} ${r.kind} at ${r.at}${r.to ? ` → ${r.to}` : ''}`),
    el('div', { className: 'frame-time' }, `t = ${formatSeconds(s.t[i]!)} s`),
    el('button', { className: 'small', onClick: () => p.onGo(i) }, 'Go to this moment'));
  if (!hasFrame(s.kind[i]!)) {
    fill(root, head, el('p', null, r.info));
    return;
  }
  const fi = s.frame[i]!;
  const proto = PROTOCOLS[s.fProto[fi]!] ?? 'other';
  const layers: Child[] = [];
  if (p.layers === null) layers.push(el('p', { className: 'hint' }, 'Reading the frame…'));
  else {
    for (const l of p.layers) {
      layers.push(el('div', { className: 'layer', dataset: { layer: l.name } },
        el('div', { className: 'layer-name' }, l.name),
        el('table', { className: 'kv' }, el('tbody', null, ...l.fields.map(([k, v]) => el('tr', null, el('th', null, k), el('td', null, v)))))));
    }
    if (p.layersFromTrace) layers.push(el('p', { className: 'hint' }, 'From the trace file’s description: fields the trace does not carry (TTL, IP id) are not shown.'));
  }
  const hops = p.path.map((j) => {
    const t = recordText(s, j);
    return el('li', { className: j === i ? 'current' : '', onClick: () => p.onPick(j) },
      el('span', { className: 'hop-t' }, formatSeconds(s.t[j]!)), ' ',
      el('span', { className: `c-k kind-${t.kind}` }, t.kind), ' ',
      el('span', null, t.to && t.kind === 'tx' ? `${t.at} → ${t.to}` : t.at),
      t.kind === 'drop' ? el('span', { className: 'reason' }, ` (${s.str(s[DROP.reason][j]!)})`) : null);
  });
  fill(root, head,
    el('div', { className: 'frame-desc' },
      el('span', { className: 'proto', style: { background: PROTOCOL_COLOURS[proto as ProtocolName] } }, proto.toUpperCase()), ' ',
      s.frameDesc(fi)),
    el('div', { className: 'frame-meta' }, `frame uid ${s.fUid[fi]} · lineage ${s.fOrigin[fi]} · ${s.fLen[fi]} bytes`),
    el('h3', null, 'Layers'), ...layers,
    el('h3', null, `Path (${p.path.length} events)`),
    el('ol', { className: 'path' }, ...hops));
}

interface DevicePanelInput {
  readonly topo: TopoIndex;
  readonly id: string;
  readonly state: NetState;
  readonly time: number;
}

const KIND_NAMES: Record<string, string> = {
  host: 'physical host', vm: 'virtual machine', switch: 'physical switch', bridge: 'Linux bridge', tap: 'TAP device',
  nic: 'physical NIC', vnic: 'virtual NIC (in the guest)', vlan: 'VLAN sub-interface', 'switch-port': 'switch port',
};

export function renderDevicePanel(root: HTMLElement, p: DevicePanelInput | null): void {
  if (!p) {
    fill(root, el('p', { className: 'hint' }, 'Click a device in the picture to see its MAC table, ARP cache and port counters at the current time.'));
    return;
  }
  const { topo, state } = p;
  const i = topo.at(p.id);
  if (i < 0) { fill(root, el('p', null, `No device named ${p.id}.`)); return; }
  const node = topo.nodes[i]!;
  const parts: Child[] = [];
  const facts: [string, string][] = [['kind', KIND_NAMES[node.kind] ?? node.kind]];
  // A VM runs where its last live migration took it, at the current time; a TAP may have one behind it.
  if (node.kind === 'vm') facts.push(['runs on', placementText(placementOf(topo, state.migrated, i))]);
  else if (node.parent) facts.push(['in', node.parent]);
  if (node.kind === 'tap') facts.push(['VM behind', tapText(topo, state.migrated, i)]);
  // Devices and bridge ports as they are at the current time (the run may add, remove, enslave, release).
  const now = devicesNow(topo, state);
  const exists = presenceText(topo, state, i);
  if (exists !== null) facts.push(['exists', exists]);
  if (node.kind === 'bridge') {
    const ports = portsNow(topo, now, i);
    facts.push(['ports', ports.length > 0 ? ports.join(', ') : 'none']);
  } else if (node.kind === 'tap' || node.kind === 'nic' || node.kind === 'vlan') facts.push(['bridge', masterText(topo, state, now, i)]);
  const tenant = topo.tenant[i];
  if (tenant) facts.push(['tenant', tenant]);
  if (node.mac !== null && node.mac !== undefined) facts.push(['MAC', macText(node.mac)]);
  const ips = topo.ips[i] ?? (node.kind === 'vm' ? topo.children[i]!.map((c) => topo.ips[c]).find((x) => x) ?? null : null);
  if (ips && ips.length > 0) facts.push(['IP', ips.join(', ')]);
  // A NIC's or a switch port's cable, and whether it is plugged in at the current time.
  for (const e of topo.edgesAt[i]!) {
    if (e.kind !== 'cable') continue;
    const since = state.unplugged[e.id];
    facts.push(['cable', `to ${e.a === node.id ? e.b : e.a}: ${since === undefined ? 'plugged in' : `unplugged since ${formatSpan(since)}`}`]);
  }
  parts.push(el('div', { className: 'device-head' }, el('div', { className: 'device-title' }, node.id),
    el('table', { className: 'kv' }, el('tbody', null, ...facts.map(([k, v]) => el('tr', null, el('th', null, k), el('td', null, v)))))));

  // The forwarding table: of a bridge or switch, or of the one a port belongs to.
  let tableOwner: string | null = null;
  if (node.kind === 'bridge' || node.kind === 'switch') tableOwner = node.id;
  else if (node.kind === 'switch-port' && node.parent) tableOwner = node.parent;
  else if (node.kind === 'tap' || node.kind === 'nic' || node.kind === 'vlan') tableOwner = masterNow(topo, now, i);
  if (tableOwner) {
    const fdb = state.fdb[tableOwner] ?? {};
    const entries = Object.values(fdb).sort((a, b) => a.vid - b.vid || a.mac.localeCompare(b.mac));
    const owner = (mac: string) => {
      const k = topo.macOwner.get(mac);
      return k === undefined ? '' : topo.nodes[k]!.id;
    };
    parts.push(el('h3', null, `MAC table of ${tableOwner} (${entries.length})`));
    if (entries.length === 0) parts.push(el('p', { className: 'hint' }, 'Empty: nothing learnt yet, so frames to unknown MACs are flooded.'));
    else parts.push(table(['VLAN', 'MAC', 'whose', 'port', 'age', 'moves'], entries.map((e) => [
      String(e.vid), el('code', null, e.mac), owner(e.mac), e.port, formatSpan(p.time - e.seenAt), String(e.moves)])));
    const full = state.fdbFull[tableOwner];
    if (full) parts.push(el('p', { className: 'warn' }, `Table full: ${full} MACs could not be learnt.`));
  }

  // ARP caches of the interfaces with an IP stack here.
  const stackPlaces = topo.subtree(i).map((k) => topo.nodes[k]!.id).filter((id) => state.arp[id] !== undefined);
  for (const place of stackPlaces) {
    const entries = Object.values(state.arp[place]!).sort((a, b) => ipNum(a.ip) - ipNum(b.ip));
    parts.push(el('h3', null, `ARP cache of ${place} (${entries.length})`));
    parts.push(table(['IP', 'MAC', 'whose', 'updated'], entries.map((e) => [
      e.ip, el('code', null, e.mac), topo.macOwner.has(e.mac) ? topo.nodes[topo.macOwner.get(e.mac)!]!.id : '', `${formatSpan(p.time - e.updatedAt)} ago`])));
  }
  if (stackPlaces.length === 0 && (node.kind === 'vm' || node.kind === 'vnic')) {
    parts.push(el('h3', null, 'ARP cache'), el('p', { className: 'hint' }, 'Empty: this guest has not resolved anyone yet.'));
  }

  // Counters of this place and the places under it.
  const places = topo.subtree(i).map((k) => topo.nodes[k]!.id).filter((id) => state.counters[id] !== undefined);
  parts.push(el('h3', null, 'Counters'));
  if (places.length === 0) parts.push(el('p', { className: 'hint' }, 'No frames here yet.'));
  else {
    parts.push(table(['place', 'tx', 'tx bytes', 'rx', 'rx bytes', 'drops', 'floods', 'delivered'], places.map((id) => {
      const c = state.counters[id]!;
      return [id, String(c.txFrames), formatBytes(c.txBytes), String(c.rxFrames), formatBytes(c.rxBytes), dropsCell(c), String(c.floods), String(c.delivered)];
    }), 'grid counters'));
  }
  const apps = places.flatMap((id) => Object.entries(state.apps[id] ?? {}).map(([k, v]) => `${id}: ${k} × ${v}`));
  if (apps.length > 0) parts.push(el('h3', null, 'Applications'), el('ul', { className: 'apps' }, ...apps.map((a) => el('li', null, a))));
  fill(root, ...parts);
}

function dropsCell(c: PortCounters): Child {
  if (c.drops === 0) return '0';
  const reasons = Object.entries(c.dropReasons).map(([r, n]) => `${r} ${n}`).join(', ');
  return el('span', { className: 'drops', title: reasons }, `${c.drops} (${reasons})`);
}

function macText(mac: number): string {
  let s = '';
  for (let i = 5; i >= 0; i--) s += (i < 5 ? ':' : '') + (Math.floor(mac / 2 ** (8 * i)) % 256).toString(16).padStart(2, '0');
  return s;
}

function ipNum(ip: string): number {
  return ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
}

export function renderLeaksPanel(root: HTMLElement, leaks: readonly LeakMark[], cursor: number, reportCount: number | null, onPick: (i: number) => void): number {
  const shown = leaks.filter((l) => l.i < cursor);
  const parts: Child[] = [];
  parts.push(el('p', { className: 'hint' },
    'A leak is a frame sent by one tenant’s VM that reached another tenant’s virtual NIC. ',
    reportCount !== null ? `The run’s report counts ${reportCount}.` : ''));
  if (shown.length === 0) parts.push(el('p', null, leaks.length === 0 ? 'No leaks in this run.' : 'No leaks yet at this time.'));
  else {
    parts.push(el('ol', { className: 'leaks' }, ...shown.slice(-500).map((l) => el('li', { onClick: () => onPick(l.i) },
      el('div', null, el('b', null, formatSeconds(l.t)), ' ', `${l.victim} (${l.victimTenant}) received a frame from ${l.source} (${l.sourceTenant})`),
      el('div', { className: 'mono' }, l.frame),
      l.firstBadHop ? el('div', { className: 'hint' }, `First wrong hop: ${l.firstBadHop}`) : null))));
  }
  fill(root, ...parts);
  return shown.length;
}

/** The leading comment block of a scenario file, as paragraphs. */
export function scenarioNotes(text: string): { title: string; paragraphs: string[] } {
  const lines = text.split('\n');
  const comments: string[] = [];
  for (const line of lines) {
    if (/^\s*#/.test(line)) comments.push(line.replace(/^\s*#\s?/, ''));
    else if (line.trim() === '' && comments.length === 0) continue;
    else break;
  }
  const title = comments.shift() ?? '';
  const paragraphs: string[] = [];
  let cur = '';
  for (const c of comments) {
    if (c.trim() === '') { if (cur) paragraphs.push(cur); cur = ''; } else cur = cur ? `${cur} ${c.trim()}` : c.trim();
  }
  if (cur) paragraphs.push(cur);
  return { title, paragraphs };
}

export function renderAboutPanel(root: HTMLElement, meta: { name: string; file: string; kind: string; seed: number; duration: number } | null, text: string | null, report: Report | null, records: number): void {
  if (!meta) { fill(root, el('p', { className: 'hint' }, 'Pick a scenario to start.')); return; }
  const parts: Child[] = [];
  const notes = text ? scenarioNotes(text) : null;
  parts.push(el('h2', null, notes?.title || meta.name));
  if (notes) for (const p of notes.paragraphs) parts.push(el('p', null, p));
  parts.push(el('table', { className: 'kv' }, el('tbody', null,
    ...([['scenario', meta.name], ['file', meta.file], ['source', meta.kind === 'trace' ? 'NDJSON trace' : 'simulated in this page'], ['seed', String(meta.seed)], ['duration', formatSpan(meta.duration)], ['trace records', records.toLocaleString('en-US')]] as const)
      .map(([k, v]) => el('tr', null, el('th', null, k), el('td', null, v))))));
  if (report) {
    const f = report.frames;
    parts.push(el('h3', null, 'Report'));
    parts.push(el('table', { className: 'kv' }, el('tbody', null,
      ...([['frames sent', f.sent], ['delivered', f.delivered], ['dropped', f.dropped], ['in flight at the end', f.inFlight], ['hops', f.hops]] as const)
        .map(([k, v]) => el('tr', null, el('th', null, k), el('td', null, v.toLocaleString('en-US')))))));
    const reasons = Object.entries(f.dropsByReason);
    if (reasons.length > 0) parts.push(el('p', null, 'Drops by reason: ', reasons.map(([r, n]) => `${r} ${n.toLocaleString('en-US')}`).join(', ')));
    if (report.pings.length > 0) {
      parts.push(el('h3', null, `Pings (${report.pings.length})`));
      parts.push(table(['from', 'to', 'sent', 'replies', 'avg rtt'], report.pings.slice(0, 200).map((p) => [p.from, `${p.to} (${p.dst})`, String(p.sent), String(p.received), p.rttAvgNs === null ? '—' : formatSpan(p.rttAvgNs)])));
    }
    if (report.expectations.length > 0) {
      parts.push(el('h3', null, 'Expectations'));
      parts.push(el('ul', { className: 'expect' }, ...report.expectations.map((e) => el('li', { className: e.pass ? 'pass' : 'fail' }, `${e.pass ? '✔' : '✘'} ${e.text}`, e.detail ? el('div', { className: 'hint' }, e.detail) : null))));
    }
    parts.push(el('p', { className: 'hint mono' }, `trace hash ${report.traceHash}`));
  }
  fill(root, ...parts);
}

export function renderProblems(root: HTMLElement, problems: readonly Problem[], text: string | null): void {
  const lines = text?.split('\n') ?? [];
  fill(root,
    el('h2', null, `This scenario has ${problems.length} problem${problems.length === 1 ? '' : 's'}`),
    el('p', { className: 'hint' }, 'Nothing ran. Fix these in the file and open it again (the CLI’s "vnetsim validate" prints the same list).'),
    el('ol', { className: 'problems' }, ...problems.map((p) => {
      const excerpt: Child[] = [];
      for (let n = Math.max(1, p.line - 1); n <= Math.min(lines.length, p.line + 1); n++) {
        excerpt.push(el('div', { className: n === p.line ? 'src-line bad' : 'src-line' }, el('span', { className: 'ln' }, String(n)), lines[n - 1] ?? ''));
      }
      return el('li', { className: 'problem', dataset: { line: String(p.line), path: p.path } },
        el('div', { className: 'problem-where' }, `line ${p.line}, column ${p.column}`, p.path ? ` · at ${p.path}` : ''),
        el('div', { className: 'problem-msg' }, p.message),
        excerpt.length > 0 ? el('pre', { className: 'src' }, ...excerpt) : null);
    })));
}
