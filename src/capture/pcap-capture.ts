/**
 * Per-interface pcap capture fed by the trace's tx and rx records: each interface gets its own
 * stream, its file header written before its first record.
 */
import type { TraceSink } from '../engine/trace-bus.js';
import type { TraceRecord } from '../trace/record.js';
import { PcapWriter } from './pcap.js';

/**
 * Captures frames on interfaces, like tcpdump on each: a frame leaving an interface is recorded
 * when its first bit leaves, a frame arriving when its last bit arrives. One pcap stream per
 * interface, delivered through `write(interfaceName, bytes)` (the header first).
 */
export class PcapCapture implements TraceSink<TraceRecord> {
  readonly borrows = true;
  private readonly writer = new PcapWriter();
  private readonly started = new Set<string>();
  /** Records written per interface. */
  readonly counts = new Map<string, number>();

  constructor(
    private readonly wants: (interfaceName: string) => boolean,
    private readonly write: (interfaceName: string, bytes: Uint8Array) => void,
  ) {}

  record(r: TraceRecord): void {
    if (r.kind !== 'tx' && r.kind !== 'rx') return;
    const name = r.at.name;
    if (!this.wants(name)) return;
    if (!this.started.has(name)) {
      this.started.add(name);
      this.write(name, this.writer.header());
    }
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    this.write(name, this.writer.record(r.t, r.frame));
  }
}
