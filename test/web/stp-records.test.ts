/**
 * The visualizer's record store holds spanning tree records the same way from a live run and
 * from an NDJSON trace, and the event list words them.
 */
import { describe, expect, it } from 'vitest';
import { K_STP } from '../../web/src/model/kinds.js';
import { recordText } from '../../web/src/ui/records.js';
import { loadLive, loadViaJson, scenarioText } from './helpers.js';

describe('stp records in the visualizer', () => {
  const text = scenarioText('07-broadcast-storm-stp.yaml');
  const live = loadLive(text);
  const json = loadViaJson(text);

  it('are the same live and through NDJSON', () => {
    const stp = (s: typeof live.store) => {
      const out: string[] = [];
      for (let i = 0; i < s.n; i++) if (s.kind[i] === K_STP) out.push(JSON.stringify(recordText(s, i)));
      return out;
    };
    expect(stp(live.store).length).toBeGreaterThan(20);
    expect(stp(json.store)).toEqual(stp(live.store));
  });

  it('read as port state changes, root changes and the topology change flag', () => {
    const s = live.store;
    const texts: string[] = [];
    for (let i = 0; i < s.n; i++) {
      if (s.kind[i] !== K_STP) continue;
      const r = recordText(s, i);
      texts.push(`${r.kind} ${r.at} ${r.to} ${r.info}`);
    }
    expect(texts).toContain('stp sw2 sw2/p4 stp sw2/p4 listening -> blocking (non-designated port)');
    expect(texts).toContain('stp sw2 sw2/p1 stp root 1000.02:95:8b:af:9b:a9 via sw2/p1, cost 100');
    expect(texts).toContain('stp sw1  stp topology change: FDB ages out after the forward delay');
  });
});
