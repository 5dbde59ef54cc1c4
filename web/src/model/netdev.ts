/**
 * Devices that change during the run. A trace's `netdev` records say when a host's device is
 * added or removed, enslaved to a bridge or released from it (timeline commands, and a migration
 * making a TAP); the header's topology is the one after the start-up commands. Here: the topology
 * the page draws (every device the run adds, under its host, with the ties its records give it,
 * and the hops migrations need: one growth, so a TAP both records name is one node), and which of
 * its devices and ties exist at a point of the trace, from the replayed state (NetState.devices,
 * NetState.masters), in words too.
 */
import type { Topology } from '../../../src/index.js';
import { HOST_DEVICE_KINDS } from '../../../src/trace/device-kind.js';
import { ND_ADDED, ND_ENSLAVED } from './kinds.js';
import { addMigrations } from './migration.js';
import type { NetState } from './net-state.js';
import { NETDEV } from './slots.js';
import type { RecordStore } from './store.js';
import { formatSpan } from './time.js';
import { TopologyGrowth, type TopoIndex } from './topo.js';

/**
 * Adds what a trace's netdev records need to a growing topology: each device an `added` record
 * names that the topology lacks (marked `late`: not there before that record), its tie to its
 * parent when it is a VLAN sub-interface, and a tie to every bridge an `enslaved` record puts a
 * device in (marked `late`: there only while the state says so). The ties use the header's ids
 * (`dev~bridge`), so a port released and enslaved again is one tie.
 */
function addNetdevs(g: TopologyGrowth, s: RecordStore): void {
  for (const i of s.netdevRecords) {
    const at = s.strings[s.at[i]!]!, peer = s[NETDEV.peer][i]! >= 0 ? s.strings[s[NETDEV.peer][i]!]! : null;
    const e = s[NETDEV.event][i]!;
    if (e === ND_ADDED) {
      if (!g.device(at, HOST_DEVICE_KINDS[s[NETDEV.type][i]!] ?? 'nic', s.strings[s[NETDEV.host][i]!]!, !g.has(at))) continue;
      if (peer !== null) g.edge({ id: `${at}~${peer}`, a: at, b: peer, kind: 'vlan-parent', rate: null, delay: null, late: true });
    } else if (e === ND_ENSLAVED && peer !== null) {
      g.edge({ id: `${at}~${peer}`, a: at, b: peer, kind: 'enslaved', rate: null, delay: null, late: true });
    }
  }
}

/**
 * The topology the page draws for a trace: the header's, with the devices and ties the run adds
 * and what its migrations need. Null when the trace adds nothing.
 */
export function drawnTopology(topo: TopoIndex, s: RecordStore): Topology | null {
  const g = new TopologyGrowth(topo);
  addNetdevs(g, s);
  addMigrations(g, s);
  return g.result();
}

/** The devices and ties that do not exist at a point of the trace (the others are drawn). */
export interface DevicesNow {
  /** Per node: 1 when the device does not exist now (not added yet, or removed). */
  readonly absent: Uint8Array;
  /** Ties (edge ids) that do not exist now: a port not (or no longer) in that bridge, a tie of an absent device. */
  readonly hidden: ReadonlySet<string>;
}

/** Whether device `i` exists in state `st`: as its last netdev record left it, else unless the run adds it later. */
function present(topo: TopoIndex, st: NetState, i: number): boolean {
  const node = topo.nodes[i]!;
  const c = st.devices[node.id];
  return c !== undefined ? c.present : node.late !== true;
}

/** Which devices and ties exist in state `st`. */
export function devicesNow(topo: TopoIndex, st: NetState): DevicesNow {
  const absent = new Uint8Array(topo.size);
  const hidden = new Set<string>();
  const changed = Object.keys(st.devices).length > 0 || Object.keys(st.masters).length > 0;
  if (!changed && !topo.nodes.some((n) => n.late) && !topo.edges.some((e) => e.late)) return { absent, hidden };
  for (let i = 0; i < topo.size; i++) if (!present(topo, st, i)) absent[i] = 1;
  for (const e of topo.edges) {
    const a = topo.at(e.a), b = topo.at(e.b);
    if ((a >= 0 && absent[a] === 1) || (b >= 0 && absent[b] === 1)) hidden.add(e.id);
    else if (e.kind === 'enslaved') {
      const m = st.masters[e.a];
      if (m !== undefined ? m.bridge !== e.b : e.late === true) hidden.add(e.id);
    }
  }
  return { absent, hidden };
}

/** The same as ids, sorted (tests, the page's digest). */
export function devicesNowIds(topo: TopoIndex, now: DevicesNow): { absent: string[]; hidden: string[] } {
  const absent: string[] = [];
  now.absent.forEach((x, i) => { if (x === 1) absent.push(topo.nodes[i]!.id); });
  return { absent: absent.sort(), hidden: [...now.hidden].sort() };
}

/** The bridge device `i` is a port of now, null when none. */
export function masterNow(topo: TopoIndex, now: DevicesNow, i: number): string | null {
  const id = topo.nodes[i]!.id;
  for (const e of topo.edgesAt[i]!) if (e.kind === 'enslaved' && e.a === id && !now.hidden.has(e.id)) return e.b;
  return null;
}

/** The ports of bridge `i` now, sorted. */
export function portsNow(topo: TopoIndex, now: DevicesNow, i: number): string[] {
  const id = topo.nodes[i]!.id;
  return topo.edgesAt[i]!.filter((e) => e.kind === 'enslaved' && e.b === id && !now.hidden.has(e.id)).map((e) => e.a).sort();
}

/** Whether a device exists now, in words, when the run changed that (null otherwise), for its Device panel. */
export function presenceText(topo: TopoIndex, st: NetState, i: number): string | null {
  const node = topo.nodes[i]!;
  const c = st.devices[node.id];
  if (c === undefined) return node.late ? 'not yet: the run adds it later' : null;
  return c.present ? `since ${formatSpan(c.since)} (added during the run)` : `no: removed at ${formatSpan(c.since)}`;
}

/** A device's bridge now, in words, for its Device panel: `host3/br100 since 3 s`, `none since 7 s (released from host1/br1)`. */
export function masterText(topo: TopoIndex, st: NetState, now: DevicesNow, i: number): string {
  const bridge = masterNow(topo, now, i);
  const c = st.masters[topo.nodes[i]!.id];
  if (c === undefined) return bridge ?? 'none';
  if (bridge !== null) return `${bridge} since ${formatSpan(c.since)}`;
  return `none since ${formatSpan(c.since)}`;
}
