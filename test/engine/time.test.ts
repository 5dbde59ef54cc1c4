import { describe, expect, it } from 'vitest';
import { formatDuration, formatRate, formatSeconds, parseDuration, parseRate } from '../../src/engine/time.js';

describe('durations', () => {
  it('parses units into integer nanoseconds', () => {
    expect(parseDuration('250us')).toBe(250_000);
    expect(parseDuration('1.5ms')).toBe(1_500_000);
    expect(parseDuration('10s')).toBe(10_000_000_000);
    expect(parseDuration('2m')).toBe(120_000_000_000);
    expect(parseDuration('7ns')).toBe(7);
    expect(parseDuration(3)).toBe(3_000_000_000);
    expect(parseDuration('-5s')).toBeNull();
    expect(parseDuration('5 parsecs')).toBeNull();
  });
  it('prints with the largest short unit', () => {
    expect(formatDuration(12_000)).toBe('12us');
    expect(formatDuration(1_500_000)).toBe('1.5ms');
    expect(formatDuration(10_000_000_000)).toBe('10s');
    expect(formatSeconds(1_000_012_000)).toBe('1.000012000');
  });
});

describe('rates', () => {
  it('parses bit rates', () => {
    expect(parseRate('1Gbps')).toBe(1e9);
    expect(parseRate('100Mbit')).toBe(1e8);
    expect(parseRate('10 mbps')).toBe(1e7);
    expect(parseRate('0bps')).toBeNull();
    expect(formatRate(1e10)).toBe('10Gbps');
  });
});
