import { describe, expect, it } from 'vitest';
import { makeFrame } from '../../src/wire/ethernet.js';
import { ethernetWireBytes } from '../../src/wire/ethernet-wire.js';

describe('ethernetWireBytes: line time of a frame, in bytes', () => {
  it('adds preamble and SFD (8), FCS (4) and the inter-frame gap (12) to the captured frame', () => {
    expect(ethernetWireBytes(60)).toBe(8 + 60 + 4 + 12);
    expect(ethernetWireBytes(1514)).toBe(8 + 1514 + 4 + 12);
  });

  it('pads a frame shorter than the minimum to 60 bytes (64 with FCS)', () => {
    expect(ethernetWireBytes(42)).toBe(8 + 60 + 4 + 12);
    expect(ethernetWireBytes(0)).toBe(84);
  });

  it('counts a VLAN tag through the captured length: a tagged frame is 4 bytes longer', () => {
    const payload = { kind: 'raw', etherType: 0x88b5, dataLength: 1000 } as const;
    const untagged = makeFrame(1, 1, 2, 1, [], payload);
    const tagged = makeFrame(2, 2, 2, 1, [{ tpid: 0x8100, pcp: 0, dei: 0, vid: 100 }], payload);
    expect(untagged.length).toBe(14 + 1000);
    expect(tagged.length).toBe(14 + 4 + 1000);
    expect(ethernetWireBytes(tagged.length) - ethernetWireBytes(untagged.length)).toBe(4);
  });
});
