/** The show commands print what the real tools print (goldens; trailing blanks trimmed). */
import { beforeEach, describe, expect, it } from 'vitest';
import { executeLine } from '../../src/linux/run.js';
import type { BridgeDevice } from '../../src/net/l2/bridge.js';
import type { Host } from '../../src/nodes/host.js';
import { parseIpv4 } from '../../src/wire/ipv4-address.js';
import { parseMac } from '../../src/wire/mac.js';
import { testHost, type TestHost } from './host.js';
import { errorOf, outputOf } from './lines.js';

let t: TestHost;
let k: Host;
const output = (line: string) => outputOf(k, line);
const error = (line: string) => errorOf(k, line);
const mac = (text: string): number => parseMac(text) ?? 0;

/** What a bridge heard: a frame from `from` arrived on `port` of `bridge` at the present time. */
function learn(bridge: string, port: string, from: string, vid: number): void {
  const br = k.device(bridge) as BridgeDevice;
  const p = br.ports.find((x) => x.dev.ifname === port);
  if (p === undefined) throw new Error(`${port} is no port of ${bridge}`);
  br.forwarder.fdb.learn(vid, mac(from), p, t.sim.engine.now);
}

/**
 * Two VMs' TAPs on br0 (tap0's VM running, tap1's not yet), a tenant bridge br100 on eth0.100
 * (down); the MACs set by hand so the tables below read easily; a frame from 52:54:00:12:34:57
 * learned on tap0 3.456 s ago.
 */
beforeEach(() => {
  t = testHost([['vm1', 'tap0', '10.0.0.1/24']]);
  k = t.host;
  for (const line of [
    'ip tuntap add tap1 mode tap', 'ip link set tap0 address fe:54:00:00:00:01', 'ip link set tap1 address fe:54:00:00:00:02',
    'brctl addbr br0', 'ip link set br0 address 02:54:00:00:00:03', 'brctl addif br0 tap1', 'brctl addif br0 tap0',
    'vconfig add eth0 100', 'brctl addbr br100', 'ip link set br100 address 02:54:00:00:00:04', 'brctl addif br100 eth0.100',
    'ip link set tap0 up', 'ip link set tap1 up', 'ip link set br0 up', 'ip link set eth0.100 up',
    'ip addr add 10.0.0.5/24 dev br0', 'ip addr add 10.0.0.6/24 dev br0',
    'ip route add default via 10.0.0.1', 'ip route add 10.2.0.0/16 dev br0',
  ]) output(line);
  learn('br0', 'tap0', '52:54:00:12:34:57', 0);
  t.sim.engine.run({ until: 3_456_000_000 });
});

describe('brctl', () => {
  it('show: the bridge table, ports in name order under their bridge', () => {
    expect(output('brctl show')).toBe(
      'bridge name\tbridge id\t\tSTP enabled\tinterfaces\n' +
      'br0\t\t8000.025400000003\tno\t\ttap0\n' +
      '\t\t\t\t\t\t\ttap1\n' +
      'br100\t\t8000.025400000004\tno\t\teth0.100\n');
  });

  it('show BR: one bridge; an empty bridge ends after its STP column', () => {
    output('brctl addbr br9');
    output('ip link set br9 address 02:54:00:00:00:05');
    output('brctl stp br9 on');
    expect(output('brctl show br9')).toBe('bridge name\tbridge id\t\tSTP enabled\tinterfaces\nbr9\t\t8000.025400000005\tyes\n');
  });

  it('show of a bridge that is not there', () => {
    const r = executeLine(k, 'brctl show br7');
    expect(r).toEqual({ ok: false, output: 'bridge name\tbridge id\t\tSTP enabled\tinterfaces\n', error: "can't get info No such device" });
  });

  it('showmacs: port numbers in enslaving order, sorted by MAC, local entries at 0.00', () => {
    // tap1 has no carrier: its entries, its own address included, are flushed.
    expect(output('brctl showmacs br0')).toBe(
      'port no\tmac addr\t\tis local?\tageing timer\n' +
      '  2\t52:54:00:12:34:57\tno\t\t   3.45\n' +
      '  2\tfe:54:00:00:00:01\tyes\t\t   0.00\n');
    expect(error('brctl showmacs br9')).toBe('read of forward table failed: No such device');
  });
});

