import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';

const FILE = `name: t
duration: 10s
hosts:
  - name: h1
    nics: [eth0]
    vms:
      - { name: v1, tenant: blue, ip: 10.0.0.1/24 }
      - { name: v2, tenant: blue, ip: 10.0.0.2/24 }
switches: [{ name: sw1, ports: 2 }]
links: [{ a: h1/eth0, b: sw1/p1 }]
expect:
`;

function load(items: string) {
  return loadScenario(FILE + items, 't.yaml');
}

function messages(items: string): string[] {
  const r = load(items);
  return r.ok ? [] : r.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`);
}

describe('expectations on measurements, as written', () => {
  test('each kind becomes one value with its bounds in base units', () => {
    const r = load(`  - rtt: { from: v1, to: v2, p99: "< 2ms", max: "<= 5ms" }
  - oneWay: { from: v1, to: v2, port: 5001, p50: ">= 100us" }
  - loss: { from: tenant:blue, to: v2, max: 1% }
  - goodput: { from: v1, to: v2, min: 900Mbps, total: true }
  - utilisation: { link: h1/eth0, max: 80% }
  - utilisation: { link: "h1/eth0->sw1/p1", min: 0.5% }
  - drops: { reason: queue-full, at: sw1, max: 0 }
`);
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
    expect(r.doc.expect).toEqual([
      { kind: 'rtt', from: 'v1', to: 'v2', port: null, bounds: [{ stat: 'p99', op: '<', ns: 2e6 }, { stat: 'max', op: '<=', ns: 5e6 }] },
      { kind: 'oneWay', from: 'v1', to: 'v2', port: 5001, bounds: [{ stat: 'p50', op: '>=', ns: 100e3 }] },
      { kind: 'loss', from: 'tenant:blue', to: 'v2', port: null, max: 0.01 },
      { kind: 'goodput', from: 'v1', to: 'v2', port: null, min: 900e6, max: null, total: true },
      { kind: 'utilisation', link: 'h1/eth0', min: null, max: 0.8 },
      { kind: 'utilisation', link: 'h1/eth0->sw1/p1', min: 0.005, max: null },
      { kind: 'drops', reason: 'queue-full', at: 'sw1', min: null, max: 0 },
    ]);
  });

  test('a bound without a comparison, a bare fraction and a percentage over 100 are explained', () => {
    expect(messages(`  - rtt: { from: v1, to: v2, p99: 2ms }
  - loss: { from: v1, to: v2, max: 0.01 }
  - utilisation: { link: h1/eth0, max: 120% }
`)).toEqual([
      '12:35 expect[0].rtt.p99: p99 "2ms" has no comparison: write it like "< 2ms" (below) or ">= 2ms" (at least)',
      '13:36 expect[1].loss.max: max 0.01 is not a percentage; write 0.01% or 1% (a bare number could mean either)',
      '14:40 expect[2].utilisation.max: max 120% is more than 100%',
    ]);
  });

  test('missing bounds, a min above max, unknown links and drop reasons are load errors', () => {
    expect(messages(`  - rtt: { from: v1, to: v2 }
  - goodput: { from: v1, to: v2, min: 10Mbps, max: 1Mbps }
  - utilisation: { link: h1/eth1, max: 50% }
  - utilisation: { link: "sw1/p1->sw1/p2", max: 50% }
  - utilisation: { link: sw1/p1 }
  - drops: { reason: queue-ful, max: 3 }
  - drops: { at: sw1 }
  - loss: { from: v1, to: v1, max: 1% }
`)).toEqual([
      '12:10 expect[0].rtt: rtt needs at least one bound, like p99: < 2ms (min, p50, p90, p99 or max)',
      '13:52 expect[1].goodput.max: max 1Mbps is less than min 10Mbps',
      '14:26 expect[2].utilisation.link: no cable is plugged into "h1/eth1" (did you mean "h1/eth0"?)',
      '15:26 expect[3].utilisation.link: no cable is plugged into "sw1/p2" (did you mean "sw1/p1"?)',
      '16:18 expect[4].utilisation: utilisation needs min or max (or both)',
      '17:22 expect[5].drops.reason: "queue-ful" is not a drop reason (did you mean "queue-full"?)',
      '18:12 expect[6].drops: drops needs min or max (or both)',
      '19:27 expect[7].loss.to: loss from "v1" to "v1" makes no pair to check',
    ]);
  });
});
