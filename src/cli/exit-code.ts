// The only place that decides exit codes: 0 ok, 1 build/gate failed, 2 usage/config, 3 environment,
// 130 interrupted. Pipelines branch on these, so they are documented in the README and never change.
import { isImageforgeError, type ErrorCategory } from '../errors/imageforge-error.js';
import type { RunBuildResult } from '../run/run-build.js';

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
  return ExitCode.Failed;
}
