import { describe, expect, test } from 'vitest';
import { formatProblem, loadScenario, type LoadResult } from '../../src/scenario/load.js';
import type { ScenarioDoc } from '../../src/scenario/document.js';
import { parseIpv4 } from '../../src/wire/ipv4-address.js';
import { parseMac } from '../../src/wire/mac.js';

function ok(r: LoadResult): ScenarioDoc & { locate: (p: (string | number)[]) => { line: number; column: number } } {
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return Object.assign(r.doc, { locate: r.locate });
}

function problems(text: string, file = 'x.yaml') {
  const r = loadScenario(text, file);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

const FULL = `name: one-host-bridge
description: |
  Two VMs on one bridge.
seed: 7
duration: 10s
eventBudget: 1000
defaults:
  link: { rate: 10Gbps, delay: 250us, queue: 500, queueBytes: 100000 }
  hypervisor: { latency: 20us, perFrameCost: 1us, queue: 64 }
report: { interval: 100ms }
hosts:
  - name: host1
    nics: [eth0, { name: eth1, mac: "02:00:00:00:01:00" }]
    # a host's addresses come from its commands (ip addr add)
    commands:
      - brctl addbr br0
      - ip link set br0 up
    hypervisor: { latency: 50us }
    vms:
      - name: vm1
        tenant: blue
        tap: vnet0
        mac: 52:54:00:00:00:01
        ip: 10.0.0.1/24
        gateway: 10.0.0.254
        promiscuous: true
      - name: vm2
        ip: 10.0.0.2/24
switches:
  - name: sw1
    ports: 8
    macTableSize: 16
    ageing: 30s
    stp: true
    vlans:
      p1: { mode: access, vlan: 10 }
      p8: { mode: trunk, allowed: [10, 20], native: 1 }
      p7: { mode: trunk }
links:
  - { a: host1/eth0, b: sw1/p1, rate: 100Mbit, delay: 1.5ms }
  - { a: host1/eth1, b: sw1/p8 }
traffic:
  - ping: { from: vm1, to: vm2, count: 5, interval: 0.5, start: 1s, size: 1400, stagger: 10ms }
  - udp: { from: vm1, to: [vm2, 10.0.0.99], rate: 10 Mbps, size: 1200, start: 2s, stop: 30s, port: 9000 }
  - udp: { from: "tenant:blue", to: "host:host1", rate: 1000 }
  - arp: { from: vm1, target: 10.0.0.99, at: 1s, count: 2, interval: 250ms }
  - broadcast: { from: "*", at: 3s, count: 10, interval: 1ms, size: 1500 }
timeline:
  - { at: 5s, host: host1, command: "brctl addif br0 eth0" }
expect:
  - reach: { from: vm1, to: vm2 }
  - noReach: { from: vm1, to: 10.0.0.99 }
  - isolated: [blue, default]
  - noLeaks: true
  - maxDrops: { reason: queue-full, count: 0, at: host1/br0 }
  - maxDrops: { count: 3 }
`;

const MINIMAL = `name: tiny
duration: 2m
`;

describe('valid documents normalize', () => {
  test('minimal file: every default filled, every list present', () => {
    const doc = ok(loadScenario(MINIMAL, 'tiny.yaml'));
    expect(doc).toMatchObject({
      name: 'tiny',
      description: '',
      seed: 1,
      duration: 120_000_000_000,
      eventBudget: 50_000_000,
      defaults: {
        link: { rate: 1e9, delay: 5000, queue: 1000, queueBytes: null },
        hypervisor: { latency: 10_000, perFrameCost: 2000, queue: 1000 },
      },
      report: { interval: 1_000_000_000 },
      hosts: [], switches: [], links: [], traffic: [], timeline: [], expect: [],
    });
  });

  test('full file: exact values', () => {
    const doc = ok(loadScenario(FULL, 'full.yaml'));
    expect(doc.description).toBe('Two VMs on one bridge.\n');
    expect(doc.seed).toBe(7);
    expect(doc.duration).toBe(10_000_000_000);
    expect(doc.eventBudget).toBe(1000);
    expect(doc.defaults.link).toEqual({ rate: 1e10, delay: 250_000, queue: 500, queueBytes: 100_000 });
    expect(doc.defaults.hypervisor).toEqual({ latency: 20_000, perFrameCost: 1000, queue: 64 });
    expect(doc.report.interval).toBe(100_000_000);

    const h = doc.hosts[0]!;
    expect(h.name).toBe('host1');
    expect(h.nics).toEqual([{ name: 'eth0', mac: null }, { name: 'eth1', mac: 0x020000000100 }]);
    expect(h.commands).toEqual(['brctl addbr br0', 'ip link set br0 up']);
    expect(h.hypervisor).toEqual({ latency: 50_000, perFrameCost: 1000, queue: 64 });
    expect(h.vms[0]).toEqual({
      name: 'vm1', tenant: 'blue', tap: 'vnet0', mac: parseMac('52:54:00:00:00:01'),
      ip: { address: parseIpv4('10.0.0.1'), prefixLength: 24 }, gateway: parseIpv4('10.0.0.254'), promiscuous: true,
    });
    expect(h.vms[1]).toEqual({
      name: 'vm2', tenant: 'default', tap: 'tap1', mac: null,
      ip: { address: parseIpv4('10.0.0.2'), prefixLength: 24 }, gateway: null, promiscuous: false,
    });

    expect(doc.switches[0]).toEqual({
      name: 'sw1', ports: 8, macTableSize: 16, ageing: 30_000_000_000, stp: { priority: 32768, helloTime: 2_000_000_000, maxAge: 20_000_000_000, forwardDelay: 15_000_000_000 },
      vlans: {
        p1: { mode: 'access', vlan: 10 },
        p8: { mode: 'trunk', allowed: [10, 20], native: 1 },
        p7: { mode: 'trunk', allowed: 'all', native: 1 },
      },
    });
    expect(doc.links).toEqual([
      { a: 'host1/eth0', b: 'sw1/p1', rate: 1e8, delay: 1_500_000, queue: 500, queueBytes: 100_000 },
      { a: 'host1/eth1', b: 'sw1/p8', rate: 1e10, delay: 250_000, queue: 500, queueBytes: 100_000 },
    ]);
    expect(doc.traffic).toEqual([
      { kind: 'ping', from: 'vm1', to: 'vm2', count: 5, interval: 500_000_000, start: 1e9, size: 1400, stagger: 10_000_000 },
      { kind: 'udp', from: 'vm1', to: ['vm2', '10.0.0.99'], rate: 1e7, size: 1200, start: 2e9, stop: 10e9, port: 9000 },
      { kind: 'udp', from: 'tenant:blue', to: 'host:host1', rate: 1000, size: 1000, start: 0, stop: 10e9, port: 5001 },
      { kind: 'arp', from: 'vm1', target: parseIpv4('10.0.0.99'), at: 1e9, count: 2, interval: 250_000_000 },
      { kind: 'broadcast', from: '*', at: 3e9, count: 10, interval: 1e6, size: 1500 },
    ]);
    expect(doc.timeline).toEqual([{ kind: 'command', at: 5e9, host: 'host1', command: 'brctl addif br0 eth0' }]);
    expect(doc.expect).toEqual([
      { kind: 'reach', from: 'vm1', to: 'vm2' },
      { kind: 'noReach', from: 'vm1', to: '10.0.0.99' },
      { kind: 'isolated', tenants: ['blue', 'default'] },
      { kind: 'noLeaks' },
      { kind: 'maxDrops', reason: 'queue-full', count: 0, at: 'host1/br0' },
      { kind: 'maxDrops', reason: null, count: 3, at: null },
    ]);
  });

  test('units: 1Gbps -> 1e9 bit/s, 250us -> 250000 ns, bare numbers are seconds and bit/s', () => {
    const doc = ok(loadScenario(`name: u
duration: 1.5
defaults: { link: { rate: 1Gbps, delay: 250us }, hypervisor: { latency: 0, perFrameCost: 1500ns } }
`, 'u.yaml'));
    expect(doc.duration).toBe(1_500_000_000);
    expect(doc.defaults.link.rate).toBe(1e9);
    expect(doc.defaults.link.delay).toBe(250_000);
    expect(doc.defaults.hypervisor).toEqual({ latency: 0, perFrameCost: 1500, queue: 1000 });
  });

  test('JSON files load the same way', () => {
    const json = JSON.stringify({ name: 'j', duration: '10s', hosts: [{ name: 'h1', nics: ['eth0'], vms: [{ name: 'v1', ip: '10.0.0.1/24' }] }] }, null, 2);
    const doc = ok(loadScenario(json, 'j.json'));
    expect(doc.hosts[0]!.vms[0]!.tap).toBe('tap0');
    // No extension: a leading "{" means JSON.
    expect(ok(loadScenario(json, 'stdin')).name).toBe('j');
  });

  test('locate maps document paths to positions', () => {
    const doc = ok(loadScenario(FULL, 'full.yaml'));
    expect(doc.locate(['hosts', 0, 'vms', 1, 'ip'])).toEqual({ line: 28, column: 13 });
    expect(doc.locate(['traffic', 1, 'udp', 'rate'])).toEqual({ line: 44, column: 51 });
    // Deeper than the file goes: the deepest part that exists.
    expect(doc.locate(['hosts', 0, 'vms', 1, 'tap'])).toEqual({ line: 27, column: 9 });
  });
});

describe('problems', () => {
  test('three different errors in one file are all reported, with exact lines', () => {
    const text = `name: three
duration: 10s
hosts:
  - name: host1
    nics: [eth0]
    commands:
      - brctl addbr br0
    vms:
      - { name: vm1, ip: 10.0.0.300/24 }
  - name: host2
    nics: [eth0]
switches:
  - { name: sw1, ports: 8 }
links:
  - { a: host1/eth0, b: sw1/p1 }
  - { a: host9/eth0, b: sw1/p2 }
traffic:
  - ping: { from: vm1, to: vm4 }
`;
    const ps = problems(text, 'three.yaml');
    expect(ps.map((p) => [p.line, p.column, p.path])).toEqual([
      [9, 26, 'hosts[0].vms[0].ip'],
      [16, 10, 'links[1].a'],
      [18, 28, 'traffic[0].ping.to'],
    ]);
    expect(ps[0]!.message).toBe('"10.0.0.300/24" is not an IPv4 address with prefix, like 10.0.0.1/24');
    // host1 and host2 are equally close to host9: no guess.
    expect(ps[1]!.message).toBe('link endpoint "host9/eth0": no host or switch named "host9"');
    expect(ps[2]!.message).toBe('ping to "vm4": no VM, host or tenant matches (did you mean "vm1"?)');
    expect(formatProblem(ps[1]!)).toBe('three.yaml:16:10: links[1].a: link endpoint "host9/eth0": no host or switch named "host9"');
  });

  test('a schema error, a reference error and a command error are reported together', () => {
    const ps = problems(`name: mixed
duration: 10s
hosts:
  - name: host1
    nics: [eth0]
    commands:
      - btctl addbr br0
    vms:
      - { name: vm1, ip: 10.0.0.1/24, mac: "52:54:00:00:00:0g" }
links:
  - { a: host1/eth0, b: sw9/p1 }
`, 'mixed.yaml');
    expect(ps.map(formatProblem)).toEqual([
      'mixed.yaml:7:9: hosts[0].commands[0]: host1 command "btctl addbr br0": btctl: command not found (did you mean brctl?)',
      'mixed.yaml:9:44: hosts[0].vms[0].mac: "52:54:00:00:00:0g" is not a MAC address like 52:54:00:12:34:56',
      'mixed.yaml:11:25: links[0].b: link endpoint "sw9/p1": no host or switch named "sw9"',
    ]);
  });

  test('a broken host does not make references to it look missing', () => {
    const ps = problems(`name: n
duration: 10s
hosts:
  - name: host1
    nics: [eth0]
    vms:
      - { name: vm1, ip: 10.0.0.1/24, mac: bad }
switches:
  - { name: sw1, ports: 8 }
links:
  - { a: host1/eth0, b: sw1/p1 }
traffic:
  - ping: { from: vm1, to: "*" }
`);
    expect(ps.map((p) => p.path)).toEqual(['hosts[0].vms[0].mac']);
  });

  test('a broken duration does not produce timing complaints', () => {
    const ps = problems(`name: n
duration: forever
hosts: [{ name: h1 }]
timeline: [{ at: 5m, host: h1, command: "brctl addbr br0" }]
`);
    expect(ps.map((p) => p.path)).toEqual(['duration']);
  });

  test('unknown keys point at the key; several unknown keys give several problems', () => {
    const ps = problems(`name: n
duration: 10s
hosts:
  - name: h1
    nicss: [eth0]
    vmz: []
`);
    expect(ps.map((p) => [p.line, p.column, p.message])).toEqual([
      [5, 5, 'unknown key "nicss" (did you mean "nics"?)'],
      [6, 5, 'unknown key "vmz" (did you mean "vms"?)'],
    ]);
  });

  test('an unknown key with no close match lists the accepted keys', () => {
    const [p] = problems('name: n\nduration: 10s\nreport: { color: red }\n');
    expect(p!.message).toBe('unknown key "color"; "report" takes "interval"');
  });

  test('a missing key points at the map that lacks it', () => {
    const [p] = problems('name: n\nduration: 10s\nswitches:\n  - name: sw1\n    stp: true\n');
    expect(p).toMatchObject({ line: 4, column: 5, path: 'switches[0].ports', message: 'missing required key "ports"' });
  });

  test('an empty value is reported at its key', () => {
    const [p] = problems('name:\nduration: 10s\n');
    expect(p).toMatchObject({ line: 1, column: 1, path: 'name', message: 'name should be text, but it is empty' });
  });

  test('all YAML syntax errors are reported, in order', () => {
    const ps = problems('name: n\nduration: 10s\nhosts:\n\t- name: h\nswitches:\n  - {name: sw1, ports: [8}\n');
    expect(ps.length).toBeGreaterThanOrEqual(2);
    expect(ps[0]).toMatchObject({ line: 4, column: 1, path: '' });
    expect(ps[0]!.message).toContain('tab');
    expect(ps.some((p) => p.line === 6)).toBe(true);
  });

  test('JSON syntax errors carry a position', () => {
    const [p] = problems('{\n  "name": "x",\n  "duration": 10,,\n}\n', 'x.json');
    expect(p!.message).toMatch(/^JSON syntax error/);
    expect(p!.line).toBe(3);
  });

  test('bare numbers where text is expected get a hint', () => {
    const [p] = problems('name: 42\nduration: 1s\n');
    expect(p!.message).toBe('name should be text, but it is the number 42 (put it in quotes to make it text)');
  });

  test('problems come sorted by position', () => {
    const ps = problems(`name: n
duration: 10s
expect:
  - isolated: [nobody]
hosts:
  - { name: h1, vms: [{ name: v1, ip: 10.0.0.1/24, gateway: 10.9.9.9 }] }
`);
    expect(ps.map((p) => p.line)).toEqual([4, 6]);
  });
});
