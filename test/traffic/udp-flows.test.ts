/**
 * UDP streams measured end to end through scenarios: streams to one receiver port counted apart
 * by 5-tuple (two streams, then eight to one), counts that add up with the frames the network
 * dropped, and goodput over first sent to last received, never above what the link can carry.
 */
import { describe, expect, it } from 'vitest';
import { measurementsBetween } from '../../src/analysis/measurements.js';
import type { TraceRecord } from '../../src/trace/record.js';
import type { Report, Simulation, TraceSink } from '../../src/index.js';
import { runSimulation } from '../../src/index.js';
import { prepare, scenarioText } from '../acceptance/helpers.js';

/** Two hosts on one switch: `senders` VMs on host1 (10.0.0.1..), a server on host2; every cable `rate`. */
function twoHosts(senders: number, rate: string, traffic: string): string {
  const taps = Array.from({ length: senders }, (_, i) => `      - brctl addif br0 tap${i}`).join('\n');
  const vms = Array.from({ length: senders }, (_, i) => `      - { name: c${i + 1}, tap: tap${i}, ip: 10.0.0.${i + 1}/24 }`).join('\n');
  return `name: udp-test
seed: 1
duration: 3s
defaults:
  link: { rate: ${rate}, delay: 10us, queue: 100 }
switches:
  - { name: sw1, ports: 2 }
hosts:
  - name: host1
    nics: [eth0]
    commands:
      - brctl addbr br0
      - brctl addif br0 eth0
${taps}
      - ip link set br0 up
    vms:
${vms}
  - name: host2
    nics: [eth0]
    commands:
      - brctl addbr br0
      - brctl addif br0 eth0
      - brctl addif br0 tap0
      - ip link set br0 up
    vms:
      - { name: server, tap: tap0, ip: 10.0.0.100/24 }
links:
  - { a: host1/eth0, b: sw1/p1 }
  - { a: host2/eth0, b: sw1/p2 }
traffic:
${traffic}
`;
}

/** UDP datagrams dropped anywhere, counted from the trace. */
class UdpDrops implements TraceSink<TraceRecord> {
  readonly borrows = true;
  count = 0;
  record(r: TraceRecord): void {
    if (r.kind === 'drop' && r.frame.payload.kind === 'ipv4' && r.frame.payload.payload.kind === 'udp') this.count++;
  }
}

function run(text: string, sinks: TraceSink<TraceRecord>[] = []): { sim: Simulation; report: Report } {
  const sim = prepare(text, 'udp-test.yaml');
  return { sim, report: runSimulation(sim, 'udp-test.yaml', { sinks }) };
}

describe('streams to one receiver port', () => {
  it('two streams to the same port are counted apart, each with what it sent', () => {
    const { report } = run(twoHosts(2, '100Mbps', '  - udp: { from: [c1, c2], to: server, port: 5001, rate: 1Mbps, size: 1000, start: 1s, stop: 2s }'));
    expect(report.udp.map((u) => [u.from, u.srcPort, u.dstPort, u.sent, u.received, u.lost, u.lossRatio])).toEqual([
      ['c1', 40000, 5001, 125, 125, 0, 0],
      ['c2', 40001, 5001, 125, 125, 0, 0],
    ]);
    expect(report.udp.map((u) => [u.src, u.dst, u.duplicated, u.reordered])).toEqual([['10.0.0.1', '10.0.0.100', 0, 0], ['10.0.0.2', '10.0.0.100', 0, 0]]);
  });

  it('scenario 14: eight streams to one port; sent, received and lost add up with the UDP drops', () => {
    const drops = new UdpDrops();
    const sim = prepare(scenarioText('14-udp-many-to-one.yaml'), 'scenarios/14-udp-many-to-one.yaml');
    const report = runSimulation(sim, 'scenarios/14-udp-many-to-one.yaml', { sinks: [drops] });
    expect(report.udp).toHaveLength(8);
    expect(new Set(report.udp.map((u) => `${u.src}:${u.srcPort}`)).size).toBe(8);
    for (const u of report.udp) {
      // 2 Mb/s of 1000-byte datagrams for 1 s: one every 4 ms.
      expect(u.sent).toBe(250);
      expect(u.received + u.lost).toBe(u.sent);
      expect(u.received).toBeLessThanOrEqual(u.sent);
      expect(u.receivedBytes).toBe(u.received * 1000);
    }
    const lost = report.udp.reduce((a, u) => a + u.lost, 0);
    expect(lost).toBeGreaterThan(0);
    // Nothing is in flight at 2 s (the streams stop at 1.5 s): every lost datagram was dropped.
    expect(lost).toBe(drops.count);
    const oneWay = report.latency.items.find((i) => i.kind === 'udp')!;
    expect(oneWay.pairs).toBe(8);
    expect(oneWay.distribution!.count).toBe(report.udp.reduce((a, u) => a + u.received, 0));
    const m = measurementsBetween(sim, ['client1', 'client2'], ['server']);
    expect(m.flows.map((f) => f.from)).toEqual(['client1', 'client2']);
    expect(m.oneWayNs.length).toBe(report.udp[0]!.received + report.udp[1]!.received);
    expect(m.rttNs.length).toBe(report.pings[0]!.received);
  });
});

