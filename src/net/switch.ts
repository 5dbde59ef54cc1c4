import type { EthernetFrame } from '../wire/frame.js';
import { DEFAULT_AGEING_NS, type PortState } from './bridge.js';
import { LearningForwarder, type ForwardingPort } from './learning-forwarder.js';
import type { Network } from './network.js';
import type { Pipe } from './pipe.js';
import { tagForEgress } from './tagging.js';
import type { Place } from './trace.js';
import { VlanMembership } from './vlan-membership.js';

export interface SwitchParams {
  readonly ports: number;
  /** Most MAC addresses the table holds; when full, new sources are not learned and their unicast floods. */
  readonly macTableSize: number;
  readonly ageingNs: number;
}

/** A front-panel port of a physical switch (`sw1/p3`). Its cable is the sending direction of a link. */
export class SwitchPort implements ForwardingPort {
  readonly id: number;
  readonly name: string;
  cable: Pipe | null = null;
  up = true;
  stpState: PortState = 'forwarding';
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
}

/**
 * A physical Ethernet switch: N ports, VLAN-aware (access and trunk ports), a learning MAC table
 * per VLAN with ageing and a capacity limit.
 */
export class PhysicalSwitch implements Place {
  readonly id: number;
  readonly ports: SwitchPort[] = [];
  readonly forwarder: LearningForwarder<SwitchPort>;

  constructor(
    readonly network: Network,
    readonly name: string,
    params: SwitchParams,
  ) {
    this.id = network.nextPlaceId();
    this.forwarder = new LearningForwarder<SwitchPort>(network, this, params.ageingNs ?? DEFAULT_AGEING_NS, params.macTableSize);
    for (let i = 1; i <= params.ports; i++) {
      const p = new SwitchPort(this, i);
      this.ports.push(p);
      this.forwarder.ports.push(p);
    }
  }

  port(index: number): SwitchPort | undefined {
    return this.ports[index - 1];
  }

  input(port: SwitchPort, frame: EthernetFrame): void {
    const net = this.network;
    if (!port.up) {
      net.drop(port, frame, 'interface-down');
      return;
    }
    if (port.stpState === 'disabled' || port.stpState === 'blocking' || port.stpState === 'listening') {
      net.drop(port, frame, 'stp-blocking');
      return;
    }
    const vid = port.vlans.classify(frame);
    if (vid < 0) {
      net.drop(port, frame, 'vlan-filtered');
      return;
    }
    this.forwarder.learn(frame, port, vid);
    if (port.stpState === 'learning') {
      net.drop(port, frame, 'stp-blocking');
      return;
    }
    this.forwarder.forward(frame, port, vid);
  }
}
