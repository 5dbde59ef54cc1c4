import type { TraceSink } from '../engine/trace-bus.js';
import type { Place } from '../trace/place.js';
import type { TraceRecord } from '../trace/record.js';
import type { Simulation } from '../scenario/simulation.js';
import { describeFrame, type EthernetFrame } from '../wire/ethernet.js';
import { isGroupMac } from '../wire/mac.js';
import { findCulprit, type LeakCause, type LeakContext } from './leak-cause.js';
import { hopsOf, stepsOf, type LeakHop } from './leak-path.js';
import { Lineage } from './lineage.js';

export type { LeakHop } from './leak-path.js';
export type { LeakCause } from './leak-cause.js';

export interface Leak {
  readonly t: number;
  readonly frame: string;
  readonly source: string;
  readonly sourceTenant: string;
  readonly victim: string;
  readonly victimTenant: string;
  /** The victim is a promiscuous VM that kept unicast meant for another address. */
  readonly sniffed: boolean;
  /** Every device the frame passed, in order, from the sender's NIC to the victim's. */
  readonly path: readonly LeakHop[];
  /** The device or port where the configuration let the frame into the other tenant's world. */
  readonly firstBadHop: string | null;
  readonly cause: LeakCause | null;
  /** What is wrong at the first bad hop, in a sentence or two. */
  readonly explanation: string | null;
}

/** Leaks that share a first bad hop, a cause and the two tenants: one breakage, seen `count` times. */
export interface LeakKind {
  readonly firstBadHop: string | null;
  readonly cause: LeakCause | null;
  readonly sourceTenant: string;
  readonly victimTenant: string;
  count: number;
  /** The first leak of this kind. */
  readonly first: Leak;
}

interface VmInfo {
  readonly name: string;
  readonly tenant: string;
  readonly promiscuous: boolean;
  readonly mac: number;
}

/** Paths are kept for at most this many hops in all (the oldest lineages are forgotten first)... */
const MAX_NODES_KEPT = 1 << 18;
/** ...and at most this many per lineage (a storm's broadcast would grow without end). */
const MAX_NODES = 4096;
/** Leaks past this many are counted but not traced back or kept (a storm can leak millions of frames). */
const MAX_LEAKS = 10_000;
const MAX_KINDS = 200;

/**
 * Finds frames one tenant's VM sent that reach another tenant's virtual NIC (whether or not the
 * guest then drops them by MAC), or unicast for someone else that reaches a promiscuous VM. Each
 * leak gets its hop-by-hop path and, where the configuration explains it, the first bad hop.
 * Paths are kept for the most recent lineages, about 260,000 hops in all, so memory stays bounded.
 */
export class LeakDetector implements TraceSink<TraceRecord> {
  /** Keeps places and frames out of records, never the records themselves. */
  readonly borrows = true;
  readonly leaks: Leak[] = [];
  leakCount = 0;
  /** The distinct breakages, in the order they were first seen. */
  readonly kinds: LeakKind[] = [];
  private readonly kindIndex = new Map<string, LeakKind>();
  private readonly vmByNic = new Map<Place, VmInfo>();
  private readonly vmByMac = new Map<number, VmInfo>();
  private readonly vmByTap = new Map<Place, VmInfo>();
  private readonly lineages = new Map<number, Lineage>();
  private nodesKept = 0;
  private readonly drops = new Map<string, Map<string, number>>();
  private readonly commands = new Map<string, { t: number; line: string }[]>();
  private readonly context: LeakContext;
  /** With one tenant and no promiscuous VM nothing can leak, and frames need not be followed. */
  private readonly possible: boolean;

  constructor(sim: Simulation) {
    for (const vm of sim.vms.values()) {
      const info = { name: vm.name, tenant: vm.tenant, promiscuous: vm.nic.promisc, mac: vm.nic.mac };
      this.vmByNic.set(vm.nic, info);
      this.vmByMac.set(vm.nic.mac, info);
      this.vmByTap.set(vm.tap, info);
    }
    const tenants = new Set([...this.vmByNic.values()].map((v) => v.tenant));
    this.possible = tenants.size > 1 || [...this.vmByNic.values()].some((v) => v.promiscuous);
    this.context = {
      vmOfTap: (p) => this.vmByTap.get(p),
      get switches() {
        return sim.switches.values();
      },
      commandNaming: (host, word) => {
        const list = this.commands.get(host) ?? [];
        for (let i = list.length - 1; i >= 0; i--) if (list[i]!.line.split(/\s+/).includes(word)) return list[i]!;
        return null;
      },
    };
  }

