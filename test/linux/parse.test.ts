import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/linux/parse.js';
import type { LinuxOp } from '../../src/linux/command.js';
import { parseCidr, parseIpv4 } from '../../src/wire/ipv4-address.js';
import { parseMac } from '../../src/wire/mac.js';

function op(line: string): LinuxOp {
  const r = parseCommand(line);
  if (!r.ok) throw new Error(`expected ${line} to parse, got: ${r.message}`);
  return r.op;
}

const ip = (text: string): number => parseIpv4(text)!;
const noFilter = { dev: null, up: false, master: null, type: null };

describe('lines that are not commands', () => {
  it.each(['', '   ', '# make the bridge', '\t# indented comment'])('%j is a nop', (line) => {
    expect(op(line)).toEqual({ kind: 'nop' });
  });

  it('drops a trailing comment and a leading sudo', () => {
    expect(op('sudo brctl addbr br0   # the tenant bridge')).toEqual({ kind: 'bridge-add', tool: 'brctl', name: 'br0', options: {} });
  });

  it('accepts a full path to the program', () => {
    expect(op('/sbin/brctl addbr br0')).toEqual({ kind: 'bridge-add', tool: 'brctl', name: 'br0', options: {} });
  });
});

describe('brctl', () => {
  it.each<[string, LinuxOp]>([
    ['brctl addbr br0', { kind: 'bridge-add', tool: 'brctl', name: 'br0', options: {} }],
    ['brctl delbr br0', { kind: 'bridge-del', name: 'br0' }],
    ['brctl addif br0 tap0', { kind: 'bridge-port-add', bridge: 'br0', ports: ['tap0'] }],
    ['brctl addif br0 tap0 tap1 eth0', { kind: 'bridge-port-add', bridge: 'br0', ports: ['tap0', 'tap1', 'eth0'] }],
    ['brctl delif br0 tap0', { kind: 'bridge-port-del', bridge: 'br0', ports: ['tap0'] }],
    ['brctl setageing br0 30', { kind: 'bridge-set', bridge: 'br0', options: { ageingNs: 30e9 } }],
    ['brctl setageing br0 1.5', { kind: 'bridge-set', bridge: 'br0', options: { ageingNs: 1.5e9 } }],
    ['brctl setageing br0 0', { kind: 'bridge-set', bridge: 'br0', options: { ageingNs: 0 } }],
    ['brctl stp br0 on', { kind: 'bridge-set', bridge: 'br0', options: { stp: true } }],
    ['brctl stp br0 no', { kind: 'bridge-set', bridge: 'br0', options: { stp: false } }],
    ['brctl show', { kind: 'show', what: { of: 'brctl-bridges', bridges: [] } }],
    ['brctl show br0 br1', { kind: 'show', what: { of: 'brctl-bridges', bridges: ['br0', 'br1'] } }],
    ['brctl showmacs br0', { kind: 'show', what: { of: 'brctl-macs', bridge: 'br0' } }],
  ])('%s', (line, expected) => {
    expect(op(line)).toEqual(expected);
  });
});

