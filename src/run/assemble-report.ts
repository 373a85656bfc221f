// Assembles report.json from the run's results: per-image entries in plan order, totals, overall
// cache figures over cacheable steps, and the run status (failed if any build or push failed).
import type { CacheFigures, ImageResult, Report } from '../report/report-types.js';
import { REPORT_SCHEMA_VERSION } from '../report/report-types.js';
import type { BuildPlan } from '../plan/plan.js';
import type { PreflightResult } from '../preflight/preflight.js';
import { getGitInfo } from '../config/index.js';
import { VERSION } from '../version.js';
import type { CancelReason } from './cancellation.js';
import type { RunBuildOptions } from './run-build.js';
import { skippedResult } from './image-result.js';

export interface AssembleReportInput {
  runId: string;
  plan: BuildPlan;
  preflight: PreflightResult;
  options: RunBuildOptions;
  startedAt: Date;
  results: Map<string, ImageResult>;
  cancelReason: CancelReason | undefined;
  redact: (text: string) => string;
  timings: Record<string, number>;
  /** Run-level warnings found while running (e.g. cache export impossible on this engine). */
  warnings: string[];
  cacheMaintenance: Report['cacheMaintenance'];
  policy:
    | {
        violations: Array<{ rule: string; message: string }>;
        warnings: Array<{ rule: string; message: string }>;
      }
    | undefined;
}

export async function assembleReport(input: AssembleReportInput): Promise<Report> {
  const { plan, preflight, options } = input;
  const images = plan.order
    .map((name) => {
      const planned = plan.images[name];
      const result = input.results.get(name);
      if (result) return result;
      return planned ? skippedResult(planned, 'not started', input.cancelReason !== undefined) : undefined;
    })
    .filter((result): result is ImageResult => result !== undefined);
  const finishedAt = new Date();
  const git = await getGitInfo(plan.config.projectDir);
  const status = runStatus(images, input.cancelReason);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'imageforge', version: VERSION },
    runId: input.runId,
    status,
    startedAt: input.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - input.startedAt.getTime(),
    configFile: plan.config.file,
    ...(plan.config.profile ? { profile: plan.config.profile } : {}),
    options: {
      push: options.push ?? false,
      parallel: options.parallel ?? plan.config.settings.parallel,
      failFast: options.failFast ?? false,
      legacy: preflight.method === 'legacy',
      selected: plan.requested,
      gates: options.gates ?? true,
    },
    environment: {
      dockerHost: preflight.endpoint.host,
      engineVersion: preflight.engineVersion,
      ...(preflight.buildxVersion ? { buildxVersion: preflight.buildxVersion } : {}),
      ...(preflight.builder ? { builder: preflight.builder.name, driver: preflight.builder.driver } : {}),
      buildkitAvailable: preflight.method === 'buildkit',
    },
    git: {
      ...(git.commit ? { commit: git.commit } : {}),
      ...(git.branch ? { branch: git.branch } : {}),
      ...(git.dirty !== undefined ? { dirty: git.dirty } : {}),
    },
    images,
    summary: {
      built: images.filter((image) => image.status === 'built').length,
      failed: images.filter((image) => image.status === 'failed').length,
      skipped: images.filter((image) => image.status === 'skipped').length,
      cancelled: images.filter((image) => image.status === 'cancelled').length,
      upToDate: images.filter((image) => image.upToDate === true).length,
      cache: totalCache(images),
      ...gateTotals(images),
    },
    ...(input.cancelReason && input.cancelReason !== 'fail-fast'
      ? { error: cancelError(input.cancelReason) }
      : {}),
    timings: input.timings,
    ...(input.cacheMaintenance ? { cacheMaintenance: input.cacheMaintenance } : {}),
    ...(input.policy
      ? {
          policy: {
            name: 'production',
            violations: input.policy.violations.map(({ rule, message }) => ({
              rule,
              message: input.redact(message),
            })),
            warnings: input.policy.warnings.map(({ rule, message }) => ({
              rule,
              message: input.redact(message),
            })),
          },
        }
      : {}),
    warnings: [...preflight.warnings, ...plan.config.warnings, ...input.warnings].map(input.redact),
  };
}

function runStatus(images: ImageResult[], reason: CancelReason | undefined): Report['status'] {
  if (reason === 'interrupt' || reason === 'timeout' || reason === 'caller') return 'cancelled';
  const failed = images.some(
    (image) =>
      image.status === 'failed' || image.push.status === 'failed' || image.gates?.status === 'failed',
  );
  const incomplete = images.some((image) => image.status !== 'built' && image.upToDate !== true);
  return failed || incomplete ? 'failed' : 'succeeded';
}

function gateTotals(images: ImageResult[]): Pick<Report['summary'], 'gates'> {
  const verified = images.filter((image) => image.gates !== undefined);
  if (verified.length === 0) return {};
  const failed = verified.filter((image) => image.gates?.status === 'failed').length;
  return { gates: { passed: verified.length - failed, failed } };
}

function cancelError(reason: CancelReason): Report['error'] {
  if (reason === 'timeout') {
    return {
      code: 'IMAGEFORGE_TIMEOUT',
      kind: 'timeout',
      message: 'the run exceeded its timeout',
      hint: 'raise settings.timeout or --timeout',
    };
  }
  return {
    code: 'IMAGEFORGE_CANCELLED',
    kind: 'cancelled',
    message: reason === 'interrupt' ? 'interrupted by a signal' : 'cancelled by the caller',
  };
}

export function totalCache(images: ImageResult[]): CacheFigures {
  const sum = (pick: (cache: CacheFigures) => number): number =>
    images.reduce((total, image) => total + pick(image.cache), 0);
  const totalSteps = sum((cache) => cache.totalSteps);
  const cachedSteps = sum((cache) => cache.cachedSteps);
  return {
    totalSteps,
    cachedSteps,
    hitRatio: totalSteps === 0 ? 0 : cachedSteps / totalSteps,
    vertexTotal: sum((cache) => cache.vertexTotal),
    vertexCached: sum((cache) => cache.vertexCached),
    cachedStepsMs: sum((cache) => cache.cachedStepsMs ?? 0),
    executedStepsMs: sum((cache) => cache.executedStepsMs ?? 0),
    contextBytes: sum((cache) => cache.contextBytes ?? 0),
    bytesPulled: sum((cache) => cache.bytesPulled ?? 0),
  };
}
