/**
 * The ingress pipeline of a learning bridge, shared by the Linux bridge and the physical switch
 * (IEEE 802.1D 7.5-7.7, Linux's br_handle_frame + br_handle_frame_finish):
 *
 *   BPDU intercept -> STP state gate -> VLAN classify -> learn -> (learning: stop) -> forward
 *
 * Each device first applies its own admission check (a Linux bridge that is down, a switch port
 * that is shut) and then hands the frame here.
 *
 * Invariants: with spanning tree running, frames to the bridge group address go to the protocol
 * whatever the port's state; with it off they are forwarded like any multicast, so loops still
 * show. A port that is disabled, blocking or listening neither learns nor forwards; a learning port
 * learns and forwards nothing. A frame the port's VLAN filter refuses is neither learned nor
 * forwarded. Every frame that is not forwarded is dropped with its reason.
 */
import { STP_MULTICAST_MAC } from '../../wire/bpdu.js';
import type { EthernetFrame } from '../../wire/ethernet.js';
import type { RunContext } from '../core/run-context.js';
import type { PortState } from '../../trace/port-state.js';
import type { StpBridge } from '../stp/stp-bridge.js';
import type { StpPortHost } from '../stp/stp-port.js';
import type { ForwardingPort, LearningForwarder } from './learning-forwarder.js';

/** A bridge or switch port, as the ingress pipeline sees it. */
export interface IngressPort extends ForwardingPort, StpPortHost {
  readonly stpState: PortState;
  /** The frame's VLAN on this port: its VID, 0 on a VLAN-unaware device, -1 when the port's VLAN filter refuses it. */
  classify(frame: EthernetFrame): number;
}

/** A learning bridge: its spanning tree entity and its learning-and-forwarding process. */
export interface LearningBridge<P extends IngressPort> {
  readonly stp: StpBridge<P>;
  readonly forwarder: LearningForwarder<P>;
}

/** A frame that the device admitted arrives on `port`. */
export function ingress<P extends IngressPort>(ctx: RunContext, bridge: LearningBridge<P>, port: P, frame: EthernetFrame): void {
  if (frame.dst === STP_MULTICAST_MAC && bridge.stp.running) {
    bridge.stp.receive(port, frame);
    return;
  }
  const state = port.stpState;
  if (state === 'disabled' || state === 'blocking' || state === 'listening') {
    ctx.drop(port, frame, 'stp-blocking');
    return;
  }
  const vid = port.classify(frame);
  if (vid < 0) {
    ctx.drop(port, frame, 'vlan-filtered');
    return;
  }
  bridge.forwarder.learn(frame, port, vid);
  if (state === 'learning') {
    ctx.drop(port, frame, 'stp-blocking');
    return;
  }
  bridge.forwarder.forward(frame, port, vid);
}
