import type { EthernetFrame } from '../../wire/ethernet.js';
import { Netdev } from './netdev.js';
import type { Pipe } from '../link/pipe.js';

/** A host's physical NIC (eth0). Its cable is the sending direction of a link. */
export class PhysicalNic extends Netdev {
  readonly kind = 'nic' as const;
  cable: Pipe | null = null;

  get carrier(): boolean {
    return this.cable !== null && this.cable.up;
  }

  /** Its queue is its cable's: the frames waiting to go onto the line. */
  override get txQueueLen(): number {
    return this.cable === null ? 1000 : this.cable.params.queueFrames;
  }

  /** A physical NIC runs at its cable's rate. */
  override get speed(): number | null {
    return this.cable === null ? null : this.cable.params.rate;
  }

  protected output(frame: EthernetFrame): void {
    if (this.cable === null) this.net.drop(this, frame, 'no-carrier');
    else this.cable.send(frame);
  }
}
