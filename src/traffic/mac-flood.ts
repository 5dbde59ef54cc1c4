/**
 * The MAC flooding attack (macof) as a traffic source; its random MACs come from the engine's
 * seeded stream, so a run repeats exactly.
 */
import type { RandomStream } from '../engine/random.js';
import { SECOND } from '../engine/time.js';
import type { Netdev } from '../net/dev/netdev.js';
import type { RunContext } from '../net/core/run-context.js';
import { makeFrame, type RawPayload } from '../wire/ethernet.js';
import { NO_TAGS } from '../wire/ieee8021q.js';
import { BROADCAST_MAC, type Mac } from '../wire/mac.js';

interface MacFloodParams {
  readonly at: number;
  readonly count: number;
  /** Frames per second. */
  readonly rate: number;
  /** A random unicast destination per frame (like macof), or broadcast. */
  readonly to: 'random' | 'broadcast';
  /** Frame bytes without FCS. */
  readonly size: number;
}

const TWO_24 = 2 ** 24;

/**
 * A MAC flood (dsniff's macof): a guest writing raw frames, each from a new random source MAC, so
 * every bridge and switch on the way learns one more station. A switch's table has a capacity;
 * once it is full it cannot learn real stations any more and floods their unicast like a hub.
 *
 * The MACs are locally administered unicast addresses (first octet xxxxxx10), drawn from the
 * engine's seeded stream for this sender, so a run repeats exactly.
 */
export class MacFlood {
  private sent = 0;
  private readonly gap: number;
  private readonly payload: RawPayload;

  constructor(
    private readonly net: RunContext,
    private readonly nic: Netdev,
    private readonly random: RandomStream,
    private readonly params: MacFloodParams,
  ) {
    this.gap = Math.max(1, Math.round(SECOND / params.rate));
    // EtherType 0x88b5 (IEEE local experimental): content nobody parses, as macof's is junk.
    this.payload = { kind: 'raw', etherType: 0x88b5, dataLength: Math.max(0, params.size - 14) };
    net.engine.at(params.at, onMacFloodTick, this);
  }

  tick(): void {
    const net = this.net;
    const uid = net.nextUid();
    const src = this.randomMac();
    const dst = this.params.to === 'broadcast' ? BROADCAST_MAC : this.randomMac();
    const frame = makeFrame(uid, uid, dst, src, NO_TAGS, this.payload);
    net.originate(this.nic, frame);
    this.nic.transmit(frame);
    if (++this.sent < this.params.count) net.engine.after(this.gap, onMacFloodTick, this);
  }

  /** A random locally administered unicast MAC. */
  private randomMac(): Mac {
    const hi = Math.floor(this.random() * TWO_24);
    const lo = Math.floor(this.random() * TWO_24);
    const first = ((hi >>> 16) & 0xfc) | 0x02;
    return (first * 2 ** 16 + (hi & 0xffff)) * TWO_24 + lo;
  }
}

function onMacFloodTick(f: MacFlood): void {
  f.tick();
}
