import { describe, expect, test } from 'vitest';
import type { ScenarioDoc } from '../../src/scenario/document.js';
import { loadScenario } from '../../src/scenario/load.js';
import { checkScenario, type CommandCheck } from '../../src/scenario/semantic.js';

/** Loads a file that passes every check except commands, so checkScenario can be driven directly. */
function docOf(text: string): ScenarioDoc {
  const r = loadScenario(text, 't.yaml');
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.doc;
}

function messages(text: string): string[] {
  const r = loadScenario(text, 't.yaml');
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
}

const HEAD = 'name: t\nduration: 10s\n';

describe('commands', () => {
  const check: CommandCheck = (line) => (line.startsWith('brctl ') ? { ok: true } : { ok: false, message: `${line.split(' ')[0]}: command not found` });

  test('host commands and timeline commands are checked, at their own paths', () => {
    const doc: ScenarioDoc = {
      ...docOf(`${HEAD}hosts: [{ name: host1 }]\n`),
      timeline: [{ kind: 'command', at: 1e9, host: 'host1', command: 'tc qdisc add dev eth0 root netem' }],
    };
    doc.hosts[0]!.commands = ['brctl addbr br0', 'btctl addbr br1'];
    expect(checkScenario(doc, { checkCommand: check })).toEqual([
      { path: ['hosts', 0, 'commands', 1], message: 'host1 command "btctl addbr br1": btctl: command not found' },
      { path: ['timeline', 0, 'command'], message: 'host1 command "tc qdisc add dev eth0 root netem": tc: command not found' },
    ]);
  });

  test('without a checker commands are not judged', () => {
    const doc = docOf(`${HEAD}hosts: [{ name: host1 }]\n`);
    doc.hosts[0]!.commands = ['anything at all'];
    expect(checkScenario(doc)).toEqual([]);
  });
});

describe('names', () => {
  test('a VM may not share a host or switch name', () => {
    expect(messages(`${HEAD}hosts:
  - name: web
    vms: [{ name: web, ip: 10.0.0.1/24 }]
switches: [{ name: web, ports: 2 }]
`)).toEqual([
      'hosts[0].vms[0].name: VM name "web" is already the name of a host (at line 4); names must be unique',
      'switches[0].name: switch name "web" is already the name of a host (at line 4); names must be unique',
    ]);
  });

  test('a TAP may not take a NIC name, and NICs are listed once', () => {
    expect(messages(`${HEAD}hosts:
  - name: h1
    nics: [eth0, eth0]
    vms: [{ name: v1, ip: 10.0.0.1/24, tap: eth0 }]
`)).toEqual([
      'hosts[0].nics[1]: NIC "eth0" is listed twice on h1',
      "hosts[0].vms[0].tap: TAP \"eth0\" of v1 has the same name as h1's NIC eth0",
    ]);
  });

  test('default TAP names count too', () => {
    expect(messages(`${HEAD}hosts:
  - name: h1
    vms:
      - { name: v1, ip: 10.0.0.1/24 }
      - { name: v2, ip: 10.0.0.2/24, tap: tap0 }
`)).toEqual(['hosts[0].vms[1].tap: TAP "tap0" of v2 is also the TAP of v1 on h1; each VM needs its own TAP']);
  });
});

describe('addresses', () => {
  test('broadcast address, own gateway, /31 and /32 are fine', () => {
    expect(messages(`${HEAD}hosts:
  - name: h1
    vms:
      - { name: v1, ip: 10.0.0.255/24 }
      - { name: v2, ip: 10.0.0.2/24, gateway: 10.0.0.2 }
      - { name: v3, ip: 10.0.1.0/31 }
      - { name: v4, ip: 10.0.2.0/32 }
`)).toEqual([
      'hosts[0].vms[0].ip: 10.0.0.255/24 is the broadcast address of its subnet; give v1 a host address like 10.0.0.1/24',
      "hosts[0].vms[1].gateway: gateway 10.0.0.2 is v2's own address",
    ]);
  });
});

describe('links and switches', () => {
  test('switch ports must be pN; hosts without NICs are told how to add one', () => {
    expect(messages(`${HEAD}hosts: [{ name: h1 }]
switches: [{ name: sw1, ports: 4, vlans: { eth1: { mode: access, vlan: 2 } } }]
links:
  - { a: h1/eth0, b: sw1/eth1 }
`)).toEqual([
      'switches[0].vlans.eth1: "eth1" is not a port of sw1; its ports are p1..p4',
      'links[0].a: "h1/eth0": h1 has no NICs; list it under the host, like nics: [eth0]',
      'links[0].b: "sw1/eth1": switch ports are named p1..p4',
    ]);
  });

  test('a cable between two ports of one switch is allowed (a loop is a lesson)', () => {
    expect(messages(`${HEAD}switches: [{ name: sw1, ports: 4 }]\nlinks: [{ a: sw1/p1, b: sw1/p2 }]\n`)).toEqual([]);
  });
});

describe('selectors and timing', () => {
  const vms = `hosts:
  - name: h1
    vms:
      - { name: v1, tenant: blue, ip: 10.0.0.1/24 }
      - { name: v2, tenant: blue, ip: 10.0.0.2/24 }
`;
  test('a list reports each bad entry at its own index', () => {
    expect(messages(`${HEAD}${vms}traffic:\n  - ping: { from: v1, to: [v2, v8, "host:h9", sw1] }\n`)).toEqual([
      'traffic[0].ping.to[1]: ping to "v8": no VM, host or tenant matches',
      'traffic[0].ping.to[2]: ping to "host:h9": no host named "h9" (did you mean "h1"?)',
      'traffic[0].ping.to[3]: ping to "sw1": no VM, host or tenant matches',
    ]);
  });

  test('a bare tenant name gets a hint', () => {
    expect(messages(`${HEAD}${vms}expect:\n  - reach: { from: blue, to: v2 }\n`)).toEqual([
      'expect[0].reach.from: reach from "blue": no VM or host has this name; for the VMs of tenant blue write "tenant:blue"',
    ]);
  });

  test('traffic that starts after the end, maxDrops at an unknown place', () => {
    expect(messages(`${HEAD}${vms}traffic:
  - broadcast: { from: v1, at: 10s }
  - udp: { from: v1, to: v2, rate: 1Mbps, start: 11s }
expect:
  - maxDrops: { count: 0, at: h2/br0 }
`)).toEqual([
      'traffic[0].broadcast.at: at 10s is not before the end of the run (duration 10s)',
      'traffic[1].udp.start: start 11s is not before the end of the run (duration 10s)',
      // h1, v1 and v2 are all one letter away: no guess.
      'expect[0].maxDrops.at: "h2/br0": no host, switch or VM named "h2"',
    ]);
  });

  test('a UDP stop after the end is clipped to the end', () => {
    const doc = docOf(`${HEAD}${vms}traffic:\n  - udp: { from: v1, to: v2, rate: 1Mbps, stop: 1h }\n`);
    expect(doc.traffic[0]).toMatchObject({ kind: 'udp', stop: 10e9 });
  });

  test('a VM is not a timeline host', () => {
    expect(messages(`${HEAD}${vms}timeline:\n  - { at: 1s, host: v1, command: "brctl addbr br0" }\n`)).toEqual([
      "timeline[0].host: v1 is a VM; timeline commands run in a host's shell",
    ]);
  });
});
