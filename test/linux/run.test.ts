/** Commands applied to a kernel: what changes, and how each tool words the kernel's refusals. */
import { beforeEach, describe, expect, it } from 'vitest';
import { executeLine, runCommand } from '../../src/linux/run.js';
import { parseCidr, parseIpv4 } from '../../src/wire/ipv4-address.js';
import { formatMac } from '../../src/wire/mac.js';
import type { Host } from '../../src/nodes/host.js';
import { testHost } from './host.js';
import { errorOf, outputOf } from './lines.js';

let k: Host;

/** Runs lines that must succeed. */
const run = (...lines: string[]): void => lines.forEach((line) => outputOf(k, line));

/** The error a line fails with. */
const error = (line: string): string | null => errorOf(k, line);

beforeEach(() => {
  k = testHost().host;
});

describe('the article: a bridge for the VMs of one host', () => {
  it('brctl addbr + addif put a TAP into a bridge', () => {
    run('ip tuntap add dev tap0 mode tap', 'brctl addbr br0', 'brctl addif br0 tap0');
    expect(k.link('tap0')!.master).toBe('br0');
    expect(k.bridges()[0]!.ports).toEqual(['tap0']);
  });

  it('vconfig add makes eth0.100 and says so', () => {
    const r = executeLine(k, 'vconfig add eth0 100');
    expect(r).toEqual({ ok: true, output: 'Added VLAN with VID == 100 to IF -:eth0:-\n', error: null });
    expect(k.link('eth0.100')!.vlan).toEqual({ parent: 'eth0', vid: 100 });
  });

  it('vconfig warns about VLAN 1', () => {
    expect(executeLine(k, 'vconfig add eth0 1').output).toBe(
      'Added VLAN with VID == 1 to IF -:eth0:-\nWARNING:  VLAN 1 does not work with many switches,\nconsider another number if you have problems.\n');
  });

  it('a line that fails to parse fails to run with the same message', () => {
    expect(executeLine(k, 'btctl addbr br0')).toEqual({ ok: false, output: '', error: 'btctl: command not found (did you mean brctl?)' });
  });

  it('nop does nothing', () => {
    expect(runCommand(k, { kind: 'nop' })).toEqual({ ok: true, output: '', error: null });
  });
});

describe('brctl errors', () => {
  beforeEach(() => run('brctl addbr br0', 'ip tuntap add tap0 mode tap'));

  it.each([
    ['brctl addbr br0', "device br0 already exists; can't create bridge with the same name"],
    ['brctl addbr eth0', "device eth0 already exists; can't create bridge with the same name"],
    ['brctl addif br9 tap0', 'bridge br9 does not exist!'],
    ['brctl addif br0 tap9', 'interface tap9 does not exist!'],
    ['brctl addif br9 tap9', 'interface tap9 does not exist!'],
    ['brctl addif eth0 tap0', "can't add tap0 to bridge eth0: Operation not supported"],
    ['brctl delif br0 tap0', 'device tap0 is not a slave of br0'],
    ['brctl delbr br9', "bridge br9 doesn't exist; can't delete it"],
    ['brctl delbr eth0', "can't delete bridge eth0: Operation not permitted"],
    ['brctl setageing br9 30', 'set ageing time failed: No such device'],
    ['brctl stp eth0 on', 'set stp status failed: Operation not supported'],
  ])('%s', (line, expected) => {
    expect(error(line)).toBe(expected);
  });

  it('refuses a port already in a bridge', () => {
    run('brctl addbr br1', 'brctl addif br0 tap0');
    expect(error('brctl addif br1 tap0')).toBe("device tap0 is already a member of a bridge; can't enslave it to bridge br1.");
    expect(error('brctl addif br0 tap0')).toBe("device tap0 is already a member of a bridge; can't enslave it to bridge br0.");
  });

  it('refuses a bridge inside a bridge', () => {
    run('brctl addbr br1');
    expect(error('brctl addif br0 br1')).toBe(
      "device br1 is a bridge device itself; can't enslave a bridge device to a bridge device.");
  });

  it('refuses to delete a bridge that is up, then deletes it once down', () => {
    run('ip link set br0 up');
    expect(error('brctl delbr br0')).toBe("bridge br0 is still up; can't delete it");
    run('ip link set br0 down', 'brctl delbr br0');
    expect(k.link('br0')).toBeUndefined();
  });

  it('delif releases a port; setageing and stp reach the bridge', () => {
    run('brctl addif br0 tap0', 'brctl delif br0 tap0', 'brctl setageing br0 12.5', 'brctl stp br0 on');
    expect(k.link('tap0')!.master).toBeNull();
    expect(k.bridges()[0]).toMatchObject({ ageingNs: 12.5e9, stp: true, ports: [] });
  });
});

