// Percentiles follow PostgreSQL's percentile_cont: checked on known values and against a plain
// sort-and-interpolate reference on random data.
import { describe, expect, it } from 'vitest';
import { decodeDurations, encodeDurations, toDurationMs } from '../../../src/history/duration-samples.js';
import { percentileCont } from '../../../src/history/percentile.js';

function reference(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const position = p * (sorted.length - 1);
  const lower = sorted[Math.floor(position)] ?? 0;
  const upper = sorted[Math.ceil(position)] ?? 0;
  return lower + (upper - lower) * (position - Math.floor(position));
}

describe('percentileCont', () => {
  it.each([
    [[], 0.5, 0],
    [[7], 0.95, 7],
    [[1000, 2000, 3000, 4000], 0.5, 2500],
    [[4000, 1000, 3000, 2000], 0.95, 3850],
    [[2000, 6000, 4000], 0.95, 5800],
    [[5, 5, 5, 1], 0.5, 5],
    [[3, 1, 2], 0, 1],
    [[3, 1, 2], 1, 3],
  ])('of %j at %d is %d', (values, p, expected) => {
    expect(percentileCont(Int32Array.from(values), p)).toBe(expected);
  });

  it('matches sort-and-interpolate on random data with many duplicates', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 200; trial++) {
      const values = Array.from(
        { length: 1 + Math.floor(random() * 300) },
        () => Math.floor(random() * 50) * 100,
      );
      for (const p of [0.5, 0.9, 0.95, 0.99]) {
        expect(percentileCont(Int32Array.from(values), p)).toBeCloseTo(reference(values, p), 3);
      }
    }
  });
});

describe('duration samples', () => {
  it('round-trip sorted, rounded and clamped', () => {
    expect([...decodeDurations(encodeDurations([300.4, 100, -5, 2e10]))]).toEqual([
      0, 100, 300, 2_147_483_647,
    ]);
    expect(toDurationMs(1.5)).toBe(2);
  });

  it('decode blobs that do not start on a 4-byte boundary', () => {
    const blob = encodeDurations([1, 2, 3]);
    const shifted = Buffer.concat([Buffer.from([0]), blob]).subarray(1);
    expect([...decodeDurations(shifted)]).toEqual([1, 2, 3]);
  });
});
