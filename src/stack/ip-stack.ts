import type { Netdev, FrameConsumer } from '../net/dev/netdev.js';
import type { RunContext } from '../net/core/run-context.js';
import type { Place } from '../trace/place.js';
import { ARP_REPLY, ARP_REQUEST, type ArpPacket } from '../wire/arp.js';
import { makeFrame, type EthernetFrame, type EthernetPayload } from '../wire/ethernet.js';
import { ICMP_DEST_UNREACHABLE, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST } from '../wire/icmp.js';
import { NO_TAGS } from '../wire/ieee8021q.js';
import type { Icmpv4Message, IpPayload, Ipv4Packet } from '../wire/ipv4.js';
import type { UdpDatagram } from '../wire/udp.js';
import { directedBroadcast, IPV4_BROADCAST, networkOf, type Ipv4Address, type Ipv4Cidr } from '../wire/ipv4-address.js';
import { BROADCAST_MAC, isGroupMac } from '../wire/mac.js';
import { Masquerade } from './nat.js';
import { DEFAULT_NEIGH, NeighbourTable, type NeighOwner, type NeighParams } from './neighbour.js';
import { covers, longestPrefixFirst, type Route } from './route.js';

/** Receives ICMP messages addressed to an echo identifier (a running ping). */
export interface IcmpListener {
  onIcmp(packet: Ipv4Packet, msg: Icmpv4Message): void;
  /** ARP for the next hop failed: the kernel reports "Destination Host Unreachable" locally. */
  onUnreachable(packet: Ipv4Packet): void;
}

export interface UdpListener {
  onUdp(packet: Ipv4Packet, datagram: UdpDatagram): void;
}

export { DEFAULT_NEIGH };

/**
 * The IPv4 stack of one kernel (a host's or a VM guest's): addresses on devices, routes, the ARP
 * cache, ICMP echo, UDP demultiplexing and, when `ip_forward` is on, forwarding.
 */
export class IpStack implements FrameConsumer, NeighOwner {
  // Copy-on-write arrays (changed only by configuration): exact length, where push would reserve
  // 17 slots — it adds up over 10,000 guests.
  devices: readonly Netdev[] = [];
  private table: readonly Route[] = [];
  /**
   * The routes as a lookup scans them: longest prefix first, equal prefixes in the order they were
   * added, so the first match on an up device is the answer. The same array as `table` when that
   * is already in this order (a connected subnet, then a default route), so it costs no memory.
   */
  private lookupOrder: readonly Route[] = [];
  private neighbourTable: NeighbourTable | null = null;

  /** The ARP cache, made on first use. */
  get neighbours(): NeighbourTable {
    return (this.neighbourTable ??= new NeighbourTable(this.net.engine, this, this.neigh));
  }
  forwarding = false;
  /** `iptables -t nat ... -j MASQUERADE` rules and their connection tracking; null until the first rule. */
  nat: Masquerade | null = null;
  ignoreBroadcastEcho = true;
  neigh: NeighParams = DEFAULT_NEIGH;
  // Made on first use: most guests of a large topology never open a socket.
  private icmpListeners: Map<number, IcmpListener> | null = null;
  private udpListeners: Map<number, UdpListener> | null = null;
  private nextIpId = 1;
  private nextEchoId = 1;

  constructor(
    private readonly net: RunContext,
    /** The node this stack belongs to, named in traces. */
    readonly node: Place,
  ) {}

  attach(dev: Netdev): void {
    dev.stack = this;
    this.devices = this.devices.concat([dev]);
  }

  detach(dev: Netdev): void {
    this.devices = this.devices.filter((d) => d !== dev);
    dev.ipv4 = [];
    this.setRoutes(this.table.filter((r) => r.dev !== dev));
    if (dev.stack === this) dev.stack = null;
  }

  // ---- configuration -------------------------------------------------------------------------

  /** The routing table in the order its routes were added (`ip route` sorts it for display). */
  get routes(): readonly Route[] {
    return this.table;
  }

  private setRoutes(routes: readonly Route[]): void {
    this.table = routes;
    this.lookupOrder = longestPrefixFirst(routes);
  }

  addAddress(dev: Netdev, cidr: Ipv4Cidr): boolean {
    const list = dev.ipv4;
    if (list.some((c) => c.address === cidr.address)) return false;
    dev.ipv4 = list.concat([cidr]);
    if (cidr.prefixLength < 32) {
      this.setRoutes(this.table.concat([{ dest: networkOf(cidr), prefixLength: cidr.prefixLength, via: null, dev, proto: 'kernel', src: cidr.address }]));
    }
    return true;
  }

  removeAddress(dev: Netdev, cidr: Ipv4Cidr): boolean {
    const i = dev.ipv4.findIndex((c) => c.address === cidr.address && c.prefixLength === cidr.prefixLength);
    if (i < 0) return false;
    dev.ipv4 = dev.ipv4.filter((_, k) => k !== i);
    const net = networkOf(cidr);
    const r = this.table.findIndex((x) => x.proto === 'kernel' && x.dev === dev && x.dest === net && x.prefixLength === cidr.prefixLength);
    if (r >= 0) this.setRoutes(this.table.filter((_, k) => k !== r));
    return true;
  }

