/**
 * The kernel contract: what the command layer relies on from any `LinuxKernel`, as tests that
 * run unchanged against every implementation (kernel-contract.test.ts). Each case pins one answer
 * the tools turn into a message: which errno, in which order of checks, and what a view shows
 * after a change. A subject starts as a host kernel with one physical NIC, eth0, and nothing else
 * the commands make; no VM named vm9 runs on it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { LinuxKernel } from '../../src/linux/core/kernel.js';
import type { NatRule } from '../../src/linux/core/nat-rule.js';
import { parseCidr, parseIpv4 } from '../../src/wire/ipv4-address.js';

const S = 1e9;
const cidr = (text: string) => parseCidr(text) ?? { address: 0, prefixLength: 0 };
const ip = (text: string): number => parseIpv4(text) ?? 0;

export function kernelContract(name: string, make: () => LinuxKernel): void {
  describe(`the kernel contract: ${name}`, () => {
    let k: LinuxKernel;
    beforeEach(() => {
      k = make();
    });

    describe('links', () => {
      it('starts with eth0, a physical NIC that is up; a name not there has no view', () => {
        expect(k.links().map((l) => l.ifname)).toEqual(['eth0']);
        expect(k.link('eth0')).toMatchObject({ kind: 'nic', up: true, master: null, mtu: 1500, vlan: null });
        expect(k.link('eth9')).toBeUndefined();
      });

      it('gives each new link the next ifindex, in creation order', () => {
        expect(k.addBridge('br0')).toBeNull();
        expect(k.addTap('tap0')).toBeNull();
        expect(k.addVlan('eth0', 'eth0.100', 100)).toBeNull();
        const index = (n: string): number => k.link(n)?.ifindex ?? -1;
        expect([index('eth0'), index('br0'), index('tap0'), index('eth0.100')]).toEqual([2, 3, 4, 5]);
      });

      it('makes bridges and TAPs down; a name in use is EEXIST', () => {
        expect(k.addBridge('br0')).toBeNull();
        expect(k.addTap('tap0')).toBeNull();
        expect(k.link('br0')).toMatchObject({ kind: 'bridge', up: false });
        expect(k.link('tap0')).toMatchObject({ kind: 'tap', up: false, lowerUp: false });
        expect(k.addBridge('br0')).toBe('EEXIST');
        expect(k.addBridge('eth0')).toBe('EEXIST');
        expect(k.addTap('br0')).toBe('EEXIST');
        expect(k.bridges()).toMatchObject([{ ifname: 'br0', stp: false, ports: [], vlanFiltering: false, ageingNs: 300 * S }]);
      });

      it('VLAN sub-interfaces: parent first, then the name, then the VID, then the VID on that parent', () => {
        expect(k.addVlan('eth9', 'eth9.100', 100)).toBe('ENODEV');
        expect(k.addVlan('eth0', 'eth0', 0)).toBe('EEXIST');
        expect(k.addVlan('eth0', 'eth0.0', 0)).toBe('EINVAL');
        expect(k.addVlan('eth0', 'eth0.4095', 4095)).toBe('EINVAL');
        expect(k.addVlan('eth0', 'eth0.100', 100)).toBeNull();
        expect(k.addVlan('eth0', 'vlan100', 100)).toBe('EEXIST');
        expect(k.link('eth0.100')).toMatchObject({ kind: 'vlan', vlan: { parent: 'eth0', vid: 100 } });
      });

      it('deletes what the commands made, not the hardware, nor a parent with VLANs on it', () => {
        expect(k.deleteLink('eth9')).toBe('ENODEV');
        expect(k.deleteLink('eth0')).toBe('EOPNOTSUPP');
        k.addTap('tap0');
        k.addVlan('tap0', 'tap0.5', 5);
        expect(k.deleteLink('tap0')).toBe('EBUSY');
        expect(k.deleteLink('tap0.5')).toBeNull();
        expect(k.deleteLink('tap0')).toBeNull();
        expect(k.link('tap0')).toBeUndefined();
      });

      it('deleting a bridge releases its ports', () => {
        k.addBridge('br0');
        k.addTap('tap0');
        k.setMaster('tap0', 'br0');
        expect(k.deleteLink('br0')).toBeNull();
        expect(k.link('tap0')?.master).toBeNull();
      });

      it('flags, MAC and MTU: ENODEV for a name not there; the MTU within 68..65535', () => {
        for (const e of [k.setUp('eth9', true), k.setMac('eth9', 2), k.setMtu('eth9', 1500), k.setPromisc('eth9', true)]) {
          expect(e).toBe('ENODEV');
        }
        expect(k.setMtu('eth0', 67)).toBe('EINVAL');
        expect(k.setMtu('eth0', 65536)).toBe('EINVAL');
        expect(k.setMtu('eth0', 9000)).toBeNull();
        expect(k.setMac('eth0', 0x525400aabbcc)).toBeNull();
        expect(k.setUp('eth0', false)).toBeNull();
        expect(k.setPromisc('eth0', true)).toBeNull();
        expect(k.link('eth0')).toMatchObject({ mtu: 9000, mac: 0x525400aabbcc, up: false });
      });
    });

    describe('bridge ports', () => {
      beforeEach(() => {
        k.addBridge('br0');
        k.addBridge('br1');
        k.addTap('tap0');
      });

      it('refuses a port or master not there, a master that is no bridge, and a bridge in a bridge', () => {
        expect(k.setMaster('tap9', 'br0')).toBe('ENODEV');
        expect(k.setMaster('tap0', 'br9')).toBe('ENODEV');
        expect(k.setMaster('tap0', 'eth0')).toBe('EOPNOTSUPP');
        expect(k.setMaster('br1', 'br0')).toBe('ELOOP');
        expect(k.setMaster('br0', 'br0')).toBe('ELOOP');
      });

      it('enslaves once; another bridge while enslaved is EBUSY; releasing is idempotent', () => {
        expect(k.setMaster('tap0', 'br0')).toBeNull();
        expect(k.setMaster('tap0', 'br0')).toBeNull();
        expect(k.link('tap0')?.master).toBe('br0');
        expect(k.bridges().find((b) => b.ifname === 'br0')?.ports).toEqual(['tap0']);
        expect(k.setMaster('tap0', 'br1')).toBe('EBUSY');
        expect(k.setMaster('tap0', null)).toBeNull();
        expect(k.setMaster('tap0', null)).toBeNull();
        expect(k.link('tap0')?.master).toBeNull();
      });

      it('a port\'s own address is a permanent entry of the forwarding table', () => {
        k.setMaster('tap0', 'br0');
        const mac = k.link('tap0')?.mac;
        expect(k.fdb('br0')).toContainEqual({ mac, port: 'tap0', bridge: 'br0', vid: null, local: true, ageNs: 0 });
        expect(k.fdb('br1')).toEqual([]);
      });
    });

    describe('bridge attributes and spanning tree', () => {
      beforeEach(() => {
        k.addBridge('br0');
        k.addTap('tap0');
      });

      it('ageing, STP and VLAN filtering of a bridge; ENODEV for a name that is no bridge', () => {
        expect(k.setBridgeAgeing('br0', 30 * S)).toBeNull();
        expect(k.setBridgeStp('br0', true)).toBeNull();
        expect(k.setBridgeVlanFiltering('br0', true)).toBeNull();
        expect(k.bridges()[0]).toMatchObject({ ageingNs: 30 * S, stp: true, vlanFiltering: true });
        expect(k.setBridgeAgeing('br9', S)).toBe('ENODEV');
        expect(k.setBridgeStp('eth0', true)).toBe('ENODEV');
        expect(k.setBridgeVlanFiltering('tap0', true)).toBe('ENODEV');
      });

      it('bridge timers within the kernel\'s ranges (the forward delay only while STP runs)', () => {
        expect(k.setBridgeStpParam('br0', 'priority', 0x10000)).toBe('EINVAL');
        expect(k.setBridgeStpParam('br0', 'priority', 0x1000)).toBeNull();
        expect(k.bridges()[0]?.bridgeId).toMatch(/^1000\./);
        expect(k.setBridgeStpParam('br0', 'helloTime', S / 2)).toBe('ERANGE');
        expect(k.setBridgeStpParam('br0', 'maxAge', 41 * S)).toBe('ERANGE');
        expect(k.setBridgeStpParam('br0', 'forwardDelay', S)).toBeNull();
        k.setBridgeStp('br0', true);
        expect(k.setBridgeStpParam('br0', 'forwardDelay', S)).toBe('ERANGE');
        expect(k.setBridgeStpParam('br9', 'maxAge', 20 * S)).toBe('ENODEV');
      });

      it('port settings: only for ports of that bridge, within range', () => {
        k.setMaster('tap0', 'br0');
        expect(k.setBridgePortStpParam('br0', 'tap0', 'pathCost', 4)).toBeNull();
        expect(k.setBridgePortStpParam('br0', 'tap0', 'pathCost', 0)).toBe('ERANGE');
        expect(k.setBridgePortStpParam('br0', 'tap0', 'priority', 63)).toBeNull();
        expect(k.setBridgePortStpParam('br0', 'tap0', 'priority', 64)).toBe('ERANGE');
        expect(k.setBridgePortStpParam('br0', 'eth0', 'pathCost', 4)).toBe('EINVAL');
        expect(k.setBridgePortStpParam('br0', 'tap9', 'pathCost', 4)).toBe('ENODEV');
        expect(k.bridgeStp('br0')?.ports).toMatchObject([{ ifname: 'tap0', portNo: 1, pathCost: 4 }]);
        expect(k.bridgeStp('eth0')).toBeUndefined();
      });
    });

    describe('bridge VLANs', () => {
      beforeEach(() => {
        k.addBridge('br0');
        k.addTap('tap0');
        k.addTap('tap1');
        k.setMaster('tap0', 'br0');
      });

      it('a new port and the bridge itself carry VLAN 1, untagged, as PVID', () => {
        expect(k.bridgeVlans()).toContainEqual({ dev: 'tap0', vid: 1, pvid: true, untagged: true });
        expect(k.bridgeVlans()).toContainEqual({ dev: 'br0', vid: 1, pvid: true, untagged: true });
      });

      it('adds and removes a port\'s VLANs; refuses reserved VIDs, devices not there and devices in no bridge', () => {
        expect(k.bridgeVlanAdd('tap0', 0, false, false)).toBe('EINVAL');
        expect(k.bridgeVlanAdd('tap0', 4095, false, false)).toBe('EINVAL');
        expect(k.bridgeVlanAdd('tap9', 100, false, false)).toBe('ENODEV');
        expect(k.bridgeVlanAdd('tap1', 100, false, false)).toBe('EOPNOTSUPP');
        expect(k.bridgeVlanAdd('tap0', 100, true, true)).toBeNull();
        expect(k.bridgeVlanDel('tap0', 1)).toBeNull();
        expect(k.bridgeVlanAdd('br0', 200, false, false)).toBeNull();
        const of = (dev: string) => k.bridgeVlans().filter((v) => v.dev === dev);
        expect(of('tap0')).toEqual([{ dev: 'tap0', vid: 100, pvid: true, untagged: true }]);
        expect(of('br0')).toContainEqual({ dev: 'br0', vid: 200, pvid: false, untagged: false });
      });
    });

    describe('addresses and routes', () => {
      it('adds an address once, deletes only one that is there, flushes', () => {
        expect(k.addAddress('eth9', cidr('10.0.0.5/24'))).toBe('ENODEV');
        expect(k.addAddress('eth0', cidr('10.0.0.5/24'))).toBeNull();
        expect(k.addAddress('eth0', cidr('10.0.0.5/24'))).toBe('EEXIST');
        expect(k.addAddress('eth0', cidr('10.0.1.5/24'))).toBeNull();
        expect(k.deleteAddress('eth0', cidr('10.0.9.5/24'))).toBe('EADDRNOTAVAIL');
        expect(k.deleteAddress('eth0', cidr('10.0.0.5/24'))).toBeNull();
        expect(k.link('eth0')?.addresses).toEqual([cidr('10.0.1.5/24')]);
        expect(k.flushAddresses('eth0')).toBeNull();
        expect(k.link('eth0')?.addresses).toEqual([]);
        expect(k.flushAddresses('eth9')).toBe('ENODEV');
      });

      it('an address makes its connected route', () => {
        k.addAddress('eth0', cidr('10.0.0.5/24'));
        expect(k.routes()).toContainEqual({ dest: ip('10.0.0.0'), prefixLength: 24, via: null, dev: 'eth0', proto: 'kernel', src: ip('10.0.0.5') });
      });

      it('static routes: a gateway must be on a connected subnet; the same destination once; deleting one not there is ESRCH', () => {
        k.addAddress('eth0', cidr('10.0.0.5/24'));
        expect(k.addRoute(0, 0, ip('192.168.1.1'), null)).toBe('ENETUNREACH');
        expect(k.addRoute(ip('10.1.0.0'), 16, ip('10.0.0.1'), 'eth9')).toBe('ENODEV');
        expect(k.addRoute(0, 0, ip('10.0.0.1'), null)).toBeNull();
        expect(k.routes()).toContainEqual({ dest: 0, prefixLength: 0, via: ip('10.0.0.1'), dev: 'eth0', proto: 'static', src: null });
        expect(k.addRoute(0, 0, ip('10.0.0.1'), null)).toBe('EEXIST');
        expect(k.deleteRoute(ip('10.9.0.0'), 16)).toBe('ESRCH');
        expect(k.deleteRoute(0, 0)).toBeNull();
        expect(k.routes().some((r) => r.prefixLength === 0)).toBe(false);
      });
    });

    describe('NAT, sysctl, migration', () => {
      const rule: NatRule = { source: cidr('192.168.122.0/24'), outDev: 'eth0' };

      it('MASQUERADE rules: appended in order, deleted only when one matches (ENOENT), flushed', () => {
        expect(k.natAppend(rule)).toBeNull();
        expect(k.natAppend({ source: null, outDev: 'eth1' })).toBeNull();
        expect(k.natRules()).toEqual([rule, { source: null, outDev: 'eth1' }]);
        expect(k.natDelete({ source: null, outDev: 'eth0' })).toBe('ENOENT');
        expect(k.natDelete(rule)).toBeNull();
        expect(k.natFlush()).toBeNull();
        expect(k.natRules()).toEqual([]);
      });

      it('sysctl: the keys it models read as 0/1; others have no value and cannot be set (ENOENT); other values are EINVAL', () => {
        expect(k.sysctlGet('net.ipv4.ip_forward')).toBe('0');
        expect(k.sysctlGet('net.ipv4.frob')).toBeUndefined();
        expect(k.sysctlSet('net.ipv4.frob', '1')).toBe('ENOENT');
        expect(k.sysctlSet('net.ipv4.ip_forward', '2')).toBe('EINVAL');
        expect(k.sysctlSet('net.ipv4.ip_forward', '1')).toBeNull();
        expect(k.sysctlGet('net.ipv4.ip_forward')).toBe('1');
      });

      it('a domain that does not run here is not migrated, in libvirt\'s words', () => {
        expect(k.migrateVm('vm9', 'host2')).toEqual({ kind: 'libvirt', message: "error: failed to get domain 'vm9'" });
      });
    });
  });
}
