/**
 * Scenario 12: a cable on the active path of an 802.1D ring is pulled, then plugged back in.
 * The outages vm1's pings see are checked against the spanning tree's own timers, read from the
 * scenario (not hard-coded), at the default timers and at short ones:
 *  - after the pull: sw3 ignores sw2's worse claim until its stored information is max age old,
 *    then listens and learns: back between max age + 2 x forward delay - hello and
 *    max age + 2 x forward delay after the pull (plus one ping interval for the next ping to go);
 *  - after the plug: sw2 takes p1 as its root port at once but must listen and learn on it:
 *    back 2 x forward delay after the plug (plus one ping interval).
 */
import { DEFAULT_NEIGH } from '../../src/stack/neighbour.js';
import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../src/index.js';
import { prepare, runText, scenarioText } from './helpers.js';

const FILE = '12-stp-failover.yaml';
const PATH = `scenarios/${FILE}`;
const TEXT = scenarioText(FILE);
const S = 1e9;

/** The scenario with short timers on every switch, and its times moved to match. */
function withShortTimers(): string {
  return TEXT
    .replace(/stp: \{ priority: (\d+) \}/g, 'stp: { priority: $1, forwardDelay: 4s, maxAge: 6s }')
    .replace(/stp: true/g, 'stp: { forwardDelay: 4s, maxAge: 6s }')
    .replace(/duration: 170s/, 'duration: 50s')
    .replace(/start: 32s, interval: 1s, count: 138/, 'start: 10s, interval: 1s, count: 40')
    .replace(/at: 40s, unplug/, 'at: 12s, unplug')
    .replace(/at: 120s, plug/, 'at: 35s, plug')
    .replace(/reason: stp-blocking, count: 60/, 'reason: stp-blocking, count: 15');
}

interface Outage {
  /** Request times that got no reply, in order. */
  lost: number[];
  /** The first request after the cable change that was answered after the lost ones. */
  back: number;
}

function run(text: string) {
  const sim = prepare(text, PATH);
  const stp = sim.doc.switches.map((s) => s.stp!);
  // Once the tree is up every bridge uses the root's timers; here all switches have the same ones.
  expect(new Set(stp.map((t) => `${t.maxAge}/${t.forwardDelay}/${t.helloTime}`)).size).toBe(1);
  const { maxAge, forwardDelay: fd, helloTime: hello } = stp[0]!;
  const ping = sim.doc.traffic[0]!;
  if (ping.kind !== 'ping') throw new Error('the scenario starts with its ping');
  const interval = ping.interval;
  const changes = sim.doc.timeline.map((e) => (e.kind === 'cable' ? { at: e.at, up: e.up, end: e.end } : null));
  const [unplug, plug] = changes;
  expect(unplug).toMatchObject({ up: false, end: 'sw1/p1' });
  expect(plug).toMatchObject({ up: true, end: 'sw1/p1' });

  const records: TraceRecord[] = [];
  const report = runText(text, PATH, {}, [{ record: (r) => { if (r.kind === 'app' || r.kind === 'cable') records.push({ ...r }); } }]);
  const sent = new Map<number, number>();
  const answered = new Set<number>();
  for (const r of records) {
    if (r.kind !== 'app') continue;
    const seq = Number(/seq (\d+)/.exec(r.detail)?.[1]);
    if (r.event === 'request') sent.set(seq, r.t);
    if (r.event === 'reply') answered.add(seq);
  }
  const outageAfter = (t: number, until: number): Outage => {
    const after = [...sent].filter(([, at]) => at >= t && at < until);
    const lost = after.filter(([seq]) => !answered.has(seq)).map(([, at]) => at);
    const back = after.find(([seq, at]) => answered.has(seq) && lost.length > 0 && at > lost[lost.length - 1]!)?.[1] ?? NaN;
    return { lost, back };
  };
  return { report, records, maxAge, fd, hello, interval, unplug: unplug!.at, plug: plug!.at, outageAfter };
}

describe('stp-failover: a pulled cable on the active path, then plugged back in', () => {
  for (const [label, text] of [['default timers (max age 20 s, forward delay 15 s)', TEXT], ['short timers (max age 6 s, forward delay 4 s)', withShortTimers()]] as const) {
    it(`${label}: outages as long as the timers say, and the scenario passes`, () => {
      const r = run(text);
      expect(r.report.passed).toBe(true);
      expect(r.records.filter((x) => x.kind === 'cable').map((x) => [x.t, x.at.name, x.kind === 'cable' && x.up]))
        .toEqual([[r.unplug, 'sw1/p1<->sw2/p1', false], [r.plug, 'sw1/p1<->sw2/p1', true]]);

      // Every ping before the pull is answered.
      expect(r.outageAfter(0, r.unplug).lost).toEqual([]);

      const first = r.outageAfter(r.unplug, r.plug);
      // Lost from the pull on, one after another...
      expect(first.lost[0]).toBeLessThan(r.unplug + r.interval);
      first.lost.forEach((t, i) => expect(t).toBe(first.lost[0]! + i * r.interval));
      // ...until the tree has healed around the pulled cable.
      const heal = r.maxAge + 2 * r.fd;
      expect(first.back - r.unplug).toBeGreaterThanOrEqual(heal - r.hello - DEFAULT_NEIGH.retransNs);
      expect(first.back - r.unplug).toBeLessThanOrEqual(heal + r.interval);

      const second = r.outageAfter(r.plug, Infinity);
      // sw3/p1 blocks within a hello of the plug; sw2/p1 forwards 2 x forward delay after it.
      expect(second.lost[0]! - r.plug).toBeLessThan(r.hello + r.interval);
      second.lost.forEach((t, i) => expect(t).toBe(second.lost[0]! + i * r.interval));
      // An echo sent up to one ARP retransmission before the port forwards waits in vm1's
      // neighbour queue (its entry FAILED in the outage, so resolving again) and gets through.
      expect(second.back - r.plug).toBeGreaterThanOrEqual(2 * r.fd - DEFAULT_NEIGH.retransNs);
      expect(second.back - r.plug).toBeLessThanOrEqual(2 * r.fd + r.interval);

      const p = r.report.pings[0]!;
      expect(p.sent - p.received).toBe(first.lost.length + second.lost.length);
      expect(r.report.frames.dropsByReason['queue-full'] ?? 0).toBe(0);
    });
  }

  it('the default run loses about 50 s and then 30 s of pings (less the last echo of each, which waits for ARP)', () => {
    const r = run(TEXT);
    const first = r.outageAfter(r.unplug, r.plug);
    const second = r.outageAfter(r.plug, Infinity);
    expect([first.lost.length, (first.back - r.unplug) / S, second.lost.length, (second.back - r.plug) / S]).toEqual([47, 47, 29, 29]);
  });
});
