// Publishing is a separate phase that starts only after every selected image built (and, later,
// passed its gates): a set is published whole or not at all. Pushes retry transient failures.
import type { Attempt, PushResult } from '../report/report-types.js';
import type { RetryPolicy } from '../config/types.js';
import { exec, isSuccess } from '../exec/exec.js';
import { classifyFailure } from './classify.js';
import { backoffDelay, sleep } from './backoff.js';
import type { RunEventListener } from './events.js';

export interface PushImageInput {
  image: string;
  tags: string[];
  retry: RetryPolicy;
  env: Record<string, string | undefined>;
  signal: AbortSignal;
  timeoutMs: number | undefined;
  onEvent: RunEventListener;
  redact: (text: string) => string;
}

export async function pushImage(input: PushImageInput): Promise<PushResult> {
  const started = performance.now();
  const attempts: Attempt[] = [];
  input.onEvent({ type: 'push-started', image: input.image, at: Date.now() });
  const maxAttempts = Math.max(1, input.retry.attempts);
  for (let number = 1; ; number++) {
    const startedAt = new Date().toISOString();
    const attemptStarted = performance.now();
    const failure = await pushTags(input);
    attempts.push({
      number,
      outcome: failure ? (failure.kind === 'cancelled' ? 'cancelled' : 'failed') : 'succeeded',
      startedAt,
      durationMs: Math.round(performance.now() - attemptStarted),
      ...(failure ? { error: failure } : {}),
    });
    const retryable = failure?.kind === 'transient' && number < maxAttempts && !input.signal.aborted;
    if (!retryable) {
      input.onEvent({ type: 'push-finished', image: input.image, ok: !failure, at: Date.now() });
      return {
        status: failure ? 'failed' : 'pushed',
        attempts,
        durationMs: Math.round(performance.now() - started),
      };
    }
    const delayMs = Math.round(backoffDelay(input.retry, number));
    input.onEvent({
      type: 'image-retry',
      image: input.image,
      attempt: number + 1,
      delayMs,
      error: failure,
      at: Date.now(),
    });
    await sleep(delayMs, input.signal).catch(() => undefined);
  }
}

async function pushTags(input: PushImageInput) {
  for (const tag of input.tags) {
    const result = await exec('docker', ['push', '--quiet', tag], {
      env: input.env,
      signal: input.signal,
      timeoutMs: input.timeoutMs,
    });
    if (!isSuccess(result)) {
      const error = classifyFailure({
        stderr: result.stderr || result.stdout,
        exitCode: result.exitCode,
        timedOut: result.timedOut,
        cancelled: result.cancelled,
        signal: result.signal,
      });
      return { ...error, message: input.redact(`push ${tag}: ${error.message}`) };
    }
  }
  return undefined;
}
