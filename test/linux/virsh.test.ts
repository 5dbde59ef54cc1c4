/** `virsh migrate`: the one virsh command modelled, its URI, and what is refused. */
import { describe, expect, it } from 'vitest';
import { testHost } from './host.js';
import { errorOf, outputOf } from './lines.js';

describe('virsh migrate', () => {
  it('asks the kernel to move the domain to the host named in the URI', () => {
    const { sim, host: k } = testHost([['vm1', 'tap0', '10.0.0.1/24'], ['vm2', 'tap1', '10.0.0.2/24']]);
    outputOf(k, 'virsh migrate --live --verbose vm1 qemu+ssh://root@host2/system');
    outputOf(k, 'virsh migrate vm2 qemu+tcp://host2:16509/system');
    sim.engine.run({ until: 1e9 });
    expect([sim.vms.get('vm1')?.host.name, sim.vms.get('vm2')?.host.name]).toEqual(['host2', 'host2']);
    expect(errorOf(k, 'virsh migrate vm1 qemu+ssh://nowhere/system')).toBe("error: failed to get domain 'vm1'");
    expect(errorOf(sim.hosts.get('host2') ?? k, 'virsh migrate vm1 qemu+ssh://nowhere/system')).toBe(
      'error: failed to connect to the hypervisor\nerror: Cannot recv data: ssh: Could not resolve hostname nowhere: Name or service not known');
  });

  it('refuses other commands, options and URIs with a reason', () => {
    const { host: k } = testHost();
    expect(errorOf(k, 'virsh list --all')).toMatch(/^virsh list: not supported by vnetsim yet \(supported: virsh migrate/);
    expect(errorOf(k, 'virsh migrate --offline vm1 qemu+ssh://host2/system')).toMatch(/^virsh migrate --offline: not supported/);
    expect(errorOf(k, 'virsh migrate vm1')).toBe("error: command 'migrate' requires <domain> and <desturi> options");
    expect(errorOf(k, 'virsh migrate vm1 host2')).toBe('error: invalid argument: Unable to parse URI host2 (use qemu+ssh://HOST/system)');
  });
});
