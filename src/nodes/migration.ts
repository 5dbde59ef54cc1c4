/**
 * `virsh migrate --live` between the hosts of one simulation: the checks libvirt makes, the TAP on
 * the destination, its bridge, and the move of the VM itself (vm.ts stops and resumes it).
 *
 * Invariants: a migration either happens whole or changes nothing (every check is made before the
 * first device is touched, so a refused one leaves the VM running where it was); the VM keeps its
 * MAC and address; its TAP on the destination keeps the old TAP's name unless a running VM holds
 * that name there (then `vnetN`, the first free one), and is enslaved to the bridge of the same name.
 */
import { MS } from '../engine/time.js';
import { TapDevice } from '../net/dev/tap.js';
import type { Host, VmMigrator } from './host.js';
import { tapMacFor, type Vm } from './vm.js';

/** The VM's pause between leaving its host and running on the next (live migration's stop-and-copy). */
export const MIGRATION_DOWNTIME = 100 * MS;

/** Moves VMs between the hosts it knows, as libvirt does; each host asks it through `Host.migrator`. */
export class Migrator implements VmMigrator {
  constructor(private readonly hosts: ReadonlyMap<string, Host>, private readonly vms: ReadonlyMap<string, Vm>) {}

  migrate(name: string, from: Host, to: string): string | null {
    const vm = this.vms.get(name);
    if (vm === undefined || vm.host !== from) return `error: failed to get domain '${name}'`;
    if (vm.tap.toGuest === null || vm.tap.guestPaused) return `error: Requested operation is not valid: domain '${name}' is not running`;
    const dest = this.hosts.get(to);
    if (dest === undefined) return `error: failed to connect to the hypervisor\nerror: Cannot recv data: ssh: Could not resolve hostname ${to}: Name or service not known`;
    if (dest === from) return `error: Requested operation is not valid: domain '${name}' is already running on ${to}`;
    const master = vm.tap.masterName;
    // libvirt plugs the VM into the same bridge on the destination, and gives up when there is none.
    if (master !== null && dest.device(master) === undefined) return `error: Cannot get interface MTU on '${master}': No such device`;
    vm.migrate(dest, destinationTap(dest, vm, master), MIGRATION_DOWNTIME);
    return null;
  }
}

/** The TAP the VM runs behind on `dest`: a free one of the old name, or a new one enslaved to `master`. */
function destinationTap(dest: Host, vm: Vm, master: string | null): TapDevice {
  let ifname = vm.tap.ifname;
  const existing = dest.device(ifname);
  if (existing instanceof TapDevice && existing.toGuest === null) return existing;
  if (existing !== undefined) for (let i = 0; dest.device((ifname = `vnet${i}`)) !== undefined; i++);
  const tap = dest.createTapForVm(ifname, tapMacFor(vm.nic.mac));
  if (master !== null) dest.setMaster(ifname, master);
  return tap;
}
