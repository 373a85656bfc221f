// How long to wait between attempts (exponential backoff with jitter), and an abortable wait.
import type { RetryPolicy } from '../config/types.js';

/**
 * Delay before attempt `attempt + 1` (attempt 1 = the wait before the 2nd attempt):
 * min(maxDelay, initial * factor^(attempt-1)), then jitter removes up to `jitter` of it at random,
 * so parallel builds hitting the same registry do not retry in lockstep.
 */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const grown = policy.initialDelayMs * Math.pow(policy.factor, exponent);
  const capped = Math.min(policy.maxDelayMs, Number.isFinite(grown) ? grown : policy.maxDelayMs);
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  const draw = Math.min(1, Math.max(0, random()));
  return Math.max(0, capped * (1 - jitter * draw));
}

export class SleepAbortedError extends Error {
  constructor() {
    super('sleep aborted');
    this.name = 'SleepAbortedError';
  }
}

/**
 * Waits `ms` milliseconds. Rejects with SleepAbortedError as soon as `signal` aborts (immediately
 * if it already has), clearing the timer and the abort listener so nothing keeps the process alive.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new SleepAbortedError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new SleepAbortedError());
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
