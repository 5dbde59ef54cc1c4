import { describe, expect, test } from 'vitest';
import { isGroupMac } from '../../src/wire/mac.js';
import { runText } from '../acceptance/helpers.js';
import type { TraceRecord } from '../../src/index.js';

/** One host, br0 with the attacker's TAP and eth0 to a small switch: the flood fills the switch. */
const SCENARIO = `
name: flood
duration: 2s
switches:
  - { name: sw1, ports: 2, macTableSize: 8 }
hosts:
  - name: h1
    nics: [eth0]
    commands: [brctl addbr br0, brctl addif br0 eth0, brctl addif br0 tap0, ip link set br0 up]
    vms:
      - { name: evil, tap: tap0, ip: 10.0.0.66/24 }
links:
  - { a: h1/eth0, b: sw1/p1 }
traffic:
  - macFlood: { from: evil, at: 1s, count: 50, rate: 1000 }
`;

function originated(text: string, seed?: number): TraceRecord[] {
  const out: TraceRecord[] = [];
  runText(text, 'flood.yaml', seed === undefined ? {} : { seed }, [{ record: (r) => { if (r.kind === 'originate') out.push(r); } }]);
  return out;
}

describe('macFlood', () => {
  test('sends count frames at rate, each from a new locally administered unicast MAC', () => {
    const frames = originated(SCENARIO).map((r) => (r as TraceRecord & { kind: 'originate' }));
    expect(frames.length).toBe(50);
    expect(frames[0]!.t).toBe(1e9);
    expect(frames[1]!.t - frames[0]!.t).toBe(1e6);
    const srcs = new Set(frames.map((r) => r.frame.src));
    expect(srcs.size).toBe(50);
    for (const r of frames) {
      const first = Math.floor(r.frame.src / 2 ** 40);
      expect(isGroupMac(r.frame.src)).toBe(false);
      expect(first & 0x02).toBe(2); // locally administered
      expect(isGroupMac(r.frame.dst)).toBe(false); // random unicast destinations by default
      expect(r.frame.length).toBe(60);
    }
  });

  test('fills the switch table: 8 learned, the rest refused and counted', () => {
    const r = runText(SCENARIO, 'flood.yaml');
    expect(r.switches).toEqual([{ name: 'sw1', entries: 8, capacity: 8, tableFull: 42, unicastFloods: 0 }]);
  });

  test('the same seed gives the same MACs; another seed others', () => {
    const a = originated(SCENARIO).map((r) => (r as { frame: { src: number } }).frame.src);
    const b = originated(SCENARIO).map((r) => (r as { frame: { src: number } }).frame.src);
    const c = originated(SCENARIO, 2).map((r) => (r as { frame: { src: number } }).frame.src);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  test('to: broadcast sends to ff:ff:ff:ff:ff:ff', () => {
    const frames = originated(SCENARIO.replace('rate: 1000 }', 'rate: 1000, to: broadcast }'));
    for (const r of frames) expect((r as { frame: { dst: number } }).frame.dst).toBe(0xffffffffffff);
  });
});
