import { serializationTime } from '../../engine/time.js';
import { Fifo, TimedFifo } from '../core/fifo.js';
import type { FrameHolder, RunContext } from '../core/run-context.js';
import type { Place } from '../../trace/place.js';
import type { EthernetFrame } from '../../wire/ethernet.js';

/** Where a pipe hands frames when they arrive. */
export interface FrameReceiver extends Place {
  receive(frame: EthernetFrame): void;
}

export interface PipeParams {
  /** Bits per second; Infinity for a hop with no serialization (the hypervisor hop). */
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
  /** Nanoseconds spent serializing (for utilisation). */
  readonly busyNs: number;
}

/**
 * One direction of a link or of the hypervisor hop: a FIFO server. A frame waits in a drop-tail
 * queue, is serialized (perFrame + bits / rate), then propagates for `delay`. Arrivals are FIFO, so
 * only the head of the wire is ever in the global event queue.
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
  /** What pulling the cable left (its events' epoch, the frames lost); made at the first change, so a hop's pipes never have it. */
  private plug: Unplugging | null = null;

  get counters(): PipeCounters {
    return this;
  }

  /** Frames that arrived: every frame that started sending arrives (in order) unless the cable was pulled, so this is derived. */
  get rxFrames(): number {
    return this.txFrames - (this.sending === null ? 0 : 1) - this.wireFrames - (this.plug === null ? 0 : this.plug.lostFrames);
  }

  /** Frames on the wire (propagating). */
  private get wireFrames(): number {
    return this.wire === null ? 0 : this.wire.length;
  }

  get rxBytes(): number {
    let b = this.txBytes - (this.sending === null ? 0 : this.sending.length) - (this.plug === null ? 0 : this.plug.lostBytes);
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
    return this.plug === null ? 0 : this.plug.epoch;
  }

  /** The cable is plugged in and up (a hypervisor hop's pipe always is). */
  get up(): boolean {
    return this.plug === null || this.plug.up;
  }

  set up(up: boolean) {
    (this.plug ??= new Unplugging()).up = up;
  }

  framesInFlight(): number {
    return this.queueLength + (this.sending === null ? 0 : 1) + this.wireFrames;
  }

  /** Waiting frames (not counting the one being sent). */
  get queueLength(): number {
    return this.queue === null ? 0 : this.queue.length;
  }

  private startSending(frame: EthernetFrame): void {
    this.sending = frame;
    const p = this.params;
    const duration = p.perFrame + (p.rate === Infinity ? 0 : serializationTime(frame.length, p.rate));
    this.txFrames++;
    this.txBytes += frame.length;
    this.busyNs += duration;
    const net = this.net;
    if (net.trace.on) {
      net.emitTx(this.from, this.to, frame, duration + p.delay);
    }
    net.engine.after(duration, onSent, this, this.currentEpoch);
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
    }
  }

  /**
   * The cable is pulled: every frame on this side is lost (dropped, reason link-down): the ones
   * waiting, the one being sent and the ones propagating, which will never finish arriving.
   */
  cut(): void {
    const net = this.net;
    (this.plug ??= new Unplugging()).epoch++;
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
    const plug = this.plug!;
    plug.lostFrames++;
    plug.lostBytes += frame.length;
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

/** A pipe's state once its cable was pulled or plugged (see `cut`). */
class Unplugging {
  up = true;
  /** Bumped at each pull: pending events carry the epoch they were scheduled in and do nothing when it is over. */
  epoch = 0;
  /** Frames that started sending but never arrived (the cable was pulled under them). */
  lostFrames = 0;
  lostBytes = 0;
}

function onSent(p: Pipe, epoch: number): void {
  if (epoch === p.currentEpoch) p.sent();
}

function onArrived(p: Pipe, epoch: number): void {
  if (epoch === p.currentEpoch) p.arrived();
}
