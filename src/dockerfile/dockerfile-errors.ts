// Constructors for Dockerfile problems, so every one carries the same code, category and file:line.
import { ImageforgeError } from '../errors/imageforge-error.js';
import { ErrorCode } from '../errors/codes.js';

export function dockerfileSyntaxError(
  file: string,
  line: number | undefined,
  message: string,
  hint?: string,
): ImageforgeError {
  return new ImageforgeError(message, {
    code: ErrorCode.DockerfileSyntax,
    category: 'config',
    hint: hint ?? 'Fix the Dockerfile; https://docs.docker.com/reference/dockerfile/ lists the valid syntax.',
    location: line === undefined ? { file } : { file, line },
  });
}

export function dockerfileMissingError(file: string, cause: unknown): ImageforgeError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ImageforgeError(`could not read Dockerfile ${file}: ${reason}`, {
    code: ErrorCode.DockerfileMissing,
    category: 'config',
    hint: 'Check the `dockerfile` path of the image in imageforge.yaml (relative to its context).',
    cause,
    location: { file },
  });
}

export function unknownTargetError(
  file: string,
  target: string,
  stageNames: string[],
  suggestion: string,
): ImageforgeError {
  const known = stageNames.length > 0 ? stageNames.join(', ') : 'none';
  return new ImageforgeError(`target stage "${target}" not found in ${file}${suggestion}`, {
    code: ErrorCode.ConfigInvalid,
    category: 'config',
    hint: `Named stages in the Dockerfile: ${known}. Set \`target\` to one of them.`,
    location: { file },
    details: { target, stages: stageNames },
  });
}
