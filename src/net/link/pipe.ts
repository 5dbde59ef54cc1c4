import { SECOND } from '../../engine/time.js';
import { Fifo, TimedFifo } from '../core/fifo.js';
import type { FrameHolder, RunContext } from '../core/run-context.js';
import type { Place } from '../../trace/place.js';
import type { EthernetFrame } from '../../wire/ethernet.js';
import { ethernetWireBytes } from '../../wire/ethernet-wire.js';

/** Where a pipe hands frames when they arrive. */
export interface FrameReceiver extends Place {
  receive(frame: EthernetFrame): void;
}

export interface PipeParams {
  /**
   * Bits per second of an Ethernet line (a cable): a frame occupies it for its captured bytes padded
   * to the minimum, plus FCS, preamble and SFD, and inter-frame gap (`ethernetWireBytes`). Infinity
   * for a hop that is a memory copy, not a line (the hypervisor hop): no serialization and no
   * Ethernet framing, only `perFrame`.
   */
  readonly rate: number;
  /** Propagation delay (or the hop's fixed latency), ns. */
  readonly delay: number;
  /** Fixed service time per frame, ns (the qemu process's per-frame cost on the hypervisor hop). */
  readonly perFrame: number;
  /** Drop-tail limit on waiting frames (the frame being sent does not count). */
  readonly queueFrames: number;
  /** Optional drop-tail limit on waiting bytes. */
  readonly queueBytes: number | null;
}

export interface PipeCounters {
  readonly txFrames: number;
  readonly txBytes: number;
  readonly rxFrames: number;
  readonly rxBytes: number;
  readonly drops: number;
  /** Largest number of waiting frames seen. */
  readonly peakQueue: number;
  /**
   * Nanoseconds the sender was busy with frames (for utilisation): on a cable, line time including
   * preamble, FCS and inter-frame gap; on the hypervisor hop, its per-frame cost.
   */
  readonly busyNs: number;
}

/**
 * One direction of a link or of the hypervisor hop: a FIFO server. A frame waits in a drop-tail
 * queue, is serialized (perFrame + its line bits / rate), then propagates for `delay`. Arrivals are
 * FIFO, so only the head of the wire is ever in the global event queue.
 *
 * Serialization in whole nanoseconds: within a busy period (frames back to back from a start time
 * S), the k-th frame's last bit leaves at S + ceil(bits of frames 1..k × 10^9 / rate), so rounding
 * never accumulates: each frame takes the ceiling of its exact time less what the previous frame's
 * rounding already paid (`CableState.carry`). When every frame's time is a whole number of ns (any
 * rate dividing 8 × 10^9 × its line bytes, e.g. 10 Mb/s, 100 Mb/s, 1 Gb/s) this is plain
 * ceil(bits × 10^9 / rate); at 10 Gb/s 84-byte line frames take 67 or 68 ns, 67.2 on average.
 */
export class Pipe implements FrameHolder, PipeCounters {
  /** Frames waiting to be sent; made on first use (most pipes of a large topology never queue). */
  private queue: Fifo<EthernetFrame> | null = null;
  private sending: EthernetFrame | null = null;
  /** Frames propagating, and beside them their arrival times; made on first use. */
  private wire: TimedFifo<EthernetFrame> | null = null;
  // The counters are the pipe's own fields (no separate object per pipe); `counters` views them.
  txFrames = 0;
  txBytes = 0;
  drops = 0;
  peakQueue = 0;
  busyNs = 0;
  /** What only a cable's pipe keeps (plugged in, its events' epoch, frames lost, the rounding carry); made at the first frame or change, so a hop's pipes never have it. */
  private cable: CableState | null = null;

  get counters(): PipeCounters {
    return this;
  }

  /** Frames that arrived: every frame that started sending arrives (in order) unless the cable was pulled, so this is derived. */
  get rxFrames(): number {
    return this.txFrames - (this.sending === null ? 0 : 1) - this.wireFrames - (this.cable === null ? 0 : this.cable.lostFrames);
  }

  /** Frames on the wire (propagating). */
  private get wireFrames(): number {
    return this.wire === null ? 0 : this.wire.length;
  }

  get rxBytes(): number {
    let b = this.txBytes - (this.sending === null ? 0 : this.sending.length) - (this.cable === null ? 0 : this.cable.lostBytes);
    const wire = this.wire;
    for (let i = 0; i < this.wireFrames; i++) b -= wire!.at(i).length;
    return b;
  }

  constructor(
    private readonly net: RunContext,
    /** The sending side, named in traces. */
    readonly from: Place,
    readonly to: FrameReceiver,
    public params: PipeParams,
  ) {
    net.holders.push(this);
  }

  /** `vm1/eth0->host1/tap0`: built when asked, so 10,000 idle VMs do not hold 20,000 strings. */
  get name(): string {
    return `${this.from.name}->${this.to.name}`;
  }

  send(frame: EthernetFrame): void {
    if (!this.up) {
      this.drops++;
      this.net.drop(this.from, frame, 'link-down');
      return;
    }
    if (this.sending === null) {
      this.startSending(frame);
      return;
    }
    const p = this.params;
    const queue = (this.queue ??= new Fifo());
    if (queue.length >= p.queueFrames || (p.queueBytes !== null && queuedBytes(queue) + frame.length > p.queueBytes)) {
      this.drops++;
      this.net.drop(this.from, frame, 'queue-full');
      return;
    }
    queue.push(frame);
    if (queue.length > this.peakQueue) this.peakQueue = queue.length;
  }

