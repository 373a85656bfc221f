import { describe, expect, it } from 'vitest';
import { formatDuration, formatPercent, shortDigest, truncate } from '../../../src/report/human-format.js';

describe('human formats', () => {
  it.each([
    [0, '0.0s'],
    [450, '0.4s'],
    [12_345, '12.3s'],
    [125_000, '2m05s'],
    [3_725_000, '1h02m'],
    [-5, '0.0s'],
  ])('formatDuration(%d) is %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it.each([
    [0, '0%'],
    [3 / 7, '43%'],
    [0.999, '99%'],
    [1, '100%'],
  ])('formatPercent(%d) is %s', (ratio, expected) => {
    expect(formatPercent(ratio)).toBe(expected);
  });

  it('shortens digests and marks truncated text', () => {
    expect(shortDigest(`sha256:${'ab'.repeat(32)}`)).toBe('sha256:abababababab');
    expect(shortDigest(undefined)).toBe('-');
    expect(truncate('controller', 5)).toBe('cont…');
    expect(truncate('base', 5)).toBe('base');
  });
});
