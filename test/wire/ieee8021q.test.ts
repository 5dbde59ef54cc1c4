/** The 802.1Q tag (IEEE 802.1Q-2018 9.6) and the 802.1ad service tag: bytes, parsing, description. */
import { describe, expect, it } from 'vitest';
import { describeFrame, encodeFrame } from '../../src/wire/ethernet.js';
import { arpRequest, errorOf, parsed, svlan, toHex, udpFrame, vlan } from './fixtures.js';

const TAGGED_ARP = 'ff ff ff ff ff ff 52 54 00 00 00 01 81 00 b0 64 08 06 00 01 08 00 06 04 00 01 52 54 00 00'
  + ' 00 01 0a 00 00 01 00 00 00 00 00 00 0a 00 00 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00';
const DOUBLE_TAGGED_ARP = 'ff ff ff ff ff ff 52 54 00 00 00 01 88 a8 60 c8 81 00 00 64 08 06 00 01 08 00 06 04 00 01'
  + ' 52 54 00 00 00 01 0a 00 00 01 00 00 00 00 00 00 0a 00 00 02 00 00 00 00 00 00 00 00 00 00';

describe('802.1Q emit', () => {
  it('802.1Q tag: TPID, PCP, DEI, VID (IEEE 802.1Q 9.6)', () => {
    const b = encodeFrame(arpRequest([vlan(100, 5, 1)]));
    expect(b.length).toBe(60); // 14 + 4 + 28 = 46, padded to the minimum
    expect(toHex(b.subarray(12, 18))).toBe('81 00 b0 64 08 06');
  });

  it('double tag: 802.1ad S-tag outside, 802.1Q C-tag inside', () => {
    const b = encodeFrame(arpRequest([svlan(200, 3), vlan(100)]));
    expect(b.length).toBe(60);
    expect(toHex(b.subarray(12, 22))).toBe('88 a8 60 c8 81 00 00 64 08 06');
  });
});

describe('802.1Q parse', () => {
  it('reads PCP, DEI and VID from the TCI', () => {
    expect(parsed(TAGGED_ARP)).toEqual(arpRequest([vlan(100, 5, 1)]));
  });

  it('reads tags outermost first', () => {
    expect(parsed(DOUBLE_TAGGED_ARP)).toEqual(arpRequest([svlan(200, 3), vlan(100)]));
  });

  it('a frame of nothing but tags', () => {
    const b = new Uint8Array(60);
    for (let o = 12; o < 60; o += 4) { b[o] = 0x81; b[o + 1] = 0x00; }
    expect(errorOf(b)).toBe('truncated 0x8100 tag: needs 6 bytes, 4 left');
  });
});

describe('802.1Q describe', () => {
  it('tags: vlan for 802.1Q, svlan for 802.1ad, priority and DEI when set', () => {
    expect(describeFrame(udpFrame(10, [svlan(200, 3, 1), vlan(100)])))
      .toBe('52:54:00:00:00:01 > 52:54:00:00:00:02 svlan 200 p 3 dei vlan 100 UDP 10.0.0.1:40000 > 10.0.0.2:5001 len 10');
  });
});
