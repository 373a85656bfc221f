// Moves one plugin entry exactly as it is: a symlink stays a symlink with the same target (even a
// broken one), a file keeps its mode and times. rename(2) does that within a file system; across
// file systems (imageforge's home on another disk than /usr/libexec) the entry is recreated and
// the original removed only after the copy is complete.
import { constants } from 'node:fs';
import { chmod, copyFile, lstat, readlink, rename, symlink, unlink, utimes } from 'node:fs/promises';
import { isPermissionError, moveFailedError, permissionDeniedError } from './plugin-errors.js';

export interface EntryFacts {
  kind: 'file' | 'symlink';
  linkTarget?: string;
  /** Permission bits as an octal string, for files. */
  mode?: string;
}

export async function entryFacts(file: string): Promise<EntryFacts> {
  const info = await lstat(file);
  if (info.isSymbolicLink()) return { kind: 'symlink', linkTarget: await readlink(file) };
  return { kind: 'file', mode: (info.mode & 0o7777).toString(8).padStart(4, '0') };
}

export async function movePluginEntry(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'EXDEV') return copyThenRemove(from, to);
    throw moveError(from, to, error);
  }
}

async function copyThenRemove(from: string, to: string): Promise<void> {
  try {
    const info = await lstat(from);
    if (info.isSymbolicLink()) {
      await symlink(await readlink(from), to);
    } else {
      await copyFile(from, to, constants.COPYFILE_EXCL);
      await chmod(to, info.mode & 0o7777);
      await utimes(to, info.atime, info.mtime);
    }
  } catch (error: unknown) {
    await unlink(to).catch(() => undefined);
    throw moveError(from, to, error);
  }
  try {
    await unlink(from);
  } catch (error: unknown) {
    await unlink(to).catch(() => undefined);
    throw moveError(from, to, error);
  }
}

function moveError(from: string, to: string, error: unknown) {
  if (isPermissionError(error)) return permissionDeniedError(`move ${from} to ${to}`, [from, to], error);
  return moveFailedError(from, to, error);
}
