/**
 * Frame values to bytes on the wire (smoltcp's `emit`), for pcap. Nothing on the simulator's hot
 * path calls this: bytes exist only when a capture sink asks for them.
 *
 * Contents the model does not carry are filled deterministically:
 * - ICMP echo data: byte i = (0x10 + i) & 0xff (the tail of Linux ping's pattern);
 * - UDP and TCP data: byte i = i & 0xff;
 * - raw Ethernet and raw IP payloads, and padding to the 60-byte minimum: zero bytes.
 * No FCS is written (pcap's LINKTYPE_ETHERNET carries frames without it).
 */
import type {
  ArpPacket, EthernetFrame, IcmpMessage, Ipv4Packet, StpBpdu, TcpSegment, UdpDatagram, BridgeId,
} from './frame.js';
import {
  IPV4_HEADER_LENGTH, IP_PROTO_TCP, IP_PROTO_UDP, etherTypeOf, ipProtocolOf, ipv4TotalLength, payloadLength,
} from './frame.js';
import type { Mac } from './mac.js';
import { finishChecksum, internetChecksum, onesComplementSum, patternSum, pseudoHeaderSum } from './checksum.js';

/** First byte of the ICMP echo data pattern. */
export const ICMP_PATTERN_FIRST = 0x10;
/** First byte of the UDP/TCP data pattern. */
export const L4_PATTERN_FIRST = 0x00;

/** IPv4 flags/fragment-offset word: DF set, offset 0 (RFC 791 3.1). */
const IPV4_DONT_FRAGMENT = 0x4000;
/** IEEE 802.2 LLC header of a BPDU: DSAP 0x42, SSAP 0x42, control 0x03 (UI). */
const LLC_STP = [0x42, 0x42, 0x03] as const;
const TWO_32 = 2 ** 32;

/** The frame's bytes, exactly `f.length` of them (destination MAC to the end of padding, no FCS). */
export function encodeFrame(f: EthernetFrame): Uint8Array {
  const out = new Uint8Array(f.length);
  encodeFrameInto(f, out, 0);
  return out;
}

/**
 * Writes the frame's `f.length` bytes into `out` at `offset` (so a pcap record needs one buffer for
 * its header and frame). Returns the offset after the frame. Throws a RangeError when the frame's
 * content does not fit in `f.length` or in `out`: a frame value whose length disagrees with its
 * content is a bug in whoever built it.
 */
export function encodeFrameInto(f: EthernetFrame, out: Uint8Array, offset: number): number {
  const frameEnd = offset + f.length;
  if (frameEnd > out.length) {
    throw new RangeError(`frame of ${f.length} bytes does not fit in ${out.length - offset} bytes of buffer`);
  }
  const p = f.payload;
  const contentLength = 14 + 4 * f.tags.length + payloadLength(p);
  if (contentLength > f.length) {
    throw new RangeError(`frame length ${f.length} is shorter than its content (${contentLength} bytes)`);
  }
  const v = new DataView(out.buffer, out.byteOffset, out.byteLength);

  // Ethernet II header (IEEE 802.3 3.1.1), then each tag outermost first (IEEE 802.1Q-2018 9.6).
  writeMac(v, offset, f.dst);
  writeMac(v, offset + 6, f.src);
  let o = offset + 12;
  for (const t of f.tags) {
    v.setUint16(o, t.tpid);
    v.setUint16(o + 2, ((t.pcp & 7) << 13) | ((t.dei & 1) << 12) | (t.vid & 0xfff));
    o += 4;
  }
  // A BPDU travels in an IEEE 802.3 frame: a length field (< 0x0600) where the EtherType would be.
  v.setUint16(o, p.kind === 'stp' ? payloadLength(p) : etherTypeOf(p));
  o += 2;

  let end: number;
  switch (p.kind) {
    case 'arp': end = writeArp(v, o, p); break;
    case 'ipv4': end = writeIpv4(v, out, o, p); break;
    case 'stp': end = writeStp(v, o, p); break;
    case 'raw': end = o + p.dataLength; out.fill(0, o, end); break;
  }
  out.fill(0, end, frameEnd); // padding to the minimum frame size, or to f.length
  return frameEnd;
}

function writeMac(v: DataView, o: number, mac: Mac): void {
  v.setUint16(o, Math.floor(mac / TWO_32));
  v.setUint32(o + 2, mac >>> 0);
}

