import type { TraceSink } from '../engine/trace-bus.js';
import type { TraceRecord } from '../net/trace.js';
import type { Simulation } from '../scenario/simulation.js';
import { describeFrame } from '../wire/describe.js';
import { isGroupMac } from '../wire/mac.js';

export interface Leak {
  readonly t: number;
  readonly frame: string;
  readonly source: string;
  readonly sourceTenant: string;
  readonly victim: string;
  readonly victimTenant: string;
  /** The places the frame passed, in order, from its sender to the victim's NIC. */
  readonly path: readonly string[];
  /** The hop where the frame first went toward the other tenant: the device that forwarded it there. */
  readonly firstBadHop: string | null;
}

const MAX_TRACKED = 1 << 16;
const MAX_PATH = 64;
const MAX_LEAKS = 1000;

/**
 * Finds frames one tenant's VM sent that reach another tenant's virtual NIC (whether or not the
 * guest then drops them by MAC), or unicast for someone else that reaches a promiscuous VM.
 * Paths are remembered for the most recent 65,536 frame lineages, so memory stays bounded.
 */
export class LeakDetector implements TraceSink<TraceRecord> {
  readonly leaks: Leak[] = [];
  leakCount = 0;
  private readonly vmByNic = new Map<number, { name: string; tenant: string; promiscuous: boolean; mac: number }>();
  private readonly vmByMac = new Map<number, { name: string; tenant: string }>();
  private readonly tenantOfTap = new Map<number, string>();
  private readonly paths = new Map<number, { vm: string; tenant: string; places: string[]; tenants: (string | null)[] }>();
  private readonly drops = new Map<string, Map<string, number>>();

  constructor(sim: Simulation) {
    for (const vm of sim.vms.values()) {
      this.vmByNic.set(vm.nic.id, { name: vm.name, tenant: vm.tenant, promiscuous: vm.nic.promisc, mac: vm.nic.mac });
      this.vmByMac.set(vm.nic.mac, { name: vm.name, tenant: vm.tenant });
      this.tenantOfTap.set(vm.tap.id, vm.tenant);
    }
  }

  record(r: TraceRecord): void {
    switch (r.kind) {
      case 'originate': {
        const vm = this.vmByNic.get(r.at.id);
        if (vm === undefined) return;
        if (this.paths.size >= MAX_TRACKED) this.paths.delete(this.paths.keys().next().value!);
        this.paths.set(r.frame.origin, { vm: vm.name, tenant: vm.tenant, places: [r.at.name], tenants: [vm.tenant] });
        return;
      }
      case 'tx': {
        const p = this.paths.get(r.frame.origin);
        if (p !== undefined && p.places.length < MAX_PATH) {
          p.places.push(r.at.name);
          p.tenants.push(this.tenantOfTap.get(r.at.id) ?? null);
        }
        return;
      }
      case 'rx': {
        const victim = this.vmByNic.get(r.at.id);
        if (victim === undefined) return;
        const p = this.paths.get(r.frame.origin);
        const src = p ?? this.vmByMac.get(r.frame.src);
        if (src === undefined) return;
        const sourceName = p ? p.vm : (src as { name: string }).name;
        if (sourceName === victim.name) return;
        const crossTenant = src.tenant !== victim.tenant;
        const sniffed = victim.promiscuous && r.frame.dst !== victim.mac && !isGroupMac(r.frame.dst);
        if (!crossTenant && !sniffed) return;
        this.leakCount++;
        if (this.leaks.length >= MAX_LEAKS) return;
        const places = p ? [...p.places, r.at.name] : [r.at.name];
        let firstBadHop: string | null = null;
        if (p) {
          const i = p.tenants.findIndex((t) => t !== null && t !== src.tenant);
          if (i > 0) firstBadHop = `${p.places[i]} (a port of tenant ${p.tenants[i]}) was sent the frame after ${p.places[i - 1]}`;
        }
        this.leaks.push({
          t: r.t, frame: describeFrame(r.frame), source: sourceName, sourceTenant: src.tenant,
          victim: victim.name, victimTenant: victim.tenant, path: places, firstBadHop,
        });
        return;
      }
      case 'drop': {
        let m = this.drops.get(r.at.name);
        if (m === undefined) this.drops.set(r.at.name, (m = new Map()));
        m.set(r.reason, (m.get(r.reason) ?? 0) + 1);
        return;
      }
      default:
        return;
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
