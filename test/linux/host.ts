/**
 * A real simulated host for the command tests, built the way a scenario file builds one (through
 * the public API): host1 with its physical NIC eth0 (52:54:00:12:34:56) cabled to host2's, and
 * whatever VMs a test adds. The kernel the commands talk to is this host, not a double. The
 * cable queues 300 frames and the hypervisor hop 500, so `ip link`'s qlen shows where each comes from.
 */
import { prepareScenario, type Simulation } from '../../src/index.js';
import type { Host } from '../../src/nodes/host.js';

export interface TestHost {
  readonly sim: Simulation;
  readonly host: Host;
}

/** `vms` are `name tap ip/len` triples; the VMs run, so their TAPs have carrier. */
export function testHost(vms: readonly (readonly [string, string, string])[] = []): TestHost {
  const doc = {
    name: 'command-tests',
    duration: '10s',
    defaults: { link: { queue: 300 }, hypervisor: { queue: 500 } },
    hosts: [
      { name: 'host1', nics: [{ name: 'eth0', mac: '52:54:00:12:34:56' }], vms: vms.map(([name, tap, ip]) => ({ name, tenant: 'blue', tap, ip })) },
      { name: 'host2', nics: ['eth0'] },
    ],
    links: [{ a: 'host1/eth0', b: 'host2/eth0' }],
  };
  const prepared = prepareScenario(JSON.stringify(doc), 'command-tests.json');
  if (!prepared.ok) throw new Error(prepared.problems.map((p) => p.message).join('\n'));
  const host = prepared.sim.hosts.get('host1');
  if (host === undefined) throw new Error('no host1');
  return { sim: prepared.sim, host };
}
