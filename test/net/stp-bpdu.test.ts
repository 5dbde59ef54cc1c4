/**
 * The BPDUs the spanning tree entity really sends, as bytes: IEEE 802.1D-1998 9.3 in an 802.3
 * frame with LLC 42 42 03 to 01:80:c2:00:00:00, and back through the decoder unchanged.
 */
import { describe, expect, it } from 'vitest';
import { SECOND } from '../../src/engine/time.js';
import { Cable } from '../../src/net/link/cable.js';
import { PhysicalSwitch } from '../../src/net/l2/switch.js';
import type { TraceRecord } from '../../src/trace/record.js';
import { decodeFrame, encodeFrame, type EthernetFrame } from '../../src/wire/ethernet.js';
import { hexBytes, toHex } from '../wire/fixtures.js';
import { newNetwork } from './helpers.js';
import { LINK, Station } from './stp-helpers.js';

const S = SECOND;
const zeros = (n: number) => ' 00'.repeat(n);

/** sw1 (priority 4096) - sw2 (default), and a station on each: the BPDUs both send. */
function pair() {
  const { net, records } = newNetwork();
  const sw1 = new PhysicalSwitch(net, 'sw1', { ports: 2, macTableSize: 64, ageingNs: 300 * S, mac: 0x020000000100, stp: { priority: 4096 } });
  const sw2 = new PhysicalSwitch(net, 'sw2', { ports: 2, macTableSize: 64, ageingNs: 300 * S, mac: 0x020000000200, stp: {} });
  new Cable(net, sw1.port(1)!, sw2.port(1)!, LINK);
  const st = new Station(net, 'st', 0x0200000000aa);
  new Cable(net, st, sw2.port(2)!, LINK);
  const bpdus = (at: string): { t: number; frame: EthernetFrame }[] => records
    .filter((r): r is Extract<TraceRecord, { kind: 'originate' }> => r.kind === 'originate' && r.at.name === at && r.frame.payload.kind === 'stp')
    .map((r) => ({ t: r.t, frame: r.frame }));
  return { net, sw1, sw2, bpdus };
}

describe('BPDUs on the wire', () => {
  it('the root\'s configuration BPDU, byte for byte', () => {
    const { net, bpdus } = pair();
    net.engine.run({ until: 10 * S });
    const first = bpdus('sw1/p1')[0]!;
    expect(first.t).toBe(2 * S); // the first hello time after power-on
    expect(toHex(encodeFrame(first.frame))).toBe(toHex(hexBytes(
      '01 80 c2 00 00 00' // bridge group address
      + ' 02 00 00 00 01 01' // sw1's port 1
      + ' 00 26 42 42 03' // 802.3 length 38, LLC DSAP 0x42 SSAP 0x42 UI
      + ' 00 00 00 00 00' // protocol id 0, version 0 (STP), type 0 (configuration), flags none
      + ' 10 00 02 00 00 00 01 00' // root: priority 4096, sw1's MAC
      + ' 00 00 00 00' // root path cost 0: it is the root
      + ' 10 00 02 00 00 00 01 00' // bridge id: sw1
      + ' 80 01' // port id: priority 32 << 10 | port 1
      + ' 00 00 14 00 02 00 0f 00' // message age 0, max age 20 s, hello 2 s, forward delay 15 s (1/256 s)
      + zeros(8), // padding to 60 bytes
    )));
  });

  it('a relayed BPDU: sw2 on its designated port, with the root\'s cost and a message age', () => {
    const { net, bpdus } = pair();
    net.engine.run({ until: 10 * S });
    const relayed = bpdus('sw2/p2').at(-1)!.frame;
    const b = encodeFrame(relayed);
    expect(toHex(b.subarray(17, 17 + 35))).toBe(toHex(hexBytes(
      '00 00 00 00 00'
      + ' 10 00 02 00 00 00 01 00' // root sw1
      + ' 00 00 00 64' // cost 100: one 10 Mb/s hop
      + ' 80 00 02 00 00 00 02 00' // bridge sw2
      + ' 80 02' // port 2
      + ' 00 01 14 00 02 00 0f 00', // message age 1/256 s: one hop's increment (transit is under a unit)
    )));
  });

  it('encode and decode are inverse for what the protocol sends, configuration and TCN', () => {
    const { net, sw1, bpdus } = pair();
    net.engine.run({ until: 40 * S });
    const all = [...bpdus('sw1/p1'), ...bpdus('sw2/p1'), ...bpdus('sw2/p2')].map((x) => x.frame);
    const tcn = all.filter((f) => f.payload.kind === 'stp' && f.payload.bpduType === 0x80);
    expect(tcn.length).toBeGreaterThan(0); // sw2 reported its ports going to forwarding at 30 s
    expect(toHex(encodeFrame(tcn[0]!))).toBe(toHex(hexBytes('01 80 c2 00 00 00 02 00 00 00 02 01 00 07 42 42 03 00 00 00 80' + zeros(39))));
    for (const f of all) {
      const bytes = encodeFrame(f);
      expect(bytes.length).toBe(60);
      const d = decodeFrame(bytes, f.uid);
      expect(d.ok && d.frame).toEqual(f);
    }
    // after the topology change the root's BPDUs carry the TC flag, and the acknowledgement went to sw2
    const flags = bpdus('sw1/p1').map((x) => (x.frame.payload.kind === 'stp' ? x.frame.payload.flags : -1));
    expect(flags).toContain(0x81);
    expect(flags.at(-1)).toBe(0x01);
    void sw1;
  });
});
