// What is wrong with a plugin candidate on disk, found without running it: a symlink to nothing,
// a symlink to something that is not a file, a file nobody may execute. The docker CLI finds the
// same problems only by trying to run the metadata call ("fork/exec …: no such file or
// directory" / "permission denied"); saying which one it is makes the fix obvious.
import { constants } from 'node:fs';
import { access, lstat, readlink, stat } from 'node:fs/promises';

export type FileProblem = 'broken-symlink' | 'not-a-file' | 'not-executable';

export interface FileCheck {
  problem?: FileProblem;
  message?: string;
  /** The target as written in the symlink, when the candidate is one. */
  linkTarget?: string;
}

export async function checkPluginFile(candidate: string): Promise<FileCheck> {
  const link = await lstat(candidate);
  const linkTarget = link.isSymbolicLink() ? await readlink(candidate) : undefined;
  const withTarget = linkTarget === undefined ? {} : { linkTarget };
  let target;
  try {
    target = await stat(candidate);
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const why = code === 'ELOOP' ? 'a symlink loop' : code === 'ENOENT' ? 'missing' : code;
    return {
      ...withTarget,
      problem: 'broken-symlink',
      message: `broken symlink: target ${linkTarget ?? '?'} is ${why}`,
    };
  }
  if (!target.isFile())
    return {
      ...withTarget,
      problem: 'not-a-file',
      message: `not a regular file: ${linkTarget === undefined ? '' : `symlink to ${linkTarget}, `}${kindOf(target)}`,
    };
  try {
    await access(candidate, constants.X_OK);
  } catch {
    return {
      ...withTarget,
      problem: 'not-executable',
      message: `not executable (mode ${(target.mode & 0o7777).toString(8).padStart(4, '0')})`,
    };
  }
  return withTarget;
}

function kindOf(entry: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (entry.isDirectory()) return 'a directory';
  if (entry.isFIFO()) return 'a FIFO';
  if (entry.isSocket()) return 'a socket';
  return 'a device';
}
