/**
 * Source NAT the way `iptables -t nat -A POSTROUTING [-s CIDR] [-o DEV] -j MASQUERADE` does it (the
 * article's "NAT mode": VMs keep private addresses, the host sends their packets out with its own).
 *
 * A packet leaving through a matching device gets that device's address as its source, and its
 * echo id (ICMP) or source port (UDP) is mapped to one the host hands out, so replies from several
 * VMs to the same server stay apart. The mapping is remembered (conntrack); a reply arriving for the
 * host's address and a mapped id or port is rewritten back to the VM and forwarded.
 */
import type { Netdev } from '../net/netdev.js';
import { ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, type IpPayload, type Ipv4Packet } from '../wire/frame.js';
import { inSubnet, type Ipv4Address, type Ipv4Cidr } from '../wire/ipv4-address.js';

export interface MasqueradeRule {
  /** `-s CIDR`: only packets from this subnet (null: any source). */
  readonly source: Ipv4Cidr | null;
  /** `-o DEV`: only packets leaving through this device (null: any). */
  readonly outDev: string | null;
}

/** One translated flow: what the VM sent, and what the host sent instead. */
interface Mapping {
  readonly origSrc: Ipv4Address;
  /** The VM's echo id or UDP source port. */
  readonly origId: number;
  /** The host's address the packet went out with. */
  readonly natSrc: Ipv4Address;
  readonly natId: number;
}

/** Ids and ports handed out (Linux picks from the ephemeral range; the start makes them easy to spot). */
const FIRST_NAT_ID = 32768;
const NAT_IDS = 65536 - FIRST_NAT_ID;

export class Masquerade {
  rules: readonly MasqueradeRule[] = [];
  /** Packets translated on the way out, and replies translated back. */
  translated = 0;
  untranslated = 0;
  // Per protocol (0 ICMP, 1 UDP): flow key (original source, id) -> mapping, and NAT id -> mapping.
  private readonly out = [new Map<number, Mapping>(), new Map<number, Mapping>()];
  private readonly back = [new Map<number, Mapping>(), new Map<number, Mapping>()];
  private nextId = [0, 0];

  /** POSTROUTING: the packet as it leaves through `dev`. */
  postrouting(p: Ipv4Packet, dev: Netdev): Ipv4Packet {
    const proto = protoOf(p.payload);
    if (proto < 0) return p;
    const natSrc = dev.ipv4[0]?.address;
    if (natSrc === undefined || natSrc === p.src || !this.matches(p, dev)) return p;
    const origId = idOf(p.payload);
    const key = p.src * 65536 + origId;
    let m = this.out[proto]!.get(key);
    if (m === undefined || m.natSrc !== natSrc) {
      const natId = this.allocate(proto);
      if (natId < 0) return p; // every id in use: sent untranslated (and its replies lost), as a full table would
      m = { origSrc: p.src, origId, natSrc, natId };
      this.out[proto]!.set(key, m);
      this.back[proto]!.set(natId, m);
    }
    this.translated++;
    return { ...p, src: natSrc, payload: withId(p.payload, m.natId, 'source') };
  }

  /** PREROUTING: a packet for one of the host's addresses that answers a translated flow goes back to its VM. */
  prerouting(p: Ipv4Packet): Ipv4Packet {
    const proto = protoOf(p.payload);
    if (proto < 0) return p;
    const m = this.back[proto]!.get(replyIdOf(p.payload));
    if (m === undefined || m.natSrc !== p.dst) return p;
    this.untranslated++;
    return { ...p, dst: m.origSrc, payload: withId(p.payload, m.origId, 'destination') };
  }

  private matches(p: Ipv4Packet, dev: Netdev): boolean {
    for (const r of this.rules) {
      if (r.outDev !== null && r.outDev !== dev.ifname) continue;
      if (r.source !== null && !inSubnet(p.src, r.source)) continue;
      return true;
    }
    return false;
  }

  private allocate(proto: number): number {
    const used = this.back[proto]!;
    for (let i = 0; i < NAT_IDS; i++) {
      const id = FIRST_NAT_ID + ((this.nextId[proto]! + i) % NAT_IDS);
      if (!used.has(id)) {
        this.nextId[proto] = id - FIRST_NAT_ID + 1;
        return id;
      }
    }
    return -1;
  }
}

/** 0 for an ICMP echo or echo reply, 1 for UDP, -1 for what MASQUERADE here leaves alone. */
function protoOf(q: IpPayload): number {
  if (q.kind === 'udp') return 1;
  if (q.kind === 'icmp' && (q.type === ICMP_ECHO_REQUEST || q.type === ICMP_ECHO_REPLY)) return 0;
  return -1;
}

/** The id a VM's outgoing packet carries: its echo id, or its UDP source port. */
function idOf(q: IpPayload): number {
  return q.kind === 'udp' ? q.srcPort : q.kind === 'icmp' ? q.id : 0;
}

/** The id a reply carries back: the echo id, or the UDP destination port. */
function replyIdOf(q: IpPayload): number {
  return q.kind === 'udp' ? q.dstPort : q.kind === 'icmp' ? q.id : 0;
}

function withId(q: IpPayload, id: number, side: 'source' | 'destination'): IpPayload {
  if (q.kind === 'icmp') return { ...q, id };
  if (q.kind === 'udp') return side === 'source' ? { ...q, srcPort: id } : { ...q, dstPort: id };
  return q;
}