describe('ip link', () => {
  beforeEach(() => run('ip link add br0 type bridge', 'ip tuntap add tap0 mode tap'));

  it.each([
    ['ip link add br0 type bridge', 'RTNETLINK answers: File exists'],
    ['ip link set tap9 up', 'Cannot find device "tap9"'],
    ['ip link del tap9', 'Cannot find device "tap9"'],
    ['ip link del eth0', 'RTNETLINK answers: Operation not supported'],
    ['ip link set tap0 master br9', 'Error: argument "br9" is wrong: Device does not exist'],
    ['ip link set tap9 master br9', 'Error: argument "br9" is wrong: Device does not exist'],
    ['ip link set tap0 master eth0', 'RTNETLINK answers: Operation not supported'],
    ['ip link set br0 master br0', 'Error: Can not enslave a bridge to a bridge.'],
    ['ip link set eth0 type bridge vlan_filtering 1', 'RTNETLINK answers: Operation not supported'],
    ['ip link set eth0 mtu 60', 'Error: mtu less than device minimum.'],
    ['ip link set eth0 mtu 70000', 'Error: mtu greater than device maximum.'],
    ['ip link set eth0 address 01:00:5e:00:00:01', 'RTNETLINK answers: Cannot assign requested address'],
    ['ip link add link eth9 name eth9.100 type vlan id 100', 'Cannot find device "eth9"'],
    ['ip tuntap add tap0 mode tap', 'ioctl(TUNSETIFF): Device or resource busy'],
    ['ip tuntap del br0 mode tap', 'ioctl(TUNSETIFF): Invalid argument'],
  ])('%s', (line, expected) => {
    expect(error(line)).toBe(expected);
  });

  it('sets flags, MAC, MTU, promisc and bridge attributes', () => {
    run('ip link set tap0 master br0 up', 'ip link set eth0 address 52:54:00:aa:bb:cc mtu 9000 promisc on',
      'ip link set br0 type bridge vlan_filtering 1 stp_state 1 ageing_time 1000');
    expect(k.link('tap0')).toMatchObject({ master: 'br0', up: true });
    expect(k.link('eth0')).toMatchObject({ mtu: 9000 });
    expect(formatMac(k.link('eth0')!.mac)).toBe('52:54:00:aa:bb:cc');
    expect(k.bridges()[0]).toMatchObject({ vlanFiltering: true, stp: true, ageingNs: 10e9 });
  });

  it('moves a port from one bridge to another, like the kernel does for ip', () => {
    run('ip link add br1 type bridge', 'ip link set tap0 master br0', 'ip link set tap0 master br1');
    expect(k.link('tap0')!.master).toBe('br1');
    run('ip link set tap0 nomaster', 'ip link set tap0 nomaster');
    expect(k.link('tap0')!.master).toBeNull();
  });

  it('one VLAN sub-interface per VID on a parent', () => {
    run('ip link add link eth0 name eth0.100 type vlan id 100');
    expect(error('ip link add link eth0 name vlan100 type vlan id 100')).toBe('RTNETLINK answers: File exists');
  });

  it('ip tuntap del of a name that is not there succeeds, as on Linux', () => {
    run('ip tuntap del tap9 mode tap', 'ip tuntap del tap0 mode tap');
    expect(k.link('tap0')).toBeUndefined();
  });

  it('TUN devices are not modelled', () => {
    expect(error('ip tuntap add tun0 mode tun')).toMatch(/^ip tuntap add \.\.\. mode tun: not supported by vnetsim yet/);
  });

  it('ifconfig flips the link and speaks ioctl', () => {
    run('ifconfig tap0 up');
    expect(k.link('tap0')!.up).toBe(true);
    expect(error('ifconfig tap9 up')).toBe('tap9: ERROR while getting interface flags: No such device');
  });
});

describe('vconfig errors', () => {
  it.each([
    ['vconfig add eth9 100', 'ERROR: trying to add VLAN #100 to IF -:eth9:-  error: No such device'],
    ['vconfig add eth0 5000', 'ERROR: trying to add VLAN #5000 to IF -:eth0:-  error: Numerical result out of range'],
    ['vconfig add eth0 0', 'ERROR: trying to add VLAN #0 to IF -:eth0:-  error: Numerical result out of range'],
    ['vconfig rem eth0.300', 'ERROR: trying to remove VLAN -:eth0.300:- error: No such device'],
    ['vconfig rem eth0', 'ERROR: trying to remove VLAN -:eth0:- error: Invalid argument'],
  ])('%s', (line, expected) => {
    expect(error(line)).toBe(expected);
  });

  it('refuses the same VLAN twice, and removes it', () => {
    run('vconfig add eth0 100');
    expect(error('vconfig add eth0 100')).toBe('ERROR: trying to add VLAN #100 to IF -:eth0:-  error: File exists');
    expect(executeLine(k, 'vconfig rem eth0.100').output).toBe('Removed VLAN -:eth0.100:-\n');
    expect(k.link('eth0.100')).toBeUndefined();
  });
});

