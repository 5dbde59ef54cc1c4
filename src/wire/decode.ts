/**
 * Bytes to frame values (smoltcp's `Packet::new_checked` + `Repr::parse`), the inverse of
 * `encodeFrame`: `decodeFrame(encodeFrame(f), f.uid)` equals `f` (with `origin` = `uid`).
 *
 * The decoder checks every length and every checksum it can and says what is wrong. It accepts
 * what the model can represent and rejects the rest with a reason: IPv4 options and fragments, TCP
 * options, RSTP/MSTP BPDUs, frames shorter than the 60-byte minimum.
 *
 * Where the bytes carry less than the model, the decoded value is the natural reading:
 * - a raw payload's `dataLength` is everything after the EtherType, padding included;
 * - a TCN BPDU's fields other than `bpduType` are 0;
 * - an ICMP error's `dataLength` is 0; a quoted TCP segment has only ports and `seq` (RFC 792 quotes
 *   8 bytes), so its `ack`, `flags` and `window` read as 0;
 * - unmodelled content (data bytes, padding, the DF flag, ECN) is not checked.
 */
import type {
  ArpOp, ArpPacket, BridgeId, EthernetFrame, EthernetPayload, IcmpMessage, IpPayload, Ipv4Packet, StpBpdu,
  VlanTag,
} from './frame.js';
import {
  ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_QINQ, ETHERTYPE_VLAN, IPV4_HEADER_LENGTH, IP_PROTO_ICMP, IP_PROTO_TCP,
  IP_PROTO_UDP, MIN_FRAME_LENGTH, NO_TAGS, payloadLength,
} from './frame.js';
import type { Mac } from './mac.js';
import { finishChecksum, onesComplementSum, pseudoHeaderSum } from './checksum.js';

export type DecodeResult = { ok: true; frame: EthernetFrame } | { ok: false; error: string };

/** ICMP types whose message quotes the offending datagram (RFC 792): unreachable, source quench,
 *  redirect, time exceeded, parameter problem. */
export function isIcmpError(type: number): boolean {
  return type === 3 || type === 4 || type === 5 || type === 11 || type === 12;
}

/** Decodes one frame as captured (destination MAC to the end of padding, no FCS). */
export function decodeFrame(bytes: Uint8Array, uid = 0): DecodeResult {
  try {
    return { ok: true, frame: new Decoder(bytes).frame(uid) };
  } catch (e) {
    if (e instanceof WireError) return { ok: false, error: e.message };
    throw e;
  }
}

/** Thrown inside the decoder only; `decodeFrame` turns it into an error value. */
class WireError extends Error {}

const TWO_32 = 2 ** 32;
const ZERO_BRIDGE_ID: BridgeId = Object.freeze({ priority: 0, mac: 0 });

function hex(n: number, digits = 4): string {
  return '0x' + n.toString(16).padStart(digits, '0');
}

class Decoder {
  private readonly v: DataView;
  private readonly n: number;

  constructor(private readonly b: Uint8Array) {
    this.v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    this.n = b.length;
  }

  /** Throws unless `count` bytes of `what` are present at `o` (within `end`). */
  private need(o: number, count: number, what: string, end = this.n): void {
    if (o + count > end) throw new WireError(`truncated ${what}: needs ${count} bytes, ${Math.max(0, end - o)} left`);
  }

  private mac(o: number): Mac {
    return this.v.getUint16(o) * TWO_32 + this.v.getUint32(o + 2);
  }

