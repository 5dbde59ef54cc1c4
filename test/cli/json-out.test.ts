import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { writeJson } from '../../src/cli/json-out.js';
import { runText, scenarioPath, scenarioText } from '../acceptance/helpers.js';

function pieces(value: unknown): string {
  let out = '';
  writeJson(value, (s) => { out += s; });
  return out;
}

describe('JSON written in pieces', () => {
  test('is JSON.stringify(value, null, 2), byte for byte, for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect(pieces(v)).toBe(JSON.stringify(v, null, 2));
    }), { numRuns: 1000 });
  });

  test('leaves out and nulls what JSON.stringify does: undefined, functions; -0 as 0', () => {
    const v = { a: undefined, b: [undefined, () => 1, -0], c: { d: undefined }, e: [], f: {}, g: 'x\ny' };
    expect(pieces(v)).toBe(JSON.stringify(v, null, 2));
  });

  test('a real report (scenario 15, with latency and per-stream sections) comes out the same', () => {
    const r = runText(scenarioText('15-tenant-capacity.yaml'), scenarioPath('15-tenant-capacity.yaml'));
    expect(pieces(r)).toBe(JSON.stringify(r, null, 2));
  });

  test('no piece holds the whole of a large array', () => {
    const big = { samples: Array.from({ length: 100_000 }, (_, i) => ({ t: i, n: i * 2 })) };
    let longest = 0;
    writeJson(big, (s) => { longest = Math.max(longest, s.length); });
    expect(longest).toBeLessThan(100);
  });
});
