/**
 * The line-rate ceiling of an Ethernet cable, measured on a saturated cable: frames per second
 * are what the line carries once preamble and SFD (8 bytes), FCS (4) and the inter-frame gap (12)
 * are counted and short frames are padded to the 64-byte minimum. Frame sizes in the test names
 * include the FCS, as Ethernet frame sizes are usually quoted; the frames themselves are 4 bytes
 * shorter (as captured).
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { MS, SECOND, US } from '../../src/engine/time.js';
import { RunContext } from '../../src/net/core/run-context.js';
import { Cable } from '../../src/net/link/cable.js';
import type { Pipe } from '../../src/net/link/pipe.js';
import { makeFrame, type EthernetFrame } from '../../src/wire/ethernet.js';
import { NO_TAGS } from '../../src/wire/ieee8021q.js';

/**
 * A cable end that counts arrivals; when `refill` is set, like a sender that always has more to
 * send, it has its peer offer one more frame for each.
 */
class CountingEnd {
  readonly id: number;
  cable: Pipe | null = null;
  peer: CountingEnd | null = null;
  arrived = 0;
  lastArrival = -1;
  /** Arrival times, when asked to keep them. */
  readonly times: number[] | null;
  constructor(private readonly net: RunContext, readonly name: string, private readonly refill: EthernetFrame | null, keepTimes: boolean) {
    this.id = net.nextPlaceId();
    this.times = keepTimes ? [] : null;
  }
  receive(): void {
    this.arrived++;
    this.lastArrival = this.net.now;
    this.times?.push(this.net.now);
    if (this.refill !== null) this.peer!.cable!.send(this.refill);
  }
}

/** Two counting ends joined by a cable of `rate` with no propagation delay. */
function cabled(rate: number, refill: EthernetFrame | null, keepTimes: boolean): { net: RunContext; a: CountingEnd; b: CountingEnd } {
  const net = new RunContext(new Engine(1));
  const a = new CountingEnd(net, 'a/eth0', null, false);
  const b = new CountingEnd(net, 'b/eth0', refill, keepTimes);
  a.peer = b;
  b.peer = a;
  new Cable(net, a, b, { rate, delay: 0, queueFrames: 10, queueBytes: null });
  return { net, a, b };
}

function rawFrame(captured: number): EthernetFrame {
  return makeFrame(1, 1, 2, 1, NO_TAGS, { kind: 'raw', etherType: 0x88b5, dataLength: captured - 14 });
}

/**
 * Frames of `captured` bytes (no FCS) that finish serializing on a saturated `rate` cable within
 * `window` ns. The propagation delay is 0, so a frame arrives when its last bit (and its gap) is sent.
 */
function saturated(rate: number, captured: number, window: number, keepTimes = false): CountingEnd {
  // One frame value offered again and again: the cable never looks at a frame's identity.
  const frame = rawFrame(captured);
  expect(frame.length).toBe(captured);
  const { net, a, b } = cabled(rate, frame, keepTimes);
  // One frame on the line and three waiting; each arrival offers one more, so the queue never empties.
  for (let i = 0; i < 4; i++) a.cable!.send(frame);
  net.engine.run({ until: window });
  expect(a.cable!.queueLength).toBe(3);
  expect(a.cable!.counters.drops).toBe(0);
  return b;
}

describe('Ethernet line rate on a saturated cable', () => {
  it('1 Gb/s carries 1,488,095 frames of 64 bytes in one second: (8 + 60 + 4 + 12) * 8 = 672 ns each', () => {
    const b = saturated(1e9, 60, SECOND);
    expect(b.arrived).toBe(Math.floor(SECOND / ((8 + 60 + 4 + 12) * 8)));
    expect(b.arrived).toBe(1_488_095);
    expect(b.lastArrival).toBe(1_488_095 * 672);
  });

  it('1 Gb/s carries 844,594 frames of 128 bytes in one second: (8 + 124 + 4 + 12) * 8 = 1,184 ns each', () => {
    const b = saturated(1e9, 124, SECOND);
    expect(b.arrived).toBe(Math.floor(SECOND / ((8 + 124 + 4 + 12) * 8)));
    expect(b.arrived).toBe(844_594);
  });

  it('1 Gb/s carries 81,274 frames of 1518 bytes in one second: (8 + 1514 + 4 + 12) * 8 = 12,304 ns each', () => {
    const b = saturated(1e9, 1514, SECOND);
    expect(b.arrived).toBe(Math.floor(SECOND / ((8 + 1514 + 4 + 12) * 8)));
    expect(b.arrived).toBe(81_274);
  });

  it('10 Mb/s carries 14,880 frames of 64 bytes in one second: (8 + 60 + 4 + 12) * 8 * 100 = 67,200 ns each', () => {
    const b = saturated(10e6, 60, SECOND);
    expect(b.arrived).toBe(Math.floor(SECOND / ((8 + 60 + 4 + 12) * 8 * 100)));
    expect(b.arrived).toBe(14_880);
  });
});

describe('whole nanoseconds without accumulated rounding', () => {
  it('10 Gb/s: 64-byte frames take 67.2 ns; each ends at the ceiling of its exact time, and 1 ms carries 14,880 of them', () => {
    const b = saturated(10e9, 60, 1 * MS, true);
    // The k-th frame's last bit leaves at ceil(k * 672 / 10) ns: 67.2 -> 68, 134.4 -> 135, ...
    expect(b.times!.slice(0, 5)).toEqual([68, 135, 202, 269, 336]);
    for (let k = 1; k <= b.times!.length; k++) {
      if (b.times![k - 1] !== Math.ceil((k * 672) / 10)) expect.fail(`frame ${k} left at ${b.times![k - 1]} ns`);
    }
    // floor(10^6 ns / 67.2 ns): rounding each frame up to 68 ns would give 14,705.
    expect(b.arrived).toBe(Math.floor((MS * 10) / 672));
    expect(b.arrived).toBe(14_880);
  });

  it('100 Gb/s: 64-byte frames take 6.72 ns, and 1 ms carries 148,809 of them', () => {
    const b = saturated(100e9, 60, 1 * MS);
    expect(b.arrived).toBe(Math.floor((MS * 100) / 672));
    expect(b.arrived).toBe(148_809);
  });

  it('starts again at a whole nanosecond after the line was idle', () => {
    const frame = rawFrame(60);
    const { net, a, b } = cabled(10e9, null, true);
    a.cable!.send(frame);
    a.cable!.send(frame);
    net.engine.run({ until: 1 * US });
    a.cable!.send(frame);
    net.engine.run({ until: 2 * US });
    // Back to back: ceil(67.2) = 68, then ceil(134.4) = 135; after the idle gap, ceil(67.2) again from 1 us.
    expect(b.times).toEqual([68, 135, 1 * US + 68]);
  });
});
