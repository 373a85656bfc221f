// Pure statistics over samples. Medians, not means: one run hit by a background hiccup must not
// move the headline number.
import type { Sample, Summary } from './types.js';

/** Median of the values (mean of the two middle ones for an even count); undefined when empty. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle];
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Median/min/max of the measured, successful samples; priming runs (round 0) are ignored. */
export function summarize(samples: readonly Sample[]): Summary {
  const measured = samples.filter((sample) => sample.round > 0);
  const durations = measured.filter((sample) => sample.ok).map((sample) => sample.durationMs);
  return {
    medianMs: median(durations),
    minMs: durations.length > 0 ? Math.min(...durations) : undefined,
    maxMs: durations.length > 0 ? Math.max(...durations) : undefined,
    okRuns: durations.length,
    failedRuns: measured.length - durations.length,
  };
}

/**
 * The order competitors run in during `round` (1-based): rotated by one each round so that whatever
 * drifts over time (page cache, thermal state, other tenants) hits every competitor alike.
 */
export function interleavedOrder<T>(items: readonly T[], round: number): T[] {
  if (items.length === 0) return [];
  const shift = (round - 1) % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
