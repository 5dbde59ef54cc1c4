import type { TraceSink } from '../engine/trace-bus.js';
import type { Place } from '../trace/place.js';
import type { TraceRecord } from '../trace/record.js';
import type { Simulation } from '../scenario/simulation.js';
import { BROADCAST_MAC, isGroupMac } from '../wire/mac.js';

/** How big the broadcast domains were: what every broadcast costs the VMs that must read it. */
export interface BroadcastReport {
  /** Broadcast frames that reached VM NICs, in all. */
  readonly received: number;
  readonly vms: number;
  /** Broadcast frames one VM's NIC received per second of simulated time, averaged over the VMs. */
  readonly perVmPerSecondAvg: number;
  /** The same for the VM that received the most, and which VM that was. */
  readonly perVmPerSecondMax: number;
  readonly maxVm: string | null;
}

/** A physical switch's MAC table at the end of the run, and how often it could not cope. */
export interface SwitchTableReport {
  readonly name: string;
  /** Fresh entries at the end of the run, and the capacity (`macTableSize`). */
  readonly entries: number;
  readonly capacity: number;
  /** Source addresses it could not learn because the table was full. */
  readonly tableFull: number;
  /** Unicast frames it flooded because it did not know (or could not learn) the destination. */
  readonly unicastFloods: number;
}

/**
 * Counts, from the trace, the layer-2 costs a flat network pays and VLANs cut: broadcasts each VM
 * receives, and per switch the table overflows and the unicast it had to flood.
 */
export class L2Meter implements TraceSink<TraceRecord> {
  readonly borrows = true;
  private readonly nicIndex = new Map<Place, number>();
  private readonly names: string[] = [];
  private readonly broadcasts: number[] = [];
  private readonly full = new Map<Place, number>();
  private readonly floods = new Map<Place, number>();

  constructor(private readonly sim: Simulation) {
    for (const vm of sim.vms.values()) {
      this.nicIndex.set(vm.nic, this.names.length);
      this.names.push(vm.name);
      this.broadcasts.push(0);
    }
  }

  record(r: TraceRecord): void {
    switch (r.kind) {
      case 'rx':
        if (r.frame.dst === BROADCAST_MAC) {
          const i = this.nicIndex.get(r.at);
          if (i !== undefined) this.broadcasts[i]!++;
        }
        return;
      case 'table-full':
        this.full.set(r.at, (this.full.get(r.at) ?? 0) + 1);
        return;
      case 'flood':
        if (!isGroupMac(r.frame.dst)) this.floods.set(r.at, (this.floods.get(r.at) ?? 0) + 1);
        return;
      default:
        return;
    }
  }

  broadcast(simulatedNs: number): BroadcastReport {
    const seconds = simulatedNs / 1e9;
    let total = 0;
    let max = -1;
    let maxVm: string | null = null;
    for (let i = 0; i < this.broadcasts.length; i++) {
      const n = this.broadcasts[i]!;
      total += n;
      if (n > max) {
        max = n;
        maxVm = this.names[i]!;
      }
    }
    const vms = this.broadcasts.length;
    const rate = (n: number) => (seconds > 0 ? Math.round((n / seconds) * 100) / 100 : 0);
    return {
      received: total, vms,
      perVmPerSecondAvg: vms > 0 ? rate(total / vms) : 0,
      perVmPerSecondMax: vms > 0 ? rate(max) : 0,
      maxVm,
    };
  }

  switchTables(): SwitchTableReport[] {
    const now = this.sim.engine.now;
    return [...this.sim.switches.values()].map((sw) => {
      const fdb = sw.forwarder.fdb;
      return {
        name: sw.name,
        entries: fdb.entries(now).length,
        capacity: fdb.capacity,
        tableFull: this.full.get(sw) ?? 0,
        unicastFloods: this.floods.get(sw) ?? 0,
      };
    });
  }
}
