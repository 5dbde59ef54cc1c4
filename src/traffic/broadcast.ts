/**
 * Broadcast traffic sources: `arping`-style ARP requests and bursts of raw broadcast frames, each
 * sent `count` times `interval` apart from `at`.
 */
import type { Netdev } from '../net/dev/netdev.js';
import type { RunContext } from '../net/core/run-context.js';
import type { IpStack } from '../stack/ip-stack.js';
import type { Ipv4Address } from '../wire/ipv4-address.js';
import { BROADCAST_MAC } from '../wire/mac.js';

interface BurstParams {
  readonly at: number;
  readonly count: number;
  readonly interval: number;
}

/** Sends ARP requests (who-has TARGET) from a node's NIC, whatever its ARP cache holds: `arping`. */
export class ArpProbe {
  private sent = 0;

  constructor(
    private readonly net: RunContext,
    private readonly stack: IpStack,
    private readonly dev: Netdev,
    private readonly target: Ipv4Address,
    private readonly params: BurstParams,
  ) {
    net.engine.at(params.at, onArpTick, this);
  }

  tick(): void {
    this.stack.sendArpRequest(this.dev, this.target);
    if (++this.sent < this.params.count) this.net.engine.after(this.params.interval, onArpTick, this);
  }
}

/** Raw broadcast frames of a given size (EtherType 0x88b5, IEEE local experimental). */
export class BroadcastBurst {
  private sent = 0;

  constructor(
    private readonly net: RunContext,
    private readonly stack: IpStack,
    private readonly dev: Netdev,
    private readonly size: number,
    private readonly params: BurstParams,
  ) {
    net.engine.at(params.at, onBurstTick, this);
  }

  tick(): void {
    this.stack.sendFrame(this.dev, BROADCAST_MAC, { kind: 'raw', etherType: 0x88b5, dataLength: Math.max(0, this.size - 14) }, 0);
    if (++this.sent < this.params.count) this.net.engine.after(this.params.interval, onBurstTick, this);
  }
}

function onArpTick(p: ArpProbe): void {
  p.tick();
}

function onBurstTick(b: BroadcastBurst): void {
  b.tick();
}
