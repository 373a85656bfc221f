// Builds one image with retries: only transient failures are retried, with exponential backoff and
// jitter; deterministic ones fail at once. Every attempt is recorded for the report.
import type { Attempt } from '../report/report-types.js';
import type { RetryPolicy } from '../config/types.js';
import type { AttemptInput, AttemptOutcome } from './attempt.js';
import type { BuildMethod } from './events.js';
import { backoffDelay, sleep } from './backoff.js';

export interface ImageBuildInput extends Omit<AttemptInput, 'attempt'> {
  method: BuildMethod;
  retry: RetryPolicy;
  runAttempt: (input: AttemptInput) => Promise<AttemptOutcome>;
  /** Attempts already made elsewhere (a failed batch); numbering continues after them. */
  previousAttempts?: Attempt[];
  /** Asked after a retryable failure: true stops retrying here (e.g. the pool node died). */
  abandon?: (outcome: AttemptOutcome) => Promise<boolean>;
}

export interface ImageBuildOutcome {
  last: AttemptOutcome;
  attempts: Attempt[];
  durationMs: number;
}

export async function buildImageWithRetries(input: ImageBuildInput): Promise<ImageBuildOutcome> {
  const started = performance.now();
  const attempts: Attempt[] = [...(input.previousAttempts ?? [])];
  const maxAttempts = Math.max(1, input.retry.attempts);
  for (let number = attempts.length + 1; ; number++) {
    const startedAt = new Date().toISOString();
    input.onEvent({
      type: 'image-started',
      image: input.image.name,
      attempt: number,
      method: input.method,
      at: Date.now(),
    });
    const outcome = await input.runAttempt({ ...input, attempt: number });
    attempts.push({
      number,
      outcome: outcome.ok ? 'succeeded' : outcome.error?.kind === 'cancelled' ? 'cancelled' : 'failed',
      startedAt,
      durationMs: Math.round(outcome.durationMs),
      ...(outcome.error ? { error: outcome.error } : {}),
    });
    const retryable = !outcome.ok && outcome.error?.kind === 'transient' && number < maxAttempts;
    if (!retryable || input.signal.aborted || (input.abandon && (await input.abandon(outcome)))) {
      return { last: outcome, attempts, durationMs: performance.now() - started };
    }
    const delayMs = Math.round(backoffDelay(input.retry, number));
    if (outcome.error) {
      input.onEvent({
        type: 'image-retry',
        image: input.image.name,
        attempt: number + 1,
        delayMs,
        error: outcome.error,
        at: Date.now(),
      });
    }
    await sleep(delayMs, input.signal).catch(() => undefined);
    if (input.signal.aborted) return { last: outcome, attempts, durationMs: performance.now() - started };
  }
}
