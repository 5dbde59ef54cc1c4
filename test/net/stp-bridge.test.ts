/**
 * Spanning tree on Linux bridges, driven through the commands a user types: two hosts whose
 * bridges are cabled twice (a loop), STP turned on before or after the bridge is up, a bridge
 * without STP that floods BPDUs, and what `brctl showstp` prints.
 */
import { describe, expect, it } from 'vitest';
import { SECOND } from '../../src/engine/time.js';
import { executeLine } from '../../src/linux/run.js';
import { BridgeDevice } from '../../src/net/l2/bridge.js';
import { Cable } from '../../src/net/link/cable.js';
import type { PhysicalNic } from '../../src/net/dev/physical-nic.js';
import type { TraceRecord } from '../../src/trace/record.js';
import { Host } from '../../src/nodes/host.js';
import { MacAllocator } from '../../src/nodes/mac-allocator.js';
import { newNetwork } from './helpers.js';
import { LINK } from './stp-helpers.js';

const S = SECOND;

function sh(host: Host, ...lines: string[]): string {
  let out = '';
  for (const line of lines) {
    const r = executeLine(host, line);
    if (!r.ok) throw new Error(`${host.name}: ${line}: ${r.error}`);
    out += r.output;
  }
  return out;
}

/** host1 and host2, each a bridge over eth0 and eth1; eth0-eth0 and eth1-eth1 cabled: a loop. */
function twoBridges(commands: { host1: string[]; host2: string[] }, rate = 1e9) {
  const { net, records } = newNetwork();
  const macs = new MacAllocator();
  const hosts = ['host1', 'host2'].map((name, i) => {
    const h = new Host(net, name, macs);
    h.addPhysicalNic('eth0', 0x020000000010 + i * 0x10);
    h.addPhysicalNic('eth1', 0x020000000011 + i * 0x10);
    sh(h, 'brctl addbr br0', `ip link set br0 address 02:00:00:00:0${i + 1}:00`, 'brctl addif br0 eth0', 'brctl addif br0 eth1');
    return h;
  });
  sh(hosts[0]!, ...commands.host1);
  sh(hosts[1]!, ...commands.host2);
  const nic = (h: number, n: string) => hosts[h]!.device(n) as PhysicalNic;
  new Cable(net, nic(0, 'eth0'), nic(1, 'eth0'), { ...LINK, rate });
  new Cable(net, nic(0, 'eth1'), nic(1, 'eth1'), { ...LINK, rate });
  const br = hosts.map((h) => h.device('br0') as BridgeDevice);
  const states = () => br.flatMap((b) => b.ports.map((p) => `${p.name} ${p.stpState}`));
  return { net, records, hosts, br, states };
}

