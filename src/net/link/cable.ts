import type { RunContext } from '../core/run-context.js';
import { Pipe, type FrameReceiver, type PipeParams } from './pipe.js';
import type { Place } from '../../trace/place.js';

/** One end of a cable: a physical NIC or a switch port. */
export interface CableEnd extends FrameReceiver {
  cable: Pipe | null;
  /** The cable was plugged in, pulled, or went up or down: the end's carrier changed. */
  linkChanged?(): void;
}

export interface CableParams {
  readonly rate: number;
  readonly delay: number;
  readonly queueFrames: number;
  readonly queueBytes: number | null;
}

/** A full-duplex cable: one pipe each way, each with its own queue at the sending end. */
export class Cable implements Place {
  readonly id: number;
  readonly name: string;
  readonly aToB: Pipe;
  readonly bToA: Pipe;

  constructor(private readonly net: RunContext, readonly a: CableEnd, readonly b: CableEnd, params: CableParams) {
    this.id = net.nextPlaceId();
    this.name = `${a.name}<->${b.name}`;
    const p: PipeParams = { rate: params.rate, delay: params.delay, perFrame: 0, queueFrames: params.queueFrames, queueBytes: params.queueBytes };
    this.aToB = new Pipe(net, a, b, p);
    this.bToA = new Pipe(net, b, a, p);
    a.cable = this.aToB;
    b.cable = this.bToA;
    a.linkChanged?.();
    b.linkChanged?.();
  }

  get up(): boolean {
    return this.aToB.up;
  }

  /**
   * Plugs the cable back in (true) or pulls it (false): frames on a pulled cable are lost, and
   * both ends see their carrier change.
   */
  setUp(up: boolean): void {
    if (this.aToB.up === up && this.bToA.up === up) return;
    const net = this.net;
    if (net.trace.on) net.trace.emit({ kind: 'cable', t: net.now, at: this, up });
    this.aToB.up = up;
    this.bToA.up = up;
    if (!up) {
      this.aToB.cut();
      this.bToA.cut();
    }
    this.a.linkChanged?.();
    this.b.linkChanged?.();
  }
}
