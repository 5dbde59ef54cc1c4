/**
 * IEEE 802.1D-2004 BPDUs (9.3): a configuration BPDU (35 bytes) or a topology change notification
 * (4 bytes), in an IEEE 802.3 frame (a length field where the EtherType would be) behind an
 * IEEE 802.2 LLC header, DSAP and SSAP 0x42, control 0x03 (UI), sent to 01:80:c2:00:00:00.
 *
 * Invariants: times are in 1/256 s units, as on the wire; a TCN carries only its type, so every
 * other field of a TCN value is 0. Parsing refuses RSTP and MSTP BPDUs (types other than 0x00 and
 * 0x80) and any protocol identifier other than 0.
 */
import { hex } from './hex.js';
import { formatMac, readMac, writeMac, type Mac } from './mac.js';
import { needBytes, WireError } from './wire-error.js';

export const STP_MULTICAST_MAC: Mac = 0x0180c2000000;

/** IEEE 802.2 LLC header of a BPDU: DSAP 0x42, SSAP 0x42, control 0x03 (UI). */
const LLC_STP = [0x42, 0x42, 0x03] as const;
const LLC_LENGTH = 3;
const TCN = 0x80;

/** A configuration or TCN BPDU. */
export interface StpBpdu {
  readonly kind: 'stp';
  readonly bpduType: 0x00 | 0x80; // 0x00 configuration, 0x80 topology change notification
  readonly flags: number; // bit 0 topology change, bit 7 topology change acknowledgement
  readonly rootId: BridgeId;
  readonly rootPathCost: number;
  readonly bridgeId: BridgeId;
  readonly portId: number;
  readonly messageAge: number;
  readonly maxAge: number;
  readonly helloTime: number;
  readonly forwardDelay: number;
}

/** Bridge identifier (9.2.5): priority (with the system id extension), then the bridge's MAC. */
export interface BridgeId {
  readonly priority: number;
  readonly mac: Mac;
}

const ZERO_BRIDGE_ID: BridgeId = Object.freeze({ priority: 0, mac: 0 });

/** LLC header and BPDU, in bytes (the 802.3 length field). */
export function bpduLength(s: StpBpdu): number {
  return LLC_LENGTH + (s.bpduType === TCN ? 4 : 35);
}

/** True when the `length` bytes at `o` (after an 802.3 length field) start with the LLC header of a BPDU. */
export function isBpduLlc(b: Uint8Array, o: number, length: number): boolean {
  return length >= LLC_LENGTH && b[o] === LLC_STP[0] && b[o + 1] === LLC_STP[1] && b[o + 2] === LLC_STP[2];
}

/** Writes the LLC header and the BPDU at `o`; returns the offset after them. */
export function emitBpdu(v: DataView, o: number, s: StpBpdu): number {
  v.setUint8(o, LLC_STP[0]);
  v.setUint8(o + 1, LLC_STP[1]);
  v.setUint8(o + 2, LLC_STP[2]);
  const b = o + LLC_LENGTH;
  v.setUint16(b, 0); // protocol identifier (9.3.1)
  v.setUint8(b + 2, 0); // protocol version: STP
  v.setUint8(b + 3, s.bpduType);
  if (s.bpduType === TCN) return b + 4;
  v.setUint8(b + 4, s.flags);
  emitBridgeId(v, b + 5, s.rootId);
  v.setUint32(b + 13, s.rootPathCost);
  emitBridgeId(v, b + 17, s.bridgeId);
  v.setUint16(b + 25, s.portId);
  v.setUint16(b + 27, s.messageAge);
  v.setUint16(b + 29, s.maxAge);
  v.setUint16(b + 31, s.helloTime);
  v.setUint16(b + 33, s.forwardDelay);
  return b + 35;
}

function emitBridgeId(v: DataView, o: number, id: BridgeId): void {
  v.setUint16(o, id.priority);
  writeMac(v, o + 2, id.mac);
}

/** Reads the BPDU behind the LLC header at `o` (which `isBpduLlc` recognised), within `end`. */
export function parseBpdu(v: DataView, o: number, end: number): StpBpdu {
  const b = o + LLC_LENGTH;
  needBytes(b, 4, 'BPDU', end);
  const protocolId = v.getUint16(b);
  if (protocolId !== 0) throw new WireError(`BPDU protocol identifier ${hex(protocolId)} != 0x0000`);
  const type = v.getUint8(b + 3);
  if (type === TCN) {
    return {
      kind: 'stp', bpduType: TCN, flags: 0, rootId: ZERO_BRIDGE_ID, rootPathCost: 0, bridgeId: ZERO_BRIDGE_ID,
      portId: 0, messageAge: 0, maxAge: 0, helloTime: 0, forwardDelay: 0,
    };
  }
  if (type !== 0x00) {
    throw new WireError(`BPDU type ${hex(type, 2)} is not supported (only 802.1D configuration 0x00 and TCN 0x80)`);
  }
  needBytes(b, 35, 'configuration BPDU', end);
  return {
    kind: 'stp',
    bpduType: 0x00,
    flags: v.getUint8(b + 4),
    rootId: { priority: v.getUint16(b + 5), mac: readMac(v, b + 7) },
    rootPathCost: v.getUint32(b + 13),
    bridgeId: { priority: v.getUint16(b + 17), mac: readMac(v, b + 19) },
    portId: v.getUint16(b + 25),
    messageAge: v.getUint16(b + 27),
    maxAge: v.getUint16(b + 29),
    helloTime: v.getUint16(b + 31),
    forwardDelay: v.getUint16(b + 33),
  };
}

/** Bridge id as Linux shows it: priority (with system id extension) in hex, a dot, the MAC. */
export function formatBridgeId(priority: number, mac: number): string {
  return `${priority.toString(16).padStart(4, '0')}.${formatMac(mac)}`;
}

/** `STP conf root 8000.aa:bb:cc:dd:ee:01 cost 4 port 0x8001 bridge 8000.aa:bb:cc:dd:ee:02 tc`, `STP tcn`. */
export function describeBpdu(p: StpBpdu): string {
  if (p.bpduType === TCN) return 'STP tcn';
  let s = `STP conf root ${formatBridgeId(p.rootId.priority, p.rootId.mac)} cost ${p.rootPathCost}`
    + ` port ${hex(p.portId)} bridge ${formatBridgeId(p.bridgeId.priority, p.bridgeId.mac)}`;
  if (p.flags & 0x01) s += ' tc';
  if (p.flags & 0x80) s += ' tca';
  return s;
}
