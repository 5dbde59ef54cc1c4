/**
 * Ethernet II frames (IEEE 802.3 3.1.1) as plain immutable values (smoltcp's "Repr" idea), and the
 * whole-frame entry points: `encodeFrame` (smoltcp's `emit`, for pcap), `decodeFrame` (its
 * `parse`), `describeFrame` (one line, tcpdump -e style). Each dispatches to the protocol files:
 * ieee8021q.ts for tags, then arp.ts, rarp.ts, ipv4.ts or bpdu.ts for the payload.
 *
 *   destination MAC (6) | source MAC (6) | tags, outermost first (4 each) | EtherType (2) | payload | padding
 *
 * Invariants:
 * - a frame value is never mutated: a flood hands the same value to every port, and re-tagging
 *   makes a new one (src/net/core/tagging.ts);
 * - `length` is the bytes on the wire from destination MAC to the end of padding, FCS excluded
 *   (what pcap captures): the content padded to the 60-byte minimum. Bytes exist only when a
 *   capture asks for them; nothing on the simulator's hot path encodes;
 * - `decodeFrame(encodeFrame(f), f.uid)` equals `f` (with `origin` = `uid`) for every value the
 *   model can represent; where the bytes carry less than the model (a raw payload's padding, a
 *   TCN's fields, a quoted TCP segment's ack), the decoded value is the natural reading;
 * - `uid` and `origin` are the simulator's identity of a frame, not bytes on the wire: `uid` is
 *   unique per frame value; `origin` is the uid of the frame as its sender first emitted it, so a
 *   frame that a bridge or switch re-tags (a new value) can still be followed along its whole path.
 */
import { ARP_PACKET_LENGTH, describeArp, emitArp, ETHERTYPE_ARP, parseArp, type ArpPacket } from './arp.js';
import { bpduLength, describeBpdu, emitBpdu, isBpduLlc, parseBpdu, type StpBpdu } from './bpdu.js';
import { hex } from './hex.js';
import { describeTag, emitTag, isTpid, NO_TAGS, parseTag, TAG_LENGTH, type VlanTag } from './ieee8021q.js';
import { describeIpv4, emitIpv4, ETHERTYPE_IPV4, ipv4TotalLength, parseIpv4, type Ipv4Packet } from './ipv4.js';
import { formatMac, readMac, writeMac, type Mac } from './mac.js';
import { describeRarp, emitRarp, ETHERTYPE_RARP, parseRarp, RARP_PACKET_LENGTH, type RarpPacket } from './rarp.js';
import { needBytes, WireError } from './wire-error.js';

/** Smallest Ethernet frame without FCS (IEEE 802.3: 64 bytes with the 4-byte FCS). */
export const MIN_FRAME_LENGTH = 60;
/** Destination, source, EtherType. */
const HEADER_LENGTH = 14;
/** EtherType values start here; below it the field is an IEEE 802.3 length. */
const MIN_ETHERTYPE = 0x0600;

export interface EthernetFrame {
  readonly uid: number;
  readonly origin: number;
  readonly dst: Mac;
  readonly src: Mac;
  /** Tags in wire order, outermost first; empty for an untagged frame. */
  readonly tags: readonly VlanTag[];
  readonly payload: EthernetPayload;
  /** Bytes on the wire from destination MAC to the end of padding, FCS excluded (what pcap captures). */
  readonly length: number;
}

export type EthernetPayload = ArpPacket | RarpPacket | Ipv4Packet | StpBpdu | RawPayload;

/**
 * Any other EtherType (or an 802.3 length field, below 0x0600, with something other than a BPDU
 * behind it): `dataLength` bytes of unmodelled content, written as zero bytes.
 */
export interface RawPayload {
  readonly kind: 'raw';
  readonly etherType: number;
  readonly dataLength: number;
}

/** Builds a frame value; `uid`/`origin` come from the simulation's frame counter (0 outside one). */
export function makeFrame(
  uid: number, origin: number, dst: Mac, src: Mac, tags: readonly VlanTag[], payload: EthernetPayload,
): EthernetFrame {
  return { uid, origin, dst, src, tags, payload, length: frameLength(tags, payload) };
}

