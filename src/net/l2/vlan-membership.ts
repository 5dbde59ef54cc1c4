import type { EthernetFrame } from '../../wire/ethernet.js';

/** Members kept in arrays up to this many; a Map beyond. */
const SMALL = 8;

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
  // Most ports carry one to a few VLANs: small parallel arrays (exact length, no Map per port, which
  // matters at 10,000 ports); past SMALL members a Map keeps lookups O(1) on big trunks.
  private vids: readonly number[] = [];
  /** Bit k set: vids[k] leaves untagged. */
  private untaggedMask = 0;
  private big: Map<number, boolean> | null = null;
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
    if (this.big !== null) {
      this.big.set(vid, untagged);
      return;
    }
    const i = this.vids.indexOf(vid);
    if (i >= 0) {
      this.untaggedMask = untagged ? this.untaggedMask | (1 << i) : this.untaggedMask & ~(1 << i);
      return;
    }
    if (this.vids.length >= SMALL) {
      this.big = new Map(this.vids.map((v, k) => [v, (this.untaggedMask & (1 << k)) !== 0]));
      this.big.set(vid, untagged);
      this.vids = [];
      this.untaggedMask = 0;
      return;
    }
    if (untagged) this.untaggedMask |= 1 << this.vids.length;
    this.vids = this.vids.concat([vid]);
  }

  remove(vid: number): void {
    if (this.big !== null) this.big.delete(vid);
    else {
      const i = this.vids.indexOf(vid);
      if (i >= 0) {
        const low = this.untaggedMask & ((1 << i) - 1);
        const high = (this.untaggedMask >>> (i + 1)) << i;
        this.untaggedMask = low | high;
        this.vids = this.vids.filter((_, k) => k !== i);
      }
    }
    if (this.pvid === vid) this.pvid = 0;
  }

  isMember(vid: number): boolean {
    if (this.allowAll) return true;
    if (this.big !== null) return this.big.has(vid);
    const vids = this.vids;
    for (let i = 0; i < vids.length; i++) if (vids[i] === vid) return true;
    return false;
  }

  egressUntagged(vid: number): boolean {
    if (this.big !== null) return this.big.get(vid) ?? false;
    const vids = this.vids;
    for (let i = 0; i < vids.length; i++) if (vids[i] === vid) return (this.untaggedMask & (1 << i)) !== 0;
    return false;
  }

  /** The VLAN a frame arriving on this port belongs to, or -1 when the port must drop it. */
  classify(frame: EthernetFrame): number {
    if (frame.tags.length === 0) return this.pvid > 0 && this.isMember(this.pvid) ? this.pvid : -1;
    const vid = frame.tags[0]!.vid;
    return vid > 0 && this.isMember(vid) ? vid : -1;
  }

  /** Members sorted by VID, for `bridge vlan show` and inspectors. */
  list(): { vid: number; untagged: boolean; pvid: boolean }[] {
    const entries: [number, boolean][] = this.big !== null ? [...this.big.entries()] : this.vids.map((v, k) => [v, (this.untaggedMask & (1 << k)) !== 0]);
    return entries
      .sort((a, b) => a[0] - b[0])
      .map(([vid, untagged]) => ({ vid, untagged, pvid: vid === this.pvid }));
  }
}
