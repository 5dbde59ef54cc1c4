import type { EthernetFrame } from '../../wire/ethernet.js';
import { Netdev } from './netdev.js';
import type { Pipe } from '../link/pipe.js';

const TUN_SPEED = 10e6;

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

  /** The tun driver's fixed answer: 10 Mb/s. */
  override get speed(): number {
    return TUN_SPEED;
  }

  protected output(frame: EthernetFrame): void {
    if (this.toGuest === null) this.net.drop(this, frame, 'no-carrier');
    else this.toGuest.send(frame);
  }
}
