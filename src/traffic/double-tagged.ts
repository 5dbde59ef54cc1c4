/**
 * The double-tagging VLAN hopping attack as a traffic source: a guest sending crafted
 * 802.1Q-in-802.1Q echo requests.
 */
import type { Netdev } from '../net/dev/netdev.js';
import type { RunContext } from '../net/core/run-context.js';
import type { IpStack } from '../stack/ip-stack.js';
import { makeFrame } from '../wire/ethernet.js';
import { ICMP_ECHO_REQUEST } from '../wire/icmp.js';
import { ETHERTYPE_VLAN, type VlanTag } from '../wire/ieee8021q.js';
import type { Ipv4Packet } from '../wire/ipv4.js';
import type { Ipv4Address } from '../wire/ipv4-address.js';
import type { Mac } from '../wire/mac.js';

interface DoubleTaggedParams {
  /** VID of the outer tag (the sender's VLAN, also a trunk's native VLAN in the classic attack). */
  readonly outer: number;
  /** VID of the inner tag: the VLAN the frame is meant to hop into. */
  readonly inner: number;
  readonly dstMac: Mac;
  readonly dstIp: Ipv4Address;
  readonly at: number;
  readonly count: number;
  readonly interval: number;
}

/**
 * The VLAN hopping attack by double tagging: a guest writes raw frames with two 802.1Q tags (as
 * scapy's `Ether()/Dot1Q(vlan=OUTER)/Dot1Q(vlan=INNER)/IP()/ICMP()` does). A switch that takes the
 * frame into VLAN OUTER and sends it untagged out of a trunk whose native VLAN is OUTER removes
 * only the outer tag; the next switch reads the inner one and switches the frame in VLAN INNER.
 * One way only: the victim's answer has no way back.
 */
export class DoubleTaggedInjector {
  private sent = 0;
  private readonly tags: readonly VlanTag[];

  constructor(
    private readonly net: RunContext,
    private readonly stack: IpStack,
    private readonly nic: Netdev,
    private readonly params: DoubleTaggedParams,
  ) {
    this.tags = Object.freeze([
      { tpid: ETHERTYPE_VLAN, pcp: 0, dei: 0, vid: params.outer },
      { tpid: ETHERTYPE_VLAN, pcp: 0, dei: 0, vid: params.inner },
    ]);
    net.engine.at(params.at, onDoubleTaggedTick, this);
  }

  tick(): void {
    const net = this.net;
    const seq = ++this.sent;
    const p = this.params;
    const packet: Ipv4Packet = this.stack.packet(p.dstIp, {
      kind: 'icmp', type: ICMP_ECHO_REQUEST, code: 0, id: 0x4242, seq, dataLength: 56, quoted: null,
    }, this.stack.firstAddress(this.nic) ?? 0);
    const uid = net.nextUid();
    const frame = makeFrame(uid, uid, p.dstMac, this.nic.mac, this.tags, packet);
    net.originate(this.nic, frame);
    this.nic.transmit(frame);
    if (seq < p.count) net.engine.after(p.interval, onDoubleTaggedTick, this);
  }
}

function onDoubleTaggedTick(d: DoubleTaggedInjector): void {
  d.tick();
}
