import type { EthernetFrame } from '../wire/frame.js';

/**
 * A port's 802.1Q membership (IEEE 802.1Q 6.9, as Linux's `bridge vlan` and a switch's access/trunk
 * settings express it): the PVID that untagged frames join, and the VLANs the port carries, each
 * either tagged or untagged on egress.
 *
 * A switch access port in VLAN 10 is { pvid 10, members {10: untagged} }; a trunk allowing 10 and 20
 * with native VLAN 1 is { pvid 1, members {1: untagged, 10: tagged, 20: tagged} }; `allowAll` makes
 * every VID a tagged member (a trunk with `allowed: all`).
 */
export class VlanMembership {
  private readonly members = new Map<number, boolean>();
  allowAll = false;

  constructor(public pvid: number) {}

  static access(vid: number): VlanMembership {
    const m = new VlanMembership(vid);
    m.add(vid, true);
    return m;
  }

  static trunk(allowed: readonly number[] | 'all', native: number): VlanMembership {
    const m = new VlanMembership(native);
    if (allowed === 'all') m.allowAll = true;
    else for (const vid of allowed) m.add(vid, false);
    if (native > 0) m.add(native, true);
    return m;
  }

  add(vid: number, untagged: boolean): void {
    this.members.set(vid, untagged);
  }

  remove(vid: number): void {
    this.members.delete(vid);
    if (this.pvid === vid) this.pvid = 0;
  }

  isMember(vid: number): boolean {
    return this.allowAll || this.members.has(vid);
  }

  egressUntagged(vid: number): boolean {
    return this.members.get(vid) ?? false;
  }

  /** The VLAN a frame arriving on this port belongs to, or -1 when the port must drop it. */
  classify(frame: EthernetFrame): number {
    if (frame.tags.length === 0) return this.pvid > 0 && this.isMember(this.pvid) ? this.pvid : -1;
    const vid = frame.tags[0]!.vid;
    return vid > 0 && this.isMember(vid) ? vid : -1;
  }

  /** Members sorted by VID, for `bridge vlan show` and inspectors. */
  list(): { vid: number; untagged: boolean; pvid: boolean }[] {
    return [...this.members.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([vid, untagged]) => ({ vid, untagged, pvid: vid === this.pvid }));
  }
}
