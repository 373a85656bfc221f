// The only place that decides exit codes: 0 ok, 1 build/gate failed, 2 usage/config, 3 environment
// (also a run whose only failures were the builder going away or a full disk), 130 interrupted.
// Pipelines branch on these, so they are documented in the README and never change.
import { isImageforgeError, type ErrorCategory } from '../errors/imageforge-error.js';
import type { RunBuildResult } from '../run/run-build.js';
import type { Report } from '../report/report-types.js';
import type { ClassifiedError } from '../run/classified-error.js';
import { FailureCode } from '../run/classify.js';

export const ExitCode = {
  Ok: 0,
  Failed: 1,
  Usage: 2,
  Environment: 3,
  Internal: 70,
  Interrupted: 130,
} as const;

const byCategory: Record<ErrorCategory, number> = {
  usage: ExitCode.Usage,
  config: ExitCode.Usage,
  environment: ExitCode.Environment,
  build: ExitCode.Failed,
  cancelled: ExitCode.Interrupted,
  internal: ExitCode.Internal,
};

export function exitCodeForError(error: unknown): number {
  return isImageforgeError(error) ? byCategory[error.category] : ExitCode.Internal;
}

export function exitCodeForRun(result: Pick<RunBuildResult, 'report' | 'cancelReason'>): number {
  if (result.report.status === 'succeeded') return ExitCode.Ok;
  if (result.report.status === 'cancelled' && result.cancelReason === 'interrupt')
    return ExitCode.Interrupted;
  return failedOnlyForTheEnvironment(result.report) ? ExitCode.Environment : ExitCode.Failed;
}

/**
 * Every failure was the environment's — the builder went away mid-run or its disk filled up — and
 * no build, gate or push failed for a reason of its own: exit 3, as when preflight finds the same.
 */
function failedOnlyForTheEnvironment(report: Report): boolean {
  const failed = report.images.filter((image) => image.status === 'failed');
  return (
    report.status === 'failed' &&
    failed.length > 0 &&
    failed.every((image) => isEnvironmentFailure(image.error)) &&
    report.images.every((image) => image.push.status !== 'failed' && image.gates?.status !== 'failed')
  );
}

function isEnvironmentFailure(error: ClassifiedError | undefined): boolean {
  return error?.kind === 'builder-unavailable' || error?.code === FailureCode.DiskFull;
}
