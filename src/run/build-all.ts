// Schedules the builds of a plan: first the whole graph as one bake session (when enabled), then
// whatever is left one image at a time over the dependency graph, with retries and isolation.
import type { Attempt, ImageResult } from '../report/report-types.js';
import { pinnedContexts, type BuildPlan } from '../plan/plan.js';
import type { PreflightResult } from '../preflight/preflight.js';
import { engineSupports, requiredEngineVersion } from '../docker/engine-features.js';
import type { RunCancellation } from './cancellation.js';
import type { RunEventListener } from './events.js';
import { runSchedule, type TaskOutcome } from './scheduler.js';
import { buildImageWithRetries } from './image-build.js';
import { runBuildkitAttempt } from './buildkit-attempt.js';
import { runLegacyAttempt } from './legacy-attempt.js';
import { builtOrFailedResult, skippedResult, upToDateResult } from './image-result.js';
import type { IncrementalContext } from '../incremental/up-to-date.js';
import { cacheArgs, type CacheFlags } from '../buildx/cache-flags.js';
import { runBakeBatch } from './bake-batch.js';
import type { RunBuildOptions } from './run-build.js';
import { buildOnPool, type PoolContext } from './pool-build.js';

export interface PreparedLegacy {
  dockerfile: string | undefined;
  warnings: string[];
}

export interface BuildAllInput {
  plan: BuildPlan;
  preflight: PreflightResult;
  options: RunBuildOptions;
  env: Record<string, string | undefined>;
  workDir: string;
  redact: (text: string) => string;
  cancellation: RunCancellation;
  results: Map<string, ImageResult>;
  legacyFiles: Map<string, PreparedLegacy>;
  incremental: IncrementalContext;
  cacheFlags: Map<string, CacheFlags>;
  /** --builder for the single target of a run; pools and mixed builders use `pool` instead. */
  builderFlag: string | undefined;
  /** Flags every build gets (e.g. production provenance). */
  extraBuildArgs: string[];
  pool: PoolContext | undefined;
  onEvent: RunEventListener;
}

export async function buildAll(input: BuildAllInput): Promise<void> {
  const { plan, options, cancellation, results, onEvent } = input;
  const digests: Record<string, string | undefined> = {};
  for (const name of plan.order) onEvent({ type: 'image-queued', image: name, at: Date.now() });
  const links = plan.order.some((name) => (plan.images[name]?.baseImageLinks.length ?? 0) > 0);
  if (links && input.preflight.method === 'buildkit' && !pinsByDigest(input.preflight)) {
    const message = `Docker Engine ${input.preflight.engineVersion} cannot find a loaded image by digest (needs ${requiredEngineVersion('localDigestLookup')}): dependents use their dependency's tag, not pinned to its digest`;
    onEvent({ type: 'warning', message, at: Date.now() });
  }
  const upToDate: Record<string, TaskOutcome> = {};
  for (const [name, state] of input.incremental.upToDate) {
    const planned = plan.images[name];
    if (!planned) continue;
    digests[name] = state.imageId;
    upToDate[name] = finishImage(input, upToDateResult(planned, state.imageId));
  }
  const toBuild = plan.order.filter((name) => upToDate[name] === undefined);
  const batch: BatchResult =
    useBatch(input, toBuild.length) && !cancellation.signal.aborted
      ? await buildBatch(input, toBuild, digests)
      : { completed: {}, previousAttempts: new Map() };
  batch.completed = { ...upToDate, ...batch.completed };
  const run = (name: string): Promise<TaskOutcome> =>
    buildOne(input, name, digests, batch.previousAttempts.get(name) ?? []);
  await runSchedule({
    names: plan.order.filter((name) => batch.completed[name] === undefined),
    completed: batch.completed,
    dependencies: Object.fromEntries(plan.order.map((name) => [name, plan.images[name]?.dependencies ?? []])),
    parallel: options.parallel ?? plan.config.settings.parallel,
    failFast: options.failFast ?? false,
    signal: cancellation.signal,
    run,
    onSkip: (name, reason) => {
      const planned = plan.images[name];
      if (!planned) return;
      const cancelled = cancellation.signal.aborted && cancellation.reason() !== 'fail-fast';
      const result = skippedResult(planned, reason, cancelled);
      results.set(name, result);
      onEvent({ type: 'image-finished', image: name, result, at: Date.now() });
    },
  });
}

function useBatch(input: BuildAllInput, images: number): boolean {
  const enabled = input.options.batch ?? input.plan.config.settings.batch;
  return enabled && input.preflight.method === 'buildkit' && images > 1 && input.pool === undefined;
}

