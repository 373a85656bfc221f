// Rows read back into the store's public shapes. Database values are a boundary: numbers may come as
// strings from some drivers and host_usage is JSON text, so both are checked rather than cast.
import { z } from 'zod';
import type { Selectable } from 'kysely';
import type { BuildStepsTable, ImageBuildsTable, RunsTable } from './history-database.js';
import type { HostUsage, ImageBuildRecord, RunDetail, RunSummary } from './history-store.js';
import type { Report } from '../report/report-types.js';
import { runStatusSchema } from '../report/report-types.js';
import { toIso } from './time-buckets.js';

const hostUsageSchema = z.object({
  hostname: z.string(),
  samples: z.number(),
  cpuPeakRatio: z.number(),
  cpuMeanRatio: z.number(),
  memoryPeakBytes: z.number(),
  memoryMeanBytes: z.number(),
  memoryTotalBytes: z.number(),
  diskPeakBytes: z.number().optional(),
  diskMeanBytes: z.number().optional(),
  diskTotalBytes: z.number().optional(),
});

/** Code-point order: the same in every database and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

function optional(value: string | null): string | undefined {
  return value ?? undefined;
}

function runStatus(value: string): Report['status'] {
  const parsed = runStatusSchema.safeParse(value);
  return parsed.success ? parsed.data : 'failed';
}

export function toRunSummary(row: Selectable<RunsTable>): RunSummary {
  return {
    runId: row.run_id,
    status: runStatus(row.status),
    startedAt: toIso(Number(row.started_at)),
    durationMs: Number(row.duration_ms),
    host: row.host,
    gitBranch: optional(row.git_branch),
    gitCommit: optional(row.git_commit),
    profile: optional(row.profile),
    images: Number(row.images),
    built: Number(row.built),
    failed: Number(row.failed),
    upToDate: Number(row.up_to_date),
    cacheHitRatio: ratio(Number(row.cached_steps), Number(row.total_steps)),
    gatesFailed: Number(row.gates_failed),
  };
}

export function toRunDetail(
  row: Selectable<RunsTable>,
  builds: Selectable<ImageBuildsTable>[],
  steps: Selectable<BuildStepsTable>[],
): RunDetail {
  return {
    ...toRunSummary(row),
    finishedAt: toIso(Number(row.finished_at)),
    configFile: row.config_file,
    builder: optional(row.builder),
    engineVersion: optional(row.engine_version),
    hostUsage: parseHostUsage(row.host_usage),
    imageBuilds: [...builds]
      .sort((a, b) => compareText(a.image, b.image))
      .map((build) =>
        toImageBuildRecord(
          build,
          steps.filter((step) => step.image === build.image),
        ),
      ),
  };
}

function parseHostUsage(json: string | null): HostUsage | undefined {
  if (json === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = hostUsageSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { diskPeakBytes, diskMeanBytes, diskTotalBytes, ...rest } = parsed.data;
  return { ...rest, diskPeakBytes, diskMeanBytes, diskTotalBytes };
}

function toImageBuildRecord(
  build: Selectable<ImageBuildsTable>,
  steps: Selectable<BuildStepsTable>[],
): ImageBuildRecord {
  const cachedSteps = Number(build.cached_steps);
  const totalSteps = Number(build.total_steps);
  return {
    image: build.image,
    status: build.status,
    method: optional(build.method),
    attempts: Number(build.attempts),
    durationMs: Number(build.duration_ms),
    cachedSteps,
    totalSteps,
    hitRatio: ratio(cachedSteps, totalSteps),
    bytesPulled: build.bytes_pulled === null ? undefined : Number(build.bytes_pulled),
    digest: optional(build.digest),
    builder: optional(build.builder),
    node: optional(build.node),
    pushStatus: build.push_status,
    gatesStatus: optional(build.gates_status),
    findings: {
      CRITICAL: Number(build.findings_critical),
      HIGH: Number(build.findings_high),
      MEDIUM: Number(build.findings_medium),
      LOW: Number(build.findings_low),
      UNKNOWN: Number(build.findings_unknown),
    },
    errorCode: optional(build.error_code),
    slowestSteps: [...steps]
      .sort((a, b) => Number(a.position) - Number(b.position))
      .map((step) => ({
        name: step.name,
        durationMs: Number(step.duration_ms),
        cached: Number(step.cached) === 1,
      })),
  };
}
