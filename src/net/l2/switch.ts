import type { EthernetFrame } from '../../wire/ethernet.js';
import type { Mac } from '../../wire/mac.js';
import { DEFAULT_AGEING_NS } from './bridge.js';
import { ingress, type IngressPort } from './ingress.js';
import { LearningForwarder } from './learning-forwarder.js';
import type { RunContext } from '../core/run-context.js';
import type { Pipe } from '../link/pipe.js';
import type { PortState } from '../../trace/port-state.js';
import { StpBridge, type StpOwner, type StpSettings } from '../stp/stp-bridge.js';
import type { StpPort } from '../stp/stp-port.js';
import { tagForEgress } from '../core/tagging.js';
import type { DropReason } from '../../trace/drop-reason.js';
import type { Place } from '../../trace/place.js';
import { VlanMembership } from './vlan-membership.js';

export interface SwitchParams {
  readonly ports: number;
  /** Most MAC addresses the table holds; when full, new sources are not learned and their unicast floods. */
  readonly macTableSize: number;
  readonly ageingNs: number;
  /** The switch's base MAC (its bridge id); port N sends BPDUs from base + N. Derived from its place id when absent. */
  readonly mac?: Mac;
  /** Run 802.1D spanning tree from power-on with these settings; null or absent: no STP. */
  readonly stp?: StpSettings | null;
}

/** A front-panel port of a physical switch (`sw1/p3`). Its cable is the sending direction of a link. */
export class SwitchPort implements IngressPort {
  readonly id: number;
  readonly name: string;
  cable: Pipe | null = null;
  up = true;
  /** Forwarding while STP is off; the switch's spanning tree sets it when on. */
  stpState: PortState = 'forwarding';
  stpPort: StpPort<SwitchPort> | null = null;
  /** Default: access port in VLAN 1, like an unconfigured switch. */
  vlans = VlanMembership.access(1);
  rxFrames = 0;
  txFrames = 0;

  constructor(
    readonly sw: PhysicalSwitch,
    readonly index: number,
  ) {
    this.id = sw.network.nextPlaceId();
    this.name = `${sw.name}/p${index}`;
  }

  canForward(): boolean {
    return this.up && this.cable !== null && this.cable.up && this.stpState === 'forwarding';
  }

  blockedReason(): DropReason {
    if (!this.up) return 'interface-down';
    if (this.cable === null) return 'no-carrier';
    if (!this.cable.up) return 'link-down';
    return 'stp-blocking';
  }

  classify(frame: EthernetFrame): number {
    return this.vlans.classify(frame);
  }

  carries(vid: number): boolean {
    return this.vlans.isMember(vid);
  }

  egress(frame: EthernetFrame, vid: number): void {
    this.txFrames++;
    this.cable!.send(tagForEgress(this.sw.network, frame, vid, this.vlans.egressUntagged(vid)));
  }

  /** A frame arrives from the cable. */
  receive(frame: EthernetFrame): void {
    this.rxFrames++;
    this.sw.input(this, frame);
  }

  get portNo(): number {
    return this.index;
  }

  /** The cable was plugged, pulled, or went up or down. */
  linkChanged(): void {
    this.sw.stp.linkChanged(this);
  }

  stpLinkUp(): boolean {
    return this.up && this.cable !== null && this.cable.up;
  }

  stpLinkSpeed(): number | null {
    return this.cable === null ? null : this.cable.params.rate;
  }

  stpMac(): Mac {
    return (this.sw.mac + this.index) % 2 ** 48;
  }

  sendBpdu(frame: EthernetFrame): void {
    this.txFrames++;
    this.cable!.send(frame);
  }
}

/**
 * A physical Ethernet switch: N ports, VLAN-aware (access and trunk ports), a learning MAC table
 * per VLAN with ageing and a capacity limit.
 */
export class PhysicalSwitch implements Place, StpOwner<SwitchPort> {
  readonly id: number;
  readonly ports: SwitchPort[] = [];
  readonly forwarder: LearningForwarder<SwitchPort>;
  readonly mac: Mac;
  /** The switch's spanning tree entity; it runs when the switch is configured with STP. */
  readonly stp: StpBridge<SwitchPort>;
  /** Powered on: the first event of the run (what the spanning tree sees as the device going up). */
  private poweredOn = false;

  constructor(
    readonly network: RunContext,
    readonly name: string,
    params: SwitchParams,
  ) {
    this.id = network.nextPlaceId();
    this.mac = params.mac ?? 0x020000000000 + this.id * 0x10000;
    this.forwarder = new LearningForwarder<SwitchPort>(network, this, params.ageingNs ?? DEFAULT_AGEING_NS, params.macTableSize);
    this.stp = new StpBridge<SwitchPort>(network, this, this.mac);
    for (let i = 1; i <= params.ports; i++) {
      const p = new SwitchPort(this, i);
      this.ports.push(p);
      this.forwarder.ports.push(p);
      this.stp.addPort(p);
    }
    if (params.stp) {
      // A switch running STP boots with every port disabled; at power-on (the first event of the
      // run, once every cable is in place) each cabled port starts blocking and listening.
      for (const p of this.ports) p.stpState = 'disabled';
      this.stp.configure(params.stp);
      network.engine.at(network.now, onPowerOn, this);
    } else {
      this.poweredOn = true;
    }
  }

  powerOn(): void {
    this.stp.start();
    this.poweredOn = true;
    this.stp.deviceChanged();
  }

  stpDeviceUp(): boolean {
    return this.poweredOn;
  }

  forgetPort(port: SwitchPort): void {
    this.forwarder.fdb.flushPort(port);
  }

  useShortAgeing(ns: number | null): void {
    this.forwarder.useShortAgeing(ns);
  }

  port(index: number): SwitchPort | undefined {
    return this.ports[index - 1];
  }

  /** A frame arrived on a port: a port that is shut takes nothing in. */
  input(port: SwitchPort, frame: EthernetFrame): void {
    if (!port.up) {
      this.network.drop(port, frame, 'interface-down');
      return;
    }
    ingress(this.network, this, port, frame);
  }
}

function onPowerOn(sw: PhysicalSwitch): void {
  sw.powerOn();
}
