import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/linux/parse.js';
import { editDistance } from '../../src/linux/did-you-mean.js';

function message(line: string): string {
  const r = parseCommand(line);
  if (r.ok) throw new Error(`expected ${line} to fail, got ${JSON.stringify(r.op)}`);
  return r.message;
}

const SUPPORTED = '(supported: brctl, ip link/addr/route/neigh/tuntap, bridge fdb/vlan, vconfig, ifconfig, sysctl, iptables -t nat MASQUERADE, virsh migrate)';

describe('programs that do not exist', () => {
  it('answers like bash, with a hint for the article typos', () => {
    expect(message('btctl addbr br0')).toBe('btctl: command not found (did you mean brctl?)');
    expect(message('vcongig add eth0 100')).toBe('vcongig: command not found (did you mean vconfig?)');
    expect(message('brtcl addbr br0')).toBe('brtcl: command not found (did you mean brctl?)');
    expect(message('sysclt -w net.ipv4.ip_forward=1')).toBe('sysclt: command not found (did you mean sysctl?)');
  });

  it('gives no hint when nothing is close', () => {
    expect(message('frobnicate now')).toBe('frobnicate: command not found');
    expect(message('ls -l')).toBe('ls: command not found');
  });

  it('measures typos with swaps counted once', () => {
    expect(editDistance('btctl', 'brctl')).toBe(1);
    expect(editDistance('brtcl', 'brctl')).toBe(1);
    expect(editDistance('vcongig', 'vconfig')).toBe(1);
    expect(editDistance('', 'ip')).toBe(2);
  });
});

describe('real tools vnetsim does not model', () => {
  it.each([
    ['nft add table ip nat', 'nft'],
    ['tc qdisc add dev tap0 root tbf rate 1mbit burst 32kbit latency 400ms', 'tc'],
    ['ethtool -K eth0 tso off', 'ethtool'],
    ['ovs-vsctl add-br ovsbr0', 'ovs-vsctl'],
    ['ip netns add tenant1', 'ip netns'],
    ['ip rule add from 10.0.0.0/24 table 100', 'ip rule'],
  ])('%s names %s', (line, what) => {
    expect(message(line)).toBe(`${what}: not supported by vnetsim yet ${SUPPORTED}`);
  });

  it('names unmodelled sub-commands with what is supported instead', () => {
    expect(message('brctl hairpin br0 tap0 on')).toBe(
      'brctl hairpin: not supported by vnetsim yet (supported: brctl addbr, delbr, addif, delif, setageing, setbridgeprio, setfd, '
      + 'sethello, setmaxage, setpathcost, setportprio, show, showmacs, showstp, stp)');
    expect(message('ip link add veth0 type veth peer name veth1')).toBe(
      'ip link type veth: not supported by vnetsim yet (supported: type bridge, type vlan)');
    expect(message('vconfig set_name_type DEV_PLUS_VID')).toBe(
      'vconfig set_name_type: not supported by vnetsim yet (supported: vconfig add, rem)');
    expect(message('bridge mdb show')).toMatch(/^bridge mdb: not supported by vnetsim yet/);
    expect(message('ip addr add fe80::1/64 dev eth0')).toMatch(/^IPv6 address "fe80::1\/64": not supported/);
  });

  it('keeps ip to IPv4 and its plain output', () => {
    expect(message('ip -6 route show')).toBe('ip -6: not supported by vnetsim yet (supported: IPv4 only)');
    expect(message('ip -s link show')).toBe('ip -s: not supported by vnetsim yet (supported: options -4, -family inet, -color)');
  });

  it('points writes to /proc/sys at sysctl', () => {
    expect(message('echo 1 > /proc/sys/net/ipv4/ip_forward')).toBe(
      'echo > /proc/sys/...: not supported by vnetsim yet (use sysctl -w KEY=VALUE)');
  });

  it('runs one command per line', () => {
    expect(message('brctl addbr br0 && brctl addif br0 tap0')).toBe(
      'vnetsim runs one command per line: "&" (pipes, lists, redirections) is not supported');
    expect(message("brctl addbr 'br0")).toBe("unexpected EOF while looking for matching `''");
  });
});