/** ARP for IPv4 over Ethernet (RFC 826 "Packet format"). */
function writeArp(v: DataView, o: number, p: ArpPacket): number {
  v.setUint16(o, 1); // hardware type: Ethernet
  v.setUint16(o + 2, 0x0800); // protocol type: IPv4
  v.setUint8(o + 4, 6);
  v.setUint8(o + 5, 4);
  v.setUint16(o + 6, p.op);
  writeMac(v, o + 8, p.senderMac);
  v.setUint32(o + 14, p.senderIp);
  writeMac(v, o + 18, p.targetMac);
  v.setUint32(o + 24, p.targetIp);
  return o + 28;
}

function writeIpv4(v: DataView, b: Uint8Array, o: number, p: Ipv4Packet): number {
  writeIpv4Header(v, b, o, p);
  const l4 = o + IPV4_HEADER_LENGTH;
  const pl = p.payload;
  switch (pl.kind) {
    case 'icmp': return writeIcmp(v, b, l4, pl);
    case 'udp': return writeUdp(v, b, l4, p, pl);
    case 'tcp': return writeTcp(v, b, l4, p, pl);
    case 'raw-ip': b.fill(0, l4, l4 + pl.dataLength); return l4 + pl.dataLength;
  }
}

/** IPv4 header without options (RFC 791 3.1): IHL 5, DF set, never fragmented. */
function writeIpv4Header(v: DataView, b: Uint8Array, o: number, p: Ipv4Packet): void {
  v.setUint8(o, 0x45); // version 4, IHL 5
  v.setUint8(o + 1, (p.dscp & 0x3f) << 2); // DSCP (RFC 2474 3), ECN 0
  v.setUint16(o + 2, ipv4TotalLength(p));
  v.setUint16(o + 4, p.id);
  v.setUint16(o + 6, IPV4_DONT_FRAGMENT);
  v.setUint8(o + 8, p.ttl);
  v.setUint8(o + 9, ipProtocolOf(p.payload));
  v.setUint16(o + 10, 0);
  v.setUint32(o + 12, p.src);
  v.setUint32(o + 16, p.dst);
  v.setUint16(o + 10, internetChecksum(b, o, o + IPV4_HEADER_LENGTH));
}

/**
 * ICMP (RFC 792). Bytes 4..7 carry `id` and `seq` (echo); in an error they are the "unused" word
 * (zero in practice; for "fragmentation needed" `seq` is the next-hop MTU, RFC 1191 4). An error
 * then quotes the offending IPv4 header and the first 8 bytes of its payload.
 */
function writeIcmp(v: DataView, b: Uint8Array, o: number, m: IcmpMessage): number {
  v.setUint8(o, m.type);
  v.setUint8(o + 1, m.code);
  v.setUint16(o + 2, 0);
  v.setUint16(o + 4, m.id);
  v.setUint16(o + 6, m.seq);
  let end: number;
  if (m.quoted) {
    end = writeQuoted(v, b, o + 8, m.quoted);
  } else {
    end = o + 8 + m.dataLength;
    fillPattern(b, o + 8, end, ICMP_PATTERN_FIRST);
  }
  v.setUint16(o + 2, internetChecksum(b, o, end));
  return end;
}

/**
 * The quoted datagram of an ICMP error: its IPv4 header as sent (total length of the whole original
 * datagram) and the first 8 bytes of its payload, with the checksums the original carried.
 */
function writeQuoted(v: DataView, b: Uint8Array, o: number, q: Ipv4Packet): number {
  writeIpv4Header(v, b, o, q);
  const l4 = o + IPV4_HEADER_LENGTH;
  const pl = q.payload;
  switch (pl.kind) {
    case 'icmp': {
      v.setUint8(l4, pl.type);
      v.setUint8(l4 + 1, pl.code);
      // The checksum of the whole original message; an error quoting an error (which RFC 1122
      // 3.2.2 forbids sending) gets 0 because its own quote is not modelled here.
      const checksum = pl.quoted ? 0 : finishChecksum((((pl.type & 0xff) << 8) | (pl.code & 0xff))
        + (pl.id & 0xffff) + (pl.seq & 0xffff) + patternSum(pl.dataLength, ICMP_PATTERN_FIRST));
      v.setUint16(l4 + 2, checksum);
      v.setUint16(l4 + 4, pl.id);
      v.setUint16(l4 + 6, pl.seq);
      break;
    }
    case 'udp': {
      const length = 8 + pl.dataLength;
      v.setUint16(l4, pl.srcPort);
      v.setUint16(l4 + 2, pl.dstPort);
      v.setUint16(l4 + 4, length);
      const sum = pseudoHeaderSum(q.src, q.dst, IP_PROTO_UDP, length)
        + (pl.srcPort & 0xffff) + (pl.dstPort & 0xffff) + length + patternSum(pl.dataLength, L4_PATTERN_FIRST);
      v.setUint16(l4 + 6, finishChecksum(sum) || 0xffff);
      break;
    }
    case 'tcp':
      v.setUint16(l4, pl.srcPort);
      v.setUint16(l4 + 2, pl.dstPort);
      v.setUint32(l4 + 4, pl.seq);
      break;
    case 'raw-ip':
      b.fill(0, l4, l4 + 8);
      break;
  }
  return l4 + 8;
}

