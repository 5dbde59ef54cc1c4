import { describe, expect, it } from 'vitest';
import { PcapWriter, pcapFile } from '../../src/capture/pcap.js';
import { decodeFrame, encodeFrame } from '../../src/wire/ethernet.js';
import { arpRequest, echoRequest, hexBytes, toHex, udpFrame } from '../wire/fixtures.js';

describe('PcapWriter', () => {
  it('file header: nanosecond magic, version 2.4, snaplen, LINKTYPE_ETHERNET, little-endian', () => {
    expect(toHex(new PcapWriter().header())).toBe(
      '4d 3c b2 a1 02 00 04 00 00 00 00 00 00 00 00 00 ff ff 00 00 01 00 00 00',
    );
    expect(toHex(new PcapWriter(1518).header().subarray(16, 20))).toBe('ee 05 00 00');
  });

  it('record header: seconds and nanoseconds of simulated time, captured and original length', () => {
    const f = arpRequest();
    const r = new PcapWriter().record(1_500_000_123, f);
    // 1 s and 500000123 ns = 0x1dcd657b.
    expect(toHex(r.subarray(0, 16))).toBe(toHex(hexBytes('01 00 00 00 7b 65 cd 1d 3c 00 00 00 3c 00 00 00')));
    expect(toHex(r.subarray(16))).toBe(toHex(encodeFrame(f)));
  });

  it('keeps large simulated times exact', () => {
    const t = 86_400 * 1_000_000_000 + 999_999_999; // one day and 999999999 ns
    const v = new DataView(new PcapWriter().record(t, arpRequest()).buffer);
    expect(v.getUint32(0, true)).toBe(86_400);
    expect(v.getUint32(4, true)).toBe(999_999_999);
  });

  it('truncates to snaplen but records the original length', () => {
    const f = udpFrame(1000);
    const r = new PcapWriter(64).record(0, f);
    expect(r.length).toBe(16 + 64);
    const v = new DataView(r.buffer);
    expect(v.getUint32(8, true)).toBe(64);
    expect(v.getUint32(12, true)).toBe(1042);
    expect(toHex(r.subarray(16))).toBe(toHex(encodeFrame(f).subarray(0, 64)));
  });

  it('rejects times it cannot represent and bad snaplens', () => {
    const w = new PcapWriter();
    expect(() => w.record(-1, arpRequest())).toThrow(RangeError);
    expect(() => w.record(1.5, arpRequest())).toThrow(RangeError);
    expect(() => new PcapWriter(0)).toThrow(RangeError);
  });
});

describe('pcapFile', () => {
  it('is the header followed by each record, and the frames decode back', () => {
    const records = [
      { t: 0, frame: arpRequest() },
      { t: 1_000, frame: echoRequest(1, 56) },
      { t: 2_000_000_001, frame: udpFrame(1000) },
    ];
    const file = pcapFile(records);
    const w = new PcapWriter();
    const parts = [w.header(), ...records.map((r) => w.record(r.t, r.frame))];
    expect(file.length).toBe(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      expect(toHex(file.subarray(o, o + p.length))).toBe(toHex(p));
      o += p.length;
    }
    // Walk the file as a reader would.
    const v = new DataView(file.buffer);
    o = 24;
    for (const r of records) {
      const len = v.getUint32(o + 8, true);
      const d = decodeFrame(file.subarray(o + 16, o + 16 + len));
      expect(d).toEqual({ ok: true, frame: r.frame });
      o += 16 + len;
    }
    expect(o).toBe(file.length);
  });

  it('truncated records do not overrun the next one', () => {
    const file = pcapFile([{ t: 0, frame: udpFrame(1000) }, { t: 1, frame: arpRequest() }], 100);
    expect(file.length).toBe(24 + 16 + 100 + 16 + 60);
    expect(toHex(file.subarray(24 + 116 + 16))).toBe(toHex(encodeFrame(arpRequest())));
  });
});
