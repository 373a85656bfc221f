// Errors for reading and writing report files. The codes belong in src/errors/codes.ts; they live here
// until that module (owned elsewhere) adopts them, and must keep these exact values when they move.
import { ErrorCode } from '../errors/codes.js';
import { ImageforgeError } from '../errors/imageforge-error.js';
import type { z } from 'zod';

export const ReportErrorCode = {
  ReportUnreadable: 'IMAGEFORGE_REPORT_UNREADABLE',
  ReportInvalid: 'IMAGEFORGE_REPORT_INVALID',
  ReportWriteFailed: 'IMAGEFORGE_REPORT_WRITE_FAILED',
} as const;

/** `images.2.status: Invalid option ...; runId: expected string` (first few issues only). */
export function describeIssues(error: z.ZodError, limit = 5): string {
  const described = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  const more = error.issues.length > limit ? `; and ${error.issues.length - limit} more` : '';
  return described.join('; ') + more;
}

/** A report about to be written does not match the schema: a bug in imageforge, never user error. */
export function invalidReportToWrite(dir: string, error: z.ZodError): ImageforgeError {
  return new ImageforgeError(`refusing to write an invalid report to ${dir}: ${describeIssues(error)}`, {
    code: ErrorCode.Internal,
    category: 'internal',
    hint: 'This is a bug in imageforge; please report it with the command you ran.',
    cause: error,
    details: { dir },
  });
}

export function reportWriteFailed(target: string, cause: unknown): ImageforgeError {
  return new ImageforgeError(`could not write the run report to ${target}: ${messageOf(cause)}`, {
    code: ReportErrorCode.ReportWriteFailed,
    category: 'environment',
    hint: 'Check that the reports directory is writable and the disk is not full.',
    cause,
    details: { target },
  });
}

export function reportUnreadable(file: string, cause: unknown): ImageforgeError {
  return new ImageforgeError(`could not read report ${file}: ${messageOf(cause)}`, {
    code: ReportErrorCode.ReportUnreadable,
    category: 'usage',
    hint: 'Pass the path of a report.json written by `imageforge build`.',
    cause,
    location: { file },
  });
}

export function reportInvalid(
  file: string,
  problem: string,
  cause?: unknown,
  hint?: string,
): ImageforgeError {
  return new ImageforgeError(`${file} is not a valid imageforge report: ${problem}`, {
    code: ReportErrorCode.ReportInvalid,
    category: 'config',
    hint: hint ?? 'Reports are described in docs/report-schema.md; was this file edited by hand?',
    cause,
    location: { file },
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