  frame(uid: number): EthernetFrame {
    const { v, n } = this;
    if (n < MIN_FRAME_LENGTH) {
      throw new WireError(`frame is ${n} bytes, shorter than the ${MIN_FRAME_LENGTH}-byte minimum`);
    }
    const dst = this.mac(0);
    const src = this.mac(6);
    // Tags outermost first (IEEE 802.1Q-2018 9.6): TPID, then PCP(3) DEI(1) VID(12).
    let o = 12;
    let tags: VlanTag[] | null = null;
    let type = v.getUint16(o);
    while (type === ETHERTYPE_VLAN || type === ETHERTYPE_QINQ) {
      this.need(o, 6, `${hex(type)} tag`);
      const tci = v.getUint16(o + 2);
      (tags ??= []).push({ tpid: type, pcp: tci >>> 13, dei: (tci >>> 12) & 1, vid: tci & 0xfff });
      o += 4;
      type = v.getUint16(o);
    }
    o += 2;

    let payload: EthernetPayload;
    let what: string;
    if (type < 0x0600) {
      // IEEE 802.3 length field; LLC DSAP/SSAP 0x42 with UI control is the spanning tree (802.1D 7.12.3).
      if (type > n - o) throw new WireError(`802.3 length field ${type} exceeds the ${n - o} bytes that follow`);
      if (type >= 3 && this.b[o] === 0x42 && this.b[o + 1] === 0x42 && this.b[o + 2] === 0x03) {
        payload = this.stp(o + 3, o + type);
        what = 'BPDU';
      } else {
        payload = { kind: 'raw', etherType: type, dataLength: n - o };
        what = 'payload';
      }
    } else if (type === ETHERTYPE_ARP) {
      payload = this.arp(o);
      what = 'ARP packet';
    } else if (type === ETHERTYPE_IPV4) {
      payload = this.ipv4(o);
      what = 'IPv4 packet';
    } else {
      payload = { kind: 'raw', etherType: type, dataLength: n - o };
      what = 'payload';
    }

    // A frame value's length is its content padded to the minimum; anything more is not ours.
    const content = o + payloadLength(payload);
    if (n > Math.max(MIN_FRAME_LENGTH, content)) {
      throw new WireError(`${n - content} bytes follow the ${what} (frame is ${n} bytes, content ${content})`);
    }
    return { uid, origin: uid, dst, src, tags: tags ?? NO_TAGS, payload, length: n };
  }

  /** ARP for IPv4 over Ethernet (RFC 826). */
  private arp(o: number): ArpPacket {
    const v = this.v;
    this.need(o, 28, 'ARP packet');
    const htype = v.getUint16(o), ptype = v.getUint16(o + 2), hlen = v.getUint8(o + 4), plen = v.getUint8(o + 5);
    if (htype !== 1) throw new WireError(`ARP hardware type ${htype} is not Ethernet (1)`);
    if (ptype !== ETHERTYPE_IPV4) throw new WireError(`ARP protocol type ${hex(ptype)} is not IPv4 (0x0800)`);
    if (hlen !== 6 || plen !== 4) throw new WireError(`ARP address lengths ${hlen}/${plen} are not 6/4`);
    const op = v.getUint16(o + 6);
    if (op !== 1 && op !== 2) throw new WireError(`ARP opcode ${op} is neither request (1) nor reply (2)`);
    return {
      kind: 'arp',
      op: op as ArpOp,
      senderMac: this.mac(o + 8),
      senderIp: v.getUint32(o + 14),
      targetMac: this.mac(o + 18),
      targetIp: v.getUint32(o + 24),
    };
  }

  /**
   * Checks an IPv4 header (RFC 791 3.1) at `o` and returns its total length; `label` prefixes
   * messages ("IPv4", "quoted IPv4").
   */
  private ipv4Header(o: number, label: string): number {
    const { v, b } = this;
    this.need(o, IPV4_HEADER_LENGTH, `${label} header`);
    const version = b[o]! >>> 4, ihl = b[o]! & 0xf;
    if (version !== 4) throw new WireError(`${label} version ${version} != 4`);
    if (ihl !== 5) throw new WireError(`${label} header length ${ihl * 4} bytes: options are not supported`);
    const total = v.getUint16(o + 2);
    if (total < IPV4_HEADER_LENGTH) throw new WireError(`${label} total length ${total} < ${IPV4_HEADER_LENGTH}`);
    if ((v.getUint16(o + 6) & 0x3fff) !== 0) {
      throw new WireError(`${label} fragment (MF or fragment offset set) is not supported`);
    }
    const found = v.getUint16(o + 10);
    const expected = finishChecksum(onesComplementSum(b, o, o + 10, onesComplementSum(b, o + 12, o + 20)));
    if (found !== expected) throw new WireError(`${label} header checksum ${hex(found)} != ${hex(expected)}`);
    return total;
  }

