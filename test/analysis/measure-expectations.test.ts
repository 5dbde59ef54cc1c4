import { beforeAll, describe, expect, test } from 'vitest';
import { formatDuration, formatRate } from '../../src/engine/time.js';
import type { Report } from '../../src/index.js';
import { runText, scenarioPath, scenarioText } from '../acceptance/helpers.js';

const n = (v: number) => v.toLocaleString('en-US');

/**
 * Scenario 09 (a UDP burst fills host1's 10 Mb/s uplink while vm2 pings the server) with
 * expectations on its measurements added: each verdict must quote the figures the report's JSON
 * holds, and pass or fail by them.
 */
const EXTRA = `
  - rtt: { from: vm2, to: server, p50: "< 1ms", p99: "< 50ms" }
  - rtt: { from: server, to: vm2, max: "< 1s" }
  - oneWay: { from: vm1, to: server, port: 5001, p99: "<= 90ms", min: "> 1ms" }
  - oneWay: { from: vm1, to: server, port: 5002, max: "< 1s" }
  - loss: { from: vm1, to: server, max: 1% }
  - loss: { from: vm1, to: server, max: 50% }
  - goodput: { from: vm1, to: server, min: 9Mbps, max: 10Mbps }
  - goodput: { from: "*", to: server, total: true, min: 9.5Mbps }
  - utilisation: { link: "host1/eth0->sw1/p1", min: 30% }
  - utilisation: { link: host1/eth0, max: 30% }
  - drops: { reason: queue-full, at: host1/eth0, min: 500, max: 5000 }
  - drops: { reason: queue-full, max: 0 }
`;

let r: Report;
beforeAll(() => {
  r = runText(scenarioText('09-noisy-neighbour.yaml') + EXTRA, scenarioPath('09-noisy-neighbour.yaml'));
});

const verdict = (i: number) => {
  const e = r.expectations[i + 2]!;
  return `${e.pass ? 'PASS' : 'FAIL'}  ${e.text}: ${e.detail}`;
};

describe('expectations on measurements, judged from the figures the report holds', () => {
  test('rtt pools every sample of the pairs; a bound that does not hold fails; no ping is no verdict', () => {
    const rtt = r.pings[0]!.rtt!;
    expect(verdict(0)).toBe(`FAIL  round-trip time from vm2 to server: p50 < 1ms, p99 < 50ms: p50 ${formatDuration(rtt.p50)}, p99 ${formatDuration(rtt.p99)} (${n(r.pings[0]!.received)} of ${n(r.pings[0]!.sent)} echoes answered)`);
    expect(rtt.p50).toBeLessThan(1e6);
    expect(rtt.p99).toBeGreaterThan(50e6);
    expect(verdict(1)).toBe('FAIL  round-trip time from server to vm2: max < 1s: no ping in the traffic section from server to vm2: add a ping so this can be judged');
  });

  test('oneWay reads the streams to the port named, and only those', () => {
    const u = r.udp[0]!;
    expect(verdict(2)).toBe(`PASS  one-way delay from vm1 to server port 5001: min > 1ms, p99 <= 90ms: min ${formatDuration(u.oneWay!.min)}, p99 ${formatDuration(u.oneWay!.p99)} (${n(u.received)} of ${n(u.sent)} datagrams received)`);
    expect(verdict(3)).toBe('FAIL  one-way delay from vm1 to server port 5002: max < 1s: no UDP stream from vm1 to server to port 5002 in the traffic section: add a udp item so this can be judged');
  });

  test('loss is judged per stream against the JSON lossRatio', () => {
    const u = r.udp[0]!;
    const pct = `${+(u.lossRatio * 100).toFixed(2)}%`;
    expect(verdict(4)).toBe(`FAIL  each UDP stream from vm1 to server loses at most 1%: 1 over the limit; worst vm1 -> server:5001 lost ${pct} (${n(u.lost)} of ${n(u.sent)}); 1 stream, ${n(u.lost)} of ${n(u.sent)} datagrams lost in all`);
    expect(r.expectations[7]!.pass).toBe(u.lossRatio <= 0.5);
  });

  test('goodput never exceeds what the 10 Mb/s line carries of 1000-byte datagrams', () => {
    const u = r.udp[0]!;
    expect(u.goodputBps).toBeLessThanOrEqual((10e6 * 1000) / (8 + 1042 + 4 + 12));
    expect(verdict(6)).toBe(`PASS  each UDP stream from vm1 to server delivers between 9Mbps and 10Mbps: ${formatRate(u.goodputBps)}`);
    // Summed over first sent to last received: the same single stream, so the same figure within rounding.
    const total = r.expectations[9]!;
    expect(total.text).toBe('the UDP streams from * to server together deliver at least 9.5Mbps');
    expect(total.pass).toBe(false);
    expect(total.detail).toMatch(/^9\.\d+Mbps from 1 stream over /);
  });

  test('utilisation names each direction of a cable end with its JSON figure', () => {
    const up = r.links.find((l) => l.name === 'host1/eth0->sw1/p1')!;
    const down = r.links.find((l) => l.name === 'sw1/p1->host1/eth0')!;
    const pct = (v: number) => `${+(v * 100).toFixed(2)}%`;
    expect(verdict(8)).toBe(`PASS  host1/eth0->sw1/p1 busy at least 30% of the run: host1/eth0->sw1/p1 ${pct(up.utilisation)}`);
    expect(verdict(9)).toBe(`FAIL  host1/eth0 busy at most 30% of the run: host1/eth0->sw1/p1 ${pct(up.utilisation)}, sw1/p1->host1/eth0 ${pct(down.utilisation)}`);
  });

  test('drops counts like maxDrops and minDrops', () => {
    const n = r.frames.dropsByReason['queue-full']!;
    expect(verdict(10)).toMatch(/^PASS {2}between 500 and 5000 drops \(queue-full\) at host1\/eth0: \d+ dropped$/);
    expect(verdict(11)).toBe(`FAIL  at most 0 drops (queue-full): ${n} dropped`);
  });

  test('each verdict is located where the file writes it', () => {
    const lines = (scenarioText('09-noisy-neighbour.yaml') + EXTRA).split('\n');
    for (const e of r.expectations.slice(2)) {
      expect(lines[e.source!.line - 1]).toMatch(/^ {2}- (rtt|oneWay|loss|goodput|utilisation|drops):/);
    }
  });
});
