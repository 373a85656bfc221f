// One classic-builder attempt (`DOCKER_BUILDKIT=0 docker build`): refuses BuildKit-only syntax with
// file and line first, optionally drops cache mounts, and reads the image id from --iidfile.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exec, isSuccess } from '../exec/exec.js';
import { getLegacyBuildCommand } from '../legacy/legacy-command.js';
import { LegacyOutputParser } from '../legacy/legacy-output.js';
import { readDockerfile, assertLegacyCompatible, degradeForLegacy } from '../dockerfile/index.js';
import { ImageforgeError } from '../errors/imageforge-error.js';
import { ErrorCode } from '../errors/codes.js';
import { classifyFailure } from './classify.js';
import type { AttemptInput, AttemptOutcome } from './attempt.js';

/** Checks, before any build starts, that an image can be built by the classic builder. */
export async function prepareLegacyDockerfile(
  input: Pick<AttemptInput, 'image' | 'workDir'>,
): Promise<{ dockerfile: string | undefined; warnings: string[] }> {
  const { image } = input;
  if (Object.keys(image.secrets).length > 0) {
    throw new ImageforgeError(`images.${image.name}.secrets: build secrets need BuildKit`, {
      code: ErrorCode.BuildkitOnlySyntax,
      category: 'config',
      hint: 'enable BuildKit (install docker buildx, unset DOCKER_BUILDKIT=0) or drop the secrets',
    });
  }
  if (image.platforms.length > 1) {
    throw new ImageforgeError(`images.${image.name}.platforms: multi-platform builds need BuildKit`, {
      code: ErrorCode.BuildkitOnlySyntax,
      category: 'config',
      hint: 'enable BuildKit or build one platform at a time',
    });
  }
  const parsed = await readDockerfile(image.dockerfile);
  const dropped = assertLegacyCompatible(parsed, { degradeCacheMounts: image.legacy.degradeCacheMounts });
  if (dropped.length === 0) return { dockerfile: undefined, warnings: [] };
  const degraded = degradeForLegacy(parsed);
  const file = path.join(input.workDir, `${image.name}.legacy.Dockerfile`);
  await writeFile(file, degraded.content);
  const warnings = degraded.dropped.map(
    (item) =>
      `${path.relative(process.cwd(), image.dockerfile)}:${item.line}: dropped ${item.feature} for the legacy builder`,
  );
  return { dockerfile: file, warnings };
}

export async function runLegacyAttempt(
  input: AttemptInput & { legacyDockerfile: string | undefined },
): Promise<AttemptOutcome> {
  const { image } = input;
  const iidFile = path.join(input.workDir, `${image.name}.attempt-${input.attempt}.iid`);
  const command = getLegacyBuildCommand({ image, dockerfile: input.legacyDockerfile, iidFile });
  const labels = new Set(Object.entries(image.labels).map(([key, value]) => `${key}=${value}`));
  const parser = new LegacyOutputParser(Date.now, labels);
  const otherLines: string[] = [];
  const onLine = (line: string): void => {
    for (const change of parser.update(line)) {
      const at = Date.now();
      if (change.kind === 'log' && change.line !== undefined) {
        input.onEvent({ type: 'image-log', image: image.name, line: input.redact(change.line), at });
      } else if (change.kind !== 'log') {
        const step = {
          current: change.index,
          total: change.total,
          name: change.step.name,
          cached: change.step.cached,
        };
        input.onEvent({
          type: 'image-step',
          image: image.name,
          at,
          step: { ...step, done: change.kind === 'step-done' },
        });
      }
    }
    if (!line.startsWith('Step ') && !line.startsWith(' ---> ')) otherLines.push(line);
  };
  const result = await exec(command.command, command.args, {
    env: { ...input.env, ...command.env },
    signal: input.signal,
    timeoutMs: input.timeoutMs,
    onStdoutLine: onLine,
    onStderrLine: onLine,
  });
  if (!isSuccess(result)) {
    const error = classifyFailure({
      stderr: otherLines.join('\n'),
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      cancelled: result.cancelled,
      signal: result.signal,
      logTail: parser.logTail(),
    });
    const message = input.redact(error.message);
    return {
      ok: false,
      error: { ...error, message },
      steps: redactSteps(parser.steps(message), input.redact),
      cache: parser.cacheFigures(),
      digest: undefined,
      imageId: undefined,
      buildRef: undefined,
      warnings: [],
      durationMs: result.durationMs,
    };
  }
  const imageId = (await readFile(iidFile, 'utf8').catch(() => '')).trim() || undefined;
  return {
    ok: true,
    error: undefined,
    steps: redactSteps(parser.steps(), input.redact),
    cache: parser.cacheFigures(),
    digest: undefined,
    imageId,
    buildRef: undefined,
    warnings: [],
    durationMs: result.durationMs,
  };
}

function redactSteps<T extends { name: string; logTail?: string[] }>(
  steps: T[],
  redact: (text: string) => string,
): T[] {
  return steps.map((step) => ({
    ...step,
    name: redact(step.name),
    ...(step.logTail ? { logTail: step.logTail.map(redact) } : {}),
  }));
}