  /** For the pipe's own events: the epoch they must have been scheduled in to still count. */
  get currentEpoch(): number {
    return this.cable === null ? 0 : this.cable.epoch;
  }

  /** The cable is plugged in and up (a hypervisor hop's pipe always is). */
  get up(): boolean {
    return this.cable === null || this.cable.up;
  }

  set up(up: boolean) {
    (this.cable ??= new CableState()).up = up;
  }

  framesInFlight(): number {
    return this.queueLength + (this.sending === null ? 0 : 1) + this.wireFrames;
  }

  forEachFrameInFlight(visit: (frame: EthernetFrame) => void): void {
    const wire = this.wire;
    if (wire !== null) for (let i = 0; i < wire.length; i++) visit(wire.at(i));
    if (this.sending !== null) visit(this.sending);
    const queue = this.queue;
    if (queue !== null) for (let i = 0; i < queue.length; i++) visit(queue.at(i));
  }

  /** Waiting frames (not counting the one being sent). */
  get queueLength(): number {
    return this.queue === null ? 0 : this.queue.length;
  }

  private startSending(frame: EthernetFrame): void {
    this.sending = frame;
    const p = this.params;
    const duration = p.rate === Infinity ? p.perFrame : p.perFrame + this.lineTime(frame.length, p.rate);
    this.txFrames++;
    this.txBytes += frame.length;
    this.busyNs += duration;
    const net = this.net;
    if (net.trace.on) {
      net.emitTx(this.from, this.to, frame, duration + p.delay);
    }
    net.engine.after(duration, onSent, this, this.currentEpoch);
  }

  /**
   * Whole nanoseconds the frame of `length` captured bytes occupies a line of `rate` bit/s, with
   * the rounding carried through the busy period (see the class comment). Exact for integer rates:
   * every quantity stays an integer below 2^53 (a 9,000-byte frame is 7.2 × 10^13 bit·ns/s).
   */
  private lineTime(length: number, rate: number): number {
    const state = (this.cable ??= new CableState());
    const need = ethernetWireBytes(length) * 8 * SECOND - state.carry;
    const ns = Math.ceil(need / rate);
    state.carry = ns * rate - need;
    return ns;
  }

  /** The last bit left: the frame propagates; the next waiting frame starts. */
  sent(): void {
    const frame = this.sending!;
    this.sending = null;
    const arrival = this.net.now + this.params.delay;
    const wire = (this.wire ??= new TimedFifo());
    wire.push(frame, arrival);
    if (wire.length === 1) this.net.engine.at(arrival, onArrived, this, this.currentEpoch);
    const queue = this.queue;
    if (queue !== null && queue.length > 0) {
      const next = queue.shift();
      this.startSending(next);
    } else if (this.cable !== null) {
      this.cable.carry = 0; // idle: the next frame starts a busy period at a whole nanosecond
    }
  }

  /**
   * The cable is pulled: every frame on this side is lost (dropped, reason link-down): the ones
   * waiting, the one being sent and the ones propagating, which will never finish arriving.
   */
  cut(): void {
    const net = this.net;
    const state = (this.cable ??= new CableState());
    state.epoch++;
    state.carry = 0;
    const queue = this.queue;
    if (queue !== null) {
      while (queue.length > 0) {
        this.drops++;
        net.drop(this.from, queue.shift(), 'link-down');
      }
    }
    const sending = this.sending;
    if (sending !== null) {
      this.sending = null;
      this.lose(sending);
    }
    const wire = this.wire;
    if (wire !== null && wire.length > 0) {
      while (wire.length > 0) {
        this.lose(wire.shift());
      }
    }
  }

  private lose(frame: EthernetFrame): void {
    this.drops++;
    const state = this.cable!;
    state.lostFrames++;
    state.lostBytes += frame.length;
    this.net.drop(this.from, frame, 'link-down');
  }

  arrived(): void {
    const wire = this.wire!;
    const frame = wire.shift();
    if (wire.length > 0) {
      const engine = this.net.engine;
      wire.headTimeInto(engine.nextTime);
      engine.atNextTime(onArrived, this, this.currentEpoch);
    }
    const net = this.net;
    net.ledger.hops++;
    if (net.trace.on) net.emitRx(this.to, frame);
    this.to.receive(frame);
  }
}

/** Bytes waiting in a queue: summed only for pipes with a byte limit (rare), so no field per pipe. */
function queuedBytes(queue: Fifo<EthernetFrame>): number {
  let b = 0;
  for (let i = 0; i < queue.length; i++) b += queue.at(i).length;
  return b;
}

/** A cable pipe's own state (see `cut` and `lineTime`); a hypervisor hop's pipes never make one. */
class CableState {
  up = true;
  /** Bumped at each pull: pending events carry the epoch they were scheduled in and do nothing when it is over. */
  epoch = 0;
  /** Frames that started sending but never arrived (the cable was pulled under them). */
  lostFrames = 0;
  lostBytes = 0;
  /**
   * How far the previous frame's end was rounded up to a whole nanosecond, times `rate` (so a whole
   * number for an integer rate, below `rate`): line time the next frame of the busy period already
   * has. Starts as -0, a double, so V8 keeps the field a double that each frame overwrites in place
   * (at 10 Gb/s it exceeds a small integer).
   */
  carry = -0;
}

function onSent(p: Pipe, epoch: number): void {
  if (epoch === p.currentEpoch) p.sent();
}

function onArrived(p: Pipe, epoch: number): void {
  if (epoch === p.currentEpoch) p.arrived();
}
