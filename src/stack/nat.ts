/**
 * Source NAT the way `iptables -t nat -A POSTROUTING [-s CIDR] [-o DEV] -j MASQUERADE` does it (the
 * article's "NAT mode": VMs keep private addresses, the host sends their packets out with its own).
 *
 * A packet leaving through a matching device gets that device's address as its source. Connection
 * tracking remembers the flow, so a reply arriving for the host's address is rewritten back to the
 * VM and forwarded. As in Linux (nf_nat_l4proto_unique_tuple), the flow keeps its echo id (ICMP) or
 * source port (UDP) when no other tracked flow from the same host address to the same destination
 * already uses it; otherwise another is picked: a random starting point in the protocol's range,
 * then the next free one (ICMP ids 0..65535; UDP ports 1024..65535, or 1..511 and 600..1023 for
 * a privileged port). When none is free the packet is dropped (`nat-exhausted`).
 *
 * Tracked flows expire as Linux's conntrack entries do: ICMP 30 s after the last packet; UDP 30 s,
 * or 120 s once a reply has been seen (nf_conntrack_udp_timeout and _stream).
 */
import type { RandomStream } from '../engine/random.js';
import type { Netdev } from '../net/dev/netdev.js';
import { ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST } from '../wire/icmp.js';
import type { IpPayload, Ipv4Packet } from '../wire/ipv4.js';
import { inSubnet, type Ipv4Address, type Ipv4Cidr } from '../wire/ipv4-address.js';

interface MasqueradeRule {
  /** `-s CIDR`: only packets from this subnet (null: any source). */
  readonly source: Ipv4Cidr | null;
  /** `-o DEV`: only packets leaving through this device (null: any). */
  readonly outDev: string | null;
}

const SECOND = 1e9;
export const ICMP_TIMEOUT = 30 * SECOND;
const UDP_TIMEOUT = 30 * SECOND;
const UDP_STREAM_TIMEOUT = 120 * SECOND;

const ICMP = 0;
const UDP = 1;

/** One tracked, translated flow: what the VM sent, and what the host sent instead. */
interface Mapping {
  readonly proto: number;
  readonly origSrc: Ipv4Address;
  /** The VM's echo id or UDP source port. */
  readonly origId: number;
  readonly remote: Ipv4Address;
  /** The destination UDP port (0 for ICMP). */
  readonly remotePort: number;
  /** The host's address the packet went out with. */
  readonly natSrc: Ipv4Address;
  readonly natId: number;
  lastSeen: number;
  replied: boolean;
}

/**
 * Flows by destination (address and port), then by (address, id, protocol) on the host's side:
 * two number-keyed levels, so a lookup builds no string.
 */
class TupleTable {
  private readonly byRemote = new Map<number, Map<number, Mapping>>();

  get(remote: Ipv4Address, remotePort: number, addr: Ipv4Address, id: number, proto: number): Mapping | undefined {
    return this.byRemote.get(remote * 65536 + remotePort)?.get((addr * 65536 + id) * 2 + proto);
  }

  set(remote: Ipv4Address, remotePort: number, addr: Ipv4Address, id: number, proto: number, m: Mapping): void {
    const outer = remote * 65536 + remotePort;
    let inner = this.byRemote.get(outer);
    if (inner === undefined) this.byRemote.set(outer, (inner = new Map()));
    inner.set((addr * 65536 + id) * 2 + proto, m);
  }

  delete(remote: Ipv4Address, remotePort: number, addr: Ipv4Address, id: number, proto: number, m: Mapping): void {
    const outer = remote * 65536 + remotePort;
    const inner = this.byRemote.get(outer);
    const key = (addr * 65536 + id) * 2 + proto;
    if (inner === undefined || inner.get(key) !== m) return;
    inner.delete(key);
    if (inner.size === 0) this.byRemote.delete(outer);
  }

  *values(): IterableIterator<Mapping> {
    for (const inner of this.byRemote.values()) yield* inner.values();
  }
}

export class Masquerade {
  rules: readonly MasqueradeRule[] = [];
  /** Packets translated on the way out, and replies translated back. */
  translated = 0;
  untranslated = 0;
  /** Flows by their original tuple (the VM's address and id), and by their reply tuple (the host's). */
  private readonly out = new TupleTable();
  private readonly back = new TupleTable();

  constructor(private readonly random: RandomStream) {}

  /** Tracked flows that have not expired at `now` (`conntrack -C`). */
  count(now: number): number {
    let n = 0;
    for (const m of this.out.values()) if (!expired(m, now)) n++;
    return n;
  }

  /**
   * Whether a packet leaving through `dev` could be sent: false only when it needs a new mapping and
   * no id or port is free (the caller drops it: Linux's NAT fails and netfilter drops the packet).
   */
  canSend(p: Ipv4Packet, dev: Netdev, now: number): boolean {
    const natSrc = this.natSourceFor(p, dev);
    if (natSrc === null) return true;
    const m = this.outMapping(p);
    if (m !== undefined && !expired(m, now) && m.natSrc === natSrc) return true;
    return this.pickId(p, natSrc, now) >= 0;
  }

