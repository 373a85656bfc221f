// `imageforge build` as a library call: preflight → plan → schedule builds over the dependency graph
// → publish the whole set or nothing → write the reports. Never exits the process; the CLI maps the
// returned report to an exit code.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig, RetryPolicy } from '../config/types.js';
import type { ImageResult } from '../report/report-types.js';
import { resolvePlan, pinnedContexts, type BuildPlan } from '../plan/plan.js';
import { runPreflight, type PreflightResult } from '../preflight/preflight.js';
import { redactSecrets } from '../report/redact.js';
import { writeRunReports, type WrittenReports } from '../report/write-run-reports.js';
import type { Report } from '../report/report-types.js';
import { createRunCancellation, type RunCancellation } from './cancellation.js';
import type { RunEventListener } from './events.js';
import { runSchedule, type TaskOutcome } from './scheduler.js';
import { buildImageWithRetries } from './image-build.js';
import { runBuildkitAttempt } from './buildkit-attempt.js';
import { prepareLegacyDockerfile, runLegacyAttempt } from './legacy-attempt.js';
import { resolveSecrets } from './secrets.js';
import { builtOrFailedResult, skippedResult } from './image-result.js';
import { publishSet } from './publish-set.js';
import { assembleReport } from './assemble-report.js';
import { createRunId } from './run-id.js';

export interface RunBuildOptions {
  config: ResolvedConfig;
  /** Images to build (with what they need); empty = all. */
  selected?: string[];
  push?: boolean;
  parallel?: number;
  failFast?: boolean;
  legacy?: boolean;
  /** Write the reports exactly here (no `latest` link). */
  reportDir?: string;
  /** Root of per-run directories; default `<project>/.imageforge/runs`. */
  runsDir?: string;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  /** Cancel on SIGINT/SIGTERM (the CLI sets this). */
  handleSignals?: boolean;
  onEvent?: RunEventListener;
  preflight?: PreflightResult;
}

export interface RunBuildResult {
  report: Report;
  files: WrittenReports;
  /** Why the run was cancelled, when it was. */
  cancelReason: 'interrupt' | 'timeout' | 'caller' | 'fail-fast' | undefined;
}

export async function runBuild(options: RunBuildOptions): Promise<RunBuildResult> {
  const startedAt = new Date();
  const runId = createRunId(startedAt);
  const env = options.env ?? process.env;
  const onEvent = options.onEvent ?? (() => undefined);
  const config = options.config;
  const plan = await resolvePlan(config, { selected: options.selected ?? [] });
  const preflight =
    options.preflight ??
    (await runPreflight({ env, builder: config.settings.builder, legacyRequested: options.legacy }));
  const images = plan.order.flatMap((name) => (plan.images[name] ? [plan.images[name].image] : []));
  const secrets = await resolveSecrets(images, env, config.file);
  const redact = (text: string): string => redactSecrets(text, secrets.values);
  const runDir =
    options.reportDir ??
    path.join(options.runsDir ?? path.join(config.projectDir, '.imageforge', 'runs'), runId);
  const workDir = path.join(runDir, 'work');
  await mkdir(workDir, { recursive: true });
  const legacyFiles =
    preflight.method === 'legacy' ? await prepareLegacy(plan, workDir) : new Map<string, PreparedLegacy>();

  const cancellation = createRunCancellation({
    timeoutMs: options.timeoutMs ?? config.settings.timeoutMs,
    parent: options.signal,
    handleSignals: options.handleSignals,
  });
  onEvent({ type: 'run-started', runId, images: plan.order, at: Date.now() });
  for (const warning of preflight.warnings) onEvent({ type: 'warning', message: warning, at: Date.now() });
  const results = new Map<string, ImageResult>();
  try {
    await buildAll({
      plan,
      preflight,
      options,
      env,
      workDir,
      redact,
      cancellation,
      results,
      legacyFiles,
      onEvent,
    });
    if (options.push) await publishSet({ plan, results, env, signal: cancellation.signal, onEvent, redact });
  } finally {
    cancellation.dispose();
  }
  const report = await assembleReport({
    runId,
    plan,
    preflight,
    options,
    startedAt,
    results,
    cancelReason: cancellation.reason(),
    redact,
  });
  const files = await writeRunReports(report, runDir, { updateLatest: options.reportDir === undefined });
  onEvent({ type: 'run-finished', status: report.status, at: Date.now() });
  return { report, files, cancelReason: cancellation.reason() };
}

interface PreparedLegacy {
  dockerfile: string | undefined;
  warnings: string[];
}

/** Refuses BuildKit-only Dockerfiles before anything builds (a config error naming file and line). */
async function prepareLegacy(plan: BuildPlan, workDir: string): Promise<Map<string, PreparedLegacy>> {
  const prepared = new Map<string, PreparedLegacy>();
  for (const name of plan.order) {
    const planned = plan.images[name];
    if (planned) prepared.set(name, await prepareLegacyDockerfile({ image: planned.image, workDir }));
  }
  return prepared;
}

interface BuildAllInput {
  plan: BuildPlan;
  preflight: PreflightResult;
  options: RunBuildOptions;
  env: Record<string, string | undefined>;
  workDir: string;
  redact: (text: string) => string;
  cancellation: RunCancellation;
  results: Map<string, ImageResult>;
  legacyFiles: Map<string, PreparedLegacy>;
  onEvent: RunEventListener;
}

async function buildAll(input: BuildAllInput): Promise<void> {
  const { plan, preflight, options, cancellation, results, onEvent } = input;
  const digests: Record<string, string | undefined> = {};
  for (const name of plan.order) onEvent({ type: 'image-queued', image: name, at: Date.now() });
  const run = async (name: string): Promise<TaskOutcome> => {
    const planned = plan.images[name];
    if (!planned) return 'failed';
    const legacy = input.legacyFiles.get(name);
    const method = preflight.method;
    const outcome = await buildImageWithRetries({
      image: planned.image,
      contexts: method === 'buildkit' ? pinnedContexts(planned, digests) : [],
      workDir: input.workDir,
      builder: plan.config.settings.builder,
      env: input.env,
      signal: cancellation.signal,
      timeoutMs: planned.image.timeoutMs,
      onEvent,
      redact: input.redact,
      method,
      retry: { ...planned.image.retry, ...options.retry },
      runAttempt: (attempt) =>
        method === 'legacy'
          ? runLegacyAttempt({ ...attempt, legacyDockerfile: legacy?.dockerfile })
          : runBuildkitAttempt(attempt),
    });
    const result = builtOrFailedResult(planned, method, outcome, legacy?.warnings ?? []);
    digests[name] = result.digest;
    results.set(name, result);
    onEvent({ type: 'image-finished', image: name, result, at: Date.now() });
    if (result.status === 'failed' && options.failFast) cancellation.cancel('fail-fast');
    return result.status === 'built' ? 'succeeded' : result.status === 'cancelled' ? 'cancelled' : 'failed';
  };
  await runSchedule({
    names: plan.order,
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
