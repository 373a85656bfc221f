// Resolves an image's context and Dockerfile to absolute paths and checks them now, with the line
// that names them, instead of letting buildx fail later with a bare "path not found".
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode } from '../errors/codes.js';
import type { ConfigProblems, Origin } from './config-problems.js';

export interface BuildPathsInput {
  projectDir: string;
  /** As written (after interpolation); default ".". Relative to projectDir. */
  context: string | undefined;
  /** As written; default "Dockerfile". Relative to the context, like buildx and compose. */
  dockerfile: string | undefined;
  contextOrigin: Origin;
  dockerfileOrigin: Origin;
}

export async function resolveBuildPaths(
  input: BuildPathsInput,
  problems: ConfigProblems,
): Promise<{ context: string; dockerfile: string }> {
  const context = path.resolve(input.projectDir, input.context ?? '.');
  const dockerfile = path.resolve(context, input.dockerfile ?? 'Dockerfile');
  const show = (absolute: string): string => path.relative(input.projectDir, absolute) || '.';

  if (!(await isInside(input.projectDir, context))) {
    problems.add(
      ErrorCode.ConfigInvalid,
      input.contextOrigin,
      `context "${input.context ?? '.'}" is outside the project directory ${input.projectDir}${await symlinkTarget(input.projectDir, context)}`,
      'keep build contexts inside the directory of imageforge.yaml',
    );
    return { context, dockerfile };
  }
  const contextKind = await kindOf(context);
  if (contextKind !== 'directory') {
    problems.add(
      ErrorCode.ContextMissing,
      input.contextOrigin,
      `context directory "${show(context)}" ${contextKind === undefined ? 'does not exist' : 'is a file, not a directory'} (${context})`,
      'context paths are relative to the directory of imageforge.yaml',
    );
    return { context, dockerfile };
  }
  if (!(await isInside(input.projectDir, dockerfile))) {
    problems.add(
      ErrorCode.ConfigInvalid,
      input.dockerfileOrigin,
      `dockerfile "${input.dockerfile ?? 'Dockerfile'}" is outside the project directory ${input.projectDir}${await symlinkTarget(input.projectDir, dockerfile)}`,
      'keep Dockerfiles inside the directory of imageforge.yaml',
    );
    return { context, dockerfile };
  }
  const dockerfileKind = await kindOf(dockerfile);
  if (dockerfileKind !== 'file') {
    problems.add(
      ErrorCode.DockerfileMissing,
      input.dockerfileOrigin,
      `Dockerfile "${show(dockerfile)}" ${dockerfileKind === undefined ? 'does not exist' : `is a ${dockerfileKind}, not a file`} (${dockerfile})`,
      'dockerfile paths are relative to the image context (as in docker buildx and compose)',
    );
  }
  return { context, dockerfile };
}

/** Lexically inside, and still inside once symlinks are followed. */
async function isInside(root: string, target: string): Promise<boolean> {
  if (!contains(root, target)) return false;
  try {
    return contains(await realpath(root), await realpath(target));
  } catch {
    return true; // does not exist yet: the existence check reports it
  }
}

/** ` (a symlink to /etc)` when a path only leaves the project through a symlink. */
async function symlinkTarget(root: string, target: string): Promise<string> {
  if (!contains(root, target)) return '';
  try {
    const real = await realpath(target);
    return real === target ? '' : ` (a symlink to ${real})`;
  } catch {
    return '';
  }
}

function contains(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return (
    relative === '' ||
    (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
  );
}

async function kindOf(target: string): Promise<'file' | 'directory' | 'special file' | undefined> {
  try {
    const stats = await stat(target);
    if (stats.isFile()) return 'file';
    return stats.isDirectory() ? 'directory' : 'special file';
  } catch {
    return undefined;
  }
}
