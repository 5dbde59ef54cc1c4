import type { TraceSink } from '../engine/trace-bus.js';
import type { TraceMixer } from '../trace/kind-entry.js';
import type { TraceRecord } from '../trace/record.js';
import { KIND_CODE, KIND_ENTRIES } from '../trace/schema.js';
import type { EthernetFrame } from '../wire/ethernet.js';
import type { Ipv4Packet } from '../wire/ipv4.js';

/**
 * A fingerprint of a run (OMNeT++'s idea): a 64-bit FNV-1a-style hash over every trace record's
 * kind, time, place and frame identity, in order, and over what frames carry: every header field
 * of a frame when it is made (`originate`), and its VLAN tags on every hop (tagging makes a copy
 * without an `originate`). Any change in behaviour changes it, down to a rewritten echo id. What
 * each kind mixes beyond kind, time and place is its entry's `hash` (src/trace/*-records.ts).
 */
export class TraceHash implements TraceSink<TraceRecord>, TraceMixer {
  readonly borrows = true;
  // The two 32-bit lanes live in an Int32Array: as object fields, values beyond the small-integer
  // range would be boxed anew on every store.
  private readonly lanes = Int32Array.of(0x811c9dc5 | 0, 0xcbf29ce4 | 0);
  records = 0;

  record(r: TraceRecord): void {
    this.records++;
    const code = KIND_CODE[r.kind];
    this.mix(code + 1);
    this.mix(r.t | 0);
    this.mix((r.t / 4294967296) | 0);
    this.mix(r.at.id);
    KIND_ENTRIES[code]!.hash(r, this);
  }

  /** The frame's header fields, from the MACs down to the transport (once per frame, when it is made). */
  mixFrame(f: EthernetFrame): void {
    this.mixMac(f.dst); this.mixMac(f.src);
    const tags = f.tags;
    for (let i = 0; i < tags.length; i++) {
      const t = tags[i]!;
      this.mix(t.tpid); this.mix(t.vid); this.mix(t.pcp * 2 + t.dei);
    }
    const p = f.payload;
    switch (p.kind) {
      case 'arp':
      case 'rarp':
        this.mix(p.op); this.mixMac(p.senderMac); this.mix(p.senderIp); this.mixMac(p.targetMac); this.mix(p.targetIp);
        break;
      case 'ipv4':
        this.mixIpv4(p);
        break;
      case 'stp':
        this.mix(p.bpduType); this.mix(p.flags); this.mix(p.rootId.priority); this.mixMac(p.rootId.mac); this.mix(p.rootPathCost);
        this.mix(p.bridgeId.priority); this.mixMac(p.bridgeId.mac); this.mix(p.portId); this.mix(p.messageAge); this.mix(p.maxAge);
        this.mix(p.helloTime); this.mix(p.forwardDelay);
        break;
      case 'raw':
        this.mix(p.etherType); this.mix(p.dataLength);
        break;
    }
  }

  private mixIpv4(p: Ipv4Packet): void {
    this.mix(p.src); this.mix(p.dst); this.mix(p.ttl); this.mix(p.id); this.mix(p.dscp);
    const q = p.payload;
    switch (q.kind) {
      case 'icmp':
        this.mix(q.type); this.mix(q.code); this.mix(q.id); this.mix(q.seq); this.mix(q.dataLength);
        if (q.quoted !== null) this.mixIpv4(q.quoted);
        break;
      case 'udp':
        this.mix(q.srcPort); this.mix(q.dstPort); this.mix(q.dataLength);
        break;
      case 'tcp':
        this.mix(q.srcPort); this.mix(q.dstPort); this.mix(q.seq); this.mix(q.ack); this.mix(q.flags); this.mix(q.window); this.mix(q.dataLength);
        break;
      case 'raw-ip':
        this.mix(q.protocol); this.mix(q.dataLength);
        break;
    }
  }

  private mixMac(m: number): void {
    this.mix(m | 0);
    this.mix((m / 4294967296) | 0);
  }

  /** Mixes the low 32 bits of an integer (ToInt32, which `^` applies) into both lanes. */
  mix(v: number): void {
    const lanes = this.lanes;
    lanes[0] = Math.imul(lanes[0]! ^ v, 0x01000193);
    const b = Math.imul(lanes[1]! ^ v, 0x5bd1e995);
    lanes[1] = b ^ (b >>> 13);
  }

  mixString(s: string): void {
    for (let i = 0; i < s.length; i++) this.mix(s.charCodeAt(i));
  }

  hex(): string {
    return (this.lanes[0]! >>> 0).toString(16).padStart(8, '0') + (this.lanes[1]! >>> 0).toString(16).padStart(8, '0');
  }
}
