/**
 * The procedures of classic IEEE 802.1D-1998 spanning tree (clause 8), as Linux's
 * net/bridge/br_stp.c and br_stp_timer.c write them: the state of one bridge and its ports, what
 * it does with a received BPDU, when it sends one, how it picks its root port and designated
 * ports, how ports move from blocking to forwarding, topology change, and the timers.
 * StpBridge (stp-bridge.ts) adds what turns it on and off and configures it.
 *
 * In short: every bridge starts out believing it is the root and says so in configuration BPDUs
 * every hello time. A bridge that hears a better root (lower bridge id) stops claiming, picks the
 * port with the cheapest path to that root as its root port, and relays the root's BPDUs on the
 * segments where it offers the best path (its designated ports). Every other port blocks. A port
 * moves from blocking to forwarding only through listening and learning, one forward delay each,
 * so a new tree never forwards before old information has died out (max age) everywhere.
 * A bridge that sees a port start or stop forwarding tells the root (TCN BPDUs, up the tree); the
 * root then sets the topology change flag in its BPDUs for max age + forward delay, and while it is
 * set every bridge ages its FDB after the forward delay instead of after minutes.
 */
import type { Engine } from '../../engine/engine.js';
import type { Nanos } from '../../engine/time.js';
import type { StpBpdu } from '../../wire/bpdu.js';
import type { EthernetFrame } from '../../wire/ethernet.js';
import type { Mac } from '../../wire/mac.js';
import type { RunContext } from '../core/run-context.js';
import type { Place } from '../../trace/place.js';
import { bridgeId, compareBridgeId, sameBridgeId, type BridgeId } from './bridge-id.js';
import { configBpduFrame, FLAG_TOPOLOGY_CHANGE, FLAG_TOPOLOGY_CHANGE_ACK, tcnBpduFrame } from './bpdu.js';
import { isSteady, type PortRole, type PortState } from '../../trace/port-state.js';
import { betterRootPath, shouldBeDesignated, supersedes } from './priority-vector.js';
import {
  DEFAULT_BRIDGE_PRIORITY, DEFAULT_FORWARD_DELAY, DEFAULT_HELLO_TIME, DEFAULT_MAX_AGE, fromBpduUnits, HOLD_TIME,
  makePortId, MESSAGE_AGE_INCREMENT, pathCostForSpeed, toBpduUnits,
} from './stp-params.js';
import { StpPort, type StpPortHost, type StpPortTimers } from './stp-port.js';
import { StpTimer } from './stp-timer.js';

/** What the spanning tree needs from the bridge or switch it runs in. */
export interface StpOwner<P> extends Place {
  /** The device is administratively up (a switch once powered on; a Linux bridge after `ip link set br0 up`). */
  stpDeviceUp(): boolean;
  /** Forgets the stations learned behind `port` (its link went down). */
  forgetPort(port: P): void;
  /** FDB ageing: `ns` (the forward delay) while a topology change is on, null to restore the configured one. */
  useShortAgeing(ns: Nanos | null): void;
}

export abstract class StpProtocol<P extends StpPortHost> {
  /**
   * Every port of the device, in the order added. Their StpPorts are made only when the spanning
   * tree is used (started, configured or inspected): 10,000 VM ports of bridges with STP off keep
   * none.
   */
  protected readonly hosts: P[] = [];
  private portList: StpPort<P>[] = [];

  /** The ports' spanning tree state, in the order the ports were added. */
  get ports(): readonly StpPort<P>[] {
    if (this.portList.length !== this.hosts.length) this.materialize();
    return this.portList;
  }

  /** Makes the StpPorts not made yet, keeping the order of `hosts`. */
  private materialize(): void {
    const list: StpPort<P>[] = [];
    for (const h of this.hosts) {
      let p = h.stpPort as StpPort<P> | null;
      if (p === null) h.stpPort = p = this.newPort(h);
      list.push(p);
    }
    this.portList = list;
  }

