/** The trace hash changes with anything a frame carries, not only with where and when it went. */
import { describe, expect, it } from 'vitest';
import { TraceHash } from '../../src/analysis/trace-hash.js';
import type { TraceRecord } from '../../src/trace/record.js';
import { makeFrame, type EthernetFrame } from '../../src/wire/ethernet.js';
import { ICMP_ECHO_REQUEST } from '../../src/wire/icmp.js';
import { NO_TAGS, type VlanTag } from '../../src/wire/ieee8021q.js';

const at = { id: 1, name: 'vm1/eth0' };
const to = { id: 2, name: 'host1/tap0' };

function echo(id: number, tags: readonly VlanTag[] = NO_TAGS): EthernetFrame {
  return makeFrame(7, 7, 0x525400000002, 0x525400000001, tags, {
    kind: 'ipv4', src: 0x0a000001, dst: 0x0a000002, ttl: 64, id: 0, dscp: 0,
    payload: { kind: 'icmp', type: ICMP_ECHO_REQUEST, code: 0, id, seq: 1, dataLength: 56, quoted: null },
  });
}

function hashOf(records: TraceRecord[]): string {
  const h = new TraceHash();
  for (const r of records) h.record(r);
  return h.hex();
}

describe('TraceHash', () => {
  it('is the same for the same records', () => {
    const rs: TraceRecord[] = [{ kind: 'originate', t: 5, at, frame: echo(1) }];
    expect(hashOf(rs)).toBe(hashOf([{ kind: 'originate', t: 5, at, frame: echo(1) }]));
  });

  it('differs when only a header field of the frame differs (an echo id rewritten by NAT)', () => {
    expect(hashOf([{ kind: 'originate', t: 5, at, frame: echo(1) }])).not.toBe(hashOf([{ kind: 'originate', t: 5, at, frame: echo(38125) }]));
  });

  it('differs when only the VLAN tag a hop carries differs', () => {
    const tag = (vid: number): VlanTag => ({ tpid: 0x8100, pcp: 0, dei: 0, vid });
    const tx = (vid: number): TraceRecord => ({ kind: 'tx', t: 5, at, to, frame: echo(1, [tag(vid)]), arrive: 17 });
    expect(hashOf([tx(100)])).not.toBe(hashOf([tx(200)]));
  });
});
