// Medians and ratios between competitors of one scenario, for the sections' own tables.
import { formatSeconds } from './markdown-table.js';
import type { ScenarioResult, Summary } from './types.js';

export function summaryOf(scenario: ScenarioResult | undefined, id: string): Summary | undefined {
  return scenario?.competitors.find((competitor) => competitor.id === id)?.summary;
}

export function medianOf(scenario: ScenarioResult | undefined, id: string): number | undefined {
  return summaryOf(scenario, id)?.medianMs;
}

/** median(numerator) ÷ median(denominator); undefined when either is missing (or zero below). */
export function medianRatio(
  scenario: ScenarioResult | undefined,
  numerator: string,
  denominator: string,
): number | undefined {
  const top = medianOf(scenario, numerator);
  const bottom = medianOf(scenario, denominator);
  return top === undefined || !bottom ? undefined : top / bottom;
}

/** `1.234` → `1.23×`; undefined → `—`. */
export function formatRatio(ratio: number | undefined): string {
  return ratio === undefined ? '—' : `${ratio.toFixed(2)}×`;
}

/** A competitor's median for a table cell: `—` when it did not run, `failed (n/m)` when no run succeeded. */
export function formatMedianCell(scenario: ScenarioResult | undefined, id: string): string {
  const summary = summaryOf(scenario, id);
  if (summary === undefined) return '—';
  const total = summary.okRuns + summary.failedRuns;
  if (summary.medianMs === undefined) return total === 0 ? '—' : `failed (${summary.failedRuns}/${total})`;
  const failures = summary.failedRuns > 0 ? ` (${summary.failedRuns}/${total} failed)` : '';
  return `${formatSeconds(summary.medianMs)}${failures}`;
}

/** `+0.42 s` / `−0.10 s`: median(a) − median(b); undefined → `—`. */
export function formatDifference(scenario: ScenarioResult | undefined, a: string, b: string): string {
  const first = medianOf(scenario, a);
  const second = medianOf(scenario, b);
  if (first === undefined || second === undefined) return '—';
  const difference = (first - second) / 1000;
  return `${difference >= 0 ? '+' : '−'}${Math.abs(difference).toFixed(2)} s`;
}
