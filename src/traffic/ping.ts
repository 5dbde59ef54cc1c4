/**
 * ICMP echo (`ping`) as a traffic source, and the per-ping results the report shows (sent,
 * received, errors, round-trip times).
 */
import type { RunContext } from '../net/core/run-context.js';
import type { Place } from '../trace/place.js';
import type { IcmpListener, IpStack } from '../stack/ip-stack.js';
import { ICMP_DEST_UNREACHABLE, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST } from '../wire/icmp.js';
import type { Icmpv4Message, Ipv4Packet } from '../wire/ipv4.js';
import { formatIpv4, type Ipv4Address } from '../wire/ipv4-address.js';
import { NO_ORIGIN, type FlowOrigin } from './flow-origin.js';

export interface PingParams {
  readonly dst: Ipv4Address;
  readonly count: number;
  readonly interval: number;
  readonly start: number;
  /** ICMP data bytes (ping -s), 56 by default. */
  readonly size: number;
}

export interface PingResult {
  readonly from: string;
  readonly to: string;
  readonly dst: string;
  readonly sent: number;
  readonly received: number;
  /** Requests that could not leave: no route, or the next hop never answered ARP. */
  readonly errors: number;
  readonly rttMinNs: number | null;
  readonly rttAvgNs: number | null;
  readonly rttMaxNs: number | null;
}

/**
 * `ping -c COUNT -i INTERVAL -s SIZE DST` from one node's stack.
 *
 * Kept small: a capacity study pings every pair of a data centre (16,256 pings for 128 VMs). The
 * parameters are fields rather than an object, a single echo needs no array of send times, and the
 * RTT figures start as small integers, which V8 stores unboxed while they stay under a second.
 */
export class Ping implements IcmpListener {
  private readonly id: number;
  private readonly dst: Ipv4Address;
  private readonly count: number;
  private readonly interval: number;
  private readonly size: number;
  private sent = 0;
  private errors = 0;
  private received = 0;
  // Running RTT statistics (ns), valid once `received` > 0: no list per pair.
  private rttMin = 0;
  private rttMax = 0;
  private rttSum = 0;
  /**
   * When each seq left (index seq - 1), -1 once answered (a duplicate reply is ignored, as ping
   * reports DUP). With count 1 the one time is kept in `firstSentAt` and this stays null. Grown by
   * doubling as echoes go out, never past `count`: a ping of a million echoes in a one-second run
   * holds the few it sent, not a million slots per pair.
   */
  private sentAt: Float64Array | null;
  private firstSentAt = 0;
  /**
   * Every RTT (ns) in the order the replies came, for the report's distributions; with count 1
   * the one RTT is `rttMin` and this stays null (no array per pair in a capacity study).
   */
  private rtts: Float64Array | null;

  constructor(
    private readonly net: RunContext,
    private readonly stack: IpStack,
    readonly from: Place,
    readonly to: string,
    params: PingParams,
    readonly origin: FlowOrigin = NO_ORIGIN,
  ) {
    this.dst = params.dst;
    this.count = params.count;
    this.interval = params.interval;
    this.size = params.size;
    this.sentAt = params.count > 1 ? new Float64Array(Math.min(params.count, FIRST_SLOTS)) : null;
    this.rtts = params.count > 1 ? new Float64Array(Math.min(params.count, FIRST_SLOTS)) : null;
    this.id = stack.allocateEchoId(this);
    net.engine.at(params.start, onPingTick, this);
  }

  tick(): void {
    const seq = ++this.sent;
    const net = this.net;
    this.setSentAt(seq, net.now);
    const p = this.stack.packet(this.dst, {
      kind: 'icmp', type: ICMP_ECHO_REQUEST, code: 0, id: this.id, seq, dataLength: this.size, quoted: null,
    });
    if (!this.stack.output(p)) {
      this.errors++;
      this.event('error', `seq ${seq}: network is unreachable`);
    } else {
      this.event('request', `seq ${seq} to ${formatIpv4(this.dst)}`);
    }
    if (seq < this.count) net.engine.after(this.interval, onPingTick, this);
  }

  onIcmp(_packet: Ipv4Packet, msg: Icmpv4Message): void {
    if (msg.type === ICMP_ECHO_REPLY) {
      // A reply to a seq not sent yet (a forged one) or already answered is ignored.
      if (msg.seq < 1 || msg.seq > this.sent) return;
      const sentAt = this.sentAt === null ? this.firstSentAt : this.sentAt[msg.seq - 1]!;
      if (sentAt < 0) return;
      this.setSentAt(msg.seq, -1);
      const rtt = this.net.now - sentAt;
      if (this.rtts !== null) {
        if (this.received === this.rtts.length) this.rtts = grown(this.rtts, this.count);
        this.rtts[this.received] = rtt;
      }
      if (this.received++ === 0) {
        this.rttMin = rtt;
        this.rttMax = rtt;
      } else {
        if (rtt < this.rttMin) this.rttMin = rtt;
        if (rtt > this.rttMax) this.rttMax = rtt;
      }
      this.rttSum += rtt;
      this.event('reply', `seq ${msg.seq} rtt ${rtt}ns`);
    } else if (msg.type === ICMP_DEST_UNREACHABLE) {
      this.errors++;
      this.event('unreachable', `code ${msg.code}`);
    }
  }

  onUnreachable(packet: Ipv4Packet): void {
    this.errors++;
    const seq = packet.payload.kind === 'icmp' ? packet.payload.seq : 0;
    this.event('unreachable', `seq ${seq}: destination host unreachable (no ARP reply)`);
  }

  /** When `seq` left, or -1 once it was answered. */
  private setSentAt(seq: number, t: number): void {
    if (this.sentAt === null) this.firstSentAt = t;
    else {
      if (seq > this.sentAt.length) this.sentAt = grown(this.sentAt, this.count);
      this.sentAt[seq - 1] = t;
    }
  }

  /** The RTTs (ns) of the answered echoes, in the order the replies came (a view). */
  rttSamples(): Float64Array {
    if (this.rtts !== null) return this.rtts.subarray(0, this.received);
    return this.received > 0 ? Float64Array.of(this.rttMin) : new Float64Array(0);
  }

  result(): PingResult {
    const n = this.received;
    return {
      from: this.from.name, to: this.to, dst: formatIpv4(this.dst),
      sent: this.sent, received: n, errors: this.errors,
      rttMinNs: n ? this.rttMin : null,
      rttAvgNs: n ? Math.round(this.rttSum / n) : null,
      rttMaxNs: n ? this.rttMax : null,
    };
  }

  private event(event: string, detail: string): void {
    const net = this.net;
    if (net.trace.on) net.trace.emit({ kind: 'app', t: net.now, at: this.from, app: 'ping', event, detail });
  }
}

function onPingTick(p: Ping): void {
  p.tick();
}

/** Slots a ping of several echoes starts with. */
const FIRST_SLOTS = 16;

/** `a` in an array twice as long, but no longer than `limit`. */
function grown(a: Float64Array, limit: number): Float64Array {
  const b = new Float64Array(Math.min(limit, a.length * 2));
  b.set(a);
  return b;
}
