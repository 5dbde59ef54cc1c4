/**
 * Reads what a trace's one-line frame description (src/wire/ethernet.ts, tcpdump -e style) says:
 * addresses, tags, protocol, ARP fields. Used for frames loaded from an NDJSON trace (which keeps
 * only the description) and for the protocol/broadcast class of every frame.
 *
 *   52:54:00:00:00:01 > ff:ff:ff:ff:ff:ff vlan 100 ARP who-has 10.0.0.2 tell 10.0.0.1
 *   52:54:00:00:00:02 > 52:54:00:00:00:01 IPv4 10.0.0.2 > 10.0.0.1 ICMP echo reply id 1 seq 3 len 64
 *   52:54:00:00:00:01 > 52:54:00:00:00:02 UDP 10.0.0.1:40000 > 10.0.0.2:5001 len 1000
 */
import type { FrameLayer } from './protocol.js';
import { DST_BROADCAST, DST_MULTICAST, DST_UNICAST, P_ARP, P_ICMP, P_IPV4, P_OTHER, P_STP, P_TCP, P_UDP } from './kinds.js';

export interface DescInfo {
  readonly src: string;
  readonly dst: string;
  readonly dstKind: number;
  readonly protocol: number;
  /** ARP only: 1 request, 2 reply. */
  readonly arpOp: number;
  readonly arpSenderIp: string;
  readonly arpSenderMac: string;
  readonly arpTargetIp: string;
  /** The text after the link header and tags ("ARP who-has ...", "IPv4 ... ICMP ..."). */
  readonly rest: string;
  readonly tags: readonly { readonly tpid: string; readonly vid: number; readonly pcp: number }[];
}

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

function dstKindOf(mac: string): number {
  if (mac === 'ff:ff:ff:ff:ff:ff') return DST_BROADCAST;
  const first = parseInt(mac.slice(0, 2), 16);
  return (first & 1) === 1 ? DST_MULTICAST : DST_UNICAST;
}

export function parseDesc(desc: string): DescInfo {
  const w = desc.split(' ');
  let i = 0;
  const src = w[i] !== undefined && MAC.test(w[i]!) ? w[i++]! : '';
  if (w[i] === '>') i++;
  const dst = w[i] !== undefined && MAC.test(w[i]!) ? w[i++]! : '';
  const tags: { tpid: string; vid: number; pcp: number }[] = [];
  while (w[i] === 'vlan' || w[i] === 'svlan' || w[i] === 'tag') {
    let tpid = w[i] === 'vlan' ? '0x8100' : w[i] === 'svlan' ? '0x88a8' : '';
    if (w[i] === 'tag') { tpid = w[i + 1] ?? ''; i++; }
    const vid = Number(w[i + 1]);
    i += 2;
    let pcp = 0;
    if (w[i] === 'p') { pcp = Number(w[i + 1]); i += 2; }
    if (w[i] === 'dei') i++;
    tags.push({ tpid, vid, pcp });
  }
  const rest = w.slice(i).join(' ');
  let protocol = P_OTHER;
  let arpOp = 0, arpSenderIp = '', arpSenderMac = '', arpTargetIp = '';
  const head = w[i] ?? '';
  if (head === 'ARP') {
    protocol = P_ARP;
    if (w[i + 1] === 'who-has') {
      arpOp = 1; arpTargetIp = w[i + 2] ?? ''; arpSenderIp = w[i + 4] ?? ''; arpSenderMac = src;
    } else {
      arpOp = 2; arpSenderIp = w[i + 1] ?? ''; arpSenderMac = w[i + 3] ?? '';
    }
  } else if (head === 'RARP') protocol = P_ARP;
  else if (head === 'STP') protocol = P_STP;
  else if (head === 'UDP') protocol = P_UDP;
  else if (head === 'TCP') protocol = P_TCP;
  else if (head === 'IPv4') protocol = w[i + 4] === 'ICMP' ? P_ICMP : P_IPV4;
  return { src, dst, dstKind: dstKindOf(dst), protocol, arpOp, arpSenderIp, arpSenderMac, arpTargetIp, rest, tags };
}

/**
 * The layers a description shows, for a frame read from a trace file (the worker gives the full
 * breakdown, TTL and all, for frames it simulated itself).
 */
export function layersFromDesc(desc: string, len: number): FrameLayer[] {
  const d = parseDesc(desc);
  const out: FrameLayer[] = [];
  out.push({ name: 'Ethernet II', fields: [['source', d.src], ['destination', d.dst + (d.dstKind === DST_BROADCAST ? ' (broadcast)' : d.dstKind === DST_MULTICAST ? ' (multicast)' : '')], ['length', `${len} bytes`]] });
  for (const t of d.tags) out.push({ name: t.tpid === '0x88a8' ? '802.1ad service tag' : '802.1Q tag', fields: [['TPID', t.tpid], ['VLAN id', String(t.vid)], ['priority', String(t.pcp)]] });
  const w = d.rest.split(' ');
  if (d.protocol === P_ARP && w[0] === 'RARP') {
    // "RARP who-is MAC tell MAC" (qemu's self-announce) or "RARP MAC at IP".
    out.push({ name: 'RARP', fields: w[1] === 'who-is'
      ? [['operation', 'request reverse (3)'], ['target MAC', w[2] ?? ''], ['sender MAC', w[4] ?? '']]
      : [['operation', 'reply reverse (4)'], ['target MAC', w[1] ?? ''], ['target IP', w[3] ?? '']] });
  } else if (d.protocol === P_ARP) {
    out.push({ name: 'ARP', fields: d.arpOp === 1
      ? [['operation', 'request (1)'], ['sender MAC', d.arpSenderMac], ['sender IP', d.arpSenderIp], ['target IP', d.arpTargetIp]]
      : [['operation', 'reply (2)'], ['sender MAC', d.arpSenderMac], ['sender IP', d.arpSenderIp]] });
  } else if (d.protocol === P_ICMP || d.protocol === P_IPV4) {
    out.push({ name: 'IPv4', fields: [['source', w[1] ?? ''], ['destination', w[3] ?? '']] });
    if (d.protocol === P_ICMP) {
      const m = /ICMP (.*)$/.exec(d.rest);
      const text = m ? m[1]! : '';
      const f: [string, string][] = [['message', text.replace(/ id \d+ seq \d+ len \d+$/, '')]];
      const e = / id (\d+) seq (\d+) len (\d+)/.exec(text);
      if (e) f.push(['id', e[1]!], ['sequence', e[2]!], ['length', e[3]!]);
      out.push({ name: 'ICMP', fields: f });
    }
  } else if (d.protocol === P_UDP || d.protocol === P_TCP) {
    const [sip, sport] = splitHostPort(w[1] ?? '');
    const [dip, dport] = splitHostPort(w[3] ?? '');
    out.push({ name: 'IPv4', fields: [['source', sip], ['destination', dip]] });
    const len = /len (\d+)$/.exec(d.rest);
    out.push({ name: d.protocol === P_UDP ? 'UDP' : 'TCP', fields: [['source port', sport], ['destination port', dport], ['data length', len ? len[1]! : '']] });
  } else {
    out.push({ name: d.protocol === P_STP ? 'STP BPDU' : 'Payload', fields: [['summary', d.rest]] });
  }
  return out;
}

function splitHostPort(s: string): [string, string] {
  const i = s.lastIndexOf(':');
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}
