/**
 * Live migration (`virsh migrate`): the VM moves, the echoes in the downtime are lost at its paused
 * TAP, and qemu's self-announce (a RARP per round) makes the network follow.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareScenario, runSimulation, type TraceRecord } from '../../src/index.js';
import { TapDevice } from '../../src/net/dev/tap.js';
import type { BridgeDevice } from '../../src/net/l2/bridge.js';
import { MIGRATION_DOWNTIME } from '../../src/nodes/migration.js';
import { announceOffsets, QEMU_ANNOUNCE } from '../../src/nodes/self-announce.js';
import { MS } from '../../src/engine/time.js';

const SCENARIO = readFileSync(new URL('../../scenarios/11-vm-migration.yaml', import.meta.url), 'utf8');

function run(text: string) {
  const p = prepareScenario(text, 'migration.yaml');
  if (!p.ok) throw new Error(p.problems.map((x) => x.message).join('\n'));
  const cable: number[] = [];
  const sink = { record: (r: TraceRecord) => { if (r.kind === 'tx' && r.at.name.startsWith('sw1/') && r.frame.payload.kind !== 'rarp') cable.push(r.t); } };
  const report = runSimulation(p.sim, 'migration.yaml', { sinks: [sink] });
  return { sim: p.sim, report, cable };
}

describe('virsh migrate --live', () => {
  it('moves vm1 to host2: the echoes sent in the downtime are lost at its paused TAP, the rest answered, then traffic stays inside host2', () => {
    const { sim, report, cable } = run(SCENARIO);
    const vm1 = sim.vms.get('vm1')!;
    expect(vm1.host.name).toBe('host2');
    expect(vm1.tap.name).toBe('host2/vnet1');
    expect(sim.hosts.get('host1')!.device('vnet1')!.carrier).toBe(false);
    // 50 ms pings from 1 s, migration at 2 s with 100 ms of downtime: two echoes fall into it.
    const lost = Math.round(MIGRATION_DOWNTIME / 50_000_000);
    expect(report.pings[0]!.received).toBe(60 - lost);
    // host1's br0 still sends them to vnet1, which is up while vm1 is paused, and drops them there.
    expect(report.frames.dropsByReason).toEqual({ 'vm-paused': lost });
    expect(report.frames.conserved).toBe(true);
    // After the announce, vm2's echoes reach vm1 inside host2: the switch sends nothing more but qemu's later announce rounds.
    const resumed = 2_000_000_000 + MIGRATION_DOWNTIME;
    expect(cable.filter((t) => t > resumed + 1_000_000)).toEqual([]);
    const fdb = sim.switches.get('sw1')!.forwarder.fdb.entries(sim.engine.now).filter((e) => e.mac === vm1.nic.mac);
    expect(fdb.map((e) => e.port.name)).toEqual(['sw1/p2']);
  });

  it('makes a TAP on the destination when it has none free, in the bridge the old one was in', () => {
    const text = SCENARIO.replace('      - ip tuntap add vnet1 mode tap     # ready for the incoming vm1\n      - brctl addif br0 vnet1\n      - ip link set vnet1 up\n', '')
      .replace('{ name: vm2, tap: tap0,', '{ name: vm2, tap: vnet1,').replace('      - brctl addif br0 tap0\n', '      - brctl addif br0 vnet1\n');
    const { sim, report } = run(text);
    const vm1 = sim.vms.get('vm1')!;
    expect(vm1.tap.name).toBe('host2/vnet0'); // vnet1 is vm2's
    expect(vm1.tap).toBeInstanceOf(TapDevice);
    expect(vm1.tap.masterName).toBe('br0');
    expect(report.pings[0]!.received).toBe(58);
  });

  it('traces the move: stopped on host1 at the command, resumed on host2 after the downtime', () => {
    const p = prepareScenario(SCENARIO, 'migration.yaml');
    if (!p.ok) throw new Error('scenario 11 loads');
    const moves: string[] = [];
    runSimulation(p.sim, 'migration.yaml', { sinks: [{ record: (r: TraceRecord) => { if (r.kind === 'migrate') moves.push(`${r.t} ${r.at.name} ${r.event} ${r.from.name} ${r.to.name}`); } }] });
    expect(moves).toEqual([
      '2000000000 vm1 stopped host1/vnet1 host2/vnet1',
      `${2_000_000_000 + MIGRATION_DOWNTIME} vm1 resumed host1/vnet1 host2/vnet1`,
    ]);
  });

  it('fails as libvirt does when the destination has no bridge of the name the TAP is in, and the VM stays', () => {
    // host2's bridge is br7 instead of br0; vm1's TAP on host1 is in br0.
    const at = SCENARIO.indexOf('  - name: host2');
    const end = SCENARIO.indexOf('\nswitches:', at) > 0 ? SCENARIO.indexOf('\nswitches:', at) : SCENARIO.indexOf('\nlinks:', at);
    const text = SCENARIO.slice(0, at) + SCENARIO.slice(at, end).replaceAll('br0', 'br7') + SCENARIO.slice(end);
    expect(text).toContain('brctl addbr br7');
    const { sim, report } = run(text);
    expect(report.commandFailures.map((c) => c.error)).toEqual(["error: Cannot get interface MTU on 'br0': No such device"]);
    expect(sim.vms.get('vm1')!.host.name).toBe('host1');
  });

  it('reports what virsh would, when the domain or the host is not there', () => {
    const text = SCENARIO.replace('command: "virsh migrate --live vm1', 'command: "virsh migrate --live vm9');
    const { report } = run(text);
    expect(report.commandFailures.map((c) => c.error)).toEqual(["error: failed to get domain 'vm9'"]);
    const nowhere = run(SCENARIO.replace('vm1 qemu+ssh://host2/system"', 'vm1 qemu+ssh://host7/system"')).report;
    expect(nowhere.commandFailures[0]!.error).toMatch(/Could not resolve hostname host7/);
  });
});

const RESUMED = 2_000_000_000 + MIGRATION_DOWNTIME;

describe("qemu's self-announce after the migration", () => {
  it('sends a RARP about vm1 in each of the 5 rounds, 0, 50, 200, 450 and 800 ms after resume, and a gratuitous ARP at resume', () => {
    expect(announceOffsets(QEMU_ANNOUNCE)).toEqual([0, 50 * MS, 200 * MS, 450 * MS, 800 * MS]);
    const p = prepareScenario(SCENARIO, 'migration.yaml');
    if (!p.ok) throw new Error('scenario 11 loads');
    const mac = p.sim.vms.get('vm1')!.nic.mac;
    const sent: string[] = [];
    runSimulation(p.sim, 'migration.yaml', { sinks: [{ record: (r: TraceRecord) => {
      if (r.kind === 'originate' && r.t >= RESUMED && r.frame.src === mac && r.frame.payload.kind !== 'ipv4') sent.push(`${r.t - RESUMED} ${r.at.name} ${r.frame.payload.kind}`);
    } }] });
    expect(sent).toEqual(['0 vm1 rarp', '0 vm1/eth0 arp', ...announceOffsets(QEMU_ANNOUNCE).slice(1).map((t) => `${t} vm1 rarp`)]);
  });

  it("moves sw1's entry for vm1 to p2 with the first round, and refreshes it at the exact time of each later one", () => {
    // The path from vm1 to sw1 (qemu's hop, host2's bridge and cable), measured once on the first round.
    const first = run(SCENARIO);
    const vm1Mac = first.sim.vms.get('vm1')!.nic.mac;
    const p = prepareScenario(SCENARIO, 'migration.yaml');
    if (!p.ok) throw new Error('scenario 11 loads');
    const arrivals: number[] = [];
    runSimulation(p.sim, 'migration.yaml', { sinks: [{ record: (r: TraceRecord) => {
      if (r.kind === 'rx' && r.at.name === 'sw1/p2' && r.frame.payload.kind === 'rarp') arrivals.push(r.t);
    } }] });
    const path = arrivals[0]! - RESUMED;
    expect(path).toBeGreaterThan(0);
    expect(arrivals).toEqual(announceOffsets(QEMU_ANNOUNCE).map((t) => RESUMED + path + t));

    const q = prepareScenario(SCENARIO, 'migration.yaml');
    if (!q.ok) throw new Error('scenario 11 loads');
    const fdb = q.sim.switches.get('sw1')!.forwarder.fdb;
    const entry = () => fdb.entries(q.sim.engine.now).find((e) => e.mac === vm1Mac)!;
    q.sim.run({ until: arrivals[0]! - 1 });
    expect(entry().port.name).toBe('sw1/p1');
    for (const t of arrivals) {
      q.sim.run({ until: t - 1 });
      expect(entry().updated).toBeLessThan(t);
      q.sim.run({ until: t });
      expect([entry().port.name, entry().updated]).toEqual(['sw1/p2', t]);
    }
  });
});

describe('the paused VM', () => {
  it('keeps its TAP up on host1 for the whole downtime: the carrier goes only when vm1 resumes on host2', () => {
    const p = prepareScenario(SCENARIO, 'migration.yaml');
    if (!p.ok) throw new Error('scenario 11 loads');
    const host1 = p.sim.hosts.get('host1')!;
    const vnet1 = host1.device('vnet1') as TapDevice;
    const br0 = host1.device('br0') as BridgeDevice;
    const vm1Mac = p.sim.vms.get('vm1')!.nic.mac;
    const vm1At = () => br0.forwarder.fdb.entries(p.sim.engine.now).find((e) => e.mac === vm1Mac)?.port.name;
    p.sim.run({ until: 2_000_000_000 });
    expect([vnet1.up, vnet1.carrier, vm1At()]).toEqual([true, true, 'host1/vnet1']);
    p.sim.run({ until: RESUMED - 1 });
    // Up with carrier all along, so br0 kept its port and what it learned behind it.
    expect([vnet1.up, vnet1.carrier, vnet1.guestPaused, vm1At()]).toEqual([true, true, true, 'host1/vnet1']);
    p.sim.run({ until: RESUMED });
    expect([vnet1.up, vnet1.carrier, vnet1.guestPaused, vm1At()]).toEqual([true, false, false, undefined]);
  });
});
