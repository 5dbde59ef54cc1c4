import type { EthernetFrame } from '../../wire/ethernet.js';
import { Netdev } from './netdev.js';
import type { Pipe } from '../link/pipe.js';

const TUN_SPEED = 10e6;

/**
 * The host side of a VM's NIC: a TAP netdev. Frames the host sends out of it go through the
 * hypervisor hop (the qemu process reading /dev/net/tun) into the guest's virtual NIC. With no VM
 * attached there is no carrier and frames are dropped, as with a TAP no process holds open.
 *
 * While its VM is paused (a migration's stop-and-copy) qemu keeps the TAP's file descriptor open
 * but reads nothing: the TAP keeps carrier, so the host sees no link change, and each frame sent
 * into it is dropped there (`vm-paused`). Linux's tun would hold up to its txqueuelen of them,
 * and free them unread when the source qemu exits after the migration; the model drops each as
 * it comes instead of holding it, so the frames are lost all the same, only counted sooner.
 */
export class TapDevice extends Netdev {
  // On the prototype, not per instance: one field less on each of 10,000 TAPs.
  get kind(): 'tap' {
    return 'tap';
  }
  toGuest: Pipe | null = null;
  /** The VM behind it is paused: carrier stays, frames go nowhere (on the prototype until set). */
  declare guestPaused: boolean;

  get carrier(): boolean {
    return this.toGuest !== null;
  }

  /** Frames for the guest wait in the hypervisor hop's queue toward it (the TAP's txqueuelen). */
  override get txQueueLen(): number {
    return this.toGuest === null ? 1000 : this.toGuest.params.queueFrames;
  }

  /** The tun driver's fixed answer: 10 Mb/s. */
  override get speed(): number {
    return TUN_SPEED;
  }

  protected output(frame: EthernetFrame): void {
    if (this.toGuest === null) this.net.drop(this, frame, 'no-carrier');
    else if (this.guestPaused) this.net.drop(this, frame, 'vm-paused');
    else this.toGuest.send(frame);
  }
}

TapDevice.prototype.guestPaused = false;
