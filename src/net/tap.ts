import type { EthernetFrame } from '../wire/frame.js';
import { Netdev } from './netdev.js';
import type { Pipe } from './pipe.js';

/**
 * The host side of a VM's NIC: a TAP netdev. Frames the host sends out of it go through the
 * hypervisor hop (the qemu process reading /dev/net/tun) into the guest's virtual NIC. With no VM
 * attached there is no carrier and frames are dropped, as with a TAP no process holds open.
 */
export class TapDevice extends Netdev {
  // On the prototype, not per instance: one field less on each of 10,000 TAPs.
  get kind(): 'tap' {
    return 'tap';
  }
  toGuest: Pipe | null = null;

  get carrier(): boolean {
    return this.toGuest !== null;
  }

  protected output(frame: EthernetFrame): void {
    if (this.toGuest === null) this.net.drop(this, frame, 'no-carrier');
    else this.toGuest.send(frame);
  }
}

/** The guest's virtual NIC (virtio-net `eth0` inside the VM). Frames leave through the hypervisor hop to the TAP. */
export class VirtualNic extends Netdev {
  get kind(): 'vnic' {
    return 'vnic';
  }
  toHost: Pipe | null = null;

  get carrier(): boolean {
    return this.toHost !== null;
  }

  protected output(frame: EthernetFrame): void {
    if (this.toHost === null) this.net.drop(this, frame, 'no-carrier');
    else this.toHost.send(frame);
  }
}
