// Builds a whole dependency graph in one `docker buildx bake` session: one process and one solve
// instead of one per image, which is what makes imageforge as fast as bake. Bake cancels every
// target when one fails, so a failed batch says which image failed and leaves the rest to be
// rebuilt one by one (cheaply, from cache) with full isolation and retries.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exec } from '../exec/exec.js';
import { toBakeDefinition, getBakeCommand } from '../buildx/bake-definition.js';
import { BakeDemultiplexer } from '../buildx/bake-demux.js';
import { RawjsonReader } from '../buildx/rawjson.js';
import { ProgressTracker } from '../buildx/progress-tracker.js';
import { parseBakeMetadata, type BuildMetadata } from '../buildx/metadata-file.js';
import type { PlannedImage } from '../plan/plan.js';
import type { NamedContext } from '../buildx/build-command.js';
import type { CacheFlags } from '../buildx/cache-flags.js';
import type { ClassifiedError } from './classified-error.js';
import type { RunEventListener } from './events.js';
import type { AttemptOutcome } from './attempt.js';
import { classifyFailure } from './classify.js';
import { emitTrackerChanges, redactedSteps } from './tracker-events.js';
import { withCacheDetails } from './cache-figures.js';

export type BatchImageOutcome =
  | { kind: 'built' | 'failed'; outcome: AttemptOutcome }
  /** Stopped because another target failed: build it again on its own. */
  | { kind: 'unfinished' }
  /** Stopped because the session itself failed (builder gone): an attempt, then again on its own. */
  | { kind: 'interrupted'; outcome: AttemptOutcome };

export interface BakeBatchInput {
  planned: PlannedImage[];
  /** Named contexts pinning FROM references to images outside the batch (e.g. up to date ones). */
  pinned: Map<string, NamedContext[]>;
  cacheFlags: Map<string, CacheFlags>;
  /** Extra `buildx bake` flags (e.g. --provenance=mode=max). */
  extraArgs: string[];
  workDir: string;
  builder: string | undefined;
  env: Record<string, string | undefined>;
  signal: AbortSignal;
  timeoutMs: number | undefined;
  onEvent: RunEventListener;
  redact: (text: string) => string;
}

