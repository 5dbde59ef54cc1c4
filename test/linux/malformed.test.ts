/** Lines the real tool refuses before touching the kernel, with the tool's own words. */
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/linux/parse.js';

function message(line: string): string {
  const r = parseCommand(line);
  if (r.ok) throw new Error(`expected ${line} to fail, got ${JSON.stringify(r.op)}`);
  return r.message;
}

describe('brctl', () => {
  it.each([
    ['brctl frob br0', 'never heard of command [frob]'],
    ['brctl addbr', 'Incorrect number of arguments for command\nUsage: brctl addbr <bridge>\t\tadd bridge'],
    ['brctl addif br0', 'Incorrect number of arguments for command\nUsage: brctl addif <bridge> <device>\tadd interface to bridge'],
    ['brctl stp br0 maybe', 'expect on/off for argument'],
    ['brctl setageing br0 soon', 'bad ageing time value'],
  ])('%s', (line, expected) => {
    expect(message(line)).toBe(expected);
  });

  it('prints its help when given nothing', () => {
    expect(message('brctl')).toMatch(/^Usage: brctl \[commands\]\ncommands:\n\taddbr     \t<bridge>\t\tadd bridge\n/);
  });
});

describe('ip', () => {
  it.each([
    ['ip frob', 'Object "frob" is unknown, try "ip help".'],
    ['ip link frob', 'Command "frob" is unknown, try "ip link help".'],
    ['ip addr frob', 'Command "frob" is unknown, try "ip address help".'],
    ['ip route frob', 'Command "frob" is unknown, try "ip route help".'],
    ['ip -z link', 'Option "-z" is unknown, try "ip -help".'],
    ['ip link set dev', 'Command line is not complete. Try option "help"'],
    ['ip link set up', 'Not enough information: "dev" argument is required.'],
    ['ip link set tap0 tap1', 'Error: either "dev" is duplicate, or "tap1" is a garbage.'],
    ['ip link set tap0 promisc maybe', 'Error: argument of "promisc" must be "on" or "off", not "maybe"'],
    ['ip link set tap0 mtu big', 'Error: argument "big" is wrong: Invalid "mtu" value'],
    ['ip link set tap0 address 52:54:zz', '"52:54:zz" is invalid lladdr.'],
    ['ip link add br0', 'Not enough information: "type" argument is required'],
    ['ip link add name averyveryverylongname type bridge', 'Error: argument "averyveryverylongname" is wrong: "name" not a valid ifname'],
    ['ip link add br0 type bridge frob 1', 'bridge: unknown command "frob"?'],
    ['ip link add br0 type bridge vlan_filtering yes', 'Error: argument "yes" is wrong: invalid vlan_filtering'],
    ['ip link add br0 type frob', 'Error: Unknown device type.'],
    ['ip link add tap0 type tap', 'Error: tun/tap creation via rtnetlink is not supported.'],
    ['ip link add link eth0 name eth0.5000 type vlan id 5000', 'Error: 8021q: Invalid VLAN id.'],
    ['ip link add link eth0 name eth0.0 type vlan id 0', 'Error: 8021q: Invalid VLAN id.'],
    ['ip link add link eth0 name eth0.x type vlan id x', 'Error: argument "x" is wrong: id is invalid'],
    ['ip link add name eth0.100 type vlan id 100', 'Error: 8021q: link not specified.'],
    ['ip link add link eth0 name eth0.100 type vlan', 'Error: 8021q: VLAN id not specified.'],
    ['ip addr add 10.0.0.300/24 dev eth0', 'Error: any valid prefix is expected rather than "10.0.0.300/24".'],
    ['ip addr add 10.0.0.5/33 dev eth0', 'Error: any valid prefix is expected rather than "10.0.0.5/33".'],
    ['ip addr add 10.0.0.5/24', 'Not enough information: "dev" argument is required.'],
    ['ip addr add 10.0.0.5/24 10.0.0.6/24 dev eth0', 'Error: either "local" is duplicate, or "10.0.0.6/24" is a garbage.'],
    ['ip addr flush', 'Flush requires arguments.'],
    ['ip route add 10.1.0.0/16 via 10.0.0.999', 'Error: inet address is expected rather than "10.0.0.999".'],
    ['ip route add default via gateway', 'Error: any valid address is expected rather than "gateway".'],
    ['ip route add 10.1.0.0/16 via 10.0.0.1 frob', 'Error: either "to" is duplicate, or "frob" is a garbage.'],
    ['ip route add 10.1.0.0/16 via', 'Command line is not complete. Try option "help"'],
    ['ip tuntap add tap0', 'You failed to specify a tunnel mode'],
    ['ip tuntap add tap0 mode frob', 'Cannot guess tunnel mode.'],
    ['ip tuntap frob', 'Command "frob" is unknown, try "ip tuntap help".'],
  ])('%s', (line, expected) => {
    expect(message(line)).toBe(expected);
  });
});

describe('bridge', () => {
  it.each([
    ['bridge frob', 'Object "frob" is unknown, try "bridge help".'],
    ['bridge vlan frob', 'Command "frob" is unknown, try "bridge vlan help".'],
    ['bridge vlan add dev tap0', 'Device and VLAN ID are required arguments.'],
    ['bridge vlan add dev tap0 vid 5000', 'Invalid VLAN ID "5000"'],
    ['bridge vlan add dev tap0 vid 20-10', 'Invalid VLAN range "20-10"'],
    ['bridge vlan add dev tap0 vid 10-20 pvid', 'pvid cannot be configured for a vlan range'],
  ])('%s', (line, expected) => {
    expect(message(line)).toBe(expected);
  });
});

describe('vconfig and sysctl', () => {
  it.each([
    ['vconfig add', 'Expecting argc to be 3-5, inclusive.  Was: 2\n\nUsage: add             [interface-name] [vlan_id]'],
    ['vconfig frob eth0', 'Unknown command -:frob:-\n\nUsage: add             [interface-name] [vlan_id]'],
    ['vconfig add averyveryverylongname 100', 'ERROR:  if_name must be 15 characters or less.'],
    ['sysctl', "sysctl: no variables specified\nTry `sysctl --help' for more information."],
    ['sysctl -w net.ipv4.ip_forward', 'sysctl: "net.ipv4.ip_forward" must be of the form name=value'],
    ['sysctl -z net.ipv4.ip_forward', "sysctl: invalid option -- 'z'"],
  ])('%s', (line, expected) => {
    expect(message(line).startsWith(expected)).toBe(true);
  });
});
