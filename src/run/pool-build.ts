// Builds one image on a pool (or on one of several builders): picks a live node that can build its
// platforms, reads parents through the hand-off registry (they may have been built elsewhere),
// pushes its own hand-off tag for its dependents, and moves to another node when its node dies.
import type { Attempt, ImageResult } from '../report/report-types.js';
import type { PlannedImage } from '../plan/plan.js';
import type { NamedContext } from '../buildx/build-command.js';
import { cacheArgs } from '../buildx/cache-flags.js';
import { createDockerClient } from '../docker/docker-client.js';
import { resolveDockerEndpoint } from '../docker/docker-endpoint.js';
import { buildImageWithRetries, type ImageBuildOutcome } from './image-build.js';
import { runBuildkitAttempt } from './buildkit-attempt.js';
import { builtOrFailedResult } from './image-result.js';
import { pushImage } from './push-phase.js';
import type { BuildAllInput } from './build-all.js';
import type { BuildTarget } from './targets/build-target.js';
import type { TargetSet } from './targets/resolve-targets.js';
import type { TargetScheduler } from './targets/target-scheduler.js';

export interface PoolContext {
  targets: TargetSet;
  scheduler: TargetScheduler;
  /** Repository prefix for hand-off tags, e.g. localhost:5000/imageforge-handoff. */
  handoffRegistry: string;
  runId: string;
  /** image → digest of its hand-off tag (pushed). */
  handoffDigests: Map<string, string>;
  /** Images some other image of the plan builds FROM. */
  parents: Set<string>;
}

export function handoffRef(pool: PoolContext, image: string): string {
  return `${pool.handoffRegistry.replace(/\/+$/, '')}/${image}:${pool.runId}`;
}

export async function buildOnPool(
  input: BuildAllInput,
  pool: PoolContext,
  planned: PlannedImage,
  previousAttempts: Attempt[],
): Promise<ImageResult> {
  let attempts = previousAttempts;
  let last: { outcome: ImageBuildOutcome; target: BuildTarget } | undefined;
  const candidates = pool.targets.forImage(planned.name);
  for (;;) {
    const target = pool.scheduler.acquire(candidates, planned.image.platforms);
    if (!target) return noNodeLeft(planned, attempts, last?.outcome);
    const outcome = await buildOn(input, pool, planned, target, attempts).finally(() =>
      pool.scheduler.release(target),
    );
    last = { outcome, target };
    if (outcome.last.ok || !(await nodeDied(target))) break;
    pool.scheduler.markDead(target);
    input.onEvent({
      type: 'warning',
      image: planned.name,
      message: `node ${target.id} is gone; rescheduling`,
      at: Date.now(),
    });
    attempts = outcome.attempts;
  }
  const result = {
    ...builtOrFailedResult(planned, 'buildkit', last.outcome, []),
    builder: last.target.builder,
    ...(last.target.node ? { node: last.target.node } : {}),
  };
  if (result.status === 'built' && result.digest && pool.parents.has(planned.name)) {
    return handOff(input, pool, planned, last.target, result);
  }
  return result;
}

async function buildOn(
  input: BuildAllInput,
  pool: PoolContext,
  planned: PlannedImage,
  target: BuildTarget,
  previousAttempts: Attempt[],
): Promise<ImageBuildOutcome> {
  const image = pool.parents.has(planned.name)
    ? { ...planned.image, tags: [...planned.image.tags, handoffRef(pool, planned.name)] }
    : planned.image;
  return buildImageWithRetries({
    image,
    contexts: handoffContexts(pool, planned),
    cacheArgs: [
      ...cacheArgs(input.cacheFlags.get(planned.name) ?? { from: [], to: [] }),
      ...input.extraBuildArgs,
    ],
    workDir: input.workDir,
    builder: target.builderFlag,
    env: { ...input.env, ...target.env },
    signal: input.cancellation.signal,
    timeoutMs: planned.image.timeoutMs,
    onEvent: input.onEvent,
    redact: input.redact,
    method: 'buildkit',
    retry: { ...planned.image.retry, ...input.options.retry },
    previousAttempts,
    abandon: () => nodeDied(target),
    runAttempt: runBuildkitAttempt,
  });
}

/** Parents are read from the hand-off registry by digest: the node may not have built them. */
function handoffContexts(pool: PoolContext, planned: PlannedImage): NamedContext[] {
  const unique = new Map(planned.baseImageLinks.map((link) => [link.ref, link]));
  return [...unique.values()].flatMap((link) => {
    const digest = pool.handoffDigests.get(link.image);
    return digest
      ? [{ name: link.ref, value: `docker-image://${handoffRef(pool, link.image)}@${digest}` }]
      : [];
  });
}

async function handOff(
  input: BuildAllInput,
  pool: PoolContext,
  planned: PlannedImage,
  target: BuildTarget,
  result: ImageResult,
): Promise<ImageResult> {
  const push = await pushImage({
    image: planned.name,
    tags: [handoffRef(pool, planned.name)],
    retry: planned.image.retry,
    env: { ...input.env, ...target.env },
    signal: input.cancellation.signal,
    timeoutMs: planned.image.timeoutMs,
    onEvent: () => undefined,
    redact: input.redact,
  });
  if (push.status === 'pushed' && result.digest) {
    pool.handoffDigests.set(planned.name, result.digest);
    return result;
  }
  const error = push.attempts.at(-1)?.error;
  return {
    ...result,
    status: 'failed',
    ...(error
      ? { error: { ...error, message: `hand-off to ${pool.handoffRegistry} failed: ${error.message}` } }
      : {}),
  };
}

/** Is the node's engine still there? Bounded: a dead socket answers at once, a hung one in 5 s. */
async function nodeDied(target: BuildTarget): Promise<boolean> {
  try {
    const endpoint = await resolveDockerEndpoint({ ...process.env, ...target.env });
    const client = await createDockerClient(endpoint, 5000);
    await client.ping();
    return false;
  } catch {
    return true;
  }
}

function noNodeLeft(
  planned: PlannedImage,
  attempts: Attempt[],
  last: ImageBuildOutcome | undefined,
): ImageResult {
  const error = {
    code: 'IMAGEFORGE_NO_NODE',
    kind: 'builder-unavailable' as const,
    message: `no live node of the pool can build ${planned.image.platforms.join(', ') || 'this image'}`,
    hint: 'check the pool with `imageforge builder ls`',
  };
  const outcome: ImageBuildOutcome = last ?? {
    last: {
      ok: false,
      error,
      steps: [],
      cache: { totalSteps: 0, cachedSteps: 0, hitRatio: 0, vertexTotal: 0, vertexCached: 0 },
      digest: undefined,
      imageId: undefined,
      buildRef: undefined,
      warnings: [],
      durationMs: 0,
    },
    attempts,
    durationMs: 0,
  };
  return {
    ...builtOrFailedResult(
      planned,
      'buildkit',
      { ...outcome, last: { ...outcome.last, ok: false, error } },
      [],
    ),
    error,
  };
}
