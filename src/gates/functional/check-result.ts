// Builds the TestCheck entries of the report, so every check carries its duration and, when it
// failed, its message and the container's last log lines.
import type { TestCheck } from '../gate-report.js';

export function passedCheck(kind: TestCheck['kind'], name: string, startedAt: number): TestCheck {
  return { kind, name, status: 'passed', durationMs: Date.now() - startedAt };
}

export function failedCheck(
  kind: TestCheck['kind'],
  name: string,
  startedAt: number,
  message: string,
  logs?: string[],
): TestCheck {
  return {
    kind,
    name,
    status: 'failed',
    durationMs: Date.now() - startedAt,
    message,
    ...(logs && logs.length > 0 && { logs }),
  };
}

export function skippedCheck(kind: TestCheck['kind'], name: string, message: string): TestCheck {
  return { kind, name, status: 'skipped', durationMs: 0, message };
}

/** Passed when there is no problem, otherwise failed with the problems joined. */
export function checkFromProblems(
  kind: TestCheck['kind'],
  name: string,
  startedAt: number,
  problems: string[],
  logs?: string[],
): TestCheck {
  return problems.length === 0
    ? passedCheck(kind, name, startedAt)
    : failedCheck(kind, name, startedAt, problems.join('; '), logs);
}
