/**
 * Classic libpcap files (the format tcpdump and Wireshark read; see the pcap "savefile" format,
 * draft-ietf-opsawg-pcap): a 24-byte file header, then per frame a 16-byte record header and the
 * captured bytes. We write the nanosecond-resolution variant (magic 0xa1b23c4d) little-endian, so
 * simulated integer nanoseconds are kept exactly.
 *
 * Platform-neutral: it produces Uint8Array chunks and leaves writing them (a file in the CLI, a Blob
 * in the browser) to the caller.
 */
import { encodeFrameInto, type EthernetFrame } from '../wire/ethernet.js';

/** Magic number of a nanosecond-resolution pcap file (microsecond files use 0xa1b2c3d4). */
const PCAP_MAGIC_NANOSECONDS = 0xa1b23c4d;
const PCAP_VERSION_MAJOR = 2;
const PCAP_VERSION_MINOR = 4;
/** LINKTYPE_ETHERNET: IEEE 802.3 frames from the destination MAC, without FCS. */
const LINKTYPE_ETHERNET = 1;
const PCAP_FILE_HEADER_LENGTH = 24;
const PCAP_RECORD_HEADER_LENGTH = 16;

const NS_PER_S = 1_000_000_000;

export class PcapWriter {
  /** @param snaplen the most bytes of a frame a record keeps (longer frames are truncated). */
  constructor(readonly snaplen = 65535) {
    if (!Number.isInteger(snaplen) || snaplen < 1 || snaplen > 0x7fffffff) {
      throw new RangeError(`pcap snaplen ${snaplen} is not a positive 32-bit integer`);
    }
  }

  /** The file header: magic, version 2.4, thiszone 0, sigfigs 0, snaplen, link type Ethernet. */
  header(): Uint8Array {
    const out = new Uint8Array(PCAP_FILE_HEADER_LENGTH);
    const v = new DataView(out.buffer);
    v.setUint32(0, PCAP_MAGIC_NANOSECONDS, true);
    v.setUint16(4, PCAP_VERSION_MAJOR, true);
    v.setUint16(6, PCAP_VERSION_MINOR, true);
    v.setInt32(8, 0, true); // thiszone: timestamps are UTC
    v.setUint32(12, 0, true); // sigfigs
    v.setUint32(16, this.snaplen, true);
    v.setUint32(20, LINKTYPE_ETHERNET, true);
    return out;
  }

  /** Bytes `record()` produces for this frame. */
  recordLength(frame: EthernetFrame): number {
    return PCAP_RECORD_HEADER_LENGTH + Math.min(frame.length, this.snaplen);
  }

  /** One record: ts_sec, ts_nsec, captured length, original length, then the frame's bytes. */
  record(timeNs: number, frame: EthernetFrame): Uint8Array {
    const out = new Uint8Array(this.recordLength(frame));
    this.recordInto(timeNs, frame, out, 0);
    return out;
  }

  /** Writes the record into `out` at `offset`; returns the offset after it. */
  recordInto(timeNs: number, frame: EthernetFrame, out: Uint8Array, offset: number): number {
    if (!Number.isSafeInteger(timeNs) || timeNs < 0) {
      throw new RangeError(`pcap timestamp ${timeNs} ns is not a non-negative integer`);
    }
    const sec = Math.floor(timeNs / NS_PER_S);
    if (sec > 0xffffffff) throw new RangeError(`pcap timestamp ${timeNs} ns does not fit in 32-bit seconds`);
    const captured = Math.min(frame.length, this.snaplen);
    const v = new DataView(out.buffer, out.byteOffset, out.byteLength);
    v.setUint32(offset, sec, true);
    v.setUint32(offset + 4, timeNs - sec * NS_PER_S, true);
    v.setUint32(offset + 8, captured, true);
    v.setUint32(offset + 12, frame.length, true);
    const data = offset + PCAP_RECORD_HEADER_LENGTH;
    if (captured === frame.length) {
      encodeFrameInto(frame, out, data);
    } else {
      // Truncated by snaplen: encode the whole frame aside and keep its head.
      const whole = new Uint8Array(frame.length);
      encodeFrameInto(frame, whole, 0);
      out.set(whole.subarray(0, captured), data);
    }
    return data + captured;
  }
}

/** A whole pcap file in one buffer: the header, then each frame at its simulated time (ns). */
export function pcapFile(
  records: readonly { readonly t: number; readonly frame: EthernetFrame }[], snaplen = 65535,
): Uint8Array {
  const w = new PcapWriter(snaplen);
  let total = PCAP_FILE_HEADER_LENGTH;
  for (const r of records) total += w.recordLength(r.frame);
  const out = new Uint8Array(total);
  out.set(w.header(), 0);
  let o = PCAP_FILE_HEADER_LENGTH;
  for (const r of records) o = w.recordInto(r.t, r.frame, out, o);
  return out;
}
