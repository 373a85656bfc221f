// Completes an image's cache figures with what the cache did (imports found, export failures, bytes)
// and the time split between cached and executed steps; a failed export becomes a warning.
import type { CacheActivity } from '../buildx/cache-activity.js';
import type { CacheFigures, StepResult } from '../report/report-types.js';

export function withCacheDetails(
  figures: CacheFigures,
  steps: StepResult[],
  activity: CacheActivity,
  redact: (text: string) => string,
): { cache: CacheFigures; warnings: string[] } {
  const cacheable = steps.filter((step) => step.cacheable);
  const sum = (items: StepResult[]): number =>
    items.reduce((total, step) => total + (step.durationMs ?? 0), 0);
  const exports = activity.exports.map((item) => ({
    name: item.name,
    ...(item.error !== undefined ? { error: redact(item.error) } : {}),
  }));
  const warnings = exports.flatMap((item) =>
    item.error === undefined ? [] : [`${item.name} failed (the build is kept): ${item.error}`],
  );
  return {
    cache: {
      ...figures,
      cachedStepsMs: Math.round(sum(cacheable.filter((step) => step.cached))),
      executedStepsMs: Math.round(sum(cacheable.filter((step) => !step.cached))),
      contextBytes: activity.contextBytes,
      bytesPulled: activity.bytesPulled,
      ...(activity.imports.length > 0
        ? { imports: activity.imports.map((item) => ({ ...item, ref: redact(item.ref) })) }
        : {}),
      ...(exports.length > 0 ? { exports } : {}),
    },
    warnings,
  };
}
