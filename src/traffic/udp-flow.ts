/**
 * A constant-bit-rate UDP stream (iperf -u) and the per-stream results the report shows.
 *
 * Each datagram carries a probe header (seq from 1, send time; src/wire/udp.ts) that the
 * receiving socket (udp-receiver.ts) uses to attribute it to this stream and to measure loss,
 * duplicates, reordering, one-way delay and jitter. The stream announces its 5-tuple to the
 * receiver when it sends its first datagram, with the source address its stack chose.
 */
import { SECOND } from '../engine/time.js';
import type { RunContext } from '../net/core/run-context.js';
import type { Place } from '../trace/place.js';
import type { IpStack } from '../stack/ip-stack.js';
import { formatIpv4, type Ipv4Address } from '../wire/ipv4-address.js';
import { NO_ORIGIN, type FlowOrigin } from './flow-origin.js';
import type { UdpReceiver, UdpReception } from './udp-receiver.js';
import type { Ipv4Packet } from '../wire/ipv4.js';
import type { UdpDatagram } from '../wire/udp.js';

interface UdpFlowParams {
  readonly dst: Ipv4Address;
  readonly port: number;
  /** Application bit rate (payload bits per second), like iperf -b. */
  readonly rate: number;
  /** UDP payload bytes per datagram. */
  readonly size: number;
  readonly start: number;
  readonly stop: number;
}

/** One stream's counts and measurements, before the report turns samples into distributions. */
export interface UdpFlowResult {
  readonly from: string;
  readonly to: string;
  /** The 5-tuple (protocol UDP): source address as sent (null before the first datagram), ports, destination. */
  readonly src: string | null;
  readonly srcPort: number;
  readonly dst: string;
  readonly dstPort: number;
  readonly sent: number;
  /** Distinct datagrams received (duplicates not counted again). */
  readonly received: number;
  readonly sentBytes: number;
  readonly receivedBytes: number;
  /** Datagrams sent, not yet received, still on their way when the run stopped (queued or on a wire). */
  readonly inFlight: number;
  /** sent - received - inFlight: never negative. */
  readonly lost: number;
  readonly duplicated: number;
  readonly reordered: number;
  /** Received payload bits per second from the first datagram sent to the last received; 0 when none arrived. */
  readonly goodputBps: number;
  /** lost / sent (0 when nothing was sent): a datagram still in flight is not lost. */
  readonly lossRatio: number;
  readonly firstSentNs: number | null;
  readonly lastReceivedNs: number | null;
  /** RFC 3550 jitter rounded to the nearest ns; null with fewer than 2 datagrams received. */
  readonly jitterNs: number | null;
}

/** A constant-bit-rate UDP sender (iperf -u -b RATE -l SIZE). */
export class UdpFlow {
  private sent = 0;
  private firstSentNs = -1;
  private src: Ipv4Address | null = null;
  private readonly gap: number;
  /** What the receiver counted for this stream; null when nothing in the scenario listens. */
  private reception: UdpReception | null = null;

  constructor(
    private readonly net: RunContext,
    private readonly stack: IpStack,
    readonly from: Place,
    readonly to: string,
    private readonly receiver: UdpReceiver | null,
    readonly params: UdpFlowParams,
    readonly srcPort: number,
    readonly origin: FlowOrigin = NO_ORIGIN,
  ) {
    this.gap = Math.max(1, Math.round((params.size * 8 * SECOND) / params.rate));
    net.engine.at(params.start, onUdpTick, this);
  }

  tick(): void {
    const p = this.params;
    const now = this.net.now;
    if (now >= p.stop) return;
    const seq = ++this.sent;
    if (seq === 1) this.connect(now);
    const packet = this.stack.packet(p.dst, {
      kind: 'udp', srcPort: this.srcPort, dstPort: p.port, dataLength: p.size, probe: { seq, sentNs: now },
    }, this.src ?? 0);
    this.stack.output(packet);
    this.net.engine.after(this.gap, onUdpTick, this);
  }

  /**
   * Fixes the source address at the first datagram, as iperf's connected socket does at
   * connect(): the one the route to the destination gives. Without a route it stays unset (the
   * stack refuses each datagram) and no receiver hears of the stream.
   */
  private connect(now: number): void {
    this.firstSentNs = now;
    const route = this.stack.lookupRoute(this.params.dst);
    this.src = route === null ? null : route.src ?? this.stack.firstAddress(route.dev);
    if (this.src !== null) this.reception = this.receiver?.expect(this.src, this.srcPort) ?? null;
  }

  /** One-way delays (ns) of the distinct datagrams received, in arrival order (a view). */
  oneWaySamples(): Float64Array {
    return this.reception?.oneWayNs.view() ?? new Float64Array(0);
  }

  /** Whether a datagram in the network is one of this stream's (by its 5-tuple) that has not arrived yet. */
  awaits(p: Ipv4Packet, d: UdpDatagram): boolean {
    return d.probe !== null && this.src !== null && p.src === this.src && d.srcPort === this.srcPort && p.dst === this.params.dst
      && d.dstPort === this.params.port && d.probe.seq <= this.sent && !(this.reception?.has(d.probe.seq) ?? false);
  }

  /** The stream's figures; `inFlight` distinct datagrams of it are still on their way (see awaits). */
  result(inFlight = 0): UdpFlowResult {
    const p = this.params;
    const r = this.reception;
    const received = r?.received ?? 0;
    const receivedBytes = r?.receivedBytes ?? 0;
    const lastReceived = r !== null && r.lastReceivedNs >= 0 ? r.lastReceivedNs : null;
    const window = lastReceived === null ? 0 : lastReceived - this.firstSentNs;
    return {
      from: this.from.name, to: this.to,
      src: this.src === null ? null : formatIpv4(this.src), srcPort: this.srcPort, dst: formatIpv4(p.dst), dstPort: p.port,
      sent: this.sent, received, sentBytes: this.sent * p.size, receivedBytes,
      inFlight,
      lost: this.sent - received - inFlight,
      duplicated: r?.duplicated ?? 0,
      reordered: r?.reordered ?? 0,
      goodputBps: window > 0 ? Math.round((receivedBytes * 8 * SECOND) / window) : 0,
      lossRatio: this.sent === 0 ? 0 : (this.sent - received - inFlight) / this.sent,
      firstSentNs: this.firstSentNs >= 0 ? this.firstSentNs : null,
      lastReceivedNs: lastReceived,
      jitterNs: r !== null && r.received >= 2 ? Math.round(r.jitterNs) : null,
    };
  }
}

function onUdpTick(f: UdpFlow): void {
  f.tick();
}
