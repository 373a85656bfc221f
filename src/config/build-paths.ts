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
      `context "${input.context}" is outside the project directory ${input.projectDir}`,
      'keep build contexts inside the directory of imageforge.yaml',
    );
    return { context, dockerfile };
  }
  if (!(await isKind(context, 'directory'))) {
    problems.add(
      ErrorCode.ContextMissing,
      input.contextOrigin,
      `context directory "${show(context)}" does not exist (${context})`,
      'context paths are relative to the directory of imageforge.yaml',
    );
    return { context, dockerfile };
  }
  if (!(await isInside(input.projectDir, dockerfile))) {
    problems.add(
      ErrorCode.ConfigInvalid,
      input.dockerfileOrigin,
      `dockerfile "${input.dockerfile}" is outside the project directory ${input.projectDir}`,
      'keep Dockerfiles inside the directory of imageforge.yaml',
    );
  } else if (!(await isKind(dockerfile, 'file'))) {
    problems.add(
      ErrorCode.DockerfileMissing,
      input.dockerfileOrigin,
      `Dockerfile "${show(dockerfile)}" does not exist (${dockerfile})`,
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

function contains(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return (
    relative === '' ||
    (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
  );
}

async function isKind(target: string, kind: 'file' | 'directory'): Promise<boolean> {
  try {
    const stats = await stat(target);
    return kind === 'file' ? stats.isFile() : stats.isDirectory();
  } catch {
    return false;
  }
}
