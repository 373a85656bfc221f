// Retry delays and the abortable sleep between attempts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, sleep, SleepAbortedError } from '../../../src/run/backoff.js';
import type { RetryPolicy } from '../../../src/config/types.js';

const policy: RetryPolicy = { attempts: 5, initialDelayMs: 1000, factor: 2, maxDelayMs: 5000, jitter: 0 };

describe('backoffDelay', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 5000],
    [30, 5000],
  ])('attempt %i waits %i ms without jitter', (attempt, expected) => {
    expect(backoffDelay(policy, attempt)).toBe(expected);
  });

  it('removes up to the jitter fraction at random', () => {
    const jittery = { ...policy, jitter: 0.5 };
    expect(backoffDelay(jittery, 2, () => 0)).toBe(2000);
    expect(backoffDelay(jittery, 2, () => 0.5)).toBe(1500);
    expect(backoffDelay(jittery, 2, () => 1)).toBe(1000);
  });

  it('spans the whole range with full jitter and stays within bounds', () => {
    const full = { ...policy, jitter: 1 };
    expect(backoffDelay(full, 3, () => 1)).toBe(0);
    for (let i = 0; i < 100; i += 1) {
      const delay = backoffDelay(full, 3);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(4000);
    }
  });

  it('never overflows for huge attempt numbers', () => {
    expect(backoffDelay({ ...policy, factor: 10 }, 10_000)).toBe(5000);
  });
});

describe('sleep', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves after the delay', async () => {
    vi.useFakeTimers();
    let done = false;
    const waiting = sleep(1000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(done).toBe(true);
  });

  it('rejects at once on abort and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(SleepAbortedError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects without waiting when already aborted', async () => {
    await expect(sleep(60_000, AbortSignal.abort())).rejects.toBeInstanceOf(SleepAbortedError);
  });
});
