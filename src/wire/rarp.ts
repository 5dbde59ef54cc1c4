/**
 * RARP (RFC 903 "A Reverse Address Resolution Protocol"): ARP's packet format (RFC 826) under its
 * own EtherType 0x8035, with opcodes 3 (request reverse) and 4 (reply reverse). qemu sends the
 * request after a migration to announce where a guest's MAC now is (net/announce.c): sender and
 * target hardware address the NIC's MAC, both protocol addresses 0, to the broadcast address, so
 * every bridge and switch on the way learns the MAC on its new port.
 *
 * Invariants: the packet is always 28 bytes; hardware type Ethernet, protocol type IPv4, lengths
 * 6 and 4; parsing refuses any other, and any opcode but 3 and 4.
 */
import { ARP_PACKET_LENGTH } from './arp.js';
import { formatIpv4, type Ipv4Address } from './ipv4-address.js';
import { ETHERTYPE_IPV4 } from './ipv4.js';
import { hex } from './hex.js';
import { formatMac, readMac, writeMac, type Mac } from './mac.js';
import { needBytes, WireError } from './wire-error.js';

export const ETHERTYPE_RARP = 0x8035;

type RarpOp = 3 | 4; // 3 request reverse, 4 reply reverse
export const RARP_REQUEST: RarpOp = 3;
export const RARP_REPLY: RarpOp = 4;
export const RARP_PACKET_LENGTH = ARP_PACKET_LENGTH;

/** A RARP packet (RFC 903): ARP's fields under EtherType 0x8035. */
export interface RarpPacket {
  readonly kind: 'rarp';
  readonly op: RarpOp;
  readonly senderMac: Mac;
  readonly senderIp: Ipv4Address;
  readonly targetMac: Mac;
  readonly targetIp: Ipv4Address;
}

/** qemu's self-announce for `mac` (net/announce.c): a reverse request about itself, addresses 0. */
export function selfAnnounce(mac: Mac): RarpPacket {
  return { kind: 'rarp', op: RARP_REQUEST, senderMac: mac, senderIp: 0, targetMac: mac, targetIp: 0 };
}

/** Writes the packet at `o`; returns the offset after it. */
export function emitRarp(v: DataView, o: number, p: RarpPacket): number {
  v.setUint16(o, 1); // hardware type: Ethernet
  v.setUint16(o + 2, ETHERTYPE_IPV4);
  v.setUint8(o + 4, 6);
  v.setUint8(o + 5, 4);
  v.setUint16(o + 6, p.op);
  writeMac(v, o + 8, p.senderMac);
  v.setUint32(o + 14, p.senderIp);
  writeMac(v, o + 18, p.targetMac);
  v.setUint32(o + 24, p.targetIp);
  return o + RARP_PACKET_LENGTH;
}

/** Reads the packet at `o`, within the frame's `end`. */
export function parseRarp(v: DataView, o: number, end: number): RarpPacket {
  needBytes(o, RARP_PACKET_LENGTH, 'RARP packet', end);
  const htype = v.getUint16(o), ptype = v.getUint16(o + 2), hlen = v.getUint8(o + 4), plen = v.getUint8(o + 5);
  if (htype !== 1) throw new WireError(`RARP hardware type ${htype} is not Ethernet (1)`);
  if (ptype !== ETHERTYPE_IPV4) throw new WireError(`RARP protocol type ${hex(ptype)} is not IPv4 (0x0800)`);
  if (hlen !== 6 || plen !== 4) throw new WireError(`RARP address lengths ${hlen}/${plen} are not 6/4`);
  const op = v.getUint16(o + 6);
  if (op !== 3 && op !== 4) throw new WireError(`RARP opcode ${op} is neither request reverse (3) nor reply reverse (4)`);
  return {
    kind: 'rarp',
    op: op as RarpOp,
    senderMac: readMac(v, o + 8),
    senderIp: v.getUint32(o + 14),
    targetMac: readMac(v, o + 18),
    targetIp: v.getUint32(o + 24),
  };
}

/** `RARP who-is 52:54:00:00:00:02 tell 52:54:00:00:00:02`, `RARP 52:54:00:00:00:02 at 10.0.0.2` (tcpdump's words). */
export function describeRarp(p: RarpPacket): string {
  if (p.op === RARP_REPLY) return `RARP ${formatMac(p.targetMac)} at ${formatIpv4(p.targetIp)}`;
  return `RARP who-is ${formatMac(p.targetMac)} tell ${formatMac(p.senderMac)}`;
}
