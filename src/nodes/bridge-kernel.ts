/**
 * The Linux kernel's calls on a bridge other than its spanning tree (bridge-stp.ts), for the
 * command layer: the bridge as `brctl show` sees it, its forwarding table as `bridge fdb show`
 * and `brctl showmacs` see it, and its VLANs as `bridge vlan add|del|show` change and see them.
 * Invariant: a bridge that does not filter VLANs keeps its whole table under VLAN 0, which the
 * views print as no VLAN at all.
 */
import type { BridgeVlanView, BridgeView, FdbView } from '../linux/core/kernel.js';
import type { BridgeDevice } from '../net/l2/bridge.js';
import type { VlanMembership } from '../net/l2/vlan-membership.js';
import { formatMac } from '../wire/mac.js';

export function bridgeView(b: BridgeDevice): BridgeView {
  return {
    ifname: b.ifname,
    bridgeId: `${b.stp.bridgeId.priority.toString(16).padStart(4, '0')}.${formatMac(b.stp.bridgeId.mac).replace(/:/g, '')}`,
    stp: b.stp.running,
    ports: b.ports.map((p) => p.dev.ifname),
    ageingNs: b.forwarder.ageingNs,
    vlanFiltering: b.vlanFiltering,
  };
}

/** The forwarding table at `now`: entries found stale are aged out as they are looked at. */
export function fdbViews(b: BridgeDevice, now: number): FdbView[] {
  return b.forwarder.fdb.entries(now).map((e) => ({
    mac: e.mac, port: e.port.dev.ifname, bridge: b.ifname, vid: b.vlanFiltering && e.vid > 0 ? e.vid : null,
    local: e.local, ageNs: e.local ? 0 : now - e.updated,
  }));
}

/** Every port's VLANs, then the bridge's own (`self`) ones. */
export function bridgeVlanViews(b: BridgeDevice): BridgeVlanView[] {
  const out: BridgeVlanView[] = [];
  for (const p of b.ports) for (const v of p.vlans.list()) out.push({ dev: p.dev.ifname, vid: v.vid, pvid: v.pvid, untagged: v.untagged });
  for (const v of b.selfVlans.list()) out.push({ dev: b.ifname, vid: v.vid, pvid: v.pvid, untagged: v.untagged });
  return out;
}

/** `bridge vlan add`: membership, egress tagging, and the PVID when asked. */
export function addVlan(vlans: VlanMembership, vid: number, pvid: boolean, untagged: boolean): void {
  vlans.add(vid, untagged);
  if (pvid) vlans.pvid = vid;
}
