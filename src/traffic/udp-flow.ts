/**
 * A constant-bit-rate UDP flow (iperf -u) and its receiving socket, and the per-flow results the
 * report shows.
 */
import { SECOND } from '../engine/time.js';
import type { RunContext } from '../net/core/run-context.js';
import type { Place } from '../trace/place.js';
import type { IpStack, UdpListener } from '../stack/ip-stack.js';
import type { Ipv4Packet } from '../wire/ipv4.js';
import type { UdpDatagram } from '../wire/udp.js';
import type { Ipv4Address } from '../wire/ipv4-address.js';

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

export interface UdpFlowResult {
  readonly from: string;
  readonly to: string;
  readonly sent: number;
  readonly received: number;
  readonly sentBytes: number;
  readonly receivedBytes: number;
  /** Received payload bits over the flow's active time. */
  readonly goodputBps: number;
  readonly lossRatio: number;
}

/** The receiving socket of a UDP flow: counts what arrives. */
export class UdpSink implements UdpListener {
  received = 0;
  receivedBytes = 0;

  onUdp(_p: Ipv4Packet, d: UdpDatagram): void {
    this.received++;
    this.receivedBytes += d.dataLength;
  }
}

/** A constant-bit-rate UDP sender (iperf -u -b RATE -l SIZE). */
export class UdpFlow {
  private sent = 0;
  private readonly gap: number;
  private readonly srcPort: number;

  constructor(
    private readonly net: RunContext,
    private readonly stack: IpStack,
    readonly from: Place,
    readonly to: string,
    readonly sink: UdpSink,
    readonly params: UdpFlowParams,
    srcPort: number,
  ) {
    this.gap = Math.max(1, Math.round((params.size * 8 * SECOND) / params.rate));
    this.srcPort = srcPort;
    net.engine.at(params.start, onUdpTick, this);
  }

  tick(): void {
    const p = this.params;
    if (this.net.now >= p.stop) return;
    this.sent++;
    this.stack.output(this.stack.packet(p.dst, { kind: 'udp', srcPort: this.srcPort, dstPort: p.port, dataLength: p.size }));
    this.net.engine.after(this.gap, onUdpTick, this);
  }

  result(): UdpFlowResult {
    const p = this.params;
    const active = Math.max(1, Math.min(p.stop, this.net.now) - p.start);
    return {
      from: this.from.name, to: this.to,
      sent: this.sent, received: this.sink.received,
      sentBytes: this.sent * p.size, receivedBytes: this.sink.receivedBytes,
      goodputBps: Math.round((this.sink.receivedBytes * 8 * SECOND) / active),
      lossRatio: this.sent === 0 ? 0 : 1 - this.sink.received / this.sent,
    };
  }
}

function onUdpTick(f: UdpFlow): void {
  f.tick();
}
