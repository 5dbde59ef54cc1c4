/**
 * A frame as a stack of named layers with their fields, outermost first, for people to read (the
 * visualizer's frame panel): Ethernet, 802.1Q tags, ARP, RARP, IPv4, ICMP, UDP, TCP, STP.
 */
import { formatBridgeId } from './bpdu.js';
import { etherTypeOf, type EthernetFrame } from './ethernet.js';
import { hex } from './hex.js';
import { ETHERTYPE_QINQ, ETHERTYPE_VLAN } from './ieee8021q.js';
import { formatIpv4 } from './ipv4-address.js';
import { ipPayloadLength, ipProtocolOf, ipv4TotalLength, type IpPayload, type Ipv4Packet } from './ipv4.js';
import { formatMac, isGroupMac, BROADCAST_MAC } from './mac.js';

interface FrameLayerFields {
  readonly name: string;
  readonly fields: readonly (readonly [string, string])[];
}

export function frameLayers(f: EthernetFrame): FrameLayerFields[] {
  const out: FrameLayerFields[] = [];
  const dstNote = f.dst === BROADCAST_MAC ? ' (broadcast)' : isGroupMac(f.dst) ? ' (multicast)' : '';
  const et = etherTypeOf(f.payload);
  out.push({
    name: 'Ethernet II',
    fields: [
      ['destination', formatMac(f.dst) + dstNote],
      ['source', formatMac(f.src)],
      ['EtherType', et < 0 ? '802.3 length + LLC' : hex(et) + (et === 0x0800 ? ' (IPv4)' : et === 0x0806 ? ' (ARP)' : et === 0x8035 ? ' (RARP)' : '')],
      ['length', `${f.length} bytes`],
    ],
  });
  for (const t of f.tags) {
    out.push({
      name: t.tpid === ETHERTYPE_QINQ ? '802.1ad service tag' : '802.1Q tag',
      fields: [['TPID', hex(t.tpid) + (t.tpid === ETHERTYPE_VLAN ? ' (802.1Q)' : '')], ['VLAN id', String(t.vid)], ['priority (PCP)', String(t.pcp)], ['DEI', String(t.dei)]],
    });
  }
  const p = f.payload;
  switch (p.kind) {
    case 'arp':
      out.push({
        name: 'ARP',
        fields: [
          ['operation', p.op === 1 ? 'request (1)' : 'reply (2)'],
          ['sender MAC', formatMac(p.senderMac)], ['sender IP', formatIpv4(p.senderIp)],
          ['target MAC', formatMac(p.targetMac)], ['target IP', formatIpv4(p.targetIp)],
        ],
      });
      break;
    case 'rarp':
      out.push({
        name: 'RARP',
        fields: [
          ['operation', p.op === 3 ? 'request reverse (3)' : 'reply reverse (4)'],
          ['sender MAC', formatMac(p.senderMac)], ['sender IP', formatIpv4(p.senderIp)],
          ['target MAC', formatMac(p.targetMac)], ['target IP', formatIpv4(p.targetIp)],
        ],
      });
      break;
    case 'ipv4':
      ipLayers(p, out);
      break;
    case 'stp':
      out.push({
        name: p.bpduType === 0x80 ? 'STP topology change notification' : 'STP configuration BPDU',
        fields: p.bpduType === 0x80 ? [] : [
          ['root', formatBridgeId(p.rootId.priority, p.rootId.mac)], ['root path cost', String(p.rootPathCost)],
          ['bridge', formatBridgeId(p.bridgeId.priority, p.bridgeId.mac)], ['port', hex(p.portId)],
          ['flags', `${p.flags & 1 ? 'TC ' : ''}${p.flags & 0x80 ? 'TCA' : ''}`.trim() || 'none'],
          ['message age', `${p.messageAge / 256} s`], ['max age', `${p.maxAge / 256} s`],
          ['hello time', `${p.helloTime / 256} s`], ['forward delay', `${p.forwardDelay / 256} s`],
        ],
      });
      break;
    case 'raw':
      out.push({ name: 'Payload', fields: [['EtherType', hex(p.etherType)], ['data', `${p.dataLength} bytes`]] });
      break;
  }
  return out;
}

function ipLayers(p: Ipv4Packet, out: FrameLayerFields[]): void {
  const q: IpPayload = p.payload;
  out.push({
    name: 'IPv4',
    fields: [
      ['source', formatIpv4(p.src)], ['destination', formatIpv4(p.dst)], ['TTL', String(p.ttl)], ['id', String(p.id)],
      ['protocol', String(ipProtocolOf(q)) + (q.kind === 'raw-ip' ? '' : ` (${q.kind.toUpperCase()})`)],
      ['DSCP', String(p.dscp)], ['total length', `${ipv4TotalLength(p)} bytes`],
    ],
  });
  switch (q.kind) {
    case 'icmp': {
      const name = q.type === 0 ? 'echo reply' : q.type === 8 ? 'echo request' : q.type === 3 ? 'destination unreachable' : q.type === 11 ? 'time exceeded' : `type ${q.type}`;
      const fields: [string, string][] = [['type', `${q.type} (${name})`], ['code', String(q.code)]];
      if (q.type === 0 || q.type === 8) fields.push(['id', String(q.id)], ['sequence', String(q.seq)], ['data', `${q.dataLength} bytes`]);
      fields.push(['length', `${ipPayloadLength(q)} bytes`]);
      out.push({ name: 'ICMP', fields });
      if (q.quoted) ipLayers(q.quoted, out);
      break;
    }
    case 'udp':
      out.push({ name: 'UDP', fields: [['source port', String(q.srcPort)], ['destination port', String(q.dstPort)], ['length', `${ipPayloadLength(q)} bytes`], ['data', `${q.dataLength} bytes`]] });
      break;
    case 'tcp':
      out.push({ name: 'TCP', fields: [['source port', String(q.srcPort)], ['destination port', String(q.dstPort)], ['seq', String(q.seq)], ['ack', String(q.ack)], ['flags', `0x${q.flags.toString(16).padStart(2, '0')}`], ['window', String(q.window)], ['data', `${q.dataLength} bytes`]] });
      break;
    case 'raw-ip':
      out.push({ name: `IP protocol ${q.protocol}`, fields: [['data', `${q.dataLength} bytes`]] });
      break;
  }
}
