import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import type { ScenarioDoc } from '../../src/scenario/document.js';
import { resolvePairs, resolveSelector, selectorAddresses, tenants } from '../../src/scenario/selectors.js';
import { parseIpv4 } from '../../src/wire/ipv4-address.js';

const r = loadScenario(`name: sel
duration: 10s
hosts:
  - name: host1
    vms:
      - { name: vm1, tenant: blue, ip: 10.0.0.1/24 }
      - { name: vm2, tenant: red, ip: 10.0.0.2/24 }
  - name: host2
    vms:
      - { name: vm3, tenant: blue, ip: 10.0.0.3/24 }
  - name: host3
`, 'sel.yaml');
if (!r.ok) throw new Error(JSON.stringify(r.problems));
const doc: ScenarioDoc = r.doc;

describe('resolveSelector', () => {
  test.each([
    ['vm2', ['vm2']],
    ['host2', ['host2']],
    ['*', ['vm1', 'vm2', 'vm3']],
    ['tenant:blue', ['vm1', 'vm3']],
    ['host:host1', ['vm1', 'vm2']],
    ['host:host3', []],
    ['nobody', []],
    ['10.0.0.1', []],
  ] as const)('%s', (sel, want) => {
    expect(resolveSelector(doc, sel)).toEqual(want);
  });

  test('lists resolve in document order, each name once', () => {
    expect(resolveSelector(doc, ['vm3', 'host1', 'tenant:blue', 'vm1'])).toEqual(['host1', 'vm1', 'vm3']);
  });

  test('addresses are kept apart', () => {
    expect(selectorAddresses(['vm1', '10.0.0.99', ' 10.0.0.99'])).toEqual([parseIpv4('10.0.0.99')]);
  });

  test('tenants in document order', () => {
    expect(tenants(doc)).toEqual(['blue', 'red']);
  });
});

describe('resolvePairs', () => {
  test('every ordered pair, never a VM to itself', () => {
    expect(resolvePairs(doc, 'tenant:blue', '*').map((p) => `${p.from}>${p.to.kind === 'name' ? p.to.name : p.to.address}`)).toEqual([
      'vm1>vm2', 'vm1>vm3', 'vm3>vm1', 'vm3>vm2',
    ]);
  });

  test('addresses come after the named destinations', () => {
    expect(resolvePairs(doc, 'vm1', ['10.0.0.77', 'vm2'])).toEqual([
      { from: 'vm1', to: { kind: 'name', name: 'vm2' } },
      { from: 'vm1', to: { kind: 'address', address: parseIpv4('10.0.0.77') } },
    ]);
  });
});
