/**
 * Small spanning tree topologies built straight from the device classes: switches in a ring
 * (optionally with the doubled sw1-sw2 cable of the storm scenarios) and plain stations that
 * send and count frames.
 */
import { SECOND } from '../../src/engine/time.js';
import { Cable, type CableEnd } from '../../src/net/link/cable.js';
import type { RunContext } from '../../src/net/core/run-context.js';
import type { Pipe } from '../../src/net/link/pipe.js';
import type { StpSettings } from '../../src/net/stp/stp-bridge.js';
import { PhysicalSwitch } from '../../src/net/l2/switch.js';
import type { TraceRecord } from '../../src/trace/record.js';
import { makeFrame, type EthernetFrame } from '../../src/wire/ethernet.js';
import { NO_TAGS } from '../../src/wire/ieee8021q.js';
import { BROADCAST_MAC, type Mac } from '../../src/wire/mac.js';
import { newNetwork } from './helpers.js';

/** A host reduced to a NIC on a cable: sends raw frames, remembers the non-BPDU frames it gets. */
export class Station implements CableEnd {
  readonly id: number;
  cable: Pipe | null = null;
  readonly got: EthernetFrame[] = [];
  constructor(private readonly net: RunContext, readonly name: string, readonly mac: Mac) {
    this.id = net.nextPlaceId();
  }
  receive(frame: EthernetFrame): void {
    if (frame.payload.kind !== 'stp') this.got.push(frame);
    this.net.deliver(this, frame);
  }
  send(dst: Mac = BROADCAST_MAC): EthernetFrame {
    const uid = this.net.nextUid();
    const f = makeFrame(uid, uid, dst, this.mac, NO_TAGS, { kind: 'raw', etherType: 0x88b5, dataLength: 46 });
    this.net.originate(this, f);
    this.cable!.send(f);
    return f;
  }
}

export interface RingOptions {
  /** Per switch (sw1, sw2, sw3); absent means STP off on that switch. */
  readonly stp?: readonly (StpSettings | null)[];
  /** The second sw1-sw2 cable (sw1/p4 - sw2/p4) of the storm scenario. */
  readonly doubled?: boolean;
  readonly rate?: number;
  readonly delay?: number;
}

export const LINK = { rate: 10e6, delay: 1_000_000, queueFrames: 64, queueBytes: null };

/**
 * sw1/p1-sw2/p1, sw2/p2-sw3/p1, sw3/p2-sw1/p2 (+ sw1/p4-sw2/p4); station a on sw1/p3, b on sw3/p3.
 * Switch MACs rise with the number, so with equal priorities sw1 has the lowest bridge id.
 */
export function ring(o: RingOptions = {}) {
  const { net, records } = newNetwork();
  const stp = o.stp ?? [{}, {}, {}];
  const sw = [1, 2, 3].map((i) => new PhysicalSwitch(net, `sw${i}`, {
    ports: 4, macTableSize: 1024, ageingNs: 300 * SECOND, mac: 0x020000000000 + i * 0x100, stp: stp[i - 1] ?? null,
  }));
  const params = { ...LINK, rate: o.rate ?? LINK.rate, delay: o.delay ?? LINK.delay };
  const p = (s: number, port: number) => sw[s - 1]!.port(port)!;
  const links = {
    s1s2: new Cable(net, p(1, 1), p(2, 1), params),
    s2s3: new Cable(net, p(2, 2), p(3, 1), params),
    s3s1: new Cable(net, p(3, 2), p(1, 2), params),
    s1s2b: o.doubled ? new Cable(net, p(1, 4), p(2, 4), params) : null,
  };
  const a = new Station(net, 'a', 0x0200000000aa);
  const b = new Station(net, 'b', 0x0200000000bb);
  new Cable(net, a, p(1, 3), params);
  new Cable(net, b, p(3, 3), params);
  return { net, records, sw, links, a, b, port: p };
}

export type StpRecordOf<E extends string> = Extract<TraceRecord, { kind: 'stp'; event: E }>;

export function stateRecords(records: readonly TraceRecord[]): StpRecordOf<'state'>[] {
  return records.filter((r): r is StpRecordOf<'state'> => r.kind === 'stp' && r.event === 'state');
}

/** `sw2/p4 blocking`-style summary of every port that is up. */
export function portStates(sw: readonly PhysicalSwitch[]): string[] {
  return sw.flatMap((s) => s.ports.filter((p) => p.stpState !== 'disabled').map((p) => `${p.name} ${p.stpState}`));
}

/** Latest port state change among the switches (ns). */
export function lastStateChange(sw: readonly PhysicalSwitch[]): number {
  return Math.max(...sw.map((s) => s.stp.lastStateChangeAt ?? 0));
}
