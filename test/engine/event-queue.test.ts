import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from '../../src/engine/event-queue.js';

describe('EventQueue', () => {
  it('pops by time, and by scheduling order at equal times', () => {
    const q = new EventQueue(2);
    const h = () => {};
    q.push(5, h, 'a', 0);
    q.push(1, h, 'b', 0);
    q.push(5, h, 'c', 0);
    q.push(1, h, 'd', 0);
    q.push(3, h, 'e', 0);
    const order: unknown[] = [];
    while (q.pop()) order.push(q.poppedTarget);
    expect(order).toEqual(['b', 'd', 'e', 'a', 'c']);
  });

  it('skips cancelled events', () => {
    const q = new EventQueue();
    const h = () => {};
    q.push(1, h, 'a', 0);
    const id = q.push(2, h, 'b', 0);
    q.push(3, h, 'c', 0);
    q.cancel(id);
    expect(q.size).toBe(2);
    const order: unknown[] = [];
    while (q.pop()) order.push(q.poppedTarget);
    expect(order).toEqual(['a', 'c']);
  });

  it('matches a stable sort of (time, insertion) for any sequence of pushes and pops', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(-1)), { maxLength: 300 }), (ops) => {
        const q = new EventQueue(1);
        const model: { t: number; seq: number }[] = [];
        let seq = 0;
        const h = () => {};
        for (const op of ops) {
          if (op >= 0) {
            q.push(op, h, seq, 0);
            model.push({ t: op, seq: seq++ });
          } else if (model.length > 0) {
            model.sort((a, b) => a.t - b.t || a.seq - b.seq);
            const want = model.shift()!;
            expect(q.pop()).toBe(true);
            expect(q.poppedTime).toBe(want.t);
            expect(q.poppedTarget).toBe(want.seq);
          }
        }
      }),
    );
  });
});

describe('EventQueue over the whole time range', () => {
  // Times near 2^32 ns (4.3 s) and up to 2^53 - 1 ns exercise both halves of the bucket rule.
  const time = fc.oneof(
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: 2 ** 32 - 30, max: 2 ** 32 + 30 }),
    fc.integer({ min: 2 ** 40, max: 2 ** 40 + 5 }),
    fc.constantFrom(2 ** 53 - 1, 2 ** 52, 2 ** 31 - 1, 2 ** 31),
  );

  it('pops in (time, scheduling order) for any mix of pushes, peeks and pops', () => {
    type Op = { k: 'push'; t: number } | { k: 'pop' } | { k: 'peek' };
    const op = fc.oneof(time.map((t): Op => ({ k: 'push', t })), fc.constant<Op>({ k: 'pop' }), fc.constant<Op>({ k: 'peek' }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const q = new EventQueue(1);
        const h = () => {};
        const model: { t: number; seq: number }[] = [];
        let seq = 0;
        for (const o of ops) {
          model.sort((a, b) => a.t - b.t || a.seq - b.seq);
          if (o.k === 'push') {
            q.push(o.t, h, seq, 0);
            model.push({ t: o.t, seq: seq++ });
          } else if (o.k === 'peek') {
            expect(q.peekTime()).toBe(model.length ? model[0]!.t : Infinity);
          } else if (model.length === 0) {
            expect(q.pop()).toBe(false);
          } else {
            const want = model.shift()!;
            expect(q.pop()).toBe(true);
            expect([q.poppedTime, q.poppedTarget]).toEqual([want.t, want.seq]);
          }
        }
        expect(q.size).toBe(model.length);
      }),
      { seed: 20261126, numRuns: 300 },
    );
  });

  it('leaves an event later than `until` in place, and takes an earlier one pushed afterwards first', () => {
    const q = new EventQueue();
    const h = () => {};
    q.push(2 ** 33, h, 'late', 0);
    expect(q.popUntil(2 ** 32)).toBe(false);
    q.push(2 ** 32 + 1, h, 'early', 0);
    expect(q.pop() && q.poppedTarget).toBe('early');
    expect(q.pop() && q.poppedTarget).toBe('late');
  });

  it('refuses a time that is not a whole number of nanoseconds in range', () => {
    const q = new EventQueue();
    for (const bad of [1.5, -1, NaN, Infinity, 2 ** 53]) expect(() => q.push(bad, () => {}, null, 0)).toThrow(RangeError);
    expect(q.size).toBe(0);
  });
});

describe('EventQueue with cancellations', () => {
  it('matches a model for any mix of pushes, pops and cancels (including stale ids)', () => {
    type Op = { k: 'push'; t: number } | { k: 'pop' } | { k: 'cancel'; pick: number };
    const op = fc.oneof(
      fc.integer({ min: 0, max: 40 }).map((t): Op => ({ k: 'push', t })),
      fc.constant<Op>({ k: 'pop' }),
      fc.nat(1000).map((pick): Op => ({ k: 'cancel', pick })),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const q = new EventQueue(1);
        const h = () => {};
        // Every event ever pushed, with its id; `live` marks the ones still pending.
        const all: { t: number; seq: number; id: number; live: boolean }[] = [];
        let now = 0;
        for (const o of ops) {
          if (o.k === 'push') {
            const t = now + o.t;
            all.push({ t, seq: all.length, id: q.push(t, h, all.length, 0), live: true });
          } else if (o.k === 'cancel') {
            if (all.length === 0) continue;
            const e = all[o.pick % all.length]!;
            q.cancel(e.id);
            e.live = false;
          } else {
            const pending = all.filter((e) => e.live).sort((a, b) => a.t - b.t || a.seq - b.seq);
            expect(q.size).toBe(pending.length);
            if (pending.length === 0) {
              expect(q.pop()).toBe(false);
              continue;
            }
            expect(q.pop()).toBe(true);
            expect(q.poppedTarget).toBe(pending[0]!.seq);
            pending[0]!.live = false;
            now = q.poppedTime;
          }
        }
      }),
      { seed: 20261126, numRuns: 300 },
    );
  });
});