describe('ip link show', () => {
  it('every link, by ifindex: carrier, TAP state UNKNOWN, master, VLAN parent, down bridge with noop', () => {
    // The qdisc is the one modelled: a FIFO of qlen frames (pfifo_fast for one TOS), the cable's
    // queue for eth0 (300), the hypervisor hop's toward the VM for tap0 (500); Linux's default
    // txqueuelen, 1000, where nothing queues in the model.
    expect(output('ip link show')).toBe(
      '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP mode DEFAULT group default qlen 300\n' +
      '    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff\n' +
      '3: tap0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast master br0 state UNKNOWN mode DEFAULT group default qlen 500\n' +
      '    link/ether fe:54:00:00:00:01 brd ff:ff:ff:ff:ff:ff\n' +
      '4: tap1: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc pfifo_fast master br0 state DOWN mode DEFAULT group default qlen 1000\n' +
      '    link/ether fe:54:00:00:00:02 brd ff:ff:ff:ff:ff:ff\n' +
      '5: br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\n' +
      '    link/ether 02:54:00:00:00:03 brd ff:ff:ff:ff:ff:ff\n' +
      '6: eth0.100@eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br100 state UP mode DEFAULT group default qlen 1000\n' +
      '    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff\n' +
      '7: br100: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n' +
      '    link/ether 02:54:00:00:00:04 brd ff:ff:ff:ff:ff:ff\n');
  });

  it('filters by device, master and type', () => {
    expect(output('ip link show dev tap1').split('\n')[0]).toBe(
      '4: tap1: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc pfifo_fast master br0 state DOWN mode DEFAULT group default qlen 1000');
    expect(output('ip link show master br0').match(/^\d+: \S+/gm)).toEqual(['3: tap0:', '4: tap1:']);
    expect(output('ip link show type bridge').match(/^\d+: \S+/gm)).toEqual(['5: br0:', '7: br100:']);
    expect(output('ip link show type tun up').match(/^\d+: \S+/gm)).toEqual(['3: tap0:', '4: tap1:']);
  });

  it('a VLAN whose parent is down: M-DOWN and LOWERLAYERDOWN', () => {
    output('ip link set eth0 down');
    expect(output('ip link show eth0.100').split('\n')[0]).toBe(
      '6: eth0.100@eth0: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noqueue master br100 state LOWERLAYERDOWN mode DEFAULT group default qlen 1000');
  });

  it('names what does not exist', () => {
    expect(error('ip link show tap9')).toBe('Device "tap9" does not exist.');
    expect(error('ip link show master br9')).toBe('Error: argument "br9" is wrong: Device does not exist');
  });
});

describe('ip address show', () => {
  it('addresses under their link; a second address in a subnet is secondary', () => {
    expect(output('ip addr show br0')).toBe(
      '5: br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n' +
      '    link/ether 02:54:00:00:00:03 brd ff:ff:ff:ff:ff:ff\n' +
      '    inet 10.0.0.5/24 scope global br0\n' +
      '       valid_lft forever preferred_lft forever\n' +
      '    inet 10.0.0.6/24 scope global secondary br0\n' +
      '       valid_lft forever preferred_lft forever\n');
  });

  it('lists every link, with or without addresses', () => {
    expect(output('ip addr').match(/^\d+: \S+/gm)).toHaveLength(6);
    expect(error('ip addr show dev eth9')).toBe('Device "eth9" does not exist.');
  });
});

