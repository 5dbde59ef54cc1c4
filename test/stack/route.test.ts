/** Route lookup: longest prefix, the first added among equals, devices that are down skipped. */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { RunContext } from '../../src/net/core/run-context.js';
import { Host } from '../../src/nodes/host.js';
import { MacAllocator } from '../../src/nodes/mac-allocator.js';
import { parseIpv4 } from '../../src/wire/ipv4-address.js';
import { outputOf } from '../linux/lines.js';

const ip = (s: string) => parseIpv4(s)!;

function host(lines: string[]) {
  const h = new Host(new RunContext(new Engine(1)), 'h1', new MacAllocator());
  for (const name of ['eth0', 'eth1', 'eth2']) h.addPhysicalNic(name, null);
  for (const line of lines) outputOf(h, line);
  const via = (dst: string) => {
    const r = h.stack.lookupRoute(ip(dst));
    return r === null ? null : `${r.dev.ifname} ${r.prefixLength}`;
  };
  return { h, via };
}

describe('route lookup', () => {
  it('takes the longest prefix whatever the order the routes were added in', () => {
    const { via } = host([
      'ip addr add 10.0.0.1/8 dev eth0', 'ip route add default via 10.0.0.254',
      'ip addr add 10.1.0.1/16 dev eth1', 'ip route add 10.1.2.0/24 dev eth2', 'ip route add 10.1.2.3/32 dev eth0',
    ]);
    expect([via('10.9.9.9'), via('10.1.9.9'), via('10.1.2.9'), via('10.1.2.3'), via('192.0.2.1')])
      .toEqual(['eth0 8', 'eth1 16', 'eth2 24', 'eth0 32', 'eth0 0']);
  });

  it('among equal prefixes takes the one added first, and skips routes whose device is down', () => {
    const { h, via } = host(['ip addr add 10.0.0.1/24 dev eth1', 'ip addr add 10.0.0.2/24 dev eth0', 'ip addr add 10.0.1.1/16 dev eth2']);
    expect(via('10.0.0.9')).toBe('eth1 24');
    outputOf(h, 'ip link set eth1 down');
    expect(via('10.0.0.9')).toBe('eth0 24');
    outputOf(h, 'ip link set eth0 down');
    expect(via('10.0.0.9')).toBe('eth2 16');
    outputOf(h, 'ip link set eth2 down');
    expect(via('10.0.0.9')).toBeNull();
  });

  it('keeps the table in the order routes were added, and a lookup returns the route itself', () => {
    const { h } = host(['ip addr add 10.0.0.1/8 dev eth0', 'ip addr add 10.1.0.1/16 dev eth1']);
    expect(h.stack.routes.map((r) => r.prefixLength)).toEqual([8, 16]);
    expect(h.stack.lookupRoute(ip('10.1.0.9'))).toBe(h.stack.routes[1]);
    // The first connected subnet added that contains the address, not the longest.
    expect(h.stack.connectedDeviceFor(ip('10.1.0.9'))?.ifname).toBe('eth0');
    outputOf(h, 'ip route del 10.1.0.0/16');
    expect(h.stack.lookupRoute(ip('10.1.0.9'))).toBe(h.stack.routes[0]);
  });
});