describe('ip address and ip route', () => {
  beforeEach(() => run('ip addr add 10.0.0.5/24 dev eth0'));

  it.each([
    ['ip addr add 10.0.0.5/24 dev eth0', 'RTNETLINK answers: File exists'],
    ['ip addr add 10.0.0.6/24 dev eth9', 'Cannot find device "eth9"'],
    ['ip addr del 10.0.0.9/24 dev eth0', 'RTNETLINK answers: Cannot assign requested address'],
    ['ip addr flush dev eth9', 'Device "eth9" does not exist.'],
    ['ip route add default via 192.168.1.1', 'RTNETLINK answers: Network is unreachable'],
    ['ip route add 10.1.0.0/16 via 10.0.0.1 dev eth9', 'Cannot find device "eth9"'],
    ['ip route add 10.1.0.5/16 via 10.0.0.1', 'Error: Invalid prefix for given prefix length.'],
    ['ip route del 10.9.0.0/16', 'RTNETLINK answers: No such process'],
  ])('%s', (line, expected) => {
    expect(error(line)).toBe(expected);
  });

  it('adds a default route through a connected gateway, once', () => {
    run('ip route add default via 10.0.0.1');
    expect(k.routes()).toContainEqual({ dest: 0, prefixLength: 0, via: parseIpv4('10.0.0.1'), dev: 'eth0', proto: 'static', src: null });
    expect(error('ip route add default via 10.0.0.1')).toBe('RTNETLINK answers: File exists');
    run('ip route del default');
    expect(k.routes().some((r) => r.prefixLength === 0)).toBe(false);
  });

  it('deletes and flushes addresses', () => {
    run('ip addr add 10.0.1.5/24 dev eth0', 'ip addr del 10.0.0.5/24 dev eth0');
    expect(k.link('eth0')!.addresses).toEqual([parseCidr('10.0.1.5/24')]);
    run('ip addr flush dev eth0');
    expect(k.link('eth0')!.addresses).toEqual([]);
  });
});

describe('bridge vlan', () => {
  beforeEach(() => run('ip link add br0 type bridge', 'ip tuntap add tap0 mode tap', 'ip tuntap add tap1 mode tap',
    'ip link set tap0 master br0'));

  it.each([
    ['bridge vlan add dev tap9 vid 100', 'Cannot find bridge device "tap9"'],
    ['bridge vlan add dev tap1 vid 100', 'RTNETLINK answers: Operation not supported'],
    ['bridge vlan add dev br0 vid 100', 'RTNETLINK answers: Operation not supported'],
    ['bridge vlan add dev tap0 vid 100 self', 'RTNETLINK answers: Operation not supported'],
    ['bridge vlan add dev tap0 vid 0', 'RTNETLINK answers: Invalid argument'],
    ['bridge vlan add dev tap0 vid 4095', 'RTNETLINK answers: Invalid argument'],
  ])('%s', (line, expected) => {
    expect(error(line)).toBe(expected);
  });

  it('makes a port an access port of VLAN 100', () => {
    run('bridge vlan add dev tap0 vid 100 pvid untagged', 'bridge vlan del dev tap0 vid 1', 'bridge vlan add dev br0 vid 100 self');
    expect(k.bridgeVlans().filter((v) => v.dev === 'tap0')).toEqual([{ dev: 'tap0', vid: 100, pvid: true, untagged: true }]);
    expect(k.bridgeVlans()).toContainEqual({ dev: 'br0', vid: 100, pvid: false, untagged: false });
  });

  it('adds a range', () => {
    run('bridge vlan add dev tap0 vid 10-12');
    expect(k.bridgeVlans().filter((v) => v.dev === 'tap0').map((v) => v.vid)).toEqual([1, 10, 11, 12]);
  });
});

describe('sysctl', () => {
  it('reads and writes in procps words', () => {
    expect(executeLine(k, 'sysctl net.ipv4.ip_forward')).toEqual({ ok: true, output: 'net.ipv4.ip_forward = 0\n', error: null });
    expect(executeLine(k, 'sysctl -w net.ipv4.ip_forward=1').output).toBe('net.ipv4.ip_forward = 1\n');
    expect(k.sysctlGet('net.ipv4.ip_forward')).toBe('1');
    expect(executeLine(k, 'sysctl -n net.ipv4.ip_forward').output).toBe('1\n');
    expect(executeLine(k, 'sysctl -q net.ipv4.ip_forward=0').output).toBe('');
  });

  it('complains about unknown keys and bad values', () => {
    expect(error('sysctl net.ipv4.frob')).toBe('sysctl: cannot stat /proc/sys/net/ipv4/frob: No such file or directory');
    expect(error('sysctl -w net.ipv4.ip_forward=2')).toBe('sysctl: setting key "net.ipv4.ip_forward": Invalid argument');
    expect(executeLine(k, 'sysctl -e net.ipv4.frob').ok).toBe(true);
  });
});