describe('ip route and ip neigh', () => {
  it('the main table: default first, connected routes with proto kernel and src', () => {
    // Each address makes its connected route, the second one in a subnet too.
    expect(output('ip route show')).toBe(
      'default via 10.0.0.1 dev br0\n' +
      '10.0.0.0/24 dev br0 proto kernel scope link src 10.0.0.5\n' +
      '10.0.0.0/24 dev br0 proto kernel scope link src 10.0.0.6\n' +
      '10.2.0.0/16 dev br0 scope link\n');
  });

  it('a route over a link without carrier says linkdown; host routes have no /32', () => {
    output('ip addr add 192.168.7.1/24 dev tap1');
    output('ip route add 172.16.0.9 via 192.168.7.2');
    expect(output('ip route show dev tap1')).toBe(
      '172.16.0.9 via 192.168.7.2 dev tap1 linkdown\n' +
      '192.168.7.0/24 dev tap1 proto kernel scope link src 192.168.7.1 linkdown\n');
    expect(error('ip route show dev tap9')).toBe('Cannot find device "tap9"');
  });

  it('neighbours with and without a link-layer address', () => {
    const br0 = k.device('br0');
    if (br0 === undefined) throw new Error('no br0');
    const gateway = k.stack.neighbours.create(br0, parseIpv4('10.0.0.1') ?? 0);
    Object.assign(gateway, { mac: mac('52:54:00:00:00:01'), state: 'REACHABLE', confirmed: t.sim.engine.now });
    k.stack.neighbours.create(br0, parseIpv4('10.0.0.9') ?? 0);
    expect(output('ip neigh show')).toBe('10.0.0.1 dev br0 lladdr 52:54:00:00:00:01 REACHABLE\n10.0.0.9 dev br0 INCOMPLETE\n');
    expect(output('ip neigh show dev eth0')).toBe('');
  });

  it('ip tuntap show lists the TAPs', () => {
    expect(output('ip tuntap show')).toBe('tap0: tap persist filter\ntap1: tap persist filter\n');
  });
});

describe('bridge', () => {
  it('fdb show: device by device (each by MAC), learned entries without a state, local ones permanent', () => {
    // The bridges' own addresses are not in their tables; tap1, without carrier, has no entries.
    expect(output('bridge fdb show')).toBe(
      '52:54:00:12:34:57 dev tap0 master br0\n' +
      'fe:54:00:00:00:01 dev tap0 master br0 permanent\n' +
      '52:54:00:12:34:56 dev eth0.100 master br100 permanent\n');
  });

  it('fdb show br BR keeps one bridge; brport drops the dev column; vlan filters', () => {
    expect(output('bridge fdb show br br100')).toBe('52:54:00:12:34:56 dev eth0.100 master br100 permanent\n');
    expect(output('bridge fdb show brport tap0')).toBe('52:54:00:12:34:57 master br0\nfe:54:00:00:00:01 master br0 permanent\n');
    output('ip link set br0 type bridge vlan_filtering 1');
    learn('br0', 'tap0', '52:54:00:00:00:64', 100);
    expect(output('bridge fdb show vlan 100')).toBe('52:54:00:00:00:64 dev tap0 vlan 100 master br0\n');
    expect(error('bridge fdb show br br9')).toBe('Cannot find bridge device "br9"');
    expect(error('bridge fdb show brport tap9')).toBe('Cannot find device "tap9"');
  });

  it('vlan show: one VID a line, the port named once', () => {
    output('bridge vlan add dev tap0 vid 100 pvid untagged');
    output('bridge vlan add dev tap0 vid 200');
    expect(output('bridge vlan show')).toBe(
      'port              vlan-id\n' +
      'tap0              1 Egress Untagged\n' +
      '                  100 PVID Egress Untagged\n' +
      '                  200\n' +
      'tap1              1 PVID Egress Untagged\n' +
      'br0               1 PVID Egress Untagged\n' +
      'eth0.100          1 PVID Egress Untagged\n' +
      'br100             1 PVID Egress Untagged\n');
    expect(output('bridge vlan show dev tap1')).toBe('port              vlan-id\ntap1              1 PVID Egress Untagged\n');
  });
});
