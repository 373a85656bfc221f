// `service.http`: requests against the running service through its published port, retried at an
// interval, and compared by status, body pattern and header patterns.
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestCheck } from '../gate-report.js';
import { excerptStart, formatElapsed, formatPattern, plural } from './check-messages.js';
import { failedCheck, passedCheck } from './check-result.js';
import { requestOnce, type HttpAnswer } from './http-request.js';
import type { HttpCheck } from './test-spec-schema.js';
import { matchesText, matchesValue } from './text-patterns.js';

export interface HttpCheckTarget {
  /** Container TCP port → host port on 127.0.0.1. */
  ports: Record<number, number>;
  /** The service's first port, used when the check names none. */
  defaultPort: number | undefined;
  signal: AbortSignal;
}

export async function runHttpCheck(check: HttpCheck, target: HttpCheckTarget): Promise<TestCheck> {
  const startedAt = Date.now();
  const port = check.port ?? target.defaultPort;
  const where = `${check.method} ${check.path} on port ${port ?? '?'}`;
  const hostPort = port === undefined ? undefined : target.ports[port];
  if (hostPort === undefined) {
    const published = Object.keys(target.ports).join(', ') || 'none';
    return failedCheck(
      'http',
      check.name,
      startedAt,
      `${where}: port not published (published: ${published})`,
    );
  }
  const url = `http://127.0.0.1:${hostPort}${check.path}`;
  for (let attempt = 1; ; attempt += 1) {
    const result = await requestOnce({
      method: check.method,
      url,
      timeoutMs: check.timeoutMs,
      signal: target.signal,
    });
    const mismatch = result.answered
      ? describeHttpMismatch(check, result.answer)
      : `expected status ${check.status}, got no answer (${result.reason})`;
    if (mismatch === undefined) return passedCheck('http', check.name, startedAt);
    if (attempt > check.retries) {
      const after = `after ${plural(attempt, 'attempt')} (${formatElapsed(Date.now() - startedAt)})`;
      return failedCheck('http', check.name, startedAt, `${where}: ${mismatch} ${after}`);
    }
    await sleep(check.intervalMs, undefined, { signal: target.signal });
  }
}

/** The first way the answer differs from the check (status, then body, then headers), or undefined. */
export function describeHttpMismatch(check: HttpCheck, answer: HttpAnswer): string | undefined {
  if (answer.status !== check.status) return `expected status ${check.status}, got ${answer.status}`;
  if (check.body !== undefined && !matchesText(check.body, answer.body)) {
    return `expected body matching ${formatPattern(check.body)}, got ${excerptStart(answer.body)}`;
  }
  for (const [name, pattern] of Object.entries(check.headers)) {
    const value = answer.headers.get(name);
    if (value === null) return `expected header ${name} matching ${formatPattern(pattern)}, header missing`;
    if (!matchesValue(pattern, value)) {
      return `expected header ${name} matching ${formatPattern(pattern)}, got ${JSON.stringify(value)}`;
    }
  }
  return undefined;
}