describe('datagrams still on their way at the end', () => {
  it('are counted in flight, not lost, each once however many wires carry a copy', () => {
    // 10 Mb/s cables, 20 Mb/s offered until the end of the run: the uplink's queue is full of c1's
    // datagrams when the run stops.
    const { sim, report } = run(twoHosts(1, '10Mbps', '  - udp: { from: c1, to: server, rate: 20Mbps, size: 1000, start: 2s, stop: 3s }'));
    const u = report.udp[0]!;
    let udpFramesInFlight = 0;
    sim.net.forEachFrameInFlight((f) => {
      if (f.payload.kind === 'ipv4' && f.payload.payload.kind === 'udp') udpFramesInFlight++;
    });
    expect(u.inFlight).toBeGreaterThan(90);
    // Every UDP frame in flight is a distinct datagram of this stream here (unicast, no copies).
    expect(u.inFlight).toBe(udpFramesInFlight);
    expect(u.received + u.inFlight + u.lost).toBe(u.sent);
    expect(u.lossRatio).toBe(u.lost / u.sent);
    // What was dropped is lost; what is queued is not.
    const udpDrops = report.frames.dropsByReason['queue-full']!;
    expect(u.lost).toBe(udpDrops);
  });

  it('scenario 15: each stream\'s last datagram is in flight at 1 s; none is lost', () => {
    const report = run(scenarioText('15-tenant-capacity.yaml')).report;
    expect(report.udp.map((u) => [u.sent, u.received, u.inFlight, u.lost])).toEqual(Array(6).fill([11_480, 11_479, 1, 0]));
    expect(report.frames.inFlight).toBe(6);
  });
});

describe('goodput', () => {
  it('over first sent to last received: a 10 Mb/s cable never reports more than 10 Mb/s', () => {
    const { report } = run(twoHosts(1, '10Mbps', '  - udp: { from: c1, to: server, rate: 20Mbps, size: 1000, start: 1s, stop: 2s }'));
    const u = report.udp[0]!;
    expect(u.goodputBps).toBeLessThanOrEqual(10_000_000);
    expect(u.goodputBps).toBe(Math.round((u.receivedBytes * 8 * 1e9) / (u.lastReceivedNs! - u.firstSentNs!)));
    expect(u.firstSentNs).toBe(1_000_000_000);
  });

  it('at saturation, goodput <= the link rate times the payload share, from the link\'s own serialization', () => {
    // The bottleneck host1/eth0 sends datagram frames back to back: the spacing of their arrivals
    // at the far end is the time the link takes per frame, whatever it counts in a frame.
    const arrivals: number[] = [];
    const spacing: TraceSink<TraceRecord> = {
      borrows: true,
      record(r) {
        if (r.kind === 'tx' && r.at.name === 'host1/eth0' && r.frame.payload.kind === 'ipv4' && r.frame.payload.payload.kind === 'udp') arrivals.push(r.arrive);
      },
    };
    for (const size of [18, 1000, 1472]) {
      arrivals.length = 0;
      const { report } = run(twoHosts(1, '10Mbps', `  - udp: { from: c1, to: server, rate: 50Mbps, size: ${size}, start: 1s, stop: 1200ms }`), [spacing]);
      let perFrame = Infinity;
      for (let i = 1; i < arrivals.length; i++) perFrame = Math.min(perFrame, arrivals[i]! - arrivals[i - 1]!);
      const u = report.udp[0]!;
      expect(u.lost).toBeGreaterThan(0);
      // payload bits per frame time: the most goodput the link can carry.
      const ceiling = (size * 8 * 1e9) / perFrame;
      expect(u.goodputBps).toBeLessThanOrEqual(Math.ceil(ceiling));
      expect(u.goodputBps).toBeGreaterThan(0.9 * ceiling);
    }
  }, 30_000);
});
