/**
 * The spanning tree entity of one Linux bridge or physical switch: the 802.1D procedures
 * (stp-protocol.ts) plus what Linux's net/bridge/br_stp_if.c adds around them: turning STP on and
 * off, the device going up and down, ports joining, leaving and losing their link, BPDUs handed
 * in by the device, and the settings brctl and ip change.
 *
 * The device (bridge.ts, switch.ts) hands BPDUs in, reports link changes, and obeys each port's
 * `stpState` on its datapath; everything else happens here and in the protocol's timer events.
 */
import type { Nanos } from '../../engine/time.js';
import type { EthernetFrame } from '../../wire/ethernet.js';
import type { Mac } from '../../wire/mac.js';
import { bridgeId, sameBridgeId, type BridgeId } from './bridge-id.js';
import { BPDU_TCN } from './bpdu.js';
import {
  FORWARD_DELAY_RANGE, HELLO_TIME_RANGE, makePortId, MAX_AGE_RANGE, MAX_BRIDGE_PRIORITY, MAX_PORT_PRIORITY,
  PATH_COST_RANGE, pathCostForSpeed,
} from './stp-params.js';
import type { StpPort, StpPortHost } from './stp-port.js';
import { StpProtocol } from './stp-protocol.js';

export type { StpOwner } from './stp-protocol.js';

/** Bridge parameters a scenario sets on a switch (absent keys keep the defaults). */
export interface StpSettings {
  readonly priority?: number;
  readonly helloTime?: Nanos;
  readonly maxAge?: Nanos;
  readonly forwardDelay?: Nanos;
}

export class StpBridge<P extends StpPortHost> extends StpProtocol<P> {
  // ---- turning on and off, the device and its ports ------------------------------------------------

  /** STP on. Ports already forwarding keep forwarding (as Linux does); BPDUs block what must block. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.startedAt = this.net.now;
    this.disrupted();
    const fd = this.bridgeForwardDelay;
    this.bridgeForwardDelay = Math.min(FORWARD_DELAY_RANGE.max, Math.max(FORWARD_DELAY_RANGE.min, fd));
    this.designatedRoot = this.bridgeId;
    this.rootPathCost = 0;
    this.rootPort = null;
    this.maxAge = this.bridgeMaxAge;
    this.helloTime = this.bridgeHelloTime;
    this.forwardDelay = this.bridgeForwardDelay;
    this.up = this.owner.stpDeviceUp();
    this.traceRoot();
    for (const p of this.ports) {
      p.stopTimers();
      this.becomeDesignatedPort(p);
      p.topologyChangeAck = false;
      p.configPending = false;
      if (!this.up || !p.host.stpLinkUp()) this.setState(p, 'disabled');
    }
    if (this.up) this.helloTimer.start(this.helloTime);
    this.portStateSelection();
  }

  /** STP off: timers stop and every port forwards (the datapath still checks its link). */
  stop(): void {
    if (!this.running) return;
    this.setTopologyChange(false);
    this.topologyChangeDetected = false;
    this.helloTimer.stop();
    this.tcnTimer.stop();
    this.topologyChangeTimer.stop();
    this.running = false;
    this.disrupted();
    for (const p of this.ports) {
      p.stopTimers();
      p.topologyChangeAck = false;
      p.configPending = false;
      this.setState(p, 'forwarding');
    }
    this.designatedRoot = this.bridgeId;
    this.rootPathCost = 0;
    this.rootPort = null;
  }

  /** The device's administrative state may have changed (`ip link set br0 up|down`). */
  deviceChanged(): void {
    const up = this.owner.stpDeviceUp();
    if (up === this.up) return;
    this.up = up;
    if (!this.running) return;
    this.disrupted();
    if (up) this.enableBridge();
    else this.disableBridge();
  }

  addPort(host: P): void {
    this.hosts.push(host);
    if (!this.running) return; // its StpPort is made when the spanning tree is used
    const p = this.portOf(host)!;
    host.stpState = 'disabled';
    if (this.up && host.stpLinkUp()) this.enablePort(p);
  }

  removePort(host: P): void {
    if (!this.hosts.includes(host)) return;
    const p = host.stpPort as StpPort<P> | null;
    if (p !== null) {
      if (this.running && p.state !== 'disabled') this.disablePort(p);
      p.stopTimers();
    }
    this.forgetHost(host);
  }

  /** A port's link went up or down, or its speed changed. */
  linkChanged(host: P): void {
    // A port that loses its link forgets the addresses learned behind it, spanning tree or not
    // (Linux disables the port, which deletes its FDB entries; switches flush the port's entries).
    if (!host.stpLinkUp()) this.owner.forgetPort(host);
    // A port whose StpPort is not made yet has nothing to update: its cost is taken from the
    // link's speed when it is made.
    const p = host.stpPort as StpPort<P> | null;
    if (p === null) return;
    if (!p.adminCost) p.pathCost = pathCostForSpeed(host.stpLinkSpeed());
    if (!this.running || !this.up) return;
    const linkUp = host.stpLinkUp();
    if (linkUp && p.state === 'disabled') this.enablePort(p);
    else if (!linkUp && p.state !== 'disabled') this.disablePort(p);
  }