function finishImage(input: BuildAllInput, result: ImageResult): TaskOutcome {
  input.results.set(result.name, result);
  input.onEvent({ type: 'image-finished', image: result.name, result, at: Date.now() });
  if (result.status === 'failed' && input.options.failFast) input.cancellation.cancel('fail-fast');
  if (result.status === 'built' || result.upToDate === true) return 'succeeded';
  return result.status === 'cancelled' ? 'cancelled' : 'failed';
}

async function buildOne(
  input: BuildAllInput,
  name: string,
  digests: Record<string, string | undefined>,
  previousAttempts: Attempt[],
): Promise<TaskOutcome> {
  const { plan, preflight, options, cancellation } = input;
  const planned = plan.images[name];
  if (!planned) return 'failed';
  if (input.pool) return finishImage(input, await buildOnPool(input, input.pool, planned, previousAttempts));
  const legacy = input.legacyFiles.get(name);
  const method = preflight.method;
  const outcome = await buildImageWithRetries({
    image: planned.image,
    contexts:
      method === 'buildkit' ? pinnedContexts(planned, digests, { byDigest: pinsByDigest(preflight) }) : [],
    cacheArgs:
      method === 'buildkit'
        ? [...cacheArgs(input.cacheFlags.get(name) ?? { from: [], to: [] }), ...input.extraBuildArgs]
        : [],
    workDir: input.workDir,
    builder: input.builderFlag,
    env: input.env,
    signal: cancellation.signal,
    timeoutMs: planned.image.timeoutMs,
    onEvent: input.onEvent,
    redact: input.redact,
    method,
    retry: { ...planned.image.retry, ...options.retry },
    previousAttempts,
    runAttempt: (attempt) =>
      method === 'legacy'
        ? runLegacyAttempt({ ...attempt, legacyDockerfile: legacy?.dockerfile })
        : runBuildkitAttempt(attempt),
  });
  const result = builtOrFailedResult(planned, method, outcome, legacy?.warnings ?? []);
  digests[name] = result.digest;
  return finishImage(input, result);
}

/**
 * One bake session for the whole graph. Images it built are done; an image whose failure is
 * transient goes on to be retried alone; what the failure cancelled is rebuilt alone.
 */
interface BatchResult {
  completed: Record<string, TaskOutcome>;
  previousAttempts: Map<string, Attempt[]>;
}

async function buildBatch(
  input: BuildAllInput,
  names: string[],
  digests: Record<string, string | undefined>,
): Promise<BatchResult> {
  const { plan } = input;
  const planned = names.flatMap((name) => (plan.images[name] ? [plan.images[name]] : []));
  const inBatch = new Set(names);
  const pinned = new Map(
    planned.map((item) => [
      item.name,
      pinnedContexts(
        { ...item, baseImageLinks: item.baseImageLinks.filter((link) => !inBatch.has(link.image)) },
        digests,
        { byDigest: pinsByDigest(input.preflight) },
      ),
    ]),
  );
  const timeouts = planned.map((item) => item.image.timeoutMs);
  const startedAt = new Date().toISOString();
  const outcomes = await runBakeBatch({
    planned,
    pinned,
    cacheFlags: input.cacheFlags,
    extraArgs: input.extraBuildArgs,
    workDir: input.workDir,
    builder: input.builderFlag,
    env: input.env,
    signal: input.cancellation.signal,
    timeoutMs: timeouts.every((value) => value !== undefined) ? Math.max(...timeouts) : undefined,
    onEvent: input.onEvent,
    redact: input.redact,
  });
  const completed: Record<string, TaskOutcome> = {};
  const previousAttempts = new Map<string, Attempt[]>();
  for (const item of planned) {
    const batch = outcomes.get(item.name);
    if (!batch || batch.kind === 'unfinished') continue;
    const { outcome } = batch;
    const attempt: Attempt = {
      number: 1,
      outcome: outcome.ok ? 'succeeded' : outcome.error?.kind === 'cancelled' ? 'cancelled' : 'failed',
      startedAt,
      durationMs: Math.round(outcome.durationMs),
      ...(outcome.error ? { error: outcome.error } : {}),
    };
    const retry = { ...item.image.retry, ...input.options.retry };
    if (batch.kind === 'interrupted' || (outcome.error?.kind === 'transient' && retry.attempts > 1)) {
      previousAttempts.set(item.name, [attempt]);
      continue;
    }
    const result = builtOrFailedResult(
      item,
      'buildkit',
      { last: outcome, attempts: [attempt], durationMs: outcome.durationMs },
      [],
    );
    digests[item.name] = result.digest;
    completed[item.name] = finishImage(input, result);
  }
  return { completed, previousAttempts };
}

/** The docker driver on an older engine looks digest-named images up in the registry only. */
function pinsByDigest(preflight: PreflightResult): boolean {
  return (
    preflight.builder?.driver !== 'docker' || engineSupports(preflight.engineVersion, 'localDigestLookup')
  );
}