  addRoute(route: Route): boolean {
    if (this.table.some((r) => r.dest === route.dest && r.prefixLength === route.prefixLength)) return false;
    this.setRoutes(this.table.concat([route]));
    return true;
  }

  deleteRoute(dest: Ipv4Address, prefixLength: number): boolean {
    const i = this.table.findIndex((r) => r.dest === dest && r.prefixLength === prefixLength);
    if (i < 0) return false;
    this.setRoutes(this.table.filter((_, k) => k !== i));
    return true;
  }

  /** The device on a connected subnet that contains `ip` (the first such route added), for a gateway check. */
  connectedDeviceFor(ip: Ipv4Address): Netdev | null {
    const routes = this.table;
    for (let i = 0; i < routes.length; i++) {
      const r = routes[i]!;
      if (r.via === null && covers(r, ip)) return r.dev;
    }
    return null;
  }

  /**
   * Longest-prefix match over routes whose device is up; among equal prefixes the route added first
   * wins. Runs for every packet sent or forwarded: a scan of the table, allocating nothing.
   */
  lookupRoute(dst: Ipv4Address): Route | null {
    const routes = this.lookupOrder;
    for (let i = 0; i < routes.length; i++) {
      const r = routes[i]!;
      if (r.dev.up && covers(r, dst)) return r;
    }
    return null;
  }

  isLocalAddress(ip: Ipv4Address): boolean {
    const devs = this.devices;
    for (let d = 0; d < devs.length; d++) {
      const own = devs[d]!.ipv4;
      for (let i = 0; i < own.length; i++) if (own[i]!.address === ip) return true;
    }
    return false;
  }

  /** The addresses on `dev`, in the order they were added (the first is the primary). */
  addressesOf(dev: Netdev): readonly Ipv4Cidr[] {
    return dev.ipv4;
  }

  firstAddress(dev: Netdev): Ipv4Address | null {
    return dev.ipv4[0]?.address ?? null;
  }

  allocateEchoId(listener: IcmpListener): number {
    const id = this.nextEchoId++;
    (this.icmpListeners ??= new Map()).set(id, listener);
    return id;
  }

  listenUdp(port: number, listener: UdpListener): void {
    (this.udpListeners ??= new Map()).set(port, listener);
  }

  // ---- input ---------------------------------------------------------------------------------

  receiveFrom(dev: Netdev, frame: EthernetFrame): void {
    const net = this.net;
    if (!isGroupMac(frame.dst) && frame.dst !== dev.mac && !dev.promisc) {
      net.drop(dev, frame, 'not-for-me');
      return;
    }
    if (frame.tags.length > 0) {
      net.drop(dev, frame, 'vlan-filtered');
      return;
    }
    const p = frame.payload;
    switch (p.kind) {
      case 'arp':
        net.deliver(dev, frame);
        this.arpInput(dev, frame, p);
        return;
      case 'ipv4':
        this.ipInput(dev, frame, p);
        return;
      case 'rarp':
      case 'stp':
      case 'raw':
        // A broadcast of a protocol the kernel does not speak still reached the host; it ends here.
        if (isGroupMac(frame.dst)) net.deliver(dev, frame);
        else net.drop(dev, frame, 'no-handler');
        return;
    }
  }

  private arpInput(dev: Netdev, frame: EthernetFrame, arp: ArpPacket): void {
    // A loop, not .some(closure): every ARP broadcast reaches every guest of the segment.
    let forUs = false;
    const own = dev.ipv4;
    for (let i = 0; i < own.length; i++) if (own[i]!.address === arp.targetIp) forUs = true;
    this.neighbours.arpInput(dev, arp, forUs, frame.dst === dev.mac);
    if (forUs && arp.op === ARP_REQUEST) {
      this.sendFrame(dev, arp.senderMac, {
        kind: 'arp', op: ARP_REPLY, senderMac: dev.mac, senderIp: arp.targetIp, targetMac: arp.senderMac, targetIp: arp.senderIp,
      }, 0);
    }
  }

  private ipInput(dev: Netdev, frame: EthernetFrame, packet: Ipv4Packet): void {
    const net = this.net;
    // A reply to a masqueraded flow is addressed to this host: it goes back to its VM (PREROUTING).
    const p = this.nat !== null ? this.nat.prerouting(packet, net.now) : packet;
    const local = this.isLocalAddress(p.dst) || p.dst === IPV4_BROADCAST || this.isDirectedBroadcast(dev, p.dst);
    if (!local) {
      if (!this.forwarding || isGroupMac(frame.dst)) {
        net.drop(dev, frame, 'not-for-host');
        return;
      }
      if (p.ttl <= 1) {
        net.drop(dev, frame, 'ttl-expired');
        return;
      }
      if (this.nat !== null && !this.natCanSend(p)) {
        net.drop(dev, frame, 'nat-exhausted');
        return;
      }
      net.deliver(dev, frame);
      this.output({ ...p, ttl: p.ttl - 1 }, frame.origin);
      return;
    }
    const q = p.payload;
    if (q.kind === 'udp' && !this.udpListeners?.has(q.dstPort)) {
      net.drop(dev, frame, 'port-unreachable');
      return;
    }
    net.deliver(dev, frame);
    if (q.kind === 'icmp') this.icmpInput(p, q);
    else if (q.kind === 'udp') this.udpListeners!.get(q.dstPort)!.onUdp(p, q);
  }

