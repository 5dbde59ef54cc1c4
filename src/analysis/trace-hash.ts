import type { TraceRecord, TraceKind } from '../net/trace.js';
import type { EthernetFrame } from '../wire/ethernet.js';
import type { Ipv4Packet } from '../wire/ipv4.js';
import type { TraceSink } from '../engine/trace-bus.js';

const KIND_CODE: Record<TraceKind, number> = {
  originate: 1, tx: 2, rx: 3, drop: 4, flood: 5, learn: 6, 'age-out': 7, 'table-full': 8, deliver: 9, app: 10, command: 11, stp: 12, cable: 13, migrate: 14, netdev: 15,
};

/**
 * A fingerprint of a run (OMNeT++'s idea): a 64-bit FNV-1a-style hash over every trace record's
 * kind, time, place and frame identity, in order, and over what frames carry: every header field
 * of a frame when it is made (`originate`), and its VLAN tags on every hop (tagging makes a copy
 * without an `originate`). Any change in behaviour changes it, down to a rewritten echo id.
 */
export class TraceHash implements TraceSink<TraceRecord> {
  readonly borrows = true;
  // The two 32-bit lanes live in an Int32Array: as object fields, values beyond the small-integer
  // range would be boxed anew on every store.
  private readonly lanes = Int32Array.of(0x811c9dc5 | 0, 0xcbf29ce4 | 0);
  records = 0;

  record(r: TraceRecord): void {
    this.records++;
    this.mix(KIND_CODE[r.kind]);
    // Each kind reads its own fields at its own site, so each site sees one record shape (the
    // reused record of its kind) and reads a time as a raw double: read at one shared site, the
    // record shapes of all kinds would make it megamorphic, and a generic load boxes a double
    // field anew each time. Only int32 values cross a call (ToInt32 is what mix applies anyway).
    switch (r.kind) {
      case 'originate':
        this.head(r.t | 0, (r.t / 4294967296) | 0, r.at.id);
        this.mix(r.frame.uid); this.mix(r.frame.origin); this.mix(r.frame.length);
        this.mixFrame(r.frame);
        break;
      case 'rx': case 'deliver':
        this.head(r.t | 0, (r.t / 4294967296) | 0, r.at.id);
        this.mix(r.frame.uid); this.mix(r.frame.origin); this.mix(r.frame.length);
        break;
      case 'tx': {
        this.head(r.t | 0, (r.t / 4294967296) | 0, r.at.id);
        this.mix(r.frame.uid); this.mix(r.to.id); this.mix(r.arrive | 0);
        const tags = r.frame.tags;
        this.mix(tags.length);
        for (let i = 0; i < tags.length; i++) this.mix(tags[i]!.tpid * 65536 + tags[i]!.vid);
        break;
      }
      case 'drop':
        this.head(r.t | 0, (r.t / 4294967296) | 0, r.at.id);
        this.mix(r.frame.uid); this.mixString(r.reason);
        break;
      case 'flood':
        this.head(r.t | 0, (r.t / 4294967296) | 0, r.at.id);
        this.mix(r.frame.uid); this.mix(r.copies);
        break;
      case 'learn': case 'age-out':
        this.head(r.t | 0, (r.t / 4294967296) | 0, r.at.id);
        this.mix(r.mac); this.mix(r.mac / 4294967296); this.mix(r.vid); this.mix(r.port.id);
        break;
      case 'table-full':
        this.head(r.t | 0, (r.t / 4294967296) | 0, r.at.id);
        this.mix(r.mac); this.mix(r.mac / 4294967296); this.mix(r.vid);
        break;
      case 'app':
        this.head(r.t | 0, (r.t / 4294967296) | 0, r.at.id);
        this.mixString(r.event); this.mixString(r.detail);
        break;
      case 'command':
        this.head(r.t | 0, (r.t / 4294967296) | 0, r.at.id);
        this.mixString(r.line);
        break;
      case 'cable':
        this.head(r.t | 0, (r.t / 4294967296) | 0, r.at.id);
        this.mix(r.up ? 1 : 0);
        break;
      case 'migrate':
        this.head(r.t | 0, (r.t / 4294967296) | 0, r.at.id);
        this.mixString(r.event); this.mix(r.from.id); this.mix(r.to.id);
        break;
      case 'netdev':
        this.head(r.t | 0, (r.t / 4294967296) | 0, r.at.id);
        this.mixString(r.event); this.mixString(r.type); this.mix(r.host.id); this.mix(r.peer === null ? 0 : r.peer.id);
        break;
      case 'stp':
        this.head(r.t | 0, (r.t / 4294967296) | 0, r.at.id);
        this.mixString(r.event);
        if (r.event === 'state') {
          this.mix(r.port.id); this.mixString(r.to);
        } else if (r.event === 'root') {
          this.mix(r.port === null ? 0 : r.port.id); this.mix(r.root.priority); this.mix(r.root.mac); this.mix(r.root.mac / 4294967296); this.mix(r.cost);
        } else {
          this.mix(r.on ? 1 : 0);
        }
        break;
    }
  }

  /** What every record starts with: kind (mixed already), time and place. */
  private head(tLow: number, tHigh: number, at: number): void {
    this.mix(tLow);
    this.mix(tHigh);
    this.mix(at);
  }

  /** The frame's header fields, from the MACs down to the transport (once per frame, when it is made). */
  private mixFrame(f: EthernetFrame): void {
    this.mixMac(f.dst); this.mixMac(f.src);
    const tags = f.tags;
    for (let i = 0; i < tags.length; i++) {
      const t = tags[i]!;
      this.mix(t.tpid); this.mix(t.vid); this.mix(t.pcp * 2 + t.dei);
    }
    const p = f.payload;
    switch (p.kind) {
      case 'arp':
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
  private mix(v: number): void {
    const lanes = this.lanes;
    lanes[0] = Math.imul(lanes[0]! ^ v, 0x01000193);
    const b = Math.imul(lanes[1]! ^ v, 0x5bd1e995);
    lanes[1] = b ^ (b >>> 13);
  }

  private mixString(s: string): void {
    for (let i = 0; i < s.length; i++) this.mix(s.charCodeAt(i));
  }

  hex(): string {
    return (this.lanes[0]! >>> 0).toString(16).padStart(8, '0') + (this.lanes[1]! >>> 0).toString(16).padStart(8, '0');
  }
}
