/**
 * Scenario 13, the limits of the bridge-and-VLAN design (article section 6): a VLAN id past 4094
 * is refused as vconfig refuses it; a migration to a host without the tenant's bridge fails as
 * libvirt's does and leaves the VM running where it was; a migration to a host whose switch port
 * does not carry the tenant's VLAN succeeds but cuts the VM off, and only that tenant.
 */
import { describe, expect, it } from 'vitest';
import { runSimulation, type TraceRecord } from '../../src/index.js';
import { QEMU_ANNOUNCE } from '../../src/nodes/self-announce.js';
import { BROADCAST_MAC } from '../../src/wire/mac.js';
import { prepare, scenarioText } from './helpers.js';

const FILE = '13-vlan-limits.yaml';
const PATH = `scenarios/${FILE}`;
const TEXT = scenarioText(FILE);
const S = 1e9;

function run(text: string) {
  const sim = prepare(text, PATH);
  const records: TraceRecord[] = [];
  const report = runSimulation(sim, PATH, { sinks: [{ record: (r) => { if (r.kind === 'app' || r.kind === 'drop') records.push({ ...r }); } }] });
  /** Times of the echo requests from `vm` that were answered, and of those that were not. */
  const echoes = (vm: string) => {
    const sent = new Map<number, number>();
    const answered = new Set<number>();
    for (const r of records) {
      if (r.kind !== 'app' || r.at.name !== vm) continue;
      const seq = Number(/seq (\d+)/.exec(r.detail)?.[1]);
      if (r.event === 'request') sent.set(seq, r.t);
      if (r.event === 'reply') answered.add(seq);
    }
    return {
      answered: [...sent].filter(([s]) => answered.has(s)).map(([, t]) => t),
      lost: [...sent].filter(([s]) => !answered.has(s)).map(([, t]) => t),
    };
  };
  return { sim, report, records, echoes };
}

describe('vlan-limits: what the bridge-and-VLAN design cannot do', () => {
  const { sim, report, records, echoes } = run(TEXT);
  const migrations = prepare(TEXT, PATH).doc.timeline.filter((e) => e.kind === 'command' && e.command.startsWith('virsh migrate')).map((e) => e.at);

  it('passes, and lists the two refused commands with the tools\' own errors', () => {
    expect(report.passed).toBe(true);
    expect(report.commandFailures.map((c) => [c.t / S, c.host, c.error])).toEqual([
      [1, 'host1', 'ERROR: trying to add VLAN #4095 to IF -:eth0:-  error: Numerical result out of range'],
      [2, 'host1', "error: Cannot get interface MTU on 'br100': No such device"],
    ]);
  });

  it('keeps red1 running on host1 after the failed migration: every echo until the second one is answered', () => {
    const red2 = echoes('red2');
    expect(red2.lost.every((t) => t >= migrations[1]!)).toBe(true);
    expect(red2.answered.filter((t) => t > migrations[0]!).length).toBeGreaterThan(5);
  });

  it('cuts red1 off after it lands behind a port without VLAN 100: its announcements die at sw1/p3, and every later echo', () => {
    const red2 = echoes('red2');
    expect(red2.answered.every((t) => t < migrations[1]!)).toBe(true);
    expect(red2.lost.length).toBe(report.pings[0]!.sent - report.pings[0]!.received);
    // Everything red1 sends from host3 dies at sw1/p3: qemu's RARP in each announce round, the
    // guest's gratuitous ARP, and later its unicast ARP probe of red2 (its entry for red2 went
    // DELAY with its last echo reply on host1, PROBE 5 s after).
    const filtered = records.filter((r) => r.kind === 'drop' && r.reason === 'vlan-filtered');
    const red1 = sim.vms.get('red1')!.nic.mac;
    expect(filtered.every((r) => r.kind === 'drop' && r.at.name === 'sw1/p3' && r.frame.tags.map((t) => t.vid).join() === '100' && r.frame.src === red1)).toBe(true);
    const what = (r: TraceRecord) => {
      const f = r.kind === 'drop' ? r.frame : null;
      if (f === null) return '';
      const p = f.payload;
      if (p.kind === 'rarp') return 'rarp';
      if (p.kind === 'arp') return p.senderIp === p.targetIp ? 'gratuitous arp' : f.dst === BROADCAST_MAC ? 'arp' : 'unicast arp';
      return p.kind;
    };
    expect(filtered.map(what).sort()).toEqual(['gratuitous arp', ...Array<string>(QEMU_ANNOUNCE.rounds).fill('rarp'), 'unicast arp'].sort());
  });

  it('leaves green alone: every echo answered, no frame between tenants', () => {
    expect(echoes('green2').lost).toEqual([]);
    expect(report.leaks.count).toBe(0);
  });

  it('with VLAN 100 on p3 too, the move is seamless and sw1 learns red1 behind p3', () => {
    const open = TEXT.replace('p3: { mode: trunk, allowed: [200] }', 'p3: { mode: trunk, allowed: [100, 200] }');
    const r = run(open);
    expect(r.report.pings.map((p) => p.received)).toEqual([27, 27]);
    const red1 = r.sim.vms.get('red1')!;
    expect(red1.host.name).toBe('host3');
    const table = r.sim.switches.get('sw1')!.forwarder.fdb.entries(r.sim.engine.now).filter((e) => e.mac === red1.nic.mac);
    expect(table.map((e) => [e.port.name, e.vid])).toEqual([['sw1/p3', 100]]);
  });
});
