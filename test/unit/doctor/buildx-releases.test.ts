import { describe, expect, it } from 'vitest';
import { buildxAge } from '../../../src/doctor/buildx-releases.js';

describe('buildxAge', () => {
  const now = new Date('2026-12-06T00:00:00Z');
  it.each([
    ['0.29.1', '2025-10', 14, 0],
    ['0.13.1', '2024-03', 33, 16],
    ['0.20.0', '2025-01', 23, 9],
  ])('%s was released %s, %i months before 2026-12', (version, month, age, behind) => {
    expect(buildxAge(version, now)).toEqual({ releaseMonth: month, ageMonths: age, minorsBehind: behind });
  });

  it('does not invent a date for versions outside the table', () => {
    expect(buildxAge('0.40.0', now)).toEqual({
      releaseMonth: undefined,
      ageMonths: undefined,
      minorsBehind: 0,
    });
  });
});