  /** Forgets a port and its StpPort. */
  protected forgetHost(host: P): void {
    this.hosts.splice(this.hosts.indexOf(host), 1);
    const p = host.stpPort as StpPort<P> | null;
    if (p !== null) {
      const i = this.portList.indexOf(p);
      if (i >= 0) this.portList.splice(i, 1);
    }
    host.stpPort = null;
  }
  /** STP is on (`brctl stp br0 on`, or a switch configured with `stp`). */
  running = false;
  /** The device was up when last told (only meaningful while running). */
  protected up = false;

  bridgeId: BridgeId;
  designatedRoot: BridgeId;
  rootPathCost = 0;
  rootPort: StpPort<P> | null = null;
  /** This bridge's own settings, used when it is the root. */
  bridgeMaxAge = DEFAULT_MAX_AGE;
  bridgeHelloTime = DEFAULT_HELLO_TIME;
  bridgeForwardDelay = DEFAULT_FORWARD_DELAY;
  /** The values in use: the root's, learned from its BPDUs. */
  maxAge = DEFAULT_MAX_AGE;
  helloTime = DEFAULT_HELLO_TIME;
  forwardDelay = DEFAULT_FORWARD_DELAY;
  topologyChange = false;
  topologyChangeDetected = false;

  readonly helloTimer: StpTimer<StpProtocol<P>>;
  readonly tcnTimer: StpTimer<StpProtocol<P>>;
  readonly topologyChangeTimer: StpTimer<StpProtocol<P>>;

  // What the report reads.
  /** When STP was last turned on. */
  startedAt: Nanos | null = null;
  /** The last event that can reshape the tree: STP on, device or port up/down, a parameter changed. */
  lastDisruptionAt: Nanos = 0;
  lastStateChangeAt: Nanos | null = null;
  stateChanges = 0;
  topologyChanges = 0;
  bpdusSent = 0;
  bpdusReceived = 0;

  constructor(
    protected readonly net: RunContext,
    readonly owner: StpOwner<P>,
    mac: Mac,
  ) {
    this.bridgeId = bridgeId(DEFAULT_BRIDGE_PRIORITY, mac);
    this.designatedRoot = this.bridgeId;
    const e = net.engine;
    this.helloTimer = new StpTimer<StpProtocol<P>>(e, onHello, this);
    this.tcnTimer = new StpTimer<StpProtocol<P>>(e, onTcn, this);
    this.topologyChangeTimer = new StpTimer<StpProtocol<P>>(e, onTopologyChangeTimer, this);
  }

  /** The port timers' handlers, shared by every port (a port makes its timers on first use). */
  get portTimers(): StpPortTimers<P> {
    return PORT_TIMERS;
  }

  get engine(): Engine {
    return this.net.engine;
  }

  /** A new port's STP state: Linux's port id and the cost of its link's speed. */
  protected newPort(host: P): StpPort<P> {
    const p = new StpPort<P>(this, host, this.bridgeId);
    p.pathCost = pathCostForSpeed(host.stpLinkSpeed());
    return p;
  }

  // ---- queries ---------------------------------------------------------------------------------

  isRoot(): boolean {
    return sameBridgeId(this.bridgeId, this.designatedRoot);
  }

  isDesignated(p: StpPort<P>): boolean {
    return sameBridgeId(p.designatedBridge, this.bridgeId) && p.designatedPort === p.portId;
  }

  /** The port's StpPort (made now if it was not yet); undefined when `host` is not a port. */
  portOf(host: P): StpPort<P> | undefined {
    const p = host.stpPort as StpPort<P> | null;
    if (p !== null) return p;
    if (!this.hosts.includes(host)) return undefined;
    this.materialize();
    return (host.stpPort as StpPort<P> | null) ?? undefined;
  }

  roleOf(p: StpPort<P>): PortRole {
    if (p.state === 'disabled') return 'disabled';
    if (p === this.rootPort) return 'root';
    return this.isDesignated(p) ? 'designated' : 'non-designated';
  }

  /** No port is waiting on a forward delay timer. */
  steady(): boolean {
    for (const p of this.ports) if (!isSteady(p.state)) return false;
    return true;
  }

  // ---- 802.1D-1998 8.8: enabling and disabling a port ----------------------------------------------

