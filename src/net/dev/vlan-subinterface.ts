import type { EthernetFrame } from '../../wire/ethernet.js';
import { Netdev, type VlanChild } from './netdev.js';
import { popTag, pushTag } from '../core/tagging.js';

/**
 * An 802.1Q VLAN sub-interface (`eth0.100`): frames sent through it leave its parent tagged with
 * its VID; frames arriving on the parent tagged with its VID come up through it, untagged.
 */
export class VlanSubinterface extends Netdev implements VlanChild {
  readonly kind = 'vlan' as const;

  constructor(
    net: ConstructorParameters<typeof Netdev>[0],
    owner: string,
    ifname: string,
    ifindex: number,
    readonly parent: Netdev,
    readonly vid: number,
  ) {
    super(net, owner, ifname, parent.mac, ifindex);
    (parent.vlanChildren ??= []).push(this);
  }

  get carrier(): boolean {
    return this.parent.up && this.parent.carrier;
  }

  /** A VLAN sub-interface reports its parent's speed. */
  override get speed(): number | null {
    return this.parent.speed;
  }

  protected output(frame: EthernetFrame): void {
    this.parent.transmit(pushTag(this.net, frame, this.vid));
  }

  receiveFromParent(frame: EthernetFrame): void {
    this.receive(popTag(this.net, frame));
  }

  /** Unregisters from the parent (`vconfig rem`, `ip link del`). */
  detach(): void {
    const list = this.parent.vlanChildren;
    if (list) {
      const i = list.indexOf(this);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.parent.vlanChildren = null;
    }
  }
}
