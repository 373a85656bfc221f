// One BuildKit build attempt: runs `docker buildx build --progress=rawjson`, turns the stream into
// step events and figures, and reads digest and build ref from the metadata file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { exec, isSuccess } from '../exec/exec.js';
import { getBuildCommand } from '../buildx/build-command.js';
import { RawjsonReader } from '../buildx/rawjson.js';
import { ProgressTracker } from '../buildx/progress-tracker.js';
import { parseBuildMetadata, type BuildMetadata } from '../buildx/metadata-file.js';
import { classifyFailure } from './classify.js';
import { emitTrackerChanges, redactedSteps } from './tracker-events.js';
import { withCacheDetails } from './cache-figures.js';
import type { AttemptInput, AttemptOutcome } from './attempt.js';

export async function runBuildkitAttempt(input: AttemptInput): Promise<AttemptOutcome> {
  const { image } = input;
  const metadataFile = path.join(input.workDir, `${image.name}.attempt-${input.attempt}.metadata.json`);
  const command = getBuildCommand({
    image,
    builder: input.builder,
    metadataFile,
    output: 'load',
    contexts: input.contexts,
    extraArgs: input.cacheArgs,
  });
  const tracker = new ProgressTracker();
  const plainLines: string[] = [];
  const reader = new RawjsonReader({
    onStatus: (status) =>
      emitTrackerChanges(tracker, tracker.update(status), image.name, input.onEvent, input.redact),
    onPlain: (line) => {
      if (line.trim()) plainLines.push(input.redact(line));
    },
  });
  const result = await exec(command.command, command.args, {
    env: input.env,
    signal: input.signal,
    timeoutMs: input.timeoutMs,
    onStderrLine: (line) => reader.push(line),
  });
  reader.end();
  const steps = redactedSteps(tracker, input.redact);
  const details = withCacheDetails(tracker.cacheFigures(), steps, tracker.cacheActivity(), input.redact);
  const warnings = [...tracker.warnings().map(input.redact), ...details.warnings];
  const base = { steps, cache: details.cache, warnings, durationMs: result.durationMs };
  if (!isSuccess(result)) {
    const error = classifyFailure({
      stderr: plainLines.join('\n'),
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      cancelled: result.cancelled,
      signal: result.signal,
      vertexErrors: tracker.errors(),
      logTail: tracker.logTail(),
    });
    const message = input.redact(result.spawnError ?? error.message);
    return {
      ...base,
      ok: false,
      error: { ...error, message },
      digest: undefined,
      imageId: undefined,
      buildRef: undefined,
    };
  }
  const metadata = await readMetadata(metadataFile);
  return {
    ...base,
    ok: true,
    error: undefined,
    digest: metadata.digest,
    imageId: metadata.digest,
    buildRef: metadata.buildRef,
  };
}

async function readMetadata(file: string): Promise<BuildMetadata> {
  try {
    const text = await readFile(file, 'utf8');
    return parseBuildMetadata(JSON.parse(text));
  } catch {
    return parseBuildMetadata({});
  }
}
