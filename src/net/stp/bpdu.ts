/**
 * The two BPDUs classic STP sends (IEEE 802.1D-1998 9.3), as frame values to the bridge group
 * address 01:80:c2:00:00:00, untagged (the spanning tree is one per bridge, not per VLAN).
 */
import { STP_MULTICAST_MAC, type StpBpdu } from '../../wire/bpdu.js';
import { makeFrame, type EthernetFrame } from '../../wire/ethernet.js';
import { NO_TAGS } from '../../wire/ieee8021q.js';
import type { Mac } from '../../wire/mac.js';
import type { RunContext } from '../core/run-context.js';
import type { BridgeId } from './bridge-id.js';

export const BPDU_CONFIG = 0x00;
export const BPDU_TCN = 0x80;
/** Flags octet of a configuration BPDU (9.3.1). */
export const FLAG_TOPOLOGY_CHANGE = 0x01;
export const FLAG_TOPOLOGY_CHANGE_ACK = 0x80;

const NO_BRIDGE: BridgeId = Object.freeze({ priority: 0, mac: 0 });

/** What a configuration BPDU carries (times in 1/256 s, as on the wire). */
export type ConfigBpduFields = Omit<StpBpdu, 'kind' | 'bpduType'>;

export function configBpduFrame(net: RunContext, src: Mac, f: ConfigBpduFields): EthernetFrame {
  const bpdu: StpBpdu = { kind: 'stp', bpduType: BPDU_CONFIG, ...f };
  const uid = net.nextUid();
  return makeFrame(uid, uid, STP_MULTICAST_MAC, src, NO_TAGS, bpdu);
}

/** A topology change notification carries only its type; the other fields are 0 (what decode gives). */
export function tcnBpduFrame(net: RunContext, src: Mac): EthernetFrame {
  const bpdu: StpBpdu = {
    kind: 'stp', bpduType: BPDU_TCN, flags: 0, rootId: NO_BRIDGE, rootPathCost: 0, bridgeId: NO_BRIDGE,
    portId: 0, messageAge: 0, maxAge: 0, helloTime: 0, forwardDelay: 0,
  };
  const uid = net.nextUid();
  return makeFrame(uid, uid, STP_MULTICAST_MAC, src, NO_TAGS, bpdu);
}
