/**
 * The network's observable state at one point of a trace, as the visualizer replays it: FDBs, ARP
 * caches, per-place counters, the cables unplugged, where migrated VMs run, and the devices and
 * bridge ports the run changed. Plain immutable values (replay.ts makes them with immer); keyed
 * by string-table index so equal states compare equal.
 */
import { freeze } from 'immer';

export interface PortCounters {
  readonly txFrames: number;
  readonly txBytes: number;
  readonly rxFrames: number;
  readonly rxBytes: number;
  readonly drops: number;
  readonly delivered: number;
  readonly originated: number;
  readonly floods: number;
  readonly dropReasons: Readonly<Record<string, number>>;
}

export interface FdbEntry {
  readonly mac: string;
  readonly vid: number;
  readonly port: string;
  readonly learnedAt: number;
  /** The last frame from `mac` the table took in on `port` (what the bridge's ageing counts from). */
  readonly seenAt: number;
  readonly moves: number;
}

/** A port a MAC table learned on. */
export interface FdbPort {
  readonly table: string;
  readonly vids: readonly number[];
}

export interface ArpEntry {
  readonly ip: string;
  readonly mac: string;
  readonly updatedAt: number;
}

/** A VM's last live migration: paused while `resumedAt` is null, then running behind `to`. */
export interface VmMove {
  /** The TAP it left (on its old host). */
  readonly from: string;
  /** The TAP it runs behind once resumed (on its new host). */
  readonly to: string;
  readonly stoppedAt: number;
  readonly resumedAt: number | null;
}

/** A device added or removed during the run (netdev records): whether it exists now, since when. */
export interface DeviceChange {
  readonly present: boolean;
  readonly since: number;
}

/** A device enslaved to a bridge or released from it during the run: its bridge now (null: none), since when. */
export interface MasterChange {
  readonly bridge: string | null;
  readonly since: number;
}

export interface NetState {
  /** Records folded in: the trace's first `applied` records. */
  readonly applied: number;
  /** Per bridge or switch: `vid/mac` -> entry. */
  readonly fdb: Readonly<Record<string, Readonly<Record<string, FdbEntry>>>>;
  /** Per port a table has learned on (by name): the bridge or switch whose table it is, and the VLANs it learned in there. */
  readonly fdbPorts: Readonly<Record<string, FdbPort>>;
  /** Per bridge or switch: MACs it could not learn because its table was full. */
  readonly fdbFull: Readonly<Record<string, number>>;
  /** Per interface with an IP stack: IP -> entry, learnt from the ARP frames it took in. */
  readonly arp: Readonly<Record<string, Readonly<Record<string, ArpEntry>>>>;
  readonly counters: Readonly<Record<string, PortCounters>>;
  /** Per place: application events by `app event` (e.g. `ping reply`). */
  readonly apps: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Cables unplugged now (by name, `A<->B`): the time each was pulled. A plugged-in cable is absent. */
  readonly unplugged: Readonly<Record<string, number>>;
  /** VMs moved by live migration (by name): their last move. A VM that never moved is absent. */
  readonly migrated: Readonly<Record<string, VmMove>>;
  /** Devices added or removed during the run (by name): the last change. A device never changed is absent. */
  readonly devices: Readonly<Record<string, DeviceChange>>;
  /** Devices enslaved or released during the run (by name): the bridge they are in now. Others are absent. */
  readonly masters: Readonly<Record<string, MasterChange>>;
}

export const EMPTY_STATE: NetState = freeze({ applied: 0, fdb: {}, fdbPorts: {}, fdbFull: {}, arp: {}, counters: {}, apps: {}, unplugged: {}, migrated: {}, devices: {}, masters: {} }, true);
