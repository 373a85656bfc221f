// The history store's expected failures as data: where the store is (never with a password), what
// went wrong, and what the user can do about it.
import { ErrorCode } from '../errors/codes.js';
import { ImageforgeError } from '../errors/imageforge-error.js';

function reason(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

export function historyUnavailable(location: string, cause: unknown): ImageforgeError {
  const postgres = location.startsWith('postgres');
  return new ImageforgeError(`history store ${location} is unavailable: ${reason(cause)}`, {
    code: ErrorCode.HistoryUnavailable,
    category: 'environment',
    hint: postgres
      ? 'Check that PostgreSQL runs and accepts this user from this host (settings.history.url), or remove the url to use SQLite.'
      : 'Check that the directory is writable and the file is an imageforge history database (settings.history.url).',
    cause,
    details: { location },
  });
}

export function historyUrlInvalid(url: string, why: string): ImageforgeError {
  return new ImageforgeError(`history url "${url}" is invalid: ${why}`, {
    code: ErrorCode.HistoryUrlInvalid,
    category: 'config',
    hint: 'Use a file path, sqlite:<path> or postgres://user@host:port/database in settings.history.url.',
    location: { file: 'imageforge.yaml', path: 'settings.history.url' },
  });
}

export function historyMigrationFailed(location: string, cause: unknown): ImageforgeError {
  return new ImageforgeError(`history store ${location}: schema migration failed: ${reason(cause)}`, {
    code: ErrorCode.HistoryMigrationFailed,
    category: 'environment',
    hint: 'A newer imageforge may have migrated this database; use the same or a newer imageforge version everywhere.',
    cause,
    details: { location },
  });
}

export function historyWriteFailed(location: string, runId: string, cause: unknown): ImageforgeError {
  return new ImageforgeError(`history store ${location}: could not record run ${runId}: ${reason(cause)}`, {
    code: ErrorCode.HistoryWriteFailed,
    category: 'environment',
    hint: 'The build itself is unaffected; report.json holds the run. Check the store is reachable and not read-only.',
    cause,
    details: { location, runId },
  });
}