  protected enablePort(p: StpPort<P>): void {
    this.disrupted();
    p.portId = makePortId(p.priority, p.host.portNo);
    this.becomeDesignatedPort(p);
    this.setState(p, 'blocking');
    p.topologyChangeAck = false;
    p.configPending = false;
    this.portStateSelection();
  }

  protected disablePort(p: StpPort<P>): void {
    this.disrupted();
    const wasRoot = this.isRoot();
    this.becomeDesignatedPort(p);
    this.setState(p, 'disabled');
    p.topologyChangeAck = false;
    p.configPending = false;
    p.stopTimers();
    this.owner.forgetPort(p.host);
    this.configurationUpdate();
    this.portStateSelection();
    if (this.isRoot() && !wasRoot) this.becomeRootBridge();
  }

  // ---- 802.1D-1998 8.6, 8.7: receiving ----------------------------------------------------------

  protected receivedConfig(p: StpPort<P>, bpdu: StpBpdu): void {
    const wasRoot = this.isRoot();
    if (supersedes(bpdu, p, this.bridgeId)) {
      this.recordConfigInformation(p, bpdu);
      this.configurationUpdate();
      this.portStateSelection();
      if (!this.isRoot() && wasRoot) {
        this.helloTimer.stop();
        if (this.topologyChangeDetected) {
          this.topologyChangeTimer.stop();
          this.transmitTcn();
          this.tcnTimer.start(this.bridgeHelloTime);
        }
      }
      if (p === this.rootPort) {
        this.recordConfigTimeoutValues(bpdu);
        this.configBpduGeneration();
        if (bpdu.flags & FLAG_TOPOLOGY_CHANGE_ACK) this.topologyChangeAcknowledged();
      }
    } else if (this.isDesignated(p)) {
      // An inferior message on our segment: answer with ours so its sender learns better.
      this.transmitConfig(p);
    }
  }

  protected receivedTcn(p: StpPort<P>): void {
    if (!this.isDesignated(p)) return;
    this.topologyChangeDetection();
    p.topologyChangeAck = true;
    this.transmitConfig(p);
  }

  private recordConfigInformation(p: StpPort<P>, bpdu: StpBpdu): void {
    p.designatedRoot = bpdu.rootId;
    p.designatedCost = bpdu.rootPathCost;
    p.designatedBridge = bpdu.bridgeId;
    p.designatedPort = bpdu.portId;
    const age = fromBpduUnits(bpdu.messageAge);
    p.designatedAge = this.net.now - age;
    p.messageAgeTimer.start(fromBpduUnits(bpdu.maxAge) - age);
  }

  private recordConfigTimeoutValues(bpdu: StpBpdu): void {
    this.maxAge = fromBpduUnits(bpdu.maxAge);
    this.helloTime = fromBpduUnits(bpdu.helloTime);
    this.forwardDelay = fromBpduUnits(bpdu.forwardDelay);
    this.setTopologyChange((bpdu.flags & FLAG_TOPOLOGY_CHANGE) !== 0);
  }

  // ---- 802.1D-1998 8.6: transmitting --------------------------------------------------------------

  protected configBpduGeneration(): void {
    for (const p of this.ports) if (p.state !== 'disabled' && this.isDesignated(p)) this.transmitConfig(p);
  }

  private transmitConfig(p: StpPort<P>): void {
    if (p.holdTimer.running) {
      p.configPending = true;
      return;
    }
    const rp = this.rootPort;
    const age = this.isRoot() || rp === null ? 0 : this.net.now - rp.designatedAge + MESSAGE_AGE_INCREMENT;
    if (age >= this.maxAge) return;
    const frame = configBpduFrame(this.net, p.host.stpMac(), {
      flags: (this.topologyChange ? FLAG_TOPOLOGY_CHANGE : 0) | (p.topologyChangeAck ? FLAG_TOPOLOGY_CHANGE_ACK : 0),
      rootId: this.designatedRoot,
      rootPathCost: this.rootPathCost,
      bridgeId: this.bridgeId,
      portId: p.portId,
      messageAge: toBpduUnits(age),
      maxAge: toBpduUnits(this.maxAge),
      helloTime: toBpduUnits(this.helloTime),
      forwardDelay: toBpduUnits(this.forwardDelay),
    });
    this.send(p, frame);
    p.topologyChangeAck = false;
    p.configPending = false;
    p.holdTimer.start(HOLD_TIME);
  }

