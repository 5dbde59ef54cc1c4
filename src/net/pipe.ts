import { serializationTime } from '../engine/time.js';
import type { EthernetFrame } from '../wire/frame.js';
import { Fifo } from './fifo.js';
import type { FrameHolder, Network } from './network.js';
import type { Place } from './trace.js';

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
  txFrames: number;
  txBytes: number;
  rxFrames: number;
  rxBytes: number;
  drops: number;
  /** Largest number of waiting frames seen. */
  peakQueue: number;
  /** Nanoseconds spent serializing (for utilisation). */
  busyNs: number;
}

/**
 * One direction of a link or of the hypervisor hop: a FIFO server. A frame waits in a drop-tail
 * queue, is serialized (perFrame + bits / rate), then propagates for `delay`. Arrivals are FIFO, so
 * only the head of the wire is ever in the global event queue.
 */
export class Pipe implements Place, FrameHolder {
  readonly id: number;
  private readonly queue = new Fifo<EthernetFrame>(16);
  private queuedBytes = 0;
  private sending: EthernetFrame | null = null;
  private readonly wire = new Fifo<EthernetFrame>(16);
  private readonly wireArrivals = new Fifo<number>(16);
  up = true;
  readonly counters: PipeCounters = { txFrames: 0, txBytes: 0, rxFrames: 0, rxBytes: 0, drops: 0, peakQueue: 0, busyNs: 0 };

  constructor(
    private readonly net: Network,
    readonly name: string,
    /** The sending side, named in traces. */
    readonly from: Place,
    readonly to: FrameReceiver,
    public params: PipeParams,
  ) {
    this.id = net.nextPlaceId();
    net.holders.push(this);
  }

  send(frame: EthernetFrame): void {
    if (!this.up) {
      this.counters.drops++;
      this.net.drop(this.from, frame, 'link-down');
      return;
    }
    if (this.sending === null) {
      this.startSending(frame);
      return;
    }
    const p = this.params;
    if (this.queue.length >= p.queueFrames || (p.queueBytes !== null && this.queuedBytes + frame.length > p.queueBytes)) {
      this.counters.drops++;
      this.net.drop(this.from, frame, 'queue-full');
      return;
    }
    this.queue.push(frame);
    this.queuedBytes += frame.length;
    if (this.queue.length > this.counters.peakQueue) this.counters.peakQueue = this.queue.length;
  }

  framesInFlight(): number {
    return this.queue.length + (this.sending === null ? 0 : 1) + this.wire.length;
  }

  /** Waiting frames (not counting the one being sent). */
  get queueLength(): number {
    return this.queue.length;
  }

  private startSending(frame: EthernetFrame): void {
    this.sending = frame;
    const p = this.params;
    const duration = p.perFrame + (p.rate === Infinity ? 0 : serializationTime(frame.length, p.rate));
    const c = this.counters;
    c.txFrames++;
    c.txBytes += frame.length;
    c.busyNs += duration;
    const net = this.net;
    if (net.trace.on) {
      net.trace.emit({ kind: 'tx', t: net.now, at: this.from, to: this.to, frame, arrive: net.now + duration + p.delay });
    }
    net.engine.after(duration, onSent, this);
  }

  /** The last bit left: the frame propagates; the next waiting frame starts. */
  sent(): void {
    const frame = this.sending!;
    this.sending = null;
    const arrival = this.net.now + this.params.delay;
    this.wire.push(frame);
    this.wireArrivals.push(arrival);
    if (this.wire.length === 1) this.net.engine.at(arrival, onArrived, this);
    if (this.queue.length > 0) {
      const next = this.queue.shift();
      this.queuedBytes -= next.length;
      this.startSending(next);
    }
  }

  arrived(): void {
    const frame = this.wire.shift();
    this.wireArrivals.shift();
    if (this.wire.length > 0) this.net.engine.at(this.wireArrivals.peek(), onArrived, this);
    const c = this.counters;
    c.rxFrames++;
    c.rxBytes += frame.length;
    const net = this.net;
    net.ledger.hops++;
    if (net.trace.on) net.trace.emit({ kind: 'rx', t: net.now, at: this.to, frame });
    this.to.receive(frame);
  }
}

function onSent(p: Pipe): void {
  p.sent();
}

function onArrived(p: Pipe): void {
  p.arrived();
}
