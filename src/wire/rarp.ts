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
import { ARP_PACKET_LENGTH, emitAddressResolution, parseAddressResolution } from './arp.js';
import { formatIpv4, type Ipv4Address } from './ipv4-address.js';
import { formatMac, type Mac } from './mac.js';

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
  return emitAddressResolution(v, o, p);
}

/** Reads the packet at `o`, within the frame's `end`. */
export function parseRarp(v: DataView, o: number, end: number): RarpPacket {
  const r = parseAddressResolution(v, o, end, 'RARP', (op) => (op === 3 || op === 4 ? null : `RARP opcode ${op} is neither request reverse (3) nor reply reverse (4)`));
  return { kind: 'rarp', ...r, op: r.op as RarpOp };
}

/** `RARP who-is 52:54:00:00:00:02 tell 52:54:00:00:00:02`, `RARP 52:54:00:00:00:02 at 10.0.0.2` (tcpdump's words). */
export function describeRarp(p: RarpPacket): string {
  if (p.op === RARP_REPLY) return `RARP ${formatMac(p.targetMac)} at ${formatIpv4(p.targetIp)}`;
  return `RARP who-is ${formatMac(p.targetMac)} tell ${formatMac(p.senderMac)}`;
}