/** UDP (RFC 768): the checksum covers the pseudo-header; a computed 0 is sent as 0xffff. */
function writeUdp(v: DataView, b: Uint8Array, o: number, ip: Ipv4Packet, u: UdpDatagram): number {
  const length = 8 + u.dataLength;
  const end = o + length;
  v.setUint16(o, u.srcPort);
  v.setUint16(o + 2, u.dstPort);
  v.setUint16(o + 4, length);
  v.setUint16(o + 6, 0);
  fillPattern(b, o + 8, end, L4_PATTERN_FIRST);
  const sum = onesComplementSum(b, o, end, pseudoHeaderSum(ip.src, ip.dst, IP_PROTO_UDP, length));
  v.setUint16(o + 6, finishChecksum(sum) || 0xffff);
  return end;
}

/** TCP header without options (RFC 9293 3.1): data offset 5, checksum over the pseudo-header. */
function writeTcp(v: DataView, b: Uint8Array, o: number, ip: Ipv4Packet, t: TcpSegment): number {
  const length = 20 + t.dataLength;
  const end = o + length;
  v.setUint16(o, t.srcPort);
  v.setUint16(o + 2, t.dstPort);
  v.setUint32(o + 4, t.seq);
  v.setUint32(o + 8, t.ack);
  v.setUint16(o + 12, (5 << 12) | (t.flags & 0x1ff));
  v.setUint16(o + 14, t.window);
  v.setUint16(o + 16, 0);
  v.setUint16(o + 18, 0); // urgent pointer
  fillPattern(b, o + 20, end, L4_PATTERN_FIRST);
  v.setUint16(o + 16, finishChecksum(onesComplementSum(b, o, end, pseudoHeaderSum(ip.src, ip.dst, IP_PROTO_TCP, length))));
  return end;
}

/**
 * LLC header and IEEE 802.1D-2004 9.3 BPDU: a configuration BPDU is 35 bytes, a topology change
 * notification 4 (protocol identifier, version, type only).
 */
function writeStp(v: DataView, o: number, s: StpBpdu): number {
  v.setUint8(o, LLC_STP[0]);
  v.setUint8(o + 1, LLC_STP[1]);
  v.setUint8(o + 2, LLC_STP[2]);
  const b = o + 3;
  v.setUint16(b, 0); // protocol identifier (9.3.1)
  v.setUint8(b + 2, 0); // protocol version: STP
  v.setUint8(b + 3, s.bpduType);
  if (s.bpduType === 0x80) return b + 4;
  v.setUint8(b + 4, s.flags);
  writeBridgeId(v, b + 5, s.rootId);
  v.setUint32(b + 13, s.rootPathCost);
  writeBridgeId(v, b + 17, s.bridgeId);
  v.setUint16(b + 25, s.portId);
  v.setUint16(b + 27, s.messageAge);
  v.setUint16(b + 29, s.maxAge);
  v.setUint16(b + 31, s.helloTime);
  v.setUint16(b + 33, s.forwardDelay);
  return b + 35;
}

/** Bridge identifier (IEEE 802.1D-2004 9.2.5): 2 bytes priority (with system id extension), then the MAC. */
function writeBridgeId(v: DataView, o: number, id: BridgeId): void {
  v.setUint16(o, id.priority);
  writeMac(v, o + 2, id.mac);
}

function fillPattern(b: Uint8Array, start: number, end: number, first: number): void {
  for (let i = start, x = first; i < end; i++, x++) b[i] = x & 0xff;
}
