/**
 * The report's spanning tree section: for every bridge and switch that ran STP, its root, root
 * port and port states at the end of the run, and how long the tree took to settle.
 *
 * Convergence: the tree is converged when every STP port is forwarding, blocking or disabled
 * (nothing waits on a forward delay timer). The time is measured from the last change to the
 * tree's inputs (STP turned on, a bridge or port going up or down, a priority or cost changed)
 * to the last port state change, so after a link failure it is the re-convergence time.
 */
import { BridgeDevice } from '../net/l2/bridge.js';
import { bridgeIdText } from '../net/stp/bridge-id.js';
import type { PortRole, PortState } from '../trace/port-state.js';
import type { StpBridge } from '../net/stp/stp-bridge.js';
import type { StpPortHost } from '../net/stp/stp-port.js';
import type { Simulation } from '../scenario/simulation.js';

export interface StpPortReport {
  /** `sw1/p2`, `host1/eth0`. */
  readonly name: string;
  readonly state: PortState;
  readonly role: PortRole;
  readonly pathCost: number;
}

export interface StpBridgeReport {
  /** `sw1` or `host1/br0`. */
  readonly name: string;
  /** `8000.52:54:00:12:34:56`. */
  readonly bridgeId: string;
  /** The root this bridge believes in at the end of the run. */
  readonly rootId: string;
  readonly isRoot: boolean;
  readonly rootPort: string | null;
  readonly rootPathCost: number;
  /** Timers in use (the root's), ns. */
  readonly helloTime: number;
  readonly maxAge: number;
  readonly forwardDelay: number;
  readonly stateChanges: number;
  /** Topology change detections: its own ports starting or stopping to forward, and TCNs received. */
  readonly topologyChanges: number;
  readonly bpdusSent: number;
  readonly bpdusReceived: number;
  readonly ports: readonly StpPortReport[];
}

export interface StpReport {
  readonly bridges: readonly StpBridgeReport[];
  /** Distinct roots at the end: one per connected tree (more means the network is split, or still converging). */
  readonly roots: readonly { readonly id: string; readonly name: string | null }[];
  /** When STP first started, ns. */
  readonly startedAt: number;
  /** The last change to the tree's inputs, ns (STP on, a link or device up or down, a setting). */
  readonly lastChangeAt: number;
  /** When the last port reached a steady state; null when some port is still listening or learning at the end. */
  readonly convergedAt: number | null;
  /** convergedAt - lastChangeAt. */
  readonly convergenceNs: number | null;
  /** Ports still listening or learning at the end. */
  readonly unsettledPorts: number;
}

/** One bridge's report plus what the convergence sums need. */
interface Entity {
  readonly report: StpBridgeReport;
  readonly running: boolean;
  readonly startedAt: number;
  readonly lastDisruptionAt: number;
  readonly lastStateChangeAt: number | null;
  readonly unsettled: number;
}

function entity<P extends StpPortHost>(name: string, stp: StpBridge<P>): Entity {
  let unsettled = 0;
  if (stp.running) for (const p of stp.ports) if (p.state === 'listening' || p.state === 'learning') unsettled++;
  return {
    report: {
      name,
      bridgeId: bridgeIdText(stp.bridgeId),
      rootId: bridgeIdText(stp.designatedRoot),
      isRoot: stp.isRoot(),
      rootPort: stp.rootPort === null ? null : stp.rootPort.host.name,
      rootPathCost: stp.rootPathCost,
      helloTime: stp.helloTime,
      maxAge: stp.maxAge,
      forwardDelay: stp.forwardDelay,
      stateChanges: stp.stateChanges,
      topologyChanges: stp.topologyChanges,
      bpdusSent: stp.bpdusSent,
      bpdusReceived: stp.bpdusReceived,
      ports: stp.ports.map((p) => ({ name: p.host.name, state: p.state, role: stp.roleOf(p), pathCost: p.pathCost })),
    },
    running: stp.running,
    startedAt: stp.startedAt ?? 0,
    lastDisruptionAt: stp.lastDisruptionAt,
    lastStateChangeAt: stp.lastStateChangeAt,
    unsettled,
  };
}

/** Every bridge and switch where STP ran at some point, switches first, in scenario order. */
function entities(sim: Simulation): Entity[] {
  const out: Entity[] = [];
  for (const sw of sim.switches.values()) if (sw.stp.startedAt !== null) out.push(entity(sw.name, sw.stp));
  for (const host of sim.hosts.values()) {
    for (const d of host.devices()) {
      if (d instanceof BridgeDevice && d.stp.startedAt !== null) out.push(entity(d.name, d.stp));
    }
  }
  return out;
}

/** The spanning tree section, or null when no bridge or switch ran STP. */
export function stpReport(sim: Simulation): StpReport | null {
  const all = entities(sim);
  if (all.length === 0) return null;
  const byId = new Map<string, string>();
  for (const e of all) byId.set(e.report.bridgeId, e.report.name);
  const rootIds = [...new Set(all.filter((e) => e.running).map((e) => e.report.rootId))];
  let startedAt = Infinity, lastChangeAt = 0, lastStateChange = 0, unsettled = 0;
  for (const e of all) {
    startedAt = Math.min(startedAt, e.startedAt);
    lastChangeAt = Math.max(lastChangeAt, e.lastDisruptionAt);
    if (e.lastStateChangeAt !== null) lastStateChange = Math.max(lastStateChange, e.lastStateChangeAt);
    unsettled += e.unsettled;
  }
  const convergedAt = unsettled === 0 ? Math.max(lastChangeAt, lastStateChange) : null;
  return {
    bridges: all.map((e) => e.report),
    roots: rootIds.map((id) => ({ id, name: byId.get(id) ?? null })),
    startedAt,
    lastChangeAt,
    convergedAt,
    convergenceNs: convergedAt === null ? null : convergedAt - lastChangeAt,
    unsettledPorts: unsettled,
  };
}
