/** `iptables -t nat ... -j MASQUERADE`: the rules a host keeps, how they are listed, and what is refused. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../src/nodes/host.js';
import { testHost } from './host.js';
import { errorOf, outputOf } from './lines.js';

let k: Host;
const run = (line: string) => outputOf(k, line);
const error = (line: string) => errorOf(k, line);

beforeEach(() => {
  k = testHost().host;
});

describe('iptables -t nat', () => {
  it('appends MASQUERADE rules and lists them as -S prints them', () => {
    run('iptables -t nat -A POSTROUTING -s 192.168.122.0/24 -o eth0 -j MASQUERADE');
    run('sudo iptables --table nat --append POSTROUTING --out-interface eth1 --jump MASQUERADE');
    expect(run('iptables -t nat -S')).toBe([
      '-P PREROUTING ACCEPT', '-P INPUT ACCEPT', '-P OUTPUT ACCEPT', '-P POSTROUTING ACCEPT',
      '-A POSTROUTING -s 192.168.122.0/24 -o eth0 -j MASQUERADE',
      '-A POSTROUTING -o eth1 -j MASQUERADE',
    ].map((l) => `${l}\n`).join(''));
    expect(run('iptables -t nat -S POSTROUTING')).toBe('-P POSTROUTING ACCEPT\n-A POSTROUTING -s 192.168.122.0/24 -o eth0 -j MASQUERADE\n-A POSTROUTING -o eth1 -j MASQUERADE\n');
  });

  it('lists the POSTROUTING chain as -L -n prints it', () => {
    run('iptables -t nat -A POSTROUTING -s 10.1.0.0/16 -j MASQUERADE');
    expect(run('iptables -t nat -L POSTROUTING -n')).toBe([
      'Chain POSTROUTING (policy ACCEPT)',
      'target     prot opt source               destination',
      'MASQUERADE  all  --  10.1.0.0/16          0.0.0.0/0',
    ].map((l) => `${l}\n`).join(''));
    expect(run('iptables -t nat -L POSTROUTING')).toContain('anywhere');
  });

  it('deletes a rule only when one matches, and flushes', () => {
    run('iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE');
    expect(error('iptables -t nat -D POSTROUTING -o eth1 -j MASQUERADE')).toBe('iptables: Bad rule (does a matching rule exist in that chain?).');
    run('iptables -t nat -D POSTROUTING -o eth0 -j MASQUERADE');
    expect(k.natRules()).toEqual([]);
    run('iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE');
    run('iptables -t nat -F');
    expect(k.natRules()).toEqual([]);
  });

  it('refuses, by name, what it does not model', () => {
    expect(error('iptables -A INPUT -p tcp --dport 22 -j ACCEPT')).toMatch(/^iptables -t filter \(the filter table\): not supported by vnetsim yet/);
    expect(error('iptables -t nat -A POSTROUTING -o eth0 -j SNAT --to-source 10.0.0.1')).toMatch(/^iptables --to-source: not supported by vnetsim yet/);
    expect(error('iptables -t nat -A PREROUTING -p tcp --dport 80 -j DNAT')).toMatch(/^iptables -p: not supported by vnetsim yet/);
    expect(error('iptables -t nat -A POSTROUTING -o eth0 -j SNAT')).toMatch(/^iptables -t nat -A POSTROUTING -j SNAT: not supported by vnetsim yet/);
    expect(error('iptables -t nat -A POSTROUTING -s 10.0.0.300/24 -j MASQUERADE')).toBe("iptables v1.8.9 (legacy): host/network `10.0.0.300/24' not found");
    expect(error('iptables -t nat -A NOSUCH -j MASQUERADE')).toBe('iptables: No chain/target/match by that name.');
  });
});