  /** MASQUERADE has an id or port for this forwarded packet on its way out (or does not touch it). */
  private natCanSend(p: Ipv4Packet): boolean {
    const route = this.lookupRoute(p.dst);
    return route === null || this.nat!.canSend(p, route.dev, this.net.now);
  }

  private isDirectedBroadcast(dev: Netdev, ip: Ipv4Address): boolean {
    const own = dev.ipv4;
    for (let i = 0; i < own.length; i++) {
      const c = own[i]!;
      if (c.prefixLength < 31 && directedBroadcast(c) === ip) return true;
    }
    return false;
  }

  private icmpInput(p: Ipv4Packet, m: Icmpv4Message): void {
    if (m.type === ICMP_ECHO_REQUEST) {
      if (this.ignoreBroadcastEcho && !this.isLocalAddress(p.dst)) return;
      this.output({
        kind: 'ipv4', src: p.dst, dst: p.src, ttl: 64, id: this.nextIpId++ & 0xffff, dscp: 0,
        payload: { kind: 'icmp', type: ICMP_ECHO_REPLY, code: 0, id: m.id, seq: m.seq, dataLength: m.dataLength, quoted: null },
      });
      return;
    }
    const id = m.type === ICMP_DEST_UNREACHABLE && m.quoted?.payload.kind === 'icmp' ? m.quoted.payload.id : m.id;
    this.icmpListeners?.get(id)?.onIcmp(p, m);
  }

  // ---- output --------------------------------------------------------------------------------

  /** Builds an IPv4 packet from this stack (source chosen by the route when `src` is 0). */
  packet(dst: Ipv4Address, payload: IpPayload, src: Ipv4Address = 0, ttl = 64): Ipv4Packet {
    return { kind: 'ipv4', src, dst, ttl, id: this.nextIpId++ & 0xffff, dscp: 0, payload };
  }

  /**
   * Routes and sends a packet; returns false when there is no route ("Network is unreachable").
   * `origin` carries a forwarded frame's lineage into the new frame.
   */
  output(p: Ipv4Packet, origin = 0): boolean {
    const route = this.lookupRoute(p.dst);
    if (route === null) return false;
    const dev = route.dev;
    let packet = p;
    if (packet.src === 0) {
      const src = route.src ?? this.firstAddress(dev);
      if (src === null) return false;
      packet = { ...packet, src };
    }
    if (p.dst === IPV4_BROADCAST || this.isDirectedBroadcast(dev, p.dst)) {
      this.sendFrame(dev, BROADCAST_MAC, packet, origin);
      return true;
    }
    if (this.nat !== null) packet = this.nat.postrouting(packet, dev, this.net.now);
    const nextHop = route.via ?? p.dst;
    this.resolveAndSend(dev, nextHop, packet, origin);
    return true;
  }

  private resolveAndSend(dev: Netdev, nextHop: Ipv4Address, packet: Ipv4Packet, origin: number): void {
    this.neighbours.output(dev, nextHop, packet, origin);
  }

  /** A resolved packet goes out (the neighbour table's call). */
  sendPacket(dev: Netdev, mac: number, packet: Ipv4Packet, origin: number): void {
    this.sendFrame(dev, mac, packet, origin);
  }

  /** ARP gave up with `packet` still waiting: its ping hears "Destination Host Unreachable". */
  unreachable(packet: Ipv4Packet): void {
    if (packet.payload.kind === 'icmp') this.icmpListeners?.get(packet.payload.id)?.onUnreachable(packet);
  }

  /** Sends an ARP request (who-has `target`) out of `dev` to `dst` (broadcast unless probing a known MAC), whatever the cache says. */
  sendArpRequest(dev: Netdev, target: Ipv4Address, dst: number = BROADCAST_MAC): void {
    const src = this.firstAddress(dev) ?? 0;
    this.sendFrame(dev, dst, {
      kind: 'arp', op: ARP_REQUEST, senderMac: dev.mac, senderIp: src, targetMac: 0, targetIp: target,
    }, 0);
  }

  /** Puts a payload in a new Ethernet frame and transmits it. */
  sendFrame(dev: Netdev, dst: number, payload: EthernetPayload, origin: number): void {
    const uid = this.net.nextUid();
    const frame = makeFrame(uid, origin === 0 ? uid : origin, dst, dev.mac, NO_TAGS, payload);
    this.net.originate(dev, frame);
    dev.transmit(frame);
  }
}

