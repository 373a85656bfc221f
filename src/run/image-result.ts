// Turns what happened to one image (built, failed, skipped, cancelled) into its report entry.
import type { ImageResult, PushResult } from '../report/report-types.js';
import type { PlannedImage } from '../plan/plan.js';
import type { BuildMethod } from './events.js';
import type { ImageBuildOutcome } from './image-build.js';
import { emptyCacheFigures } from './attempt.js';

const notRequested: PushResult = { status: 'not-requested', attempts: [], durationMs: 0 };

export function baseResult(planned: PlannedImage): Omit<ImageResult, 'status'> {
  return {
    name: planned.name,
    attempts: [],
    durationMs: 0,
    tags: planned.image.tags,
    platforms: planned.image.platforms,
    ...(planned.image.target ? { target: planned.image.target } : {}),
    dependsOn: planned.dependencies,
    cache: emptyCacheFigures,
    steps: [],
    warnings: [],
    push: notRequested,
  };
}

export function skippedResult(planned: PlannedImage, reason: string, cancelled: boolean): ImageResult {
  return { ...baseResult(planned), status: cancelled ? 'cancelled' : 'skipped', reason };
}

/** An image whose inputs did not change since it was built, and whose image still exists. */
export function upToDateResult(planned: PlannedImage, imageId: string): ImageResult {
  return {
    ...baseResult(planned),
    status: 'skipped',
    reason: 'up to date',
    upToDate: true,
    imageId,
    digest: imageId,
  };
}

export function builtOrFailedResult(
  planned: PlannedImage,
  method: BuildMethod,
  outcome: ImageBuildOutcome,
  warnings: string[],
): ImageResult {
  const { last } = outcome;
  const status = last.ok ? 'built' : last.error?.kind === 'cancelled' ? 'cancelled' : 'failed';
  return {
    ...baseResult(planned),
    status,
    method,
    attempts: outcome.attempts,
    durationMs: Math.round(outcome.durationMs),
    ...(last.imageId ? { imageId: last.imageId } : {}),
    ...(last.digest ? { digest: last.digest } : {}),
    ...(last.buildRef ? { buildRef: last.buildRef } : {}),
    cache: last.cache,
    steps: last.steps,
    warnings: [...warnings, ...last.warnings],
    ...(last.error ? { error: last.error } : {}),
  };
}
