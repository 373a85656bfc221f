// Stable error codes of the audit trail (never renamed: pipelines match on them).
import { ImageforgeError } from '../errors/imageforge-error.js';

export const AuditErrorCode = {
  AuditWriteFailed: 'IMAGEFORGE_AUDIT_WRITE_FAILED',
} as const;

export function auditWriteError(file: string, reason: string, cause?: unknown): ImageforgeError {
  return new ImageforgeError(`cannot append to the audit log ${file}: ${reason}`, {
    code: AuditErrorCode.AuditWriteFailed,
    category: 'environment',
    hint: 'the audit log must be writable by every account that runs production builds, on a file system with free space',
    location: { file },
    cause,
  });
}
