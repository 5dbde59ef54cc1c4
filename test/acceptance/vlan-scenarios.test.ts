/**
 * VLAN acceptance 1 and 6: the tenant scenarios run and say what their chapters say. The isolated
 * ones report zero leaks; the leakage one reports each breakage with its path and first bad hop;
 * the MAC flood fills the tables and floods inside a VLAN only; cutting a flat network into
 * per-tenant VLANs cuts the broadcasts each VM receives.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Leak, Report } from '../../src/index.js';
import { runText, scenarioPath, scenarioText } from './helpers.js';

const run = (name: string) => runText(scenarioText(name), scenarioPath(name));
const SECOND = 1e9;

describe('04-vlan-one-host and 05-vlan-across-hosts', () => {
  for (const name of ['04-vlan-one-host.yaml', '05-vlan-across-hosts.yaml']) {
    test(`${name}: passes, zero leaks, every tenant reaches only itself`, () => {
      const r = run(name);
      expect(r.passed).toBe(true);
      expect(r.leaks.count).toBe(0);
      expect(r.leaks.kinds).toEqual([]);
      expect(r.frames.conserved).toBe(true);
      const tenantOf = (vm: string) => (/red|vm[12]$/.test(vm) ? 'red' : 'green');
      for (const p of r.pings) {
        if (tenantOf(p.from) === tenantOf(p.to)) expect(p.received, `${p.from} -> ${p.to}`).toBe(p.sent);
        else expect(p.received, `${p.from} -> ${p.to}`).toBe(0);
      }
    });
  }
});

describe('06-tenant-leakage', () => {
  let r: Report;
  beforeAll(() => {
    r = run('06-tenant-leakage.yaml');
  });
  const kind = (place: string, cause: string, from: string) =>
    r.leaks.kinds.find((k) => k.firstBadHop === place && k.cause === cause && k.first.source.startsWith(from));

  test('passes: every breakage is found where it happens', () => {
    expect(r.passed).toBe(true);
    expect(r.expectations.length).toBeGreaterThanOrEqual(10);
  });

  test('each leak\'s path runs from the sender\'s NIC to the victim\'s, through the first bad hop', () => {
    expect(r.leaks.listed.length).toBe(r.leaks.count);
    for (const l of r.leaks.listed) {
      expect(l.path[0]!.place).toBe(`${l.source}/eth0`);
      expect(l.path[l.path.length - 1]!.place).toBe(`${l.victim}/eth0`);
      expect(l.firstBadHop).not.toBeNull();
      expect(l.path.some((h) => h.place === l.firstBadHop), `${l.firstBadHop} on ${JSON.stringify(l.path)}`).toBe(true);
      expect(l.explanation).toContain(l.firstBadHop!);
    }
  });

  test('the flat bridge: both tenants\' TAPs named', () => {
    const k = kind('flat/br0', 'shared-bridge', 'flat-red')!;
    expect(k.first.explanation).toMatch(/tenant red \(tap0, tap1\) and tenant green \(tap2, tap3\)/);
    expect(k.first.path.map((h) => h.place)).toEqual(['flat-red1/eth0', 'flat/tap0', 'flat/br0', 'flat/tap2', 'flat-green1/eth0']);
  });

  test('the operator\'s `brctl addif br100 tap7` at 5s: nothing leaks before it, and the command is named', () => {
    const op = r.leaks.listed.filter((l: Leak) => l.source.startsWith('op-'));
    expect(op.length).toBeGreaterThan(0);
    for (const l of op) expect(l.t).toBeGreaterThanOrEqual(5 * SECOND);
    for (const from of ['op-red', 'op-green']) {
      const k = kind('op2/br100', 'shared-bridge', from)!;
      expect(k.first.explanation).toContain('tap7, a TAP of tenant green');
      expect(k.first.explanation).toContain('`brctl addif br100 tap7`');
    }
    const across = kind('op2/br100', 'shared-bridge', 'op-red')!.first;
    expect(across.path.map((h) => h.place)).toEqual([
      'op-red1/eth0', 'op1/tap0', 'op1/br100', 'op1/eth0.100', 'op1/eth0', 'op-sw/p1', 'op-sw', 'op-sw/p2',
      'op2/eth0', 'op2/eth0.100', 'op2/br100', 'op2/tap7', 'op-green2/eth0',
    ]);
    expect(across.path.find((h) => h.place === 'op1/eth0')!.note).toBe('tag 100');
    expect(across.path.find((h) => h.place === 'op-sw')!.note).toBe('VLAN 100');
  });

  test('the native VLAN mismatch: blamed on the receiving end, both ways, with the VLANs named', () => {
    const a = kind('nat-sw2/p3', 'native-vlan-mismatch', 'nat-red')!.first;
    expect(a.victimTenant).toBe('green');
    expect(a.explanation).toMatch(/VLAN 100 untagged .* VLAN 200/);
    const places = a.path.map((h) => h.place);
    expect(places.indexOf('nat-sw1/p3')).toBeLessThan(places.indexOf('nat-sw2/p3'));
    expect(a.path.find((h) => h.place === 'nat-sw1/p3')!.note).toBe('untagged');
    expect(kind('nat-sw1/p3', 'native-vlan-mismatch', 'nat-green')).toBeDefined();
  });

  test('the double-tagged hop: both tags leave the attacker, one crosses the trunk', () => {
    const k = kind('hop-sw1/p3', 'double-tagged', 'hop-mallory')!;
    expect(k.count).toBe(3);
    const notes = Object.fromEntries(k.first.path.map((h) => [h.place, h.note]));
    expect(notes['hop-mallory/eth0']).toBe('tags 100,200');
    expect(notes['hop-sw1']).toBe('VLAN 100');
    expect(notes['hop-sw1/p3']).toBe('tag 200');
    expect(notes['hop-sw2']).toBe('VLAN 200');
  });
});

describe('08-mac-flooding', () => {
  let r: Report;
  beforeAll(() => {
    r = run('08-mac-flooding.yaml');
  });

  test('passes; both tables fill and flood unicast', () => {
    expect(r.passed).toBe(true);
    for (const sw of r.switches) {
      expect(sw.entries).toBe(16);
      expect(sw.capacity).toBe(16);
      expect(sw.tableFull).toBeGreaterThan(150);
      expect(sw.unicastFloods).toBeGreaterThan(0);
    }
  });

  test('with VLANs the flood never crosses VLANs: no vlan-* leak leaves its tenant except the sniffed one', () => {
    // By kind: every leak is in one, and the flood's come after the first 100 listed one by one.
    const vlan = r.leaks.kinds.filter((k) => k.first.source.startsWith('vlan-')).map((k) => k.first);
    expect(vlan.length).toBeGreaterThan(0);
    for (const l of vlan) {
      expect(l.sourceTenant).toBe(l.victimTenant);
      expect(l.sniffed).toBe(true);
      expect(l.victim).toBe('vlan-red3');
      expect(l.explanation).toContain('MAC table is full (16 of 16 entries)');
    }
  });

  test('without VLANs the same flood reaches the other tenant', () => {
    const flat = r.leaks.kinds.find((k) => k.firstBadHop === 'flat-sw' && k.cause === 'unicast-flood' && k.first.source === 'flat-red1');
    expect(flat?.first.victim).toBe('flat-green1');
  });
});

describe('broadcast domain size', () => {
  /** 3 hosts x 4 VMs of 2 tenants, flat (bridged mode) or cut into a VLAN per tenant; every VM pings its tenant. */
  function dc(vlan: boolean): string {
    const out = ['name: bdomain', 'duration: 5s', 'switches:', '  - name: sw1', '    ports: 3'];
    if (vlan) {
      out.push('    vlans:');
      for (let h = 1; h <= 3; h++) out.push(`      p${h}: { mode: trunk, allowed: [100, 200] }`);
    }
    out.push('hosts:');
    for (let h = 1; h <= 3; h++) {
      out.push(`  - name: h${h}`, '    nics: [eth0]', '    commands:');
      if (vlan) {
        for (const [v, taps] of [[100, [0, 1]], [200, [2, 3]]] as const) {
          out.push(`      - vconfig add eth0 ${v}`, `      - ip link set eth0.${v} up`, `      - brctl addbr br${v}`, `      - brctl addif br${v} eth0.${v}`);
          for (const t of taps) out.push(`      - brctl addif br${v} tap${t}`);
          out.push(`      - ip link set br${v} up`);
        }
      } else {
        out.push('      - brctl addbr br0', '      - brctl addif br0 eth0', ...[0, 1, 2, 3].map((t) => `      - brctl addif br0 tap${t}`), '      - ip link set br0 up');
      }
      out.push('    vms:');
      for (let i = 0; i < 4; i++) out.push(`      - { name: vm${h}${i}, tenant: ${i < 2 ? 'red' : 'green'}, tap: tap${i}, ip: 10.0.${i < 2 ? 1 : 2}.${h * 10 + i}/16 }`);
    }
    out.push('links:', ...[1, 2, 3].map((h) => `  - { a: h${h}/eth0, b: sw1/p${h} }`));
    out.push('traffic:', '  - ping: { from: tenant:red, to: tenant:red, count: 1, start: 1s, stagger: 5ms }',
      '  - ping: { from: tenant:green, to: tenant:green, count: 1, start: 1s, stagger: 5ms }');
    return out.join('\n') + '\n';
  }

  test('cutting a flat network into a VLAN per tenant halves the broadcasts each VM receives (two equal tenants)', () => {
    const flat = runText(dc(false), 'flat.yaml');
    const cut = runText(dc(true), 'vlan.yaml');
    expect(flat.pings.every((p) => p.received === p.sent)).toBe(true);
    expect(cut.pings.every((p) => p.received === p.sent)).toBe(true);
    expect(flat.broadcast.vms).toBe(12);
    expect(flat.broadcast.perVmPerSecondAvg).toBeGreaterThan(0);
    // Every ARP request reaches all 11 other VMs when flat, the 5 others of its tenant with VLANs.
    expect(flat.broadcast.received / cut.broadcast.received).toBeCloseTo(11 / 5, 1);
    expect(cut.broadcast.perVmPerSecondAvg).toBeLessThan(flat.broadcast.perVmPerSecondAvg / 2);
    expect(cut.broadcast.perVmPerSecondMax).toBeLessThanOrEqual(flat.broadcast.perVmPerSecondMax);
    expect(cut.leaks.count).toBe(0);
    expect(flat.leaks.count).toBeGreaterThan(0);
  });
});
