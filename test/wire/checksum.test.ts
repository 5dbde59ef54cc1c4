import { describe, expect, it } from 'vitest';
import {
  finishChecksum, foldSum, internetChecksum, onesComplementSum, patternSum, pseudoHeaderSum,
} from '../../src/wire/checksum.js';
import { hexBytes, ip } from './fixtures.js';

describe('Internet checksum (RFC 1071)', () => {
  it("computes RFC 1071 3's numerical example", () => {
    // RFC 1071 3: bytes 00 01 f2 03 f4 f5 f6 f7 sum to 0x2ddf0, which folds to 0xddf2.
    const b = hexBytes('00 01 f2 03 f4 f5 f6 f7');
    expect(onesComplementSum(b, 0, b.length)).toBe(0x2ddf0);
    expect(foldSum(0x2ddf0)).toBe(0xddf2);
    expect(internetChecksum(b)).toBe(0x220d);
  });

  it('pads an odd final byte with zero (RFC 1071 4.1)', () => {
    expect(onesComplementSum(hexBytes('01'), 0, 1)).toBe(0x0100);
    expect(onesComplementSum(hexBytes('00 01 f2'), 0, 3)).toBe(0x0001 + 0xf200);
  });

  it('checks the IPv4 header of a well-known example (Wikipedia "IPv4 header checksum")', () => {
    const header = hexBytes('45 00 00 73 00 00 40 00 40 11 00 00 c0 a8 00 01 c0 a8 00 c7');
    expect(internetChecksum(header)).toBe(0xb861);
    header[10] = 0xb8;
    header[11] = 0x61;
    // A header with a correct checksum sums to 0xffff, so its checksum is 0.
    expect(internetChecksum(header)).toBe(0);
  });

  it('folds repeatedly and complements', () => {
    expect(foldSum(0xffff)).toBe(0xffff);
    expect(foldSum(0x1fffe)).toBe(0xffff);
    expect(foldSum(0xffffffff)).toBe(0xffff);
    expect(finishChecksum(0xffff)).toBe(0);
    expect(finishChecksum(0)).toBe(0xffff);
  });

  it('sums the pseudo-header like its bytes', () => {
    const src = ip('192.168.0.1'), dst = ip('192.168.0.199');
    const bytes = hexBytes('c0 a8 00 01 c0 a8 00 c7 00 11 00 5f');
    expect(foldSum(pseudoHeaderSum(src, dst, 17, 0x5f))).toBe(foldSum(onesComplementSum(bytes, 0, bytes.length)));
  });

  it('sums a data pattern like its bytes, odd and even lengths', () => {
    for (const first of [0, 0x10, 0xfe]) {
      for (const length of [0, 1, 2, 7, 56, 255, 256, 257, 1473]) {
        const b = new Uint8Array(length);
        for (let i = 0; i < length; i++) b[i] = (first + i) & 0xff;
        expect(patternSum(length, first)).toBe(onesComplementSum(b, 0, length));
      }
    }
  });
});
