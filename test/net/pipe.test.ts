import { describe, expect, it } from 'vitest';
import { Cable } from '../../src/net/link/cable.js';
import type { RunContext } from '../../src/net/core/run-context.js';
import { Pipe } from '../../src/net/link/pipe.js';
import { newNetwork, rawFrame, Recorder } from './helpers.js';

/** A cable end that records arrivals and carrier changes. */
class End extends Recorder {
  cable: Pipe | null = null;
  changes = 0;
  linkChanged(): void {
    this.changes++;
  }
}

function cable(net: RunContext): { a: End; b: End; link: Cable } {
  const a = new End(net, 'a/eth0');
  const b = new End(net, 'b/eth0');
  a.changes = b.changes = 0;
  const link = new Cable(net, a, b, { rate: 1e9, delay: 5_000, queueFrames: 10, queueBytes: null });
  a.changes = b.changes = 0;
  return { a, b, link };
}

const src = { id: 999, name: 'a/eth0' };

describe('Pipe (one direction of a link)', () => {
  it('delivers after serialization (line bits / rate) plus propagation delay', () => {
    const { net } = newNetwork();
    const dst = new Recorder(net, 'b/eth0');
    const pipe = new Pipe(net, src, dst, { rate: 1e9, delay: 5_000, perFrame: 0, queueFrames: 10, queueBytes: null });
    pipe.send(rawFrame(net, 1, 2, 1500));
    net.engine.run();
    // 1500 bytes with preamble and SFD, FCS and inter-frame gap at 1 Gb/s, then 5 us of propagation.
    expect(dst.got.map((g) => g.t)).toEqual([(8 + 1500 + 4 + 12) * 8 + 5_000]);
  });

  it('sends back to back: the second frame starts when the first one has left', () => {
    const { net } = newNetwork();
    const dst = new Recorder(net, 'b/eth0');
    const pipe = new Pipe(net, src, dst, { rate: 1e9, delay: 5_000, perFrame: 0, queueFrames: 10, queueBytes: null });
    for (let i = 0; i < 3; i++) pipe.send(rawFrame(net, 1, 2, 1500));
    net.engine.run();
    const line = (8 + 1500 + 4 + 12) * 8; // ns at 1 Gb/s: the gap after a frame holds the next one back
    expect(dst.got.map((g) => g.t)).toEqual([line + 5_000, 2 * line + 5_000, 3 * line + 5_000]);
    expect(pipe.counters.peakQueue).toBe(2);
  });

  it('drops at the tail when the queue is full, and conserves frames', () => {
    const { net, records } = newNetwork();
    const dst = new Recorder(net, 'b/eth0');
    const pipe = new Pipe(net, src, dst, { rate: 10e6, delay: 0, perFrame: 0, queueFrames: 2, queueBytes: null });
    for (let i = 0; i < 6; i++) pipe.send(rawFrame(net, 1, 2, 100));
    // one on the wire + two waiting; three dropped
    expect(net.ledger.dropped).toBe(3);
    expect(net.ledger.dropsByReason.get('queue-full')).toBe(3);
    expect(net.framesInFlight()).toBe(3);
    net.engine.run();
    expect(dst.got).toHaveLength(3);
    expect(net.ledger.originated).toBe(net.ledger.delivered + net.ledger.dropped + net.framesInFlight());
    expect(records.filter((r) => r.kind === 'drop').map((r) => r.kind === 'drop' && r.reason)).toEqual(['queue-full', 'queue-full', 'queue-full']);
  });

  it('adds a per-frame cost on a hop without serialization (the hypervisor hop)', () => {
    const { net } = newNetwork();
    const dst = new Recorder(net, 'vm1/eth0');
    const pipe = new Pipe(net, src, dst, { rate: Infinity, delay: 10_000, perFrame: 2_000, queueFrames: 10, queueBytes: null });
    pipe.send(rawFrame(net, 1, 2, 60));
    pipe.send(rawFrame(net, 1, 2, 9000));
    net.engine.run();
    expect(dst.got.map((g) => g.t)).toEqual([12_000, 14_000]);
  });

  it('limits by bytes too when asked', () => {
    const { net } = newNetwork();
    const dst = new Recorder(net, 'b');
    const pipe = new Pipe(net, src, dst, { rate: 1e6, delay: 0, perFrame: 0, queueFrames: 100, queueBytes: 1000 });
    for (let i = 0; i < 5; i++) pipe.send(rawFrame(net, 1, 2, 400));
    // 1 sending, 2 waiting (800 bytes), 2 dropped (would exceed 1000 bytes)
    expect(net.ledger.dropped).toBe(2);
  });
});