  private transmitTcn(): void {
    const rp = this.rootPort;
    if (rp !== null) this.send(rp, tcnBpduFrame(this.net, rp.host.stpMac()));
  }

  private send(p: StpPort<P>, frame: EthernetFrame): void {
    this.bpdusSent++;
    this.net.originate(p.host, frame);
    p.host.sendBpdu(frame);
  }

  // ---- 802.1D-1998 8.6.8-8.6.11: building the tree ------------------------------------------------

  protected configurationUpdate(): void {
    const root = this.designatedRoot, rootPort = this.rootPort, cost = this.rootPathCost;
    this.rootSelection();
    this.designatedPortSelection();
    if (!sameBridgeId(root, this.designatedRoot) || rootPort !== this.rootPort || cost !== this.rootPathCost) this.traceRoot();
  }

  private rootSelection(): void {
    let best: StpPort<P> | null = null;
    for (const p of this.ports) {
      if (p.state === 'disabled' || this.isDesignated(p)) continue;
      if (compareBridgeId(this.bridgeId, p.designatedRoot) <= 0) continue;
      if (best === null || betterRootPath(p, best)) best = p;
    }
    this.rootPort = best;
    if (best === null) {
      this.designatedRoot = this.bridgeId;
      this.rootPathCost = 0;
    } else {
      this.designatedRoot = best.designatedRoot;
      this.rootPathCost = best.designatedCost + best.pathCost;
    }
  }

  private designatedPortSelection(): void {
    for (const p of this.ports) {
      if (p.state === 'disabled') continue;
      if (this.isDesignated(p) || shouldBeDesignated(p, this.designatedRoot, this.rootPathCost, this.bridgeId)) {
        this.becomeDesignatedPort(p);
      }
    }
  }

  protected becomeDesignatedPort(p: StpPort<P>): void {
    p.designatedRoot = this.designatedRoot;
    p.designatedCost = this.rootPathCost;
    p.designatedBridge = this.bridgeId;
    p.designatedPort = p.portId;
  }

  protected becomeRootBridge(): void {
    this.maxAge = this.bridgeMaxAge;
    this.helloTime = this.bridgeHelloTime;
    this.forwardDelay = this.bridgeForwardDelay;
    this.topologyChangeDetection();
    this.tcnTimer.stop();
    if (this.up) {
      this.configBpduGeneration();
      this.helloTimer.start(this.helloTime);
    }
  }

  protected portStateSelection(): void {
    for (const p of this.ports) {
      if (p.state === 'disabled') continue;
      if (p === this.rootPort) {
        p.configPending = false;
        p.topologyChangeAck = false;
        this.makeForwarding(p);
      } else if (this.isDesignated(p)) {
        p.messageAgeTimer.stop();
        this.makeForwarding(p);
      } else {
        p.configPending = false;
        p.topologyChangeAck = false;
        this.makeBlocking(p);
      }
    }
  }

  /** A blocked port starts toward forwarding: listening for one forward delay, then learning. */
  private makeForwarding(p: StpPort<P>): void {
    if (p.state !== 'blocking') return;
    if (this.forwardDelay === 0) {
      this.setState(p, 'forwarding');
      this.topologyChangeDetection();
      p.forwardDelayTimer.stop();
      return;
    }
    this.setState(p, 'listening');
    p.forwardDelayTimer.start(this.forwardDelay);
  }

  private makeBlocking(p: StpPort<P>): void {
    if (p.state === 'disabled' || p.state === 'blocking') return;
    if (p.state === 'forwarding' || p.state === 'learning') this.topologyChangeDetection();
    this.setState(p, 'blocking');
    p.forwardDelayTimer.stop();
  }

  // ---- 802.1D-1998 8.6.14-8.6.16: topology change -------------------------------------------------