  /** A frame to the bridge group address arrived on `host` while STP runs: the protocol consumes it. */
  receive(host: P, frame: EthernetFrame): void {
    const net = this.net;
    const p = this.portOf(host);
    const bpdu = frame.payload;
    if (p === undefined || p.state === 'disabled') {
      net.drop(host, frame, 'stp-blocking');
      return;
    }
    // The one spanning tree of an 802.1D/802.1Q bridge speaks untagged BPDUs; a tagged frame to
    // the reserved group address is neither ours nor relayed (802.1Q never forwards that address).
    if (bpdu.kind !== 'stp' || frame.tags.length > 0) {
      net.drop(host, frame, 'no-handler');
      return;
    }
    net.deliver(host, frame);
    this.bpdusReceived++;
    if (bpdu.bpduType === BPDU_TCN) {
      this.receivedTcn(p);
      return;
    }
    // A message older than its own max age is stale (Linux logs and ignores it).
    if (bpdu.messageAge > bpdu.maxAge) return;
    this.receivedConfig(p, bpdu);
  }

  // ---- configuration (brctl setbridgeprio|setfd|sethello|setmaxage|setpathcost|setportprio) ---------

  /** Returns false when out of range (0..65535). */
  setPriority(priority: number): boolean {
    if (priority < 0 || priority > MAX_BRIDGE_PRIORITY) return false;
    this.changeBridgeId(bridgeId(priority, this.bridgeId.mac));
    return true;
  }

  /** The device's MAC changed, and with it the bridge id. */
  setMac(mac: Mac): void {
    this.changeBridgeId(bridgeId(this.bridgeId.priority, mac));
  }

  /** Out of 2..30 s is refused while STP runs (the kernel accepts anything while it is off). */
  setForwardDelay(ns: Nanos): boolean {
    if (this.running && (ns < FORWARD_DELAY_RANGE.min || ns > FORWARD_DELAY_RANGE.max)) return false;
    this.bridgeForwardDelay = ns;
    if (this.isRoot()) this.forwardDelay = ns;
    return true;
  }

  setHelloTime(ns: Nanos): boolean {
    if (ns < HELLO_TIME_RANGE.min || ns > HELLO_TIME_RANGE.max) return false;
    this.bridgeHelloTime = ns;
    if (this.isRoot()) this.helloTime = ns;
    return true;
  }

  setMaxAge(ns: Nanos): boolean {
    if (ns < MAX_AGE_RANGE.min || ns > MAX_AGE_RANGE.max) return false;
    this.bridgeMaxAge = ns;
    if (this.isRoot()) this.maxAge = ns;
    return true;
  }

  /** Applies a scenario's settings before the switch starts. */
  configure(s: StpSettings): void {
    if (s.priority !== undefined) this.setPriority(s.priority);
    if (s.helloTime !== undefined) this.setHelloTime(s.helloTime);
    if (s.maxAge !== undefined) this.setMaxAge(s.maxAge);
    if (s.forwardDelay !== undefined) this.setForwardDelay(s.forwardDelay);
  }

  /** Port priority 0..63 (Linux's 6-bit field); false when out of range. */
  setPortPriority(host: P, priority: number): boolean {
    const p = this.portOf(host);
    if (p === undefined || priority < 0 || priority > MAX_PORT_PRIORITY) return false;
    const id = makePortId(priority, host.portNo);
    if (this.isDesignated(p)) p.designatedPort = id;
    p.portId = id;
    p.priority = priority;
    if (this.running && sameBridgeId(this.bridgeId, p.designatedBridge) && p.portId < p.designatedPort) {
      this.becomeDesignatedPort(p);
      this.portStateSelection();
    }
    if (this.running) this.disrupted();
    return true;
  }

  /** Path cost 1..65535, fixed from now on (no longer follows the link speed); false when out of range. */
  setPathCost(host: P, cost: number): boolean {
    const p = this.portOf(host);
    if (p === undefined || cost < PATH_COST_RANGE.min || cost > PATH_COST_RANGE.max) return false;
    p.adminCost = true;
    p.pathCost = cost;
    if (this.running) {
      this.disrupted();
      this.configurationUpdate();
      this.portStateSelection();
    }
    return true;
  }

  // ---- 802.1D-1998 8.8: enabling and disabling ---------------------------------------------------

  private enableBridge(): void {
    this.helloTimer.start(this.helloTime);
    this.configBpduGeneration();
    for (const p of this.ports) if (p.state === 'disabled' && p.host.stpLinkUp()) this.enablePort(p);
  }

  private disableBridge(): void {
    for (const p of this.ports) if (p.state !== 'disabled') this.disablePort(p);
    this.setTopologyChange(false);
    this.topologyChangeDetected = false;
    this.helloTimer.stop();
    this.topologyChangeTimer.stop();
    this.tcnTimer.stop();
  }

  private changeBridgeId(id: BridgeId): void {
    const old = this.bridgeId;
    const wasRoot = this.isRoot();
    for (const p of this.ports) {
      if (sameBridgeId(p.designatedBridge, old)) p.designatedBridge = id;
      if (sameBridgeId(p.designatedRoot, old)) p.designatedRoot = id;
    }
    if (sameBridgeId(this.designatedRoot, old)) this.designatedRoot = id;
    this.bridgeId = id;
    if (!this.running) return;
    this.disrupted();
    this.configurationUpdate();
    this.portStateSelection();
    if (this.isRoot() && !wasRoot) this.becomeRootBridge();
  }

}