  record(r: TraceRecord): void {
    switch (r.kind) {
      case 'originate': {
        if (!this.possible || !this.vmByNic.has(r.at)) return;
        this.forgetOldest();
        this.lineages.set(r.frame.origin, new Lineage(r.at, r.frame, MAX_NODES));
        this.nodesKept++;
        return;
      }
      case 'tx': {
        const lineage = this.lineages.get(r.frame.origin);
        if (lineage === undefined) return;
        const before = lineage.size;
        lineage.tx(r.at, r.to, r.frame);
        this.nodesKept += lineage.size - before;
        return;
      }
      case 'rx': {
        if (!this.possible) return;
        const lineage = this.lineages.get(r.frame.origin);
        const node = lineage !== undefined ? lineage.rx(r.at, r.frame) : -1;
        if (node >= 0) this.nodesKept++;
        const victim = this.vmByNic.get(r.at);
        if (victim !== undefined) this.check(r.t, r.at, victim, r.frame, lineage, node);
        return;
      }
      case 'flood':
        if (!isGroupMac(r.frame.dst)) {
          const lineage = this.lineages.get(r.frame.origin);
          if (lineage !== undefined && lineage.unicastFlood === null) lineage.unicastFlood = r.at;
        }
        return;
      case 'drop': {
        let m = this.drops.get(r.at.name);
        if (m === undefined) this.drops.set(r.at.name, (m = new Map()));
        m.set(r.reason, (m.get(r.reason) ?? 0) + 1);
        return;
      }
      case 'command': {
        let list = this.commands.get(r.at.name);
        if (list === undefined) this.commands.set(r.at.name, (list = []));
        list.push({ t: r.t, line: r.line });
        return;
      }
      default:
        return;
    }
  }

  /** Keeps the paths within MAX_NODES_KEPT hops by forgetting the oldest lineages. */
  private forgetOldest(): void {
    const lineages = this.lineages;
    while (this.nodesKept >= MAX_NODES_KEPT && lineages.size > 0) {
      const [origin, oldest] = lineages.entries().next().value!;
      lineages.delete(origin);
      this.nodesKept -= oldest.size;
    }
  }

  private check(t: number, at: Place, victim: VmInfo, frame: EthernetFrame, lineage: Lineage | undefined, node: number): void {
    const src = lineage !== undefined ? this.vmByNic.get(lineage.sender) : this.vmByMac.get(frame.src);
    if (src === undefined || src === victim) return;
    const crossTenant = src.tenant !== victim.tenant;
    const sniffed = victim.promiscuous && frame.dst !== victim.mac && !isGroupMac(frame.dst);
    if (!crossTenant && !sniffed) return;
    this.leakCount++;
    if (this.leakCount > MAX_LEAKS) return;
    let path: LeakHop[] = [{ place: at.name, note: null }];
    let culprit = null;
    if (lineage !== undefined && node >= 0) {
      const steps = stepsOf(lineage, node);
      path = hopsOf(lineage.sender, steps);
      culprit = findCulprit(steps, {
        sourceTenant: src.tenant, victimTenant: victim.tenant, victim: victim.name, sniffed,
        flooded: lineage.unicastFlood, dst: frame.dst,
      }, this.context);
    }
    const leak: Leak = {
      t, frame: describeFrame(frame), source: src.name, sourceTenant: src.tenant, victim: victim.name, victimTenant: victim.tenant,
      sniffed, path, firstBadHop: culprit?.place ?? null, cause: culprit?.cause ?? null, explanation: culprit?.explanation ?? null,
    };
    this.leaks.push(leak);
    const key = `${leak.firstBadHop}|${leak.cause}|${leak.sourceTenant}|${leak.victimTenant}`;
    const kind = this.kindIndex.get(key);
    if (kind !== undefined) kind.count++;
    else if (this.kinds.length < MAX_KINDS) {
      const k: LeakKind = { firstBadHop: leak.firstBadHop, cause: leak.cause, sourceTenant: src.tenant, victimTenant: victim.tenant, count: 1, first: leak };
      this.kinds.push(k);
      this.kindIndex.set(key, k);
    }
  }

  /** Drops recorded at a place (a device, port or node name prefix), optionally of one reason. */
  dropsAt(place: string, reason: string | null): number {
    let n = 0;
    for (const [name, m] of this.drops) {
      if (name !== place && !name.startsWith(`${place}/`)) continue;
      for (const [r, c] of m) if (reason === null || r === reason) n += c;
    }
    return n;
  }
}
