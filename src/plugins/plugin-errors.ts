// Errors of the plugin quarantine: each says what could not be done, to which paths, and what the
// user can do about it (permissions, a file that took a plugin's place, an unknown quarantine id).
import { ImageforgeError, isImageforgeError } from '../errors/imageforge-error.js';
import { ErrorCode } from '../errors/codes.js';

const PERMISSION_CODES = new Set(['EACCES', 'EPERM', 'EROFS']);

export function isPermissionError(error: unknown): boolean {
  return PERMISSION_CODES.has((error as NodeJS.ErrnoException | undefined)?.code ?? '');
}

/** A plugin directory (or the quarantine) imageforge may not change. `what`: "move /a to /b". */
export function permissionDeniedError(what: string, paths: string[], cause?: unknown): ImageforgeError {
  return new ImageforgeError(`cannot ${what}: permission denied`, {
    code: ErrorCode.PluginPermissionDenied,
    category: 'environment',
    hint:
      process.getuid?.() === 0
        ? 'the file system refuses the change (read-only or immutable); move the files yourself'
        : 'you may not change these directories (system plugin dirs belong to root): run the same command with sudo or as their owner',
    cause,
    details: { paths },
  });
}

export function moveFailedError(from: string, to: string, cause: unknown, hint?: string): ImageforgeError {
  return new ImageforgeError(`cannot move ${from} to ${to}: ${(cause as Error).message}`, {
    code: ErrorCode.PluginMoveFailed,
    category: 'environment',
    hint,
    cause,
    details: { from, to },
  });
}

export function quarantineNotFoundError(id: string | undefined, known: string[], home: string) {
  const what = id === undefined ? 'no plugin quarantine' : `no plugin quarantine "${id}"`;
  return new ImageforgeError(`${what} in ${home}/plugin-quarantine`, {
    code: ErrorCode.PluginQuarantineNotFound,
    category: 'usage',
    hint:
      known.length > 0
        ? `quarantines: ${known.join(', ')}`
        : 'nothing was quarantined (or it was restored already); see `imageforge plugins ls`',
  });
}

export function restoreConflictError(id: string, paths: string[]): ImageforgeError {
  return new ImageforgeError(
    `cannot restore quarantine ${id}: ${paths.join(', ')} exist${paths.length === 1 ? 's' : ''} again; nothing was restored`,
    {
      code: ErrorCode.PluginRestoreConflict,
      category: 'environment',
      hint: 'move or remove what is there now, then run `imageforge plugins restore` again',
      details: { paths },
    },
  );
}

/** A file system error as an ImageforgeError (permission problems get their own code and hint). */
export function asPluginError(what: string, error: unknown): ImageforgeError {
  if (isImageforgeError(error)) return error;
  if (isPermissionError(error)) return permissionDeniedError(what, [], error);
  return new ImageforgeError(`cannot ${what}: ${(error as Error).message}`, {
    code: ErrorCode.PluginMoveFailed,
    category: 'environment',
    cause: error,
  });
}

/** A quarantine that stopped half-way: what moved is recorded and can be restored. */
export function partialQuarantineError(error: unknown, id: string, moved: number): ImageforgeError {
  const cause = asPluginError('quarantine', error);
  return new ImageforgeError(`${cause.message} (${moved} already quarantined in ${id})`, {
    code: cause.code,
    category: cause.category,
    hint: `${cause.hint ? `${cause.hint}; ` : ''}\`imageforge plugins restore ${id}\` puts back what was moved`,
    cause,
    details: { ...cause.details, quarantineId: id },
  });
}