describe('ip link', () => {
  it.each<[string, LinuxOp]>([
    ['ip link add br0 type bridge', { kind: 'bridge-add', tool: 'ip', name: 'br0', options: {} }],
    ['ip link add name br0 type bridge', { kind: 'bridge-add', tool: 'ip', name: 'br0', options: {} }],
    ['ip link add br0 type bridge vlan_filtering 1 stp_state 1 ageing_time 3000',
      { kind: 'bridge-add', tool: 'ip', name: 'br0', options: { vlanFiltering: true, stp: true, ageingNs: 30e9 } }],
    ['ip link add link eth0 name eth0.100 type vlan id 100', { kind: 'vlan-add', tool: 'ip', parent: 'eth0', name: 'eth0.100', vid: 100 }],
    ['ip link add eth0.200 link eth0 type vlan protocol 802.1Q id 200', { kind: 'vlan-add', tool: 'ip', parent: 'eth0', name: 'eth0.200', vid: 200 }],
    ['ip link del tap0', { kind: 'link-del', dev: 'tap0' }],
    ['ip link delete dev br0', { kind: 'link-del', dev: 'br0' }],
    ['ip link set tap0 up', { kind: 'link-set', tool: 'ip', dev: 'tap0', up: true }],
    ['ip link set dev tap0 down', { kind: 'link-set', tool: 'ip', dev: 'tap0', up: false }],
    ['ip link set up dev tap0', { kind: 'link-set', tool: 'ip', dev: 'tap0', up: true }],
    ['ip link set tap0 master br0', { kind: 'link-set', tool: 'ip', dev: 'tap0', master: 'br0' }],
    ['ip link set tap0 master br0 up', { kind: 'link-set', tool: 'ip', dev: 'tap0', master: 'br0', up: true }],
    ['ip link set tap0 nomaster', { kind: 'link-set', tool: 'ip', dev: 'tap0', master: null }],
    ['ip link set eth0 address 52:54:00:aa:bb:cc', { kind: 'link-set', tool: 'ip', dev: 'eth0', mac: parseMac('52:54:00:aa:bb:cc')! }],
    ['ip link set eth0 mtu 9000', { kind: 'link-set', tool: 'ip', dev: 'eth0', mtu: 9000 }],
    ['ip link set eth0 promisc on', { kind: 'link-set', tool: 'ip', dev: 'eth0', promisc: true }],
    ['ip link set br0 type bridge vlan_filtering 1', { kind: 'link-set', tool: 'ip', dev: 'br0', bridge: { vlanFiltering: true } }],
    ['ip link set br0 type bridge stp_state 0', { kind: 'link-set', tool: 'ip', dev: 'br0', bridge: { stp: false } }],
    ['ip link set br0 type bridge ageing_time 1000', { kind: 'link-set', tool: 'ip', dev: 'br0', bridge: { ageingNs: 10e9 } }],
    ['ip link show', { kind: 'show', what: { of: 'links', filter: noFilter } }],
    ['ip link', { kind: 'show', what: { of: 'links', filter: noFilter } }],
    ['ip link show tap0', { kind: 'show', what: { of: 'links', filter: { ...noFilter, dev: 'tap0' } } }],
    ['ip link show dev tap0', { kind: 'show', what: { of: 'links', filter: { ...noFilter, dev: 'tap0' } } }],
    ['ip link show master br0', { kind: 'show', what: { of: 'links', filter: { ...noFilter, master: 'br0' } } }],
    ['ip link show type bridge up', { kind: 'show', what: { of: 'links', filter: { ...noFilter, type: 'bridge', up: true } } }],
  ])('%s', (line, expected) => {
    expect(op(line)).toEqual(expected);
  });

  it('takes the abbreviations ip takes', () => {
    const up: LinuxOp = { kind: 'link-set', tool: 'ip', dev: 'tap0', up: true };
    expect(op('ip l set tap0 up')).toEqual(up);
    expect(op('ip li s tap0 up')).toEqual(up);
    expect(op('ip link change tap0 up')).toEqual(up);
    expect(op('ip l sh')).toEqual({ kind: 'show', what: { of: 'links', filter: noFilter } });
    expect(op('ip l a br0 type bridge')).toEqual({ kind: 'bridge-add', tool: 'ip', name: 'br0', options: {} });
    expect(op('ip -4 link show')).toEqual({ kind: 'show', what: { of: 'links', filter: noFilter } });
  });
});

describe('ip tuntap', () => {
  it.each<[string, LinuxOp]>([
    ['ip tuntap add tap0 mode tap', { kind: 'tuntap-add', name: 'tap0', mode: 'tap' }],
    ['ip tuntap add dev tap0 mode tap', { kind: 'tuntap-add', name: 'tap0', mode: 'tap' }],
    ['ip tuntap add mode tap tap0 user qemu vnet_hdr', { kind: 'tuntap-add', name: 'tap0', mode: 'tap' }],
    ['ip tuntap add name tun0 mode tun', { kind: 'tuntap-add', name: 'tun0', mode: 'tun' }],
    ['ip tuntap del tap0 mode tap', { kind: 'tuntap-del', name: 'tap0', mode: 'tap' }],
    ['ip tap del dev tap0', { kind: 'tuntap-del', name: 'tap0', mode: 'tap' }],
    ['ip tuntap show', { kind: 'show', what: { of: 'tuntaps' } }],
  ])('%s', (line, expected) => {
    expect(op(line)).toEqual(expected);
  });
});

