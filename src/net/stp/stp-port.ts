/**
 * A port as the spanning tree sees it: its id and path cost, the designated information it holds
 * about its segment, its flags and its three timers (802.1D-1998 8.5.5). The device port it runs
 * on (a Linux bridge port or a switch port) is its `host`; the datapath reads `host.stpState`.
 */
import type { EthernetFrame } from '../../wire/ethernet.js';
import type { Mac } from '../../wire/mac.js';
import type { Place } from '../../trace/place.js';
import type { BridgeId } from './bridge-id.js';
import type { PortState } from '../../trace/port-state.js';
import type { Engine } from '../../engine/engine.js';
import type { DesignatedInfo } from './priority-vector.js';
import { DEFAULT_PORT_PRIORITY, makePortId } from './stp-params.js';
import { StpTimer } from './stp-timer.js';

/** What the spanning tree needs from a device port. */
export interface StpPortHost extends Place {
  /** The state the datapath obeys; only the spanning tree writes it while STP runs. */
  stpState: PortState;
  /** The port number in the port id (a bridge's enslave order, a switch's front-panel number). */
  readonly portNo: number;
  /** The port's own link is usable: device up with carrier, or cable plugged and up. */
  stpLinkUp(): boolean;
  /** Link speed in bit/s for the default path cost; null when the device has none. */
  stpLinkSpeed(): number | null;
  /** Source MAC of the BPDUs this port sends. */
  stpMac(): Mac;
  /** Sends a BPDU out whatever the port's state (the protocol's own frames pass a blocked port). */
  sendBpdu(frame: EthernetFrame): void;
  /** The port's spanning tree state, once the device's spanning tree has made it (else null). */
  stpPort: StpPort<any> | null;
}

/**
 * What a port's state needs of its bridge's spanning tree entity (stp-protocol.ts): the engine its
 * timers run on, their handlers, and what each timer's expiry does (802.1D 8.7.7-8.7.9).
 */
export interface StpPortOwner<P extends StpPortHost> {
  readonly engine: Engine;
  readonly portTimers: StpPortTimers<P>;
  messageAgeExpired(p: StpPort<P>): void;
  forwardDelayExpired(p: StpPort<P>): void;
  holdExpired(p: StpPort<P>): void;
}

/** The timer handlers, module functions of the bridge entity (no closure per port or per event). */
export interface StpPortTimers<P extends StpPortHost> {
  messageAge(p: StpPort<P>): void;
  forwardDelay(p: StpPort<P>): void;
  hold(p: StpPort<P>): void;
}

export class StpPort<P extends StpPortHost> implements DesignatedInfo {
  priority = DEFAULT_PORT_PRIORITY;
  portId: number;
  pathCost = 100;
  /** Set by `brctl setpathcost`: the cost no longer follows the link speed. */
  adminCost = false;

  designatedRoot: BridgeId;
  designatedCost = 0;
  designatedBridge: BridgeId;
  designatedPort: number;
  /** When the root's information now held was sent by the root (now - message age on receipt). */
  designatedAge = 0;

  /** The next configuration BPDU carries the topology change acknowledgement flag. */
  topologyChangeAck = false;
  /** A configuration BPDU is owed but the hold timer is running. */
  configPending = false;

  // The timers are made on first use: a bridge with STP off (most of them) never starts one, and
  // 10,000 VM ports would otherwise carry 30,000 idle timer objects.
  private timerMessageAge: StpTimer<StpPort<P>> | null = null;
  private timerForwardDelay: StpTimer<StpPort<P>> | null = null;
  private timerHold: StpTimer<StpPort<P>> | null = null;

  constructor(
    readonly bridge: StpPortOwner<P>,
    readonly host: P,
    own: BridgeId,
  ) {
    this.portId = makePortId(this.priority, host.portNo);
    this.designatedRoot = own;
    this.designatedBridge = own;
    this.designatedPort = this.portId;
  }

  get messageAgeTimer(): StpTimer<StpPort<P>> {
    return (this.timerMessageAge ??= new StpTimer<StpPort<P>>(this.bridge.engine, this.bridge.portTimers.messageAge, this));
  }

  get forwardDelayTimer(): StpTimer<StpPort<P>> {
    return (this.timerForwardDelay ??= new StpTimer<StpPort<P>>(this.bridge.engine, this.bridge.portTimers.forwardDelay, this));
  }

  get holdTimer(): StpTimer<StpPort<P>> {
    return (this.timerHold ??= new StpTimer<StpPort<P>>(this.bridge.engine, this.bridge.portTimers.hold, this));
  }

  get state(): PortState {
    return this.host.stpState;
  }

  stopTimers(): void {
    this.timerMessageAge?.stop();
    this.timerForwardDelay?.stop();
    this.timerHold?.stop();
  }
}
