/**
 * A physical host: the host kernel (host-kernel.ts) plus the NICs from the scenario's hardware
 * list, the TAPs its hypervisor makes for VMs, and live migration through a `VmMigrator`.
 */
import type { LibvirtError } from '../linux/core/kernel.js';
import { PhysicalNic } from '../net/dev/physical-nic.js';
import { TapDevice } from '../net/dev/tap.js';
import type { Mac } from '../wire/mac.js';
import { HostKernel } from './host-kernel.js';

/** Moves a VM running on `from` to the host named `to`; an error message as virsh words it, or null. */
export interface VmMigrator {
  migrate(vm: string, from: Host, to: string): string | null;
}

/**
 * A physical host (a virtualization node): a Linux kernel with netdevs and an IP stack
 * (host-kernel.ts), configured through the `LinuxKernel` calls the command language makes, plus
 * what the machine and its hypervisor bring: NICs from the scenario's hardware list, the TAPs the
 * hypervisor makes for its VMs (see vm.ts), and live migration to another host.
 */
export class Host extends HostKernel {
  /** A physical NIC from the scenario's hardware list; up, as the host's boot configuration leaves it. */
  addPhysicalNic(ifname: string, mac: Mac | null): PhysicalNic {
    const m = mac ?? this.macs.forHostDevice(`${this.name}/${ifname}`);
    const nic = new PhysicalNic(this.net, this.name, ifname, m, this.nextIfindex++);
    nic.up = true;
    this.register(nic);
    return nic;
  }

  /** A TAP made by the hypervisor for a VM (as libvirt does): up. */
  createTapForVm(ifname: string, mac: Mac): TapDevice {
    const tap = new TapDevice(this.net, this.name, ifname, mac, this.nextIfindex++);
    tap.up = true;
    this.register(tap);
    return tap;
  }

  /** What moves VMs between hosts: the simulation's, set when the hosts are built. */
  migrator: VmMigrator | null = null;

  migrateVm(vm: string, host: string): LibvirtError | null {
    const message = this.migrator === null ? 'error: failed to connect to the hypervisor' : this.migrator.migrate(vm, this, host);
    return message === null ? null : { kind: 'libvirt', message };
  }
}
