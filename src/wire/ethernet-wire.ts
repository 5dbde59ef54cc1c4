/**
 * What one Ethernet frame occupies on a cable, in bytes of line time: more than the frame a
 * capture shows. A frame value's `length` (ethernet.ts) is what Linux captures: destination MAC
 * to the end of padding, no FCS. On the line every frame also carries its FCS, is preceded by the
 * preamble and start frame delimiter, and is followed by the inter-frame gap, during which the
 * sender may not start the next frame.
 *
 *   preamble (7) | SFD (1) | destination MAC ... padding (captured length, at least 60) | FCS (4) | IFG (12)
 *
 * So a minimum frame (64 bytes with FCS) takes 84 byte times: 672 ns at 1 Gb/s, which is why a
 * 1 GbE line carries at most 1,488,095 minimum frames per second.
 *
 * Invariant: the result only depends on the captured length, and is at least 84; it is the only
 * place that knows these constants (the pipe uses it for every cable; pcaps keep captured bytes).
 */
import { MIN_FRAME_LENGTH } from './ethernet.js';

/** Preamble (7 bytes) and start frame delimiter (1 byte): IEEE 802.3 clauses 3.1.1 (the packet format), 3.2.1 and 3.2.2. */
export const PREAMBLE_SFD_LENGTH = 8;
/** Frame check sequence, a CRC-32 that Linux strips before a capture sees the frame: IEEE 802.3 clause 3.2.9. */
export const FCS_LENGTH = 4;
/** Inter-frame gap, interPacketGap = 96 bit times: IEEE 802.3 clause 4.4.2. */
export const INTER_FRAME_GAP_LENGTH = 12;

/**
 * Byte times a frame of `capturedLength` bytes (no FCS, as a pcap holds it) occupies on an
 * Ethernet line: padded to the 60-byte minimum (minFrameSize, 64 bytes with FCS: IEEE 802.3
 * clause 4.4.2), plus FCS, preamble and SFD, and the inter-frame gap. A VLAN tag is already in
 * the captured length when the frame carries it.
 */
export function ethernetWireBytes(capturedLength: number): number {
  const padded = capturedLength < MIN_FRAME_LENGTH ? MIN_FRAME_LENGTH : capturedLength;
  return PREAMBLE_SFD_LENGTH + padded + FCS_LENGTH + INTER_FRAME_GAP_LENGTH;
}
