/**
 * The ping section word for word on the cases a student meets: tenants cut apart (scenario 05's
 * shape), a mix of outcomes with hosts and outside addresses, and few pairs (all listed).
 */
import { describe, expect, test } from 'vitest';
import { renderReport } from '../../src/cli/render-report.js';
import type { PingReport } from '../../src/index.js';
import { report, noSeries } from './report-fixture.js';
import { checkPingSection, section } from './report-sentences.js';

const TENANT: Record<string, string> = { red1: 'red', red2: 'red', red3: 'red', green1: 'green', green2: 'green', green3: 'green' };

function ping(from: string, to: string, sent: number, received: number, extra: Partial<PingReport> = {}): PingReport {
  return {
    from, fromTenant: TENANT[from] ?? null, to, toTenant: TENANT[to] ?? null, dst: `10.0.0.${Object.keys(TENANT).indexOf(to) + 1}`,
    sent, received, errors: received === 0 ? sent : 0,
    rttMinNs: received ? 70_000 : null, rttAvgNs: received ? 90_000 : null, rttMaxNs: received ? 140_000 : null,
    rtt: received ? { count: received, min: 70_000, p50: 90_000, p90: 140_000, p99: 140_000, max: 140_000 } : null,
    ...extra,
  };
}

function pingLines(pings: readonly PingReport[]): string[] {
  const lines = section(renderReport(report(pings, noSeries)), /^ping {2}/);
  checkPingSection(lines, pings);
  return lines;
}

const vms = Object.keys(TENANT);
/** Every ordered pair; cross-tenant ones get no reply, as with tenants in separate VLANs. */
const isolated = vms.flatMap((a) => vms.filter((b) => b !== a).map((b) => ping(a, b, 2, TENANT[a] === TENANT[b] ? 2 : 0)));

describe('the ping section', () => {
  test('tenants cut apart: the unanswered pairs are summed up as the cross-tenant ones, and the rest counted as they are', () => {
    const lines = pingLines(isolated);
    expect(lines[0]).toBe('ping  30 pairs, 12 with replies');
    expect(lines[1]).toBe('  18 pairs unanswered: every cross-tenant pair');
    expect(lines.slice(2, 14)).toHaveLength(12);
    expect(lines[2]).toBe('  red1 -> green1 (10.0.0.4): 2 sent, 0 received, 2 errors, rtt min/avg/max -/-/-');
    // 12 of the 18 unanswered pairs are listed: the other 18 are 12 answered and 6 unanswered.
    expect(lines[14]).toBe('  the other 18 pairs: 12 with every echo answered (rtt 70us .. 140us), 6 unanswered');
    expect(lines).toHaveLength(15);
  });

  test('a mix: partly answered pairs, pairs that sent nothing, hosts and addresses named as themselves', () => {
    const pings = [
      ...isolated.filter((p) => p.fromTenant === p.toTenant),
      ping('red1', 'green1', 4, 1),
      ping('host1', 'red1', 3, 0),
      ping('host1', 'red2', 3, 3),
      ping('red2', '10.9.9.9', 3, 0),
      ping('red3', 'red1', 0, 0),
    ];
    expect(pingLines(pings)).toEqual([
      'ping  17 pairs, 14 with replies',
      '  2 pairs unanswered: 1 of 2 host1 -> tenant:red pairs, every tenant:red -> 10.9.9.9 pair',
      '  1 pair partly answered: every cross-tenant pair',
      '  red1 -> green1 (10.0.0.4): 4 sent, 1 received, rtt min/avg/max 70us/90us/140us',
      '  host1 -> red1 (10.0.0.1): 3 sent, 0 received, 3 errors, rtt min/avg/max -/-/-',
      '  red2 -> 10.9.9.9 (10.0.0.0): 3 sent, 0 received, 3 errors, rtt min/avg/max -/-/-',
      '  the other 14 pairs: 13 with every echo answered (rtt 70us .. 140us), 1 with no echo sent',
    ]);
  });

  test('more than 12 pairs, every echo answered: one sentence', () => {
    const pings = isolated.map((p) => ({ ...p, received: 2, errors: 0, rttMinNs: 48_000, rttAvgNs: 60_000, rttMaxNs: 141_056 }));
    expect(pingLines(pings)).toEqual(['ping  30 pairs, 30 with replies', '  every echo answered; rtt 48us .. 141.056us']);
  });

  test('every pair unanswered, more than 12: "every pair", 12 listed, the rest counted', () => {
    const pings = isolated.map((p) => ({ ...p, received: 0, errors: 2, rttMinNs: null, rttAvgNs: null, rttMaxNs: null }));
    const lines = pingLines(pings);
    expect(lines[1]).toBe('  30 pairs unanswered: every pair');
    expect(lines.at(-1)).toBe('  the other 18 pairs: 18 unanswered');
    expect(lines).toHaveLength(15);
  });

  test('12 pairs or fewer: each one listed, nothing summed up', () => {
    const pings = isolated.slice(0, 12);
    const lines = pingLines(pings);
    expect(lines).toHaveLength(13);
    expect(lines.slice(1).map((l) => l.split(':')[0])).toEqual(pings.map((p) => `  ${p.from} -> ${p.to} (${p.dst})`));
  });

  test('3 tenants of 3 VMs each, isolated (the capacity trial of issue 10): 54 unanswered, the other 60 counted as they are', () => {
    const nine = ['red', 'green', 'blue'].flatMap((t) => [1, 2, 3].map((i) => ({ name: `${t}${i}`, tenant: t })));
    const pings = nine.flatMap((a) => nine.filter((b) => b !== a).map((b): PingReport => {
      const ok = a.tenant === b.tenant;
      return {
        from: a.name, fromTenant: a.tenant, to: b.name, toTenant: b.tenant, dst: '10.0.0.1', sent: 3, received: ok ? 3 : 0, errors: ok ? 0 : 3,
        rttMinNs: ok ? 50_000 : null, rttAvgNs: ok ? 60_000 : null, rttMaxNs: ok ? 150_000 : null,
        rtt: ok ? { count: 3, min: 50_000, p50: 60_000, p90: 150_000, p99: 150_000, max: 150_000 } : null,
      };
    }));
    const lines = pingLines(pings);
    expect(lines[0]).toBe('ping  72 pairs, 18 with replies');
    expect(lines[1]).toBe('  54 pairs unanswered: every cross-tenant pair');
    expect(lines.at(-1)).toBe('  the other 60 pairs: 18 with every echo answered (rtt 50us .. 150us), 42 unanswered');
    expect(lines).toHaveLength(15);
  });

  test('the checks catch "the other 18 pairs: every echo answered" when 6 of them got nothing', () => {
    const lines = [...pingLines(isolated).slice(0, 14), '  the other 18 pairs: every echo answered; rtt 70us .. 140us'];
    expect(() => checkPingSection(lines, isolated)).toThrow('not every echo of these pairs was answered');
  });
});
