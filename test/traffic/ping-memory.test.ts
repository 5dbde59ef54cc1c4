/**
 * A ping holds what it sent, not what it might send (#11, 1): `count: 1000000` on every pair of
 * 24 VMs in a one-second run once made a million slots per pair up front (552 pairs, gigabytes
 * before the first event); now each pair grows its arrays as echoes go out.
 */
import { describe, expect, test } from 'vitest';
import { runText } from '../acceptance/helpers.js';

function oneHost(vms: number, ping: string): string {
  const taps = Array.from({ length: vms }, (_, i) => `      - brctl addif br0 tap${i}`).join('\n');
  const list = Array.from({ length: vms }, (_, i) => `      - { name: vm${i + 1}, tap: tap${i}, ip: 10.0.0.${i + 1}/24 }`).join('\n');
  return `name: ping-memory
duration: 1s
hosts:
  - name: host1
    commands:
      - brctl addbr br0
${taps}
      - ip link set br0 up
    vms:
${list}
traffic:
  - ping: ${ping}
`;
}

describe('a ping of a million echoes', () => {
  test('on all 552 pairs of 24 VMs in a 1 s run: each sends what the run has time for', () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const r = runText(oneHost(24, '{ from: "*", to: "*", count: 1000000, start: 100ms }'), 'ping-memory.yaml');
    expect(r.pings).toHaveLength(552);
    // One echo each (the default interval is 1 s; the run ends at 1 s), every one answered.
    expect(r.pings.every((p) => p.sent === 1 && p.received === 1)).toBe(true);
    // A million slots per pair would be 552 x 16 MB; what is left is far below even one pair's worth.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(16e6);
  });

  test('a pair that sends many grows its arrays and keeps every RTT', () => {
    const r = runText(oneHost(2, '{ from: vm1, to: vm2, count: 1000000, interval: 1ms, start: 100ms }'), 'ping-memory.yaml');
    const p = r.pings[0]!;
    // Echoes at 100, 101, ..., 1000 ms (an event at exactly the end still runs); the last one's
    // reply would come after the end.
    expect(p.sent).toBe(901);
    expect(p.received).toBe(900);
    expect(p.rtt!.count).toBe(900);
  });
});