  /** POSTROUTING: the packet as it leaves through `dev` (unchanged when no rule matches). */
  postrouting(p: Ipv4Packet, dev: Netdev, now: number): Ipv4Packet {
    const natSrc = this.natSourceFor(p, dev);
    if (natSrc === null) return p;
    let m = this.outMapping(p);
    if (m !== undefined && (expired(m, now) || m.natSrc !== natSrc)) {
      this.forget(m);
      m = undefined;
    }
    if (m === undefined) {
      const natId = this.pickId(p, natSrc, now);
      // Forwarded packets were checked (canSend) and dropped before; nothing else gets here.
      if (natId < 0) return p;
      const q = p.payload;
      m = {
        proto: protoOf(q), origSrc: p.src, origId: idOf(q), remote: p.dst, remotePort: q.kind === 'udp' ? q.dstPort : 0,
        natSrc, natId, lastSeen: now, replied: false,
      };
      this.out.set(m.remote, m.remotePort, m.origSrc, m.origId, m.proto, m);
      this.back.set(m.remote, m.remotePort, natSrc, natId, m.proto, m);
    }
    m.lastSeen = now;
    this.translated++;
    return { ...p, src: natSrc, payload: withId(p.payload, m.natId, 'source') };
  }

  /** PREROUTING: a packet for one of the host's addresses that answers a tracked flow goes back to its VM. */
  prerouting(p: Ipv4Packet, now: number): Ipv4Packet {
    const proto = protoOf(p.payload);
    if (proto < 0) return p;
    const q = p.payload;
    const m = this.back.get(p.src, q.kind === 'udp' ? q.srcPort : 0, p.dst, replyIdOf(q), proto);
    if (m === undefined) return p;
    if (expired(m, now)) {
      this.forget(m);
      return p;
    }
    m.lastSeen = now;
    m.replied = true;
    this.untranslated++;
    return { ...p, dst: m.origSrc, payload: withId(p.payload, m.origId, 'destination') };
  }

  private outMapping(p: Ipv4Packet): Mapping | undefined {
    const q = p.payload;
    return this.out.get(p.dst, q.kind === 'udp' ? q.dstPort : 0, p.src, idOf(q), protoOf(q));
  }

  /** The address to masquerade with, or null when the packet is left alone. */
  private natSourceFor(p: Ipv4Packet, dev: Netdev): Ipv4Address | null {
    if (protoOf(p.payload) < 0) return null;
    const natSrc = dev.ipv4[0]?.address;
    if (natSrc === undefined || natSrc === p.src || !this.matches(p, dev)) return null;
    return natSrc;
  }

  private matches(p: Ipv4Packet, dev: Netdev): boolean {
    const rules = this.rules;
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i]!;
      if (r.outDev !== null && r.outDev !== dev.ifname) continue;
      if (r.source !== null && !inSubnet(p.src, r.source)) continue;
      return true;
    }
    return false;
  }

  /** The flow's own id if free toward its destination, else the next free one from a random start; -1 when none. */
  private pickId(p: Ipv4Packet, natSrc: Ipv4Address, now: number): number {
    const q = p.payload;
    const proto = protoOf(q);
    const remotePort = q.kind === 'udp' ? q.dstPort : 0;
    const own = idOf(q);
    if (this.free(proto, p.dst, remotePort, natSrc, own, now)) return own;
    const min = proto === ICMP ? 0 : own < 512 ? 1 : own < 1024 ? 600 : 1024;
    const size = proto === ICMP ? 65536 : own < 512 ? 511 : own < 1024 ? 424 : 64512;
    const off = Math.floor(this.random() * size);
    for (let i = 0; i < size; i++) {
      const id = min + ((off + i) % size);
      if (this.free(proto, p.dst, remotePort, natSrc, id, now)) return id;
    }
    return -1;
  }

  private free(proto: number, remote: Ipv4Address, remotePort: number, natSrc: Ipv4Address, id: number, now: number): boolean {
    const m = this.back.get(remote, remotePort, natSrc, id, proto);
    if (m === undefined) return true;
    if (!expired(m, now)) return false;
    this.forget(m);
    return true;
  }

  private forget(m: Mapping): void {
    this.back.delete(m.remote, m.remotePort, m.natSrc, m.natId, m.proto, m);
    this.out.delete(m.remote, m.remotePort, m.origSrc, m.origId, m.proto, m);
  }
}

function expired(m: Mapping, now: number): boolean {
  const timeout = m.proto === ICMP ? ICMP_TIMEOUT : m.replied ? UDP_STREAM_TIMEOUT : UDP_TIMEOUT;
  return now - m.lastSeen > timeout;
}

/** ICMP for an echo or echo reply, UDP, or -1 for what MASQUERADE here leaves alone. */
function protoOf(q: IpPayload): number {
  if (q.kind === 'udp') return UDP;
  if (q.kind === 'icmp' && (q.type === ICMP_ECHO_REQUEST || q.type === ICMP_ECHO_REPLY)) return ICMP;
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
