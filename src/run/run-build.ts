// `imageforge build` as a library call: preflight → plan → schedule builds over the dependency graph
// → publish the whole set or nothing → write the reports. Never exits the process; the CLI maps the
// returned report to an exit code.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig, RetryPolicy } from '../config/types.js';
import type { ImageResult, Report } from '../report/report-types.js';
import type { ImageGates } from '../gates/gate-report.js';
import { resolvePlan, type BuildPlan } from '../plan/plan.js';
import { runPreflight, type PreflightResult } from '../preflight/preflight.js';
import { redactSecrets } from '../report/redact.js';
import type { WrittenReports } from '../report/write-run-reports.js';
import { createRunCancellation } from './cancellation.js';
import type { RunEventListener } from './events.js';
import { prepareLegacyDockerfile } from './legacy-attempt.js';
import { resolveSecrets } from './secrets.js';
import { publishSet } from './publish-set.js';
import { assembleReport } from './assemble-report.js';
import { createRunId } from './run-id.js';
import { PhaseTimer } from './phase-timer.js';
import { planRunCache } from './cache-plan.js';
import { enforceBeforeBuild } from './enforce-before-build.js';
import {
  applyProductionBuildSettings,
  auditRun,
  enforceProductionPolicy,
  isProduction,
} from './production-run.js';
import { planTargets } from './targets/plan-targets.js';
import { assertEmulation } from './assert-emulation.js';
import type { ManagedBuilderRunner } from './targets/build-target.js';
import { defaultManagedRunner } from './targets/managed-runner.js';
import { buildAll, type PreparedLegacy } from './build-all.js';
import { checkUpToDate, recordBuilt } from '../incremental/up-to-date.js';
import { createGatePhase } from './gate-phase.js';
import { signPublished } from './sign-phase.js';
import { recordRun } from './record-run.js';
import { startHostSampler } from '../host/host-sampler.js';
import { ImageforgeError } from '../errors/imageforge-error.js';
import { ErrorCode } from '../errors/codes.js';

export interface RunBuildOptions {
  config: ResolvedConfig;
  /** Images to build (with what they need); empty = all. */
  selected?: string[];
  push?: boolean;
  parallel?: number;
  failFast?: boolean;
  legacy?: boolean;
  /** Override settings.batch: build the graph in one bake session first. */
  batch?: boolean;
  /** Build every image even when its inputs did not change (disables incremental skips). */
  force?: boolean;
  /** Run tests, scans and signing (default true); false is refused under the production policy. */
  gates?: boolean;
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
  /** Starts managed builders on demand (default: the built-in runner, see src/builders/managed). */
  managedBuilders?: ManagedBuilderRunner;
}

export interface RunBuildResult {
  report: Report;
  files: WrittenReports;
  /** Why the run was cancelled, when it was. */
  cancelReason: 'interrupt' | 'timeout' | 'caller' | 'fail-fast' | undefined;
}

