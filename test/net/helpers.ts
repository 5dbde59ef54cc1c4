import { Engine } from '../../src/engine/engine.js';
import { RunContext } from '../../src/net/core/run-context.js';
import type { FrameReceiver } from '../../src/net/link/pipe.js';
import type { TraceRecord } from '../../src/trace/record.js';
import { makeFrame, type EthernetFrame } from '../../src/wire/ethernet.js';
import { NO_TAGS } from '../../src/wire/ieee8021q.js';
import { BROADCAST_MAC } from '../../src/wire/mac.js';

export function newNetwork(): { net: RunContext; records: TraceRecord[] } {
  const net = new RunContext(new Engine(1));
  const records: TraceRecord[] = [];
  net.trace.subscribe({ record: (r) => records.push(r) });
  return { net, records };
}

/** A receiver that remembers what arrived and when. */
export class Recorder implements FrameReceiver {
  readonly id: number;
  readonly got: { t: number; frame: EthernetFrame }[] = [];
  constructor(private readonly net: RunContext, readonly name: string) {
    this.id = net.nextPlaceId();
  }
  receive(frame: EthernetFrame): void {
    this.got.push({ t: this.net.now, frame });
    this.net.deliver(this, frame);
  }
}

export function rawFrame(net: RunContext, src: number, dst = BROADCAST_MAC, length = 60): EthernetFrame {
  const uid = net.nextUid();
  const f = makeFrame(uid, uid, dst, src, NO_TAGS, { kind: 'raw', etherType: 0x88b5, dataLength: Math.max(0, length - 14) });
  net.originate({ id: 0, name: 'generator' }, f);
  return f;
}