  private ipv4(o: number): Ipv4Packet {
    const { v, b } = this;
    const total = this.ipv4Header(o, 'IPv4');
    if (o + total > this.n) {
      throw new WireError(`IPv4 total length ${total} exceeds the ${this.n - o} bytes that follow`);
    }
    const src = v.getUint32(o + 12), dst = v.getUint32(o + 16);
    const l4 = o + IPV4_HEADER_LENGTH, end = o + total;
    const protocol = b[o + 9]!;
    let payload: IpPayload;
    switch (protocol) {
      case IP_PROTO_ICMP: payload = this.icmp(l4, end); break;
      case IP_PROTO_UDP: payload = this.udp(l4, end, src, dst); break;
      case IP_PROTO_TCP: payload = this.tcp(l4, end, src, dst); break;
      default: payload = { kind: 'raw-ip', protocol, dataLength: total - IPV4_HEADER_LENGTH };
    }
    return { kind: 'ipv4', src, dst, ttl: b[o + 8]!, id: v.getUint16(o + 4), dscp: b[o + 1]! >>> 2, payload };
  }

  /** ICMP (RFC 792): echo-like messages carry id/seq and data; errors quote a datagram. */
  private icmp(o: number, end: number): IcmpMessage {
    const { v, b } = this;
    const len = end - o;
    if (len < 8) throw new WireError(`ICMP message of ${len} bytes is shorter than its 8-byte header`);
    const found = v.getUint16(o + 2);
    const expected = finishChecksum(onesComplementSum(b, o, o + 2, onesComplementSum(b, o + 4, end)));
    if (found !== expected) throw new WireError(`ICMP checksum ${hex(found)} != ${hex(expected)}`);
    const type = b[o]!, code = b[o + 1]!, id = v.getUint16(o + 4), seq = v.getUint16(o + 6);
    if (!isIcmpError(type)) return { kind: 'icmp', type, code, id, seq, dataLength: len - 8, quoted: null };
    if (len !== 8 + IPV4_HEADER_LENGTH + 8) {
      throw new WireError(`ICMP type ${type} quotes ${len - 8} bytes; expected an IPv4 header and 8 bytes (28)`);
    }
    return { kind: 'icmp', type, code, id, seq, dataLength: 0, quoted: this.quoted(o + 8) };
  }

  /** The datagram an ICMP error quotes: its IPv4 header and the first 8 bytes of its payload. */
  private quoted(o: number): Ipv4Packet {
    const { v, b } = this;
    const total = this.ipv4Header(o, 'quoted IPv4');
    const src = v.getUint32(o + 12), dst = v.getUint32(o + 16);
    const q = o + IPV4_HEADER_LENGTH;
    const protocol = b[o + 9]!;
    const tooShort = (min: number, what: string) => {
      if (total < min) throw new WireError(`quoted IPv4 total length ${total} is too short for ${what} (${min})`);
    };
    let payload: IpPayload;
    switch (protocol) {
      case IP_PROTO_ICMP: {
        tooShort(28, 'ICMP');
        const type = b[q]!;
        if (isIcmpError(type)) {
          throw new WireError(`ICMP error quoting an ICMP error (type ${type}) is not supported (RFC 1122 3.2.2)`);
        }
        payload = {
          kind: 'icmp', type, code: b[q + 1]!, id: v.getUint16(q + 4), seq: v.getUint16(q + 6),
          dataLength: total - 28, quoted: null,
        };
        break;
      }
      case IP_PROTO_UDP: {
        tooShort(28, 'UDP');
        const udpLength = v.getUint16(q + 4);
        if (udpLength !== total - IPV4_HEADER_LENGTH) {
          throw new WireError(`quoted UDP length ${udpLength} != ${total - IPV4_HEADER_LENGTH} (IPv4 payload length)`);
        }
        payload = { kind: 'udp', srcPort: v.getUint16(q), dstPort: v.getUint16(q + 2), dataLength: total - 28 };
        break;
      }
      case IP_PROTO_TCP:
        tooShort(40, 'TCP');
        payload = {
          kind: 'tcp', srcPort: v.getUint16(q), dstPort: v.getUint16(q + 2), seq: v.getUint32(q + 4),
          ack: 0, flags: 0, window: 0, dataLength: total - 40,
        };
        break;
      default:
        payload = { kind: 'raw-ip', protocol, dataLength: total - IPV4_HEADER_LENGTH };
    }
    return { kind: 'ipv4', src, dst, ttl: b[o + 8]!, id: v.getUint16(o + 4), dscp: b[o + 1]! >>> 2, payload };
  }