export async function runBakeBatch(input: BakeBatchInput): Promise<Map<string, BatchImageOutcome>> {
  const inBatch = new Set(input.planned.map((planned) => planned.name));
  const { definition, targets } = toBakeDefinition(
    input.planned.map((planned) => ({
      image: planned.image,
      links: planned.baseImageLinks.filter((link) => inBatch.has(link.image)),
      pinned: input.pinned.get(planned.name) ?? [],
      cache: input.cacheFlags.get(planned.name),
    })),
  );
  const definitionFile = path.join(input.workDir, 'bake.json');
  const metadataFile = path.join(input.workDir, 'bake.metadata.json');
  await writeFile(definitionFile, JSON.stringify(definition, null, 2));
  const imageOf = new Map([...targets].map(([image, target]) => [target, image]));
  const trackers = new Map([...targets.keys()].map((image) => [image, new ProgressTracker()]));
  const demux = new BakeDemultiplexer([...targets.values()]);
  const plainLines: string[] = [];
  // A layer shared by several targets (a common FROM) is pulled once but reported to each of them.
  const layerOwners = new Map<string, string>();
  for (const planned of input.planned) {
    input.onEvent({
      type: 'image-started',
      image: planned.name,
      attempt: 1,
      method: 'buildkit',
      at: Date.now(),
    });
  }
  const reader = new RawjsonReader({
    onPlain: (line) => {
      if (line.trim()) plainLines.push(input.redact(line));
    },
    onStatus: (status) => {
      for (const [target, rawPart] of demux.split(status)) {
        const part = {
          ...rawPart,
          statuses: rawPart.statuses.filter((item) => ownsLayer(layerOwners, item.id, target)),
        };
        const image = imageOf.get(target);
        const tracker = image === undefined ? undefined : trackers.get(image);
        if (image !== undefined && tracker)
          emitTrackerChanges(tracker, tracker.update(part), image, input.onEvent, input.redact);
      }
    },
  });
  const command = getBakeCommand(definitionFile, metadataFile, input.builder, input.extraArgs);
  const result = await exec(command.command, command.args, {
    env: input.env,
    signal: input.signal,
    timeoutMs: input.timeoutMs,
    onStderrLine: (line) => reader.push(line),
  });
  reader.end();
  excludeParentVertexes(input.planned, trackers);
  const outcomeFor = (
    image: string,
    ok: boolean,
    error: ClassifiedError | undefined,
    metadata?: BuildMetadata,
  ): AttemptOutcome => {
    const tracker = trackers.get(image) ?? new ProgressTracker();
    const steps = redactedSteps(tracker, input.redact);
    const details = withCacheDetails(tracker.cacheFigures(), steps, tracker.cacheActivity(), input.redact);
    return {
      ok,
      error,
      steps,
      cache: details.cache,
      digest: metadata?.digest,
      imageId: metadata?.digest,
      buildRef: metadata?.buildRef,
      warnings: [...tracker.warnings().map(input.redact), ...details.warnings],
      durationMs: result.durationMs,
    };
  };
  const outcomes = new Map<string, BatchImageOutcome>();
  if (result.exitCode === 0 && !result.timedOut && !result.cancelled) {
    const metadata = await readBakeMetadata(metadataFile);
    for (const [image, target] of targets) {
      outcomes.set(image, { kind: 'built', outcome: outcomeFor(image, true, undefined, metadata[target]) });
    }
    return outcomes;
  }
  if (result.timedOut || result.cancelled) {
    const error = classifyFailure({ stderr: '', timedOut: result.timedOut, cancelled: result.cancelled });
    for (const image of targets.keys())
      outcomes.set(image, { kind: 'failed', outcome: outcomeFor(image, false, error) });
    return outcomes;
  }
  const ownErrorsOf = (image: string): string[] =>
    (trackers.get(image)?.vertexErrors() ?? []).filter((text) => !/cancel/i.test(text));
  const sessionError = [...targets.keys()].some((image) => ownErrorsOf(image).length > 0)
    ? undefined
    : sessionFailure(plainLines, result.exitCode);
  for (const image of targets.keys()) {
    const tracker = trackers.get(image);
    const ownErrors = ownErrorsOf(image);
    if (sessionError) {
      const error = { ...sessionError, message: input.redact(sessionError.message) };
      outcomes.set(image, { kind: 'interrupted', outcome: outcomeFor(image, false, error) });
      continue;
    }
    if (ownErrors.length === 0) {
      outcomes.set(image, { kind: 'unfinished' });
      continue;
    }
    const error = classifyFailure({
      stderr: plainLines.join('\n'),
      exitCode: result.exitCode,
      vertexErrors: ownErrors,
      logTail: tracker?.logTail(),
    });
    outcomes.set(image, {
      kind: 'failed',
      outcome: outcomeFor(image, false, { ...error, message: input.redact(error.message) }),
    });
  }
  return outcomes;
}

/**
 * A failed batch in which no image has an error of its own failed as a whole: the builder went away
 * (engine killed, connection lost). Each image keeps that as an attempt of its own — the report
 * shows what happened, as in per-image mode — before it is built again alone. Anything else is
 * left to the image-by-image rebuild without an attempt.
 */
export function sessionFailure(
  plainLines: string[],
  exitCode: number | undefined,
): ClassifiedError | undefined {
  const error = classifyFailure({ stderr: plainLines.join('\n'), exitCode });
  if (error.kind !== 'transient' && error.kind !== 'builder-unavailable') return undefined;
  // bake names the target whose stream broke first; the failure is the session's, not that target's
  return { ...error, message: error.message.replace(/^target [^:\s]+: /, '') };
}

async function readBakeMetadata(file: string): Promise<Record<string, BuildMetadata>> {
  try {
    return parseBakeMetadata(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return {};
  }
}

/** Removes from each image's figures the vertexes of the batch images it depends on (transitively). */
function excludeParentVertexes(planned: PlannedImage[], trackers: Map<string, ProgressTracker>): void {
  const own = new Map([...trackers].map(([image, tracker]) => [image, tracker.vertexDigests()]));
  const byName = new Map(planned.map((item) => [item.name, item]));
  const ancestors = (name: string, seen = new Set<string>()): Set<string> => {
    for (const dependency of byName.get(name)?.dependencies ?? []) {
      if (seen.has(dependency) || !byName.has(dependency)) continue;
      seen.add(dependency);
      ancestors(dependency, seen);
    }
    return seen;
  };
  for (const item of planned) {
    const digests = [...ancestors(item.name)].flatMap((ancestor) => [...(own.get(ancestor) ?? [])]);
    trackers.get(item.name)?.excludeVertexes(digests);
  }
}

/** Layer download statuses (`sha256:…`) count for the first target that reports them only. */
function ownsLayer(owners: Map<string, string>, id: string, target: string): boolean {
  if (!id.startsWith('sha256:')) return true;
  const owner = owners.get(id);
  if (owner === undefined) owners.set(id, target);
  return owner === undefined || owner === target;
}
