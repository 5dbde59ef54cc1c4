import { describe, expect, test } from 'vitest';
import { Fdb } from '../../src/net/l2/fdb.js';

const SECOND = 1e9;

describe('Fdb capacity and ageing', () => {
  test('a full table refuses new stations while its entries are fresh', () => {
    const fdb = new Fdb<string>(10 * SECOND, 2);
    expect(fdb.learn(1, 0xa, 'p1', 0)).toBe('new');
    expect(fdb.learn(1, 0xb, 'p2', 0)).toBe('new');
    expect(fdb.learn(1, 0xc, 'p3', 5 * SECOND)).toBe('full');
    // Refreshing a known station works when full.
    expect(fdb.learn(1, 0xa, 'p1', 5 * SECOND)).toBe('refreshed');
    expect(fdb.size).toBe(2);
  });

  test('expired entries free their places even if nobody looks them up (a real table ages on its own)', () => {
    const fdb = new Fdb<string>(10 * SECOND, 2);
    const aged: number[] = [];
    fdb.learn(1, 0xa, 'p1', 0);
    fdb.learn(2, 0xb, 'p2', 3 * SECOND);
    // At 11 s 0xa (learned at 0) has expired, 0xb (at 3 s) has not: one place frees.
    expect(fdb.learn(1, 0xc, 'p3', 11 * SECOND, (e) => aged.push(e.mac))).toBe('new');
    expect(aged).toEqual([0xa]);
    expect(fdb.learn(1, 0xd, 'p4', 12 * SECOND)).toBe('full');
    expect(fdb.entries(12 * SECOND).map((e) => e.mac)).toEqual([0xc, 0xb]);
    // At 14 s 0xb expires too.
    expect(fdb.learn(1, 0xd, 'p4', 14 * SECOND)).toBe('new');
    expect(fdb.size).toBe(2);
  });

  test('local entries never age and still count', () => {
    const fdb = new Fdb<string>(SECOND, 2);
    fdb.addLocal(0, 0xa, 'self');
    fdb.learn(0, 0xb, 'p1', 0);
    expect(fdb.learn(0, 0xc, 'p2', 10 * SECOND)).toBe('new');
    expect(fdb.learn(0, 0xd, 'p2', 10 * SECOND)).toBe('full');
    expect(fdb.lookup(0, 0xa, 100 * SECOND)?.local).toBe(true);
  });
});