describe('Cable: pulling and plugging a cable', () => {
  it('loses what is on the cable (propagating, being sent, waiting) as link-down drops, and nothing arrives later', () => {
    const { net, records } = newNetwork();
    const { a, b, link } = cable(net);
    for (let i = 0; i < 4; i++) a.cable!.send(rawFrame(net, 1, 2, 1500));
    // Each takes (8 + 1500 + 4 + 12) * 8 = 12,192 ns on the line. At 14 us: frame 1 left at 12.192 us
    // and propagates until 17.192 us; frame 2 is being sent (12.192..24.384 us); 3 and 4 wait.
    net.engine.run({ until: 14_000 });
    link.setUp(false);
    expect(net.ledger.dropsByReason.get('link-down')).toBe(4);
    expect(net.framesInFlight()).toBe(0);
    expect([a.changes, b.changes]).toEqual([1, 1]);
    net.engine.run();
    expect(b.got).toEqual([]);
    const c = a.cable!;
    expect([c.counters.txFrames, c.rxFrames, c.counters.drops, c.rxBytes]).toEqual([2, 0, 4, 0]);
    expect(net.ledger.originated).toBe(net.ledger.delivered + net.ledger.dropped + net.framesInFlight());
    const kinds = records.map((r) => (r.kind === 'drop' ? `drop ${r.reason} ${r.t}` : r.kind === 'cable' ? `cable ${r.at.name} ${r.up} ${r.t}` : r.kind));
    expect(kinds.slice(kinds.indexOf('cable a/eth0<->b/eth0 false 14000'))).toEqual([
      'cable a/eth0<->b/eth0 false 14000',
      'drop link-down 14000', 'drop link-down 14000', 'drop link-down 14000', 'drop link-down 14000',
    ]);
  });

  it('refuses frames while pulled; plugged back in, it carries them again and the lost frames\' events do nothing', () => {
    const { net } = newNetwork();
    const { a, b, link } = cable(net);
    a.cable!.send(rawFrame(net, 1, 2, 1500));
    a.cable!.send(rawFrame(net, 1, 2, 1500));
    net.engine.run({ until: 14_000 });
    link.setUp(false);
    b.cable!.send(rawFrame(net, 2, 1, 60));
    expect(net.ledger.dropsByReason.get('link-down')).toBe(3);
    net.engine.run({ until: 15_000 });
    link.setUp(true);
    expect([a.changes, b.changes]).toEqual([2, 2]);
    a.cable!.send(rawFrame(net, 1, 2, 1500));
    net.engine.run();
    // Sent at 15 us: (8 + 1500 + 4 + 12) * 8 ns on the line and 5 us of propagation. The pulled frames'
    // "sent" (24.384 us) and "arrived" (17.192 us) events belong to the pulled epoch and do nothing,
    // so this one is not cut short or doubled.
    expect(b.got.map((g) => g.t)).toEqual([15_000 + (8 + 1500 + 4 + 12) * 8 + 5_000]);
    expect(a.cable!.rxFrames).toBe(1);
    expect(net.ledger.originated).toBe(net.ledger.delivered + net.ledger.dropped + net.framesInFlight());
  });

  it('pulling or plugging twice changes nothing the second time', () => {
    const { net, records } = newNetwork();
    const { a, link } = cable(net);
    link.setUp(false);
    link.setUp(false);
    link.setUp(true);
    link.setUp(true);
    expect(records.filter((r) => r.kind === 'cable').map((r) => r.kind === 'cable' && r.up)).toEqual([false, true]);
    expect(a.changes).toBe(2);
    expect(link.up).toBe(true);
  });
});
