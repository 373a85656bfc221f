// Error codes and constructors of builder management. The codes are stable like those in
// errors/codes.ts (where the lead may move them); messages name what was awaited and the limit.
import { ImageforgeError } from '../errors/imageforge-error.js';
import { ErrorCode } from '../errors/codes.js';
import { didYouMean } from '../shared/did-you-mean.js';
import { tail } from '../exec/exec.js';

export const BuilderErrorCode = {
  UnknownBuilder: 'IMAGEFORGE_BUILDER_UNKNOWN',
  NotManaged: 'IMAGEFORGE_BUILDER_NOT_MANAGED',
  EngineStart: 'IMAGEFORGE_MANAGED_ENGINE_START',
  EngineStop: 'IMAGEFORGE_MANAGED_ENGINE_STOP',
  RootlessUnavailable: 'IMAGEFORGE_ROOTLESS_UNAVAILABLE',
  BuildxCommand: 'IMAGEFORGE_BUILDX_COMMAND',
  UnsupportedDriver: 'IMAGEFORGE_BUILDER_DRIVER_UNSUPPORTED',
} as const;

export function unknownBuilderError(name: string, known: string[]): ImageforgeError {
  return new ImageforgeError(`unknown builder "${name}"${didYouMean(name, known)}`, {
    code: BuilderErrorCode.UnknownBuilder,
    category: 'usage',
    hint:
      known.length > 0
        ? `configured builders: ${known.join(', ')}`
        : 'declare it under `builders:` in imageforge.yaml',
  });
}

export function notManagedError(name: string, driver: string, action: string): ImageforgeError {
  return new ImageforgeError(
    `builder "${name}" uses the ${driver} driver; only managed builders can ${action}`,
    {
      code: BuilderErrorCode.NotManaged,
      category: 'usage',
      hint: 'set `driver: managed` for a builder whose engine imageforge runs on this machine',
    },
  );
}

export function engineStartError(message: string, logFile: string, logText: string): ImageforgeError {
  return new ImageforgeError(message, {
    code: BuilderErrorCode.EngineStart,
    category: 'environment',
    hint: `see ${logFile}`,
    details: { logTail: tail(logText, 15) },
  });
}

export function buildxCommandError(what: string, args: string[], stderr: string): ImageforgeError {
  return new ImageforgeError(`${what} failed: docker ${args.join(' ')}`, {
    code: BuilderErrorCode.BuildxCommand,
    category: 'environment',
    hint: tail(stderr, 3) || 'check `docker buildx ls`',
    details: { stderr: tail(stderr, 10) },
  });
}

export function missingDockerdError(): ImageforgeError {
  return new ImageforgeError('dockerd is not installed: managed builders run their own Docker Engine', {
    code: ErrorCode.DockerMissing,
    category: 'environment',
    hint: 'install docker.io (see scripts/engine.sh install)',
  });
}
