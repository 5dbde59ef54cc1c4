/**
 * The receiving side of measuring UDP streams: one `UdpReceiver` per listening socket (a stack and
 * a port), and one `UdpReception` per stream it receives, found by the arriving datagram's source
 * address and port. Several streams to one port (eight senders to one server) are therefore
 * counted apart, as a receiver that demultiplexes by 5-tuple does.
 *
 * A stream is identified by its 5-tuple (UDP, source address, source port, destination address,
 * destination port); the protocol, destination address and port are the socket's, so the
 * receiver looks a stream up by source port, then source address (a short chain: source ports
 * rarely repeat between senders). A datagram from a tuple no stream announced (say, rewritten by
 * MASQUERADE on the way) is counted in `unattributed` and nowhere else.
 *
 * Per stream, using the probe header each datagram carries (seq, send time; src/wire/udp.ts):
 * - `received`: distinct datagrams (by seq); a seq seen before counts in `duplicated` only, so
 *   `received` never exceeds what was sent;
 * - `reordered`: datagrams arriving after one with a higher seq (iperf's "out-of-order");
 * - one-way delay (arrival time minus send time) of every distinct datagram, as samples;
 * - jitter with RFC 3550's estimator (6.4.1, A.8): for consecutive distinct arrivals i-1, i,
 *   D = transit(i) - transit(i-1) and J += (|D| - J) / 16. J is kept in ns as a double, unrounded;
 *   the report rounds it to the nearest ns.
 * Per datagram, nothing is allocated beyond the amortized growth of the samples and of the
 * seen-seq bitmap.
 */
import type { RunContext } from '../net/core/run-context.js';
import type { UdpListener } from '../stack/ip-stack.js';
import type { Ipv4Address } from '../wire/ipv4-address.js';
import type { Ipv4Packet } from '../wire/ipv4.js';
import type { UdpDatagram } from '../wire/udp.js';
import { SampleBuffer } from './sample-buffer.js';

/** What one stream's receiver counted. */
export class UdpReception {
  received = 0;
  receivedBytes = 0;
  duplicated = 0;
  reordered = 0;
  /** When the last distinct datagram arrived; -1 before the first. */
  lastReceivedNs = -1;
  /** RFC 3550 interarrival jitter, ns, unrounded (a double). */
  jitterNs = 0;
  readonly oneWayNs = new SampleBuffer();
  private maxSeq = 0;
  private lastTransit = 0;
  /** Bit `seq` set once that seq arrived; grows by doubling. */
  private seen = new Uint32Array(4);
  /** The next stream on the same source port (another source address). */
  next: UdpReception | null = null;

  constructor(readonly srcAddress: Ipv4Address, readonly srcPort: number) {}

  /** A datagram of this stream arrived at `now` with `probe`'s seq and send time. */
  arrive(now: number, seq: number, sentNs: number, bytes: number): void {
    const word = seq >>> 5;
    if (word >= this.seen.length) this.growSeen(word);
    const bit = 1 << (seq & 31);
    if ((this.seen[word]! & bit) !== 0) {
      this.duplicated++;
      return;
    }
    this.seen[word]! |= bit;
    if (seq < this.maxSeq) this.reordered++;
    else this.maxSeq = seq;
    const transit = now - sentNs;
    if (this.received > 0) {
      const d = transit - this.lastTransit;
      this.jitterNs += ((d < 0 ? -d : d) - this.jitterNs) / 16;
    }
    this.lastTransit = transit;
    this.received++;
    this.receivedBytes += bytes;
    this.lastReceivedNs = now;
    this.oneWayNs.push(transit);
  }

  /** Whether a datagram with this seq has arrived. */
  has(seq: number): boolean {
    const word = seq >>> 5;
    return word < this.seen.length && (this.seen[word]! & (1 << (seq & 31))) !== 0;
  }

  private growSeen(word: number): void {
    let n = this.seen.length * 2;
    while (n <= word) n *= 2;
    const grown = new Uint32Array(n);
    grown.set(this.seen);
    this.seen = grown;
  }
}

/** A listening UDP socket shared by every measuring stream to its port. */
export class UdpReceiver implements UdpListener {
  /** Datagrams from a 5-tuple no stream announced, or without a probe header. */
  unattributed = 0;
  private readonly byPort = new Map<number, UdpReception>();

  constructor(private readonly net: RunContext) {}

  /** The reception of the stream from `srcAddress`:`srcPort`, made on first ask. */
  expect(srcAddress: Ipv4Address, srcPort: number): UdpReception {
    const found = this.find(srcAddress, srcPort);
    if (found) return found;
    const r = new UdpReception(srcAddress, srcPort);
    r.next = this.byPort.get(srcPort) ?? null;
    this.byPort.set(srcPort, r);
    return r;
  }

  onUdp(p: Ipv4Packet, d: UdpDatagram): void {
    const r = this.find(p.src, d.srcPort);
    if (r === null || d.probe === null) {
      this.unattributed++;
      return;
    }
    r.arrive(this.net.now, d.probe.seq, d.probe.sentNs, d.dataLength);
  }

  private find(srcAddress: Ipv4Address, srcPort: number): UdpReception | null {
    let r = this.byPort.get(srcPort) ?? null;
    while (r !== null && r.srcAddress !== srcAddress) r = r.next;
    return r;
  }
}