function frameLength(tags: readonly VlanTag[], payload: EthernetPayload): number {
  return Math.max(MIN_FRAME_LENGTH, HEADER_LENGTH + TAG_LENGTH * tags.length + payloadLength(payload));
}

/** Length of an Ethernet payload in bytes (what follows the EtherType). */
function payloadLength(p: EthernetPayload): number {
  switch (p.kind) {
    case 'arp': return ARP_PACKET_LENGTH;
    case 'rarp': return RARP_PACKET_LENGTH;
    case 'ipv4': return ipv4TotalLength(p);
    case 'stp': return bpduLength(p);
    case 'raw': return p.dataLength;
  }
}

/** The EtherType the payload travels under; -1 for a BPDU (an 802.3 length field and LLC instead). */
export function etherTypeOf(p: EthernetPayload): number {
  switch (p.kind) {
    case 'arp': return ETHERTYPE_ARP;
    case 'rarp': return ETHERTYPE_RARP;
    case 'ipv4': return ETHERTYPE_IPV4;
    case 'stp': return -1;
    case 'raw': return p.etherType;
  }
}

// ---- emit ----

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
  const contentLength = HEADER_LENGTH + TAG_LENGTH * f.tags.length + payloadLength(p);
  if (contentLength > f.length) {
    throw new RangeError(`frame length ${f.length} is shorter than its content (${contentLength} bytes)`);
  }
  const v = new DataView(out.buffer, out.byteOffset, out.byteLength);
  writeMac(v, offset, f.dst);
  writeMac(v, offset + 6, f.src);
  let o = offset + 12;
  for (const t of f.tags) {
    emitTag(v, o, t);
    o += TAG_LENGTH;
  }
  v.setUint16(o, p.kind === 'stp' ? payloadLength(p) : etherTypeOf(p));
  o += 2;

  let end: number;
  switch (p.kind) {
    case 'arp': end = emitArp(v, o, p); break;
    case 'rarp': end = emitRarp(v, o, p); break;
    case 'ipv4': end = emitIpv4(v, out, o, p); break;
    case 'stp': end = emitBpdu(v, o, p); break;
    case 'raw': end = o + p.dataLength; out.fill(0, o, end); break;
  }
  out.fill(0, end, frameEnd); // padding to the minimum frame size, or to f.length
  return frameEnd;
}

// ---- parse ----

type DecodeResult = { ok: true; frame: EthernetFrame } | { ok: false; error: string };

/**
 * Decodes one frame as captured (destination MAC to the end of padding, no FCS). Every length and
 * every checksum is checked; what the model cannot represent (IPv4 options and fragments, TCP
 * options, RSTP/MSTP BPDUs, frames under the 60-byte minimum) is refused with a reason.
 * Unmodelled content (data bytes, padding, the DF flag, ECN) is not checked.
 */
export function decodeFrame(bytes: Uint8Array, uid = 0): DecodeResult {
  try {
    return { ok: true, frame: parseFrame(bytes, uid) };
  } catch (e) {
    if (e instanceof WireError) return { ok: false, error: e.message };
    throw e;
  }
}

