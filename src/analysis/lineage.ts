/**
 * The tree of places one frame lineage reached (tx and rx nodes), from which the leak detector
 * reads a leak's path. Capped at `maxNodes` per lineage; maps are made only once it grows big.
 */
import { Netdev } from '../net/dev/netdev.js';
import { SwitchPort } from '../net/l2/switch.js';
import type { Place } from '../trace/place.js';
import type { EthernetFrame } from '../wire/ethernet.js';

/** What a node of a lineage records: the frame left its sender, or the frame arrived somewhere. */
const ORIGIN = 0;
export const TX = 1;
export const RX = 2;

/**
 * Where one frame lineage (every copy and re-tagging of what one VM sent, sharing `origin`) has
 * been, as a tree: a flood branches it. Node 0 is the sender's NIC. A `tx` node's parent is the
 * latest arrival on the same machine (the frame crossed that host's bridges or that switch); an
 * `rx` node's parent is the `tx` that put the frame on that wire (links are FIFO, so the oldest
 * unanswered one).
 */
export class Lineage {
  readonly places: Place[] = [];
  readonly frames: EthernetFrame[] = [];
  readonly kinds: number[] = [];
  readonly parents: number[] = [];
  /** For a tx node, the place its wire leads to; null for other nodes. */
  private readonly receivers: (Place | null)[] = [];
  /** tx nodes whose frame has not arrived yet, oldest first (until `pendingByPlace` takes over). */
  private readonly pending: number[] = [];
  /** The latest arrival and its machine: a device usually sends at once what it just received. */
  private lastRx = -1;
  private lastRxMachine: unknown = null;
  /** Indexes kept only once a lineage is big (a flood), so small ones cost no maps. */
  private pendingByPlace: Map<Place, number[]> | null = null;
  private lastRxOn: Map<unknown, number> | null = null;
  /** The first bridge or switch that flooded this lineage although it was unicast, or null. */
  unicastFlood: Place | null = null;

  constructor(readonly sender: Place, frame: EthernetFrame, private readonly maxNodes: number) {
    this.add(sender, null, frame, ORIGIN, -1);
  }

  get size(): number {
    return this.places.length;
  }

  /** The frame starts onto the wire from `at` toward `to`. */
  tx(at: Place, to: Place, frame: EthernetFrame): void {
    if (this.places.length >= this.maxNodes) return;
    let parent = -1;
    if (at === this.sender && this.lastRx < 0) parent = 0;
    else {
      const machine = machineOf(at);
      if (machine === this.lastRxMachine) parent = this.lastRx;
      else parent = this.latestRxOn(machine);
      if (parent < 0 && at === this.sender) parent = 0;
    }
    if (parent < 0) return; // a branch whose arrival was not kept
    const n = this.add(at, to, frame, TX, parent);
    if (this.pendingByPlace !== null) pushTo(this.pendingByPlace, to, n);
    else {
      this.pending.push(n);
      if (this.pending.length > SMALL) this.index();
    }
  }

  /** The frame arrived at `at`; returns the new node, or -1 when its departure was not kept. */
  rx(at: Place, frame: EthernetFrame): number {
    const txNode = this.takePending(at);
    if (txNode < 0 || this.places.length >= this.maxNodes) return -1;
    const n = this.add(at, null, frame, RX, txNode);
    const machine = machineOf(at);
    this.lastRx = n;
    this.lastRxMachine = machine;
    this.lastRxOn?.set(machine, n);
    return n;
  }

  /** The nodes from the sender to `node`, in order. */
  chain(node: number): number[] {
    const out: number[] = [];
    for (let i = node; i >= 0; i = this.parents[i]!) out.push(i);
    return out.reverse();
  }

  /** The oldest tx toward `at` not yet arrived (links are FIFO), removed from the pending ones. */
  private takePending(at: Place): number {
    const pending = this.pending;
    const byPlace = this.pendingByPlace;
    if (byPlace !== null) {
      const list = byPlace.get(at);
      if (list === undefined || list.length === 0) return -1;
      return list.shift()!;
    }
    for (let i = 0; i < pending.length; i++) {
      const n = pending[i]!;
      if (this.receivers[n] === at) {
        pending.splice(i, 1);
        return n;
      }
    }
    return -1;
  }

  /** Sent later than it arrived (it waited in a queue): the latest arrival on that machine. */
  private latestRxOn(machine: unknown): number {
    if (this.lastRxOn !== null) return this.lastRxOn.get(machine) ?? -1;
    for (let i = this.places.length - 1; i > 0; i--) {
      if (this.kinds[i] === RX && machineOf(this.places[i]!) === machine) return i;
    }
    return -1;
  }

  /** Switches a lineage that became big to indexed lookups. */
  private index(): void {
    const byPlace = new Map<Place, number[]>();
    for (const n of this.pending) pushTo(byPlace, this.receivers[n]!, n);
    this.pendingByPlace = byPlace;
    const rxOn = new Map<unknown, number>();
    for (let i = 1; i < this.places.length; i++) if (this.kinds[i] === RX) rxOn.set(machineOf(this.places[i]!), i);
    this.lastRxOn = rxOn;
    this.pending.length = 0;
  }

  private add(place: Place, to: Place | null, frame: EthernetFrame, kind: number, parent: number): number {
    this.places.push(place);
    this.frames.push(frame);
    this.kinds.push(kind);
    this.parents.push(parent);
    this.receivers.push(to);
    return this.places.length - 1;
  }
}

/** Pending departures scanned in a list up to this many, then looked up in a map. */
const SMALL = 16;

function pushTo<K>(m: Map<K, number[]>, k: K, v: number): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
}

/** The machine a place belongs to: a host's or VM's name for a netdev, the switch for a port. */
function machineOf(p: Place): unknown {
  if (p instanceof Netdev) return p.owner;
  if (p instanceof SwitchPort) return p.sw;
  return p;
}
