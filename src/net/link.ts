import type { Network } from './network.js';
import { Pipe, type FrameReceiver, type PipeParams } from './pipe.js';
import type { Place } from './trace.js';

/** One end of a cable: a physical NIC or a switch port. */
export interface LinkEnd extends FrameReceiver {
  cable: Pipe | null;
}

export interface LinkParams {
  readonly rate: number;
  readonly delay: number;
  readonly queueFrames: number;
  readonly queueBytes: number | null;
}

/** A full-duplex cable: one pipe each way, each with its own queue at the sending end. */
export class Link implements Place {
  readonly id: number;
  readonly name: string;
  readonly aToB: Pipe;
  readonly bToA: Pipe;

  constructor(net: Network, readonly a: LinkEnd, readonly b: LinkEnd, params: LinkParams) {
    this.id = net.nextPlaceId();
    this.name = `${a.name}<->${b.name}`;
    const p: PipeParams = { rate: params.rate, delay: params.delay, perFrame: 0, queueFrames: params.queueFrames, queueBytes: params.queueBytes };
    this.aToB = new Pipe(net, `${a.name}->${b.name}`, a, b, p);
    this.bToA = new Pipe(net, `${b.name}->${a.name}`, b, a, p);
    a.cable = this.aToB;
    b.cable = this.bToA;
  }

  setUp(up: boolean): void {
    this.aToB.up = up;
    this.bToA.up = up;
  }
}