  private topologyChangeDetection(): void {
    if (!this.running) return;
    this.topologyChanges++;
    if (this.isRoot()) {
      this.setTopologyChange(true);
      this.topologyChangeTimer.start(this.bridgeForwardDelay + this.bridgeMaxAge);
    } else if (!this.topologyChangeDetected) {
      this.transmitTcn();
      this.tcnTimer.start(this.bridgeHelloTime);
    }
    this.topologyChangeDetected = true;
  }

  private topologyChangeAcknowledged(): void {
    this.topologyChangeDetected = false;
    this.tcnTimer.stop();
  }

  protected setTopologyChange(on: boolean): void {
    if (this.running && this.topologyChange !== on) {
      this.owner.useShortAgeing(on ? this.forwardDelay : null);
      const net = this.net;
      if (net.trace.on) net.trace.emit({ kind: 'stp', event: 'topology-change', t: net.now, at: this.owner, on });
    }
    this.topologyChange = on;
  }

  private isDesignatedForSomePort(): boolean {
    for (const p of this.ports) if (p.state !== 'disabled' && sameBridgeId(p.designatedBridge, this.bridgeId)) return true;
    return false;
  }

  // ---- 802.1D-1998 8.7: timers ---------------------------------------------------------------------

  helloExpired(): void {
    if (!this.running || !this.up) return;
    this.configBpduGeneration();
    this.helloTimer.start(this.helloTime);
  }

  /** The designated bridge of a segment went silent: this port takes over the segment. */
  messageAgeExpired(p: StpPort<P>): void {
    if (p.state === 'disabled') return;
    const wasRoot = this.isRoot();
    this.becomeDesignatedPort(p);
    this.configurationUpdate();
    this.portStateSelection();
    if (this.isRoot() && !wasRoot) this.becomeRootBridge();
  }

  forwardDelayExpired(p: StpPort<P>): void {
    if (p.state === 'listening') {
      this.setState(p, 'learning');
      p.forwardDelayTimer.start(this.forwardDelay);
    } else if (p.state === 'learning') {
      this.setState(p, 'forwarding');
      if (this.isDesignatedForSomePort()) this.topologyChangeDetection();
    }
  }

  tcnExpired(): void {
    if (this.isRoot() || !this.up) return;
    this.transmitTcn();
    this.tcnTimer.start(this.bridgeHelloTime);
  }

  topologyChangeTimerExpired(): void {
    this.topologyChangeDetected = false;
    this.setTopologyChange(false);
  }

  holdExpired(p: StpPort<P>): void {
    if (p.configPending) this.transmitConfig(p);
  }

  // ---- state changes and their trace --------------------------------------------------------------

  protected setState(p: StpPort<P>, to: PortState): void {
    const from = p.host.stpState;
    if (from === to) return;
    p.host.stpState = to;
    const net = this.net;
    this.stateChanges++;
    this.lastStateChangeAt = net.now;
    if (net.trace.on) {
      net.trace.emit({ kind: 'stp', event: 'state', t: net.now, at: this.owner, port: p.host, from, to, role: this.roleOf(p) });
    }
  }

  protected traceRoot(): void {
    const net = this.net;
    if (net.trace.on) {
      const rp = this.rootPort;
      net.trace.emit({ kind: 'stp', event: 'root', t: net.now, at: this.owner, port: rp === null ? null : rp.host, root: this.designatedRoot, cost: this.rootPathCost });
    }
  }

  protected disrupted(): void {
    this.lastDisruptionAt = this.net.now;
  }
}

// Timer handlers: one function per timer kind, shared by every bridge and port.
function onHello<P extends StpPortHost>(b: StpProtocol<P>): void {
  b.helloExpired();
}
function onTcn<P extends StpPortHost>(b: StpProtocol<P>): void {
  b.tcnExpired();
}
function onTopologyChangeTimer<P extends StpPortHost>(b: StpProtocol<P>): void {
  b.topologyChangeTimerExpired();
}
const PORT_TIMERS = {
  messageAge<P extends StpPortHost>(p: StpPort<P>): void {
    p.bridge.messageAgeExpired(p);
  },
  forwardDelay<P extends StpPortHost>(p: StpPort<P>): void {
    p.bridge.forwardDelayExpired(p);
  },
  hold<P extends StpPortHost>(p: StpPort<P>): void {
    p.bridge.holdExpired(p);
  },
};