describe('Linux bridges running STP', () => {
  it('brctl stp br0 on before the bridge goes up: every port listens, then one of the looped pair blocks', () => {
    const up = ['brctl stp br0 on', 'ip link set br0 up'];
    const { net, br, states } = twoBridges({ host1: up, host2: up });
    // br0 on host1 has the lower MAC (same priority): it is the root; host2 keeps eth0 (its
    // designated port 0x8001 is lower than 0x8002) and blocks eth1.
    net.engine.run({ until: 40 * S });
    expect(states()).toEqual(['host1/eth0 forwarding', 'host1/eth1 forwarding', 'host2/eth0 forwarding', 'host2/eth1 blocking']);
    expect(br[0]!.stp.isRoot()).toBe(true);
    expect(br[1]!.stp.rootPort!.host.name).toBe('host2/eth0');
    // 1 Gb/s links: path cost 4
    expect(br[1]!.stp.rootPathCost).toBe(4);
    expect(br[1]!.carrier).toBe(true);
  });

  it('priorities set by brctl move the root and the blocked port', () => {
    const { net, br, states } = twoBridges({
      host1: ['brctl stp br0 on', 'ip link set br0 up'],
      host2: ['brctl setbridgeprio br0 4096', 'brctl stp br0 on', 'ip link set br0 up'],
    });
    net.engine.run({ until: 40 * S });
    expect(br[1]!.stp.isRoot()).toBe(true);
    expect(states()).toEqual(['host1/eth0 forwarding', 'host1/eth1 blocking', 'host2/eth0 forwarding', 'host2/eth1 forwarding']);
  });

  it('a bridge port with no carrier yet starts when the cable arrives, and its path cost follows the speed', () => {
    const up = ['brctl stp br0 on', 'ip link set br0 up'];
    const { net, br } = twoBridges({ host1: up, host2: up }, 100e6);
    expect(br[0]!.stp.ports.map((p) => p.pathCost)).toEqual([19, 19]);
    net.engine.run({ until: 40 * S });
    expect(br[1]!.stp.rootPathCost).toBe(19);
  });

  it('STP turned on while the ports already forward: they keep forwarding and the loop is cut by the first BPDUs', () => {
    const { net, hosts, states, records } = twoBridges({ host1: ['ip link set br0 up'], host2: ['ip link set br0 up'] });
    for (const h of hosts) sh(h, 'brctl stp br0 on'); // cables in, ports forwarding: now STP
    expect(states()).toEqual(['host1/eth0 forwarding', 'host1/eth1 forwarding', 'host2/eth0 forwarding', 'host2/eth1 forwarding']);
    net.engine.run({ until: 3 * S });
    expect(states()).toContain('host2/eth1 blocking');
    const blocked = records.find((r) => r.kind === 'stp' && r.event === 'state' && r.to === 'blocking')!;
    expect(blocked.t).toBeLessThan(2.1 * S); // the first hello, 2 s after STP went on
  });

  it('a bridge without STP floods BPDUs like any multicast, so the STP bridge sees its own and blocks', () => {
    const { net, states, records } = twoBridges({
      host1: ['brctl stp br0 on', 'ip link set br0 up'],
      host2: ['ip link set br0 up'],
    });
    net.engine.run({ until: 40 * S });
    expect(states()).toEqual(['host1/eth0 forwarding', 'host1/eth1 blocking', 'host2/eth0 forwarding', 'host2/eth1 forwarding']);
    const floods = records.filter((r) => r.kind === 'flood' && r.at.name === 'host2/br0' && r.frame.payload.kind === 'stp');
    expect(floods.length).toBeGreaterThan(0);
  });

  it('brctl stp br0 off: every port forwards again at once (and the loop is back)', () => {
    const up = ['brctl stp br0 on', 'ip link set br0 up'];
    const { net, hosts, states } = twoBridges({ host1: up, host2: up });
    net.engine.run({ until: 40 * S });
    sh(hosts[1]!, 'brctl stp br0 off');
    expect(states()).toEqual(['host1/eth0 forwarding', 'host1/eth1 forwarding', 'host2/eth0 forwarding', 'host2/eth1 forwarding']);
  });

  it('ip link set eth0 down on the root port: the blocked port takes over after 2 x forward delay', () => {
    const up = ['brctl stp br0 on', 'brctl setfd br0 4', 'ip link set br0 up'];
    const { net, hosts, br, records } = twoBridges({ host1: up, host2: up });
    net.engine.run({ until: 20 * S });
    const t = net.now;
    sh(hosts[1]!, 'ip link set eth0 down');
    net.engine.run({ until: 40 * S });
    expect(br[1]!.stp.rootPort!.host.name).toBe('host2/eth1');
    const last = records.filter((r): r is Extract<TraceRecord, { kind: 'stp'; event: 'state' }> => r.kind === 'stp' && r.event === 'state').at(-1)!;
    expect(`${last.port.name} ${last.to}`).toBe('host2/eth1 forwarding');
    expect(last.t - t).toBe(8 * S);
  });
});

describe('brctl showstp', () => {
  it('prints the bridge and each port as bridge-utils does', () => {
    const up = ['brctl stp br0 on', 'ip link set br0 up'];
    const { net, hosts } = twoBridges({ host1: up, host2: up });
    net.engine.run({ until: 40 * S + 500_000_000 });
    expect(sh(hosts[1]!, 'brctl showstp br0')).toBe([
      'br0',
      ' bridge id\t\t8000.020000000200',
      ' designated root\t8000.020000000100',
      ' root port\t\t   1\t\t\tpath cost\t\t   4',
      ' max age\t\t  20.00\t\t\tbridge max age\t\t  20.00',
      ' hello time\t\t   2.00\t\t\tbridge hello time\t   2.00',
      ' forward delay\t\t  15.00\t\t\tbridge forward delay\t  15.00',
      ' ageing time\t\t  15.00',
      ' hello timer\t\t   0.00\t\t\ttcn timer\t\t   0.00',
      ' topology change timer\t   0.00\t\t\tgc timer\t\t   0.00',
      ' flags\t\t\tTOPOLOGY_CHANGE',
      '',
      '',
      'eth0 (1)',
      ' port id\t\t8001\t\t\tstate\t\t     forwarding',
      ' designated root\t8000.020000000100\tpath cost\t\t   4',
      ' designated bridge\t8000.020000000100\tmessage age timer\t  19.50',
      ' designated port\t8001\t\t\tforward delay timer\t   0.00',
      ' designated cost\t   0\t\t\thold timer\t\t   0.00',
      ' flags',
      '',
      '',
      'eth1 (2)',
      ' port id\t\t8002\t\t\tstate\t\t       blocking',
      ' designated root\t8000.020000000100\tpath cost\t\t   4',
      ' designated bridge\t8000.020000000100\tmessage age timer\t  19.50',
      ' designated port\t8002\t\t\tforward delay timer\t   0.00',
      ' designated cost\t   0\t\t\thold timer\t\t   0.00',
      ' flags',
      '',
      '',
    ].join('\n') + '\n');
  });
});
