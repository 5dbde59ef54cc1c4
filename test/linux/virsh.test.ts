/** `virsh migrate`: the one virsh command modelled, its URI, and what is refused. */
import { describe, expect, it } from 'vitest';
import { FakeKernel } from './fake-kernel.js';
import { errorOf, outputOf } from './lines.js';

describe('virsh migrate', () => {
  it('asks the kernel to move the domain to the host named in the URI', () => {
    const k = new FakeKernel();
    outputOf(k, 'virsh migrate --live --verbose vm1 qemu+ssh://root@host2/system');
    outputOf(k, 'virsh migrate vm2 qemu+tcp://host3:16509/system');
    expect(k.migrations).toEqual([{ vm: 'vm1', host: 'host2' }, { vm: 'vm2', host: 'host3' }]);
    expect(errorOf(k, 'virsh migrate vm1 qemu+ssh://nowhere/system')).toBe('error: failed to connect to the hypervisor');
  });

  it('refuses other commands, options and URIs with a reason', () => {
    const k = new FakeKernel();
    expect(errorOf(k, 'virsh list --all')).toMatch(/^virsh list: not supported by vnetsim yet \(supported: virsh migrate/);
    expect(errorOf(k, 'virsh migrate --offline vm1 qemu+ssh://host2/system')).toMatch(/^virsh migrate --offline: not supported/);
    expect(errorOf(k, 'virsh migrate vm1')).toBe("error: command 'migrate' requires <domain> and <desturi> options");
    expect(errorOf(k, 'virsh migrate vm1 host2')).toBe('error: invalid argument: Unable to parse URI host2 (use qemu+ssh://HOST/system)');
  });
});
