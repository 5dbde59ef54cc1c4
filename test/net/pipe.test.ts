import { describe, expect, it } from 'vitest';
import { Pipe } from '../../src/net/pipe.js';
import { newNetwork, rawFrame, Recorder } from './helpers.js';

const src = { id: 999, name: 'a/eth0' };

describe('Pipe (one direction of a link)', () => {
  it('delivers after serialization (bits / rate) plus propagation delay', () => {
    const { net } = newNetwork();
    const dst = new Recorder(net, 'b/eth0');
    const pipe = new Pipe(net, src, dst, { rate: 1e9, delay: 5_000, perFrame: 0, queueFrames: 10, queueBytes: null });
    pipe.send(rawFrame(net, 1, 2, 1500));
    net.engine.run();
    // 1500 bytes at 1 Gb/s = 12 us on the wire, then 5 us of propagation.
    expect(dst.got.map((g) => g.t)).toEqual([17_000]);
  });

  it('sends back to back: the second frame starts when the first one has left', () => {
    const { net } = newNetwork();
    const dst = new Recorder(net, 'b/eth0');
    const pipe = new Pipe(net, src, dst, { rate: 1e9, delay: 5_000, perFrame: 0, queueFrames: 10, queueBytes: null });
    for (let i = 0; i < 3; i++) pipe.send(rawFrame(net, 1, 2, 1500));
    net.engine.run();
    expect(dst.got.map((g) => g.t)).toEqual([17_000, 29_000, 41_000]);
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