export async function runBuild(options: RunBuildOptions): Promise<RunBuildResult> {
  const startedAt = new Date();
  const timings = new PhaseTimer();
  const runId = createRunId(startedAt);
  const baseEnv = options.env ?? process.env;
  const onEvent = options.onEvent ?? (() => undefined);
  const config = options.config;
  const plan = await resolvePlan(config, { selected: options.selected ?? [] });
  if (options.gates === false && config.settings.policy === 'production') {
    throw new ImageforgeError('--no-gates is not allowed under the production policy', {
      code: ErrorCode.Usage,
      category: 'usage',
      hint: 'production images are always tested and scanned before they are published; drop --no-gates',
    });
  }
  timings.mark('planMs');
  const legacyWanted = options.legacy === true || baseEnv.DOCKER_BUILDKIT === '0';
  const runTargets = legacyWanted
    ? undefined
    : await planTargets(plan, options.managedBuilders ?? defaultManagedRunner(config, baseEnv), runId);
  // one target: its engine is the run's engine; several: each build picks its own (pool-build.ts)
  const env = { ...baseEnv, ...(runTargets?.single?.env ?? runTargets?.targets.all()[0]?.env) };
  const builderFlag = runTargets?.single?.builderFlag;
  const preflight =
    options.preflight ?? (await runPreflight({ env, builder: builderFlag, legacyRequested: options.legacy }));
  const images = plan.order.flatMap((name) => (plan.images[name] ? [plan.images[name].image] : []));
  await assertEmulation(images, preflight);
  const hostSampler = startHostSampler({ dataRoot: preflight.dataRoot });
  timings.mark('preflightMs');
  const secrets = await resolveSecrets(images, env, config.file);
  const redact = (text: string): string => redactSecrets(text, secrets.values);
  const policy = isProduction(plan) ? await enforceProductionPolicy(plan, runId, redact) : undefined;
  const extraBuildArgs = policy ? applyProductionBuildSettings(plan) : [];
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
  const cachePlan =
    preflight.method === 'buildkit'
      ? await planRunCache(plan, preflight, env)
      : { flags: new Map(), warnings: [] };
  for (const warning of cachePlan.warnings) onEvent({ type: 'warning', message: warning, at: Date.now() });
  const cacheMaintenance = await enforceBeforeBuild(config.settings.cache, preflight, env);
  if (cacheMaintenance) {
    onEvent({ type: 'warning', message: `cache policy: ${cacheMaintenance.reason}`, at: Date.now() });
  }
  const incremental = await checkUpToDate(plan, {
    projectDir: config.projectDir,
    endpoint: preflight.endpoint.host,
    client: preflight.client,
    force: options.force ?? false,
    // results kept in the engine's own image store (docker driver) can be checked; others cannot
    eligible: preflight.method === 'buildkit' && preflight.builder?.driver === 'docker' && !runTargets?.pool,
  });
  const results = new Map<string, ImageResult>();
  const gates =
    options.gates === false
      ? undefined
      : createGatePhase({
          config,
          runId,
          runDir,
          env,
          dockerHost: preflight.endpoint.host,
          signal: cancellation.signal,
          onEvent,
        });
  const onBuildEvent: RunEventListener = (event) => {
    onEvent(event);
    if (event.type === 'image-finished') {
      // on a pool, the image lives on the node that built it
      const node = runTargets?.pool?.targets
        .all()
        .find((target) => target.builder === event.result.builder && target.node === event.result.node);
      gates?.submit(event.result, node?.env.DOCKER_HOST);
    }
  };
  // The report writers (XML, YAML) load while BuildKit works instead of before it starts.
  const reportWriters = import('../report/write-run-reports.js');
  try {
    timings.mark('checkMs');
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
      incremental,
      cacheFlags: cachePlan.flags,
      builderFlag,
      extraBuildArgs,
      pool: runTargets?.pool,
      onEvent: onBuildEvent,
    });
    timings.mark('buildMs');
    await recordBuilt(plan, results, incremental, runId);
    if (gates) {
      for (const [name, verified] of await gates.settle()) {
        const result = results.get(name);
        if (result) results.set(name, withGates(result, verified));
      }
      timings.mark('gatesMs');
    }
    if (options.push) {
      await publishSet({ plan, results, env, signal: cancellation.signal, onEvent, redact });
      if (options.gates !== false) {
        await signPublished({
          config,
          results,
          order: plan.order,
          env,
          signal: cancellation.signal,
          onEvent,
        });
      }
    }
    timings.mark('publishMs');
  } finally {
    cancellation.dispose();
  }
  const report = await assembleReport({
    timings: timings.done(),
    warnings: cachePlan.warnings,
    cacheMaintenance,
    policy,
    runId,
    plan,
    preflight,
    options,
    startedAt,
    results,
    cancelReason: cancellation.reason(),
    redact,
  });
  if (policy) await auditRun(plan, report, policy, redact);
  const host = await hostSampler.stop();
  const { writeRunReports } = await reportWriters;
  const [files, historyWarnings] = await Promise.all([
    writeRunReports(report, runDir, { updateLatest: options.reportDir === undefined }),
    recordRun({ config, report, host, redact }),
  ]);
  for (const message of historyWarnings) onEvent({ type: 'warning', message, at: Date.now() });
  onEvent({ type: 'run-finished', status: report.status, at: Date.now() });
  return { report, files, cancelReason: cancellation.reason() };
}

/** A scanner that could not look (and does not block) is a warning, so "passed" is never silent about it. */
function withGates(result: ImageResult, gates: ImageGates): ImageResult {
  const unchecked = (gates.scans ?? []).filter(
    (scan) => scan.status === 'error' && scan.blocksOnError !== true,
  );
  const warnings = unchecked.map(
    (scan) => `${scan.kind} not checked: ${scan.error?.message ?? scan.summary}`,
  );
  return { ...result, gates, warnings: [...result.warnings, ...warnings] };
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