  /** UDP (RFC 768); a zero checksum means "none" and is accepted. */
  private udp(o: number, end: number, src: number, dst: number): IpPayload {
    const { v, b } = this;
    const len = end - o;
    if (len < 8) throw new WireError(`UDP datagram of ${len} bytes is shorter than its 8-byte header`);
    const udpLength = v.getUint16(o + 4);
    if (udpLength !== len) throw new WireError(`UDP length ${udpLength} != ${len} (IPv4 payload length)`);
    const found = v.getUint16(o + 6);
    if (found !== 0) {
      const sum = onesComplementSum(b, o, o + 6, onesComplementSum(b, o + 8, end, pseudoHeaderSum(src, dst, IP_PROTO_UDP, len)));
      const expected = finishChecksum(sum) || 0xffff;
      if (found !== expected) throw new WireError(`UDP checksum ${hex(found)} != ${hex(expected)}`);
    }
    return { kind: 'udp', srcPort: v.getUint16(o), dstPort: v.getUint16(o + 2), dataLength: len - 8 };
  }

  /** TCP (RFC 9293 3.1) without options. */
  private tcp(o: number, end: number, src: number, dst: number): IpPayload {
    const { v, b } = this;
    const len = end - o;
    if (len < 20) throw new WireError(`TCP segment of ${len} bytes is shorter than its 20-byte header`);
    const dataOffset = b[o + 12]! >>> 4;
    if (dataOffset !== 5) throw new WireError(`TCP header length ${dataOffset * 4} bytes: options are not supported`);
    const found = v.getUint16(o + 16);
    const sum = onesComplementSum(b, o, o + 16, onesComplementSum(b, o + 18, end, pseudoHeaderSum(src, dst, IP_PROTO_TCP, len)));
    const expected = finishChecksum(sum);
    if (found !== expected) throw new WireError(`TCP checksum ${hex(found)} != ${hex(expected)}`);
    return {
      kind: 'tcp', srcPort: v.getUint16(o), dstPort: v.getUint16(o + 2), seq: v.getUint32(o + 4),
      ack: v.getUint32(o + 8), flags: v.getUint16(o + 12) & 0x1ff, window: v.getUint16(o + 14), dataLength: len - 20,
    };
  }

  /** IEEE 802.1D-2004 9.3 BPDU at `o` (after LLC), within `end`. */
  private stp(o: number, end: number): StpBpdu {
    const v = this.v;
    this.need(o, 4, 'BPDU', end);
    const protocolId = v.getUint16(o);
    if (protocolId !== 0) throw new WireError(`BPDU protocol identifier ${hex(protocolId)} != 0x0000`);
    const type = v.getUint8(o + 3);
    if (type === 0x80) {
      return {
        kind: 'stp', bpduType: 0x80, flags: 0, rootId: ZERO_BRIDGE_ID, rootPathCost: 0, bridgeId: ZERO_BRIDGE_ID,
        portId: 0, messageAge: 0, maxAge: 0, helloTime: 0, forwardDelay: 0,
      };
    }
    if (type !== 0x00) {
      throw new WireError(`BPDU type ${hex(type, 2)} is not supported (only 802.1D configuration 0x00 and TCN 0x80)`);
    }
    this.need(o, 35, 'configuration BPDU', end);
    return {
      kind: 'stp',
      bpduType: 0x00,
      flags: v.getUint8(o + 4),
      rootId: { priority: v.getUint16(o + 5), mac: this.mac(o + 7) },
      rootPathCost: v.getUint32(o + 13),
      bridgeId: { priority: v.getUint16(o + 17), mac: this.mac(o + 19) },
      portId: v.getUint16(o + 25),
      messageAge: v.getUint16(o + 27),
      maxAge: v.getUint16(o + 29),
      helloTime: v.getUint16(o + 31),
      forwardDelay: v.getUint16(o + 33),
    };
  }
}
