/** The run loop: time, limits, the past refused, and the typing of events. */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';

describe('Engine', () => {
  it('runs until a time, leaving later events pending, and advances the clock to it', () => {
    const e = new Engine(1);
    const seen: number[] = [];
    const h = (_t: unknown, arg: number) => seen.push(arg);
    e.at(10, h, null, 10);
    e.at(20, h, null, 20);
    e.at(30, h, null, 30);
    const out = e.run({ until: 20 });
    expect(out).toEqual({ kind: 'until', events: 2 });
    expect(seen).toEqual([10, 20]);
    expect(e.now).toBe(20);
    expect(e.run()).toEqual({ kind: 'idle', events: 1 });
  });

  it('stops at an event budget and can go on', () => {
    const e = new Engine(1);
    const tick = (eng: Engine) => { eng.after(1, tick, eng); };
    e.at(0, tick, e);
    const out = e.run({ budget: 1000 });
    expect(out).toEqual({ kind: 'budget', events: 1000, budget: 1000 });
    expect(e.now).toBe(999);
  });

  it('gives each component its own reproducible random stream', () => {
    const a1 = new Engine(7).random('vm1');
    const a2 = new Engine(7).random('vm1');
    const b = new Engine(7).random('vm2');
    const xs = [a1(), a1(), a1()];
    expect([a2(), a2(), a2()]).toEqual(xs);
    expect(b()).not.toBe(xs[0]);
    expect(new Engine(8).random('vm1')()).not.toBe(xs[0]);
  });

  it('refuses an event before the current time, and a negative delay, naming the times', () => {
    const e = new Engine(1);
    const h = (_t: null) => {};
    e.at(50, h, null);
    e.run();
    expect(e.now).toBe(50);
    expect(() => e.at(49, h, null)).toThrow('event scheduled at 49 ns, before the current time 50 ns');
    expect(() => e.after(-1, h, null)).toThrow('event scheduled -1 ns after 50 ns: a delay cannot be negative');
    expect(e.queue.size).toBe(0);
    e.at(50, h, null);
    e.after(0, h, null);
    expect(e.run()).toEqual({ kind: 'idle', events: 2 });
  });

  it('moves the clock to `until` when idle, and never back', () => {
    const e = new Engine(1);
    expect(e.run({ until: 11_000 })).toEqual({ kind: 'idle', events: 0 });
    expect(e.now).toBe(11_000);
    expect(e.run({ until: 5_000 })).toEqual({ kind: 'idle', events: 0 });
    expect(e.now).toBe(11_000);
  });

  it('checks a handler against the type of its target', () => {
    const e = new Engine(1);
    const onNumber = (n: { value: number }, arg: number) => n.value + arg;
    e.at(1, onNumber, { value: 1 });
    // @ts-expect-error a handler of one target type with a target of another
    e.at(1, onNumber, { name: 'x' });
    expect(e.queue.size).toBe(2);
  });

  it('keeps its clock read-only to everything outside it', () => {
    const e = new Engine(1);
    // @ts-expect-error `now` has no setter
    expect(() => { e.now = 5; }).toThrow(TypeError);
    expect(e.now).toBe(0);
  });
});