function parseFrame(b: Uint8Array, uid: number): EthernetFrame {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const n = b.length;
  if (n < MIN_FRAME_LENGTH) {
    throw new WireError(`frame is ${n} bytes, shorter than the ${MIN_FRAME_LENGTH}-byte minimum`);
  }
  const dst = readMac(v, 0);
  const src = readMac(v, 6);
  let o = 12;
  let tags: VlanTag[] | null = null;
  let type = v.getUint16(o);
  while (isTpid(type)) {
    needBytes(o, TAG_LENGTH + 2, `${hex(type)} tag`, n);
    (tags ??= []).push(parseTag(v, o));
    o += TAG_LENGTH;
    type = v.getUint16(o);
  }
  o += 2;

  let payload: EthernetPayload;
  let what: string;
  if (type < MIN_ETHERTYPE) {
    // An IEEE 802.3 length field; behind LLC DSAP/SSAP 0x42 is the spanning tree (802.1D 7.12.3).
    if (type > n - o) throw new WireError(`802.3 length field ${type} exceeds the ${n - o} bytes that follow`);
    if (isBpduLlc(b, o, type)) {
      payload = parseBpdu(v, o, o + type);
      what = 'BPDU';
    } else {
      payload = { kind: 'raw', etherType: type, dataLength: n - o };
      what = 'payload';
    }
  } else if (type === ETHERTYPE_ARP) {
    payload = parseArp(v, o, n);
    what = 'ARP packet';
  } else if (type === ETHERTYPE_RARP) {
    payload = parseRarp(v, o, n);
    what = 'RARP packet';
  } else if (type === ETHERTYPE_IPV4) {
    payload = parseIpv4(v, b, o, n);
    what = 'IPv4 packet';
  } else {
    // A raw payload's `dataLength` is everything after the EtherType, padding included.
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

// ---- describe ----

type FrameProtocol = 'arp' | 'icmp' | 'udp' | 'tcp' | 'stp' | 'ipv4' | 'other';

/** The innermost protocol the simulator models (for filters and colours); `ipv4` for IPv4 with another protocol inside. */
export function protocolOf(f: EthernetFrame): FrameProtocol {
  const p = f.payload;
  switch (p.kind) {
    case 'arp': return 'arp';
    case 'rarp': return 'arp'; // as Wireshark's "arp" filter, which RARP matches too
    case 'stp': return 'stp';
    case 'raw': return 'other';
    case 'ipv4':
      switch (p.payload.kind) {
        case 'icmp': return 'icmp';
        case 'udp': return 'udp';
        case 'tcp': return 'tcp';
        case 'raw-ip': return 'ipv4';
      }
  }
}

/**
 * One line, link addresses first (tcpdump -e):
 *
 *   52:54:00:00:00:01 > ff:ff:ff:ff:ff:ff vlan 100 ARP who-has 10.0.0.2 tell 10.0.0.1
 *   52:54:00:00:00:02 > 52:54:00:00:00:01 IPv4 10.0.0.2 > 10.0.0.1 ICMP echo reply id 1 seq 3 len 64
 *   52:54:00:00:00:01 > 52:54:00:00:00:02 UDP 10.0.0.1:40000 > 10.0.0.2:5001 len 1000
 *   aa:bb:cc:dd:ee:02 > 01:80:c2:00:00:00 STP conf root 8000.aa:bb:cc:dd:ee:01 cost 4 port 0x8001 bridge ...
 *
 * Lengths follow tcpdump: ICMP `len` is the ICMP message (header included, so a default ping is 64),
 * UDP and TCP `len` is the data after their header.
 */
export function describeFrame(f: EthernetFrame): string {
  let s = `${formatMac(f.src)} > ${formatMac(f.dst)}`;
  for (const t of f.tags) s += describeTag(t);
  return `${s} ${describePayload(f.payload)}`;
}

function describePayload(p: EthernetPayload): string {
  switch (p.kind) {
    case 'arp': return describeArp(p);
    case 'rarp': return describeRarp(p);
    case 'ipv4': return describeIpv4(p);
    case 'stp': return describeBpdu(p);
    case 'raw':
      return p.etherType < MIN_ETHERTYPE
        ? `802.3 length ${p.etherType}`
        : `ethertype ${hex(p.etherType)}${ETHERTYPE_NAMES[p.etherType] ? ` (${ETHERTYPE_NAMES[p.etherType]})` : ''} len ${p.dataLength}`;
  }
}

/** Names of EtherTypes the model carries only as raw payloads. */
const ETHERTYPE_NAMES: Record<number, string> = { 0x86dd: 'IPv6', 0x88cc: 'LLDP', 0x8809: 'Slow Protocols' };
