import type { EthernetFrame } from '../../wire/ethernet.js';
import type { Pipe } from '../link/pipe.js';
import { Netdev } from './netdev.js';

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