describe('ip address, route, neigh', () => {
  it.each<[string, LinuxOp]>([
    ['ip addr add 10.0.0.5/24 dev br0', { kind: 'addr-add', dev: 'br0', cidr: parseCidr('10.0.0.5/24')! }],
    ['ip a add 10.0.0.5/24 brd + dev br0', { kind: 'addr-add', dev: 'br0', cidr: parseCidr('10.0.0.5/24')! }],
    ['ip address add local 10.0.0.5/255.255.255.0 dev br0', { kind: 'addr-add', dev: 'br0', cidr: parseCidr('10.0.0.5/24')! }],
    ['ip addr add 10.0.0.9 dev eth0', { kind: 'addr-add', dev: 'eth0', cidr: parseCidr('10.0.0.9/32')! }],
    ['ip addr del 10.0.0.5/24 dev br0', { kind: 'addr-del', dev: 'br0', cidr: parseCidr('10.0.0.5/24')! }],
    ['ip addr flush dev eth0', { kind: 'addr-flush', dev: 'eth0' }],
    ['ip addr flush eth0', { kind: 'addr-flush', dev: 'eth0' }],
    ['ip addr show', { kind: 'show', what: { of: 'addresses', filter: noFilter } }],
    ['ip a', { kind: 'show', what: { of: 'addresses', filter: noFilter } }],
    ['ip a s dev br0', { kind: 'show', what: { of: 'addresses', filter: { ...noFilter, dev: 'br0' } } }],
    ['ip route add default via 10.0.0.1', { kind: 'route-add', dest: 0, prefixLength: 0, via: ip('10.0.0.1'), dev: null }],
    ['ip route add default via 10.0.0.1 dev eth0', { kind: 'route-add', dest: 0, prefixLength: 0, via: ip('10.0.0.1'), dev: 'eth0' }],
    ['ip r add 10.1.0.0/16 via 10.0.0.254', { kind: 'route-add', dest: ip('10.1.0.0'), prefixLength: 16, via: ip('10.0.0.254'), dev: null }],
    ['ip route add 10.2.0.0/16 dev br0', { kind: 'route-add', dest: ip('10.2.0.0'), prefixLength: 16, via: null, dev: 'br0' }],
    ['ip route add to 10/8 dev br0', { kind: 'route-add', dest: ip('10.0.0.0'), prefixLength: 8, via: null, dev: 'br0' }],
    ['ip route del default', { kind: 'route-del', dest: 0, prefixLength: 0, via: null, dev: null }],
    ['ip route delete 10.2.0.0/16 dev br0', { kind: 'route-del', dest: ip('10.2.0.0'), prefixLength: 16, via: null, dev: 'br0' }],
    ['ip route show', { kind: 'show', what: { of: 'routes', dev: null } }],
    ['ip r', { kind: 'show', what: { of: 'routes', dev: null } }],
    ['ip route list dev eth0', { kind: 'show', what: { of: 'routes', dev: 'eth0' } }],
    ['ip neigh show', { kind: 'show', what: { of: 'neighbours', dev: null } }],
    ['ip n', { kind: 'show', what: { of: 'neighbours', dev: null } }],
    ['ip neighbour show dev eth0', { kind: 'show', what: { of: 'neighbours', dev: 'eth0' } }],
  ])('%s', (line, expected) => {
    expect(op(line)).toEqual(expected);
  });
});

describe('bridge, vconfig, sysctl, ifconfig', () => {
  it.each<[string, LinuxOp]>([
    ['bridge fdb show', { kind: 'show', what: { of: 'fdb', bridge: null, dev: null, vlan: null } }],
    ['bridge fdb', { kind: 'show', what: { of: 'fdb', bridge: null, dev: null, vlan: null } }],
    ['bridge fdb show br br0', { kind: 'show', what: { of: 'fdb', bridge: 'br0', dev: null, vlan: null } }],
    ['bridge fdb show brport tap0 vlan 100', { kind: 'show', what: { of: 'fdb', bridge: null, dev: 'tap0', vlan: 100 } }],
    ['bridge vlan add dev tap0 vid 100 pvid untagged', { kind: 'bridge-vlan-add', dev: 'tap0', vid: 100, vidEnd: 100, pvid: true, untagged: true, self: false, master: false }],
    ['bridge vlan add dev br0 vid 100 self', { kind: 'bridge-vlan-add', dev: 'br0', vid: 100, vidEnd: 100, pvid: false, untagged: false, self: true, master: false }],
    ['bridge vlan add dev eth0 vid 100-102 master', { kind: 'bridge-vlan-add', dev: 'eth0', vid: 100, vidEnd: 102, pvid: false, untagged: false, self: false, master: true }],
    ['bridge vlan del dev tap0 vid 1', { kind: 'bridge-vlan-del', dev: 'tap0', vid: 1, vidEnd: 1, self: false, master: false }],
    ['bridge vlan show', { kind: 'show', what: { of: 'bridge-vlans', dev: null } }],
    ['bridge vlan show dev tap0', { kind: 'show', what: { of: 'bridge-vlans', dev: 'tap0' } }],
    ['vconfig add eth0 100', { kind: 'vlan-add', tool: 'vconfig', parent: 'eth0', name: 'eth0.100', vid: 100 }],
    ['vconfig rem eth0.100', { kind: 'vlan-del', name: 'eth0.100' }],
    ['sysctl net.ipv4.ip_forward', { kind: 'sysctl', items: [{ op: 'read', key: 'net.ipv4.ip_forward' }], quiet: false, valuesOnly: false, ignoreUnknown: false }],
    ['sysctl -w net.ipv4.ip_forward=1', { kind: 'sysctl', items: [{ op: 'write', key: 'net.ipv4.ip_forward', value: '1' }], quiet: false, valuesOnly: false, ignoreUnknown: false }],
    ['sysctl -qw net/ipv4/ip_forward=1', { kind: 'sysctl', items: [{ op: 'write', key: 'net.ipv4.ip_forward', value: '1' }], quiet: true, valuesOnly: false, ignoreUnknown: false }],
    ['ifconfig eth0 up', { kind: 'link-set', tool: 'ifconfig', dev: 'eth0', up: true }],
    ['ifconfig tap0 down', { kind: 'link-set', tool: 'ifconfig', dev: 'tap0', up: false }],
  ])('%s', (line, expected) => {
    expect(op(line)).toEqual(expected);
  });
});
