// What one run becomes in the history tables: the run row, one row per image, and each image's
// slowest executed steps. Pure, so the mapping is tested without a database. Only fields of the
// (already redacted) report are stored: no build args, no secrets, no logs.
import type { ImageResult, Report } from '../report/report-types.js';
import type { BuildStepsTable, ImageBuildsTable, RunsTable } from './history-database.js';
import type { RecordRunInput } from './history-store.js';
import { toDurationMs } from './duration-samples.js';
import { toEpochMs } from './time-buckets.js';

/** Steps kept per image build: enough for "where does the time go" without storing every vertex. */
export const SLOWEST_STEPS_KEPT = 10;
/** Step names are Dockerfile lines; long RUN commands are cut so they fit index keys everywhere. */
export const STEP_NAME_MAX = 200;

export interface RunRows {
  run: RunsTable;
  imageBuilds: ImageBuildsTable[];
  steps: BuildStepsTable[];
}

export function toRunRows(input: RecordRunInput): RunRows {
  const { report } = input;
  const startedAt = toEpochMs(report.startedAt);
  if (!Number.isFinite(startedAt))
    throw new Error(`run ${report.runId}: startedAt "${report.startedAt}" is not a date`);
  const finishedAt = toEpochMs(report.finishedAt);
  return {
    run: toRunRow(input, startedAt, Number.isFinite(finishedAt) ? finishedAt : startedAt + report.durationMs),
    imageBuilds: report.images.map((image) => toImageBuildRow(report, image, startedAt)),
    steps: report.images.flatMap((image) => toStepRows(report.runId, image, startedAt)),
  };
}

function toRunRow(input: RecordRunInput, startedAt: number, finishedAt: number): RunsTable {
  const { report, host } = input;
  const { summary } = report;
  return {
    run_id: report.runId,
    status: report.status,
    started_at: startedAt,
    finished_at: finishedAt,
    duration_ms: Math.round(report.durationMs),
    config_file: report.configFile,
    profile: report.profile ?? null,
    git_commit: report.git.commit ?? null,
    git_branch: report.git.branch ?? null,
    host: host.hostname,
    builder: report.environment.builder ?? null,
    engine_version: report.environment.engineVersion ?? null,
    tool_version: report.tool.version,
    images: report.images.length,
    built: summary.built,
    failed: summary.failed,
    skipped: summary.skipped,
    cancelled: summary.cancelled,
    up_to_date: summary.upToDate,
    cached_steps: summary.cache.cachedSteps,
    total_steps: summary.cache.totalSteps,
    gates_failed: summary.gates?.failed ?? 0,
    host_usage: 'samples' in host ? JSON.stringify(host) : null,
  };
}

function toImageBuildRow(report: Report, image: ImageResult, startedAt: number): ImageBuildsTable {
  const findings = countFindings(image);
  return {
    run_id: report.runId,
    image: image.name,
    started_at: startedAt,
    status: image.status,
    method: image.method ?? null,
    attempts: image.attempts.length,
    duration_ms: toDurationMs(image.durationMs),
    cached_steps: image.cache.cachedSteps,
    total_steps: image.cache.totalSteps,
    bytes_pulled: image.cache.bytesPulled ?? null,
    digest: image.digest ?? null,
    builder: image.builder ?? null,
    node: image.node ?? null,
    push_status: image.push.status,
    gates_status: image.gates?.status ?? null,
    scanned: findings === undefined ? 0 : 1,
    findings_critical: findings?.CRITICAL ?? 0,
    findings_high: findings?.HIGH ?? 0,
    findings_medium: findings?.MEDIUM ?? 0,
    findings_low: findings?.LOW ?? 0,
    findings_unknown: findings?.UNKNOWN ?? 0,
    error_code: image.error?.code ?? null,
  };
}

/** Findings per severity over the scans that ran (vulnerabilities and secrets); undefined when none did. */
function countFindings(image: ImageResult): Record<string, number> | undefined {
  const scans = (image.gates?.scans ?? []).filter((scan) => scan.error === undefined);
  if (scans.length === 0) return undefined;
  const totals: Record<string, number> = {};
  for (const scan of scans) {
    for (const [severity, count] of Object.entries(scan.counts)) {
      totals[severity] = (totals[severity] ?? 0) + (count ?? 0);
    }
  }
  return totals;
}

/** The slowest steps BuildKit executed (not served from cache), longest first. */
function toStepRows(runId: string, image: ImageResult, startedAt: number): BuildStepsTable[] {
  return image.steps
    .filter((step) => !step.cached && step.durationMs !== undefined)
    .sort((a, b) => (b.durationMs ?? 0) - (a.durationMs ?? 0))
    .slice(0, SLOWEST_STEPS_KEPT)
    .map((step, position) => ({
      run_id: runId,
      image: image.name,
      started_at: startedAt,
      position,
      name: step.name.length > STEP_NAME_MAX ? `${step.name.slice(0, STEP_NAME_MAX - 1)}…` : step.name,
      duration_ms: toDurationMs(step.durationMs ?? 0),
      cached: step.cached ? 1 : 0,
    }));
}
