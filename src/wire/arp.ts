/**
 * ARP for IPv4 over Ethernet (RFC 826 "Packet format"): hardware type 1, protocol type 0x0800,
 * address lengths 6 and 4, an opcode, then sender and target hardware and protocol addresses.
 *
 * Invariants: the packet is always 28 bytes; only requests (1) and replies (2) exist as values, and
 * parsing refuses any other hardware, protocol, address length or opcode.
 */
import { hex } from './hex.js';
import { formatIpv4, type Ipv4Address } from './ipv4-address.js';
import { ETHERTYPE_IPV4 } from './ipv4.js';
import { formatMac, readMac, writeMac, type Mac } from './mac.js';
import { needBytes, WireError } from './wire-error.js';

export const ETHERTYPE_ARP = 0x0806;

type ArpOp = 1 | 2; // 1 request, 2 reply
export const ARP_REQUEST: ArpOp = 1;
export const ARP_REPLY: ArpOp = 2;
export const ARP_PACKET_LENGTH = 28;

/** ARP for IPv4 over Ethernet (RFC 826). */
export interface ArpPacket {
  readonly kind: 'arp';
  readonly op: ArpOp;
  readonly senderMac: Mac;
  readonly senderIp: Ipv4Address;
  readonly targetMac: Mac;
  readonly targetIp: Ipv4Address;
}

/** The fields RFC 826's packet carries after its header: ARP's and RARP's alike. */
export interface AddressResolution {
  readonly op: number;
  readonly senderMac: Mac;
  readonly senderIp: Ipv4Address;
  readonly targetMac: Mac;
  readonly targetIp: Ipv4Address;
}

/** Writes an RFC 826 packet (Ethernet, IPv4) at `o`, for ARP or RARP; returns the offset after it. */
export function emitAddressResolution(v: DataView, o: number, p: AddressResolution): number {
  v.setUint16(o, 1); // hardware type: Ethernet
  v.setUint16(o + 2, ETHERTYPE_IPV4); // protocol type: IPv4
  v.setUint8(o + 4, 6);
  v.setUint8(o + 5, 4);
  v.setUint16(o + 6, p.op);
  writeMac(v, o + 8, p.senderMac);
  v.setUint32(o + 14, p.senderIp);
  writeMac(v, o + 18, p.targetMac);
  v.setUint32(o + 24, p.targetIp);
  return o + ARP_PACKET_LENGTH;
}

/**
 * Reads an RFC 826 packet at `o`, within the frame's `end`, refusing any hardware, protocol or
 * address length but Ethernet and IPv4 and any opcode `validOp` rejects (`protocol` names it in
 * messages: ARP or RARP).
 */
export function parseAddressResolution(v: DataView, o: number, end: number, protocol: string, validOp: (op: number) => string | null): AddressResolution {
  needBytes(o, ARP_PACKET_LENGTH, `${protocol} packet`, end);
  const htype = v.getUint16(o), ptype = v.getUint16(o + 2), hlen = v.getUint8(o + 4), plen = v.getUint8(o + 5);
  if (htype !== 1) throw new WireError(`${protocol} hardware type ${htype} is not Ethernet (1)`);
  if (ptype !== ETHERTYPE_IPV4) throw new WireError(`${protocol} protocol type ${hex(ptype)} is not IPv4 (0x0800)`);
  if (hlen !== 6 || plen !== 4) throw new WireError(`${protocol} address lengths ${hlen}/${plen} are not 6/4`);
  const op = v.getUint16(o + 6);
  const refused = validOp(op);
  if (refused !== null) throw new WireError(refused);
  return { op, senderMac: readMac(v, o + 8), senderIp: v.getUint32(o + 14), targetMac: readMac(v, o + 18), targetIp: v.getUint32(o + 24) };
}

/** Writes the packet at `o`; returns the offset after it. */
export function emitArp(v: DataView, o: number, p: ArpPacket): number {
  return emitAddressResolution(v, o, p);
}

/** Reads the packet at `o`, within the frame's `end`. */
export function parseArp(v: DataView, o: number, end: number): ArpPacket {
  const r = parseAddressResolution(v, o, end, 'ARP', (op) => (op === 1 || op === 2 ? null : `ARP opcode ${op} is neither request (1) nor reply (2)`));
  return { kind: 'arp', ...r, op: r.op as ArpOp };
}

/** `ARP who-has 10.0.0.2 tell 10.0.0.1`, `ARP 10.0.0.2 is-at 52:54:00:00:00:02` (tcpdump's words). */
export function describeArp(p: ArpPacket): string {
  if (p.op === 2) return `ARP ${formatIpv4(p.senderIp)} is-at ${formatMac(p.senderMac)}`;
  return `ARP who-has ${formatIpv4(p.targetIp)} tell ${formatIpv4(p.senderIp)}`
    + (p.senderIp === p.targetIp ? ' (gratuitous)' : '');
}
