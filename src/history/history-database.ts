// The history schema as Kysely sees it: one shape for SQLite and PostgreSQL. Timestamps are epoch
// milliseconds (BIGINT/INTEGER) so range queries use plain index comparisons in both; booleans are
// 0/1 integers. The *_hours/*_days tables are rollups of the raw tables (see rollups.ts).

export interface RunsTable {
  run_id: string;
  status: string;
  started_at: number;
  finished_at: number;
  duration_ms: number;
  config_file: string;
  profile: string | null;
  git_commit: string | null;
  git_branch: string | null;
  host: string;
  builder: string | null;
  engine_version: string | null;
  tool_version: string;
  images: number;
  built: number;
  failed: number;
  skipped: number;
  cancelled: number;
  up_to_date: number;
  cached_steps: number;
  total_steps: number;
  gates_failed: number;
  /** HostUsage as JSON; null when the host was not sampled. */
  host_usage: string | null;
}

export interface ImageBuildsTable {
  run_id: string;
  image: string;
  /** The run's start, copied for time-range queries without a join. */
  started_at: number;
  status: string;
  method: string | null;
  attempts: number;
  duration_ms: number;
  cached_steps: number;
  total_steps: number;
  bytes_pulled: number | null;
  digest: string | null;
  builder: string | null;
  node: string | null;
  push_status: string;
  gates_status: string | null;
  /** 1 when a scan gate produced findings counts for this build. */
  scanned: number;
  findings_critical: number;
  findings_high: number;
  findings_medium: number;
  findings_low: number;
  findings_unknown: number;
  error_code: string | null;
}

export interface BuildStepsTable {
  run_id: string;
  image: string;
  started_at: number;
  /** 0 = the slowest step of the image build. */
  position: number;
  name: string;
  duration_ms: number;
  cached: number;
}

/** Runs per hour and outcome: the run counts behind trends and metrics. */
export interface RunHoursTable {
  bucket_start: number;
  runs: number;
  succeeded: number;
  failed: number;
  cancelled: number;
}

/** Attempted (not skipped) image builds per hour (or day) and image. */
export interface ImageBuildBucketsTable {
  bucket_start: number;
  image: string;
  builds: number;
  succeeded: number;
  cached_steps: number;
  total_steps: number;
  retries: number;
  /** Every build duration of the bucket (ms), sorted int32 little-endian: exact percentiles. */
  durations: Uint8Array;
}

/** Executed steps per hour (or day) and image and step name. */
export interface BuildStepBucketsTable {
  bucket_start: number;
  image: string;
  step: string;
  executions: number;
  max_ms: number;
  durations: Uint8Array;
}

/** Every image build (skipped ones too) per day and metric label set: the metrics snapshot. */
export interface BuildSeriesDaysTable {
  bucket_start: number;
  image: string;
  /** `unknown` when the report has none: these are label values. */
  builder: string;
  method: string;
  status: string;
  builds: number;
  duration_sum_ms: number;
  cached_steps: number;
  total_steps: number;
  retries: number;
  durations: Uint8Array;
}

export interface HistoryDatabase {
  runs: RunsTable;
  image_builds: ImageBuildsTable;
  build_steps: BuildStepsTable;
  run_hours: RunHoursTable;
  image_build_hours: ImageBuildBucketsTable;
  image_build_days: ImageBuildBucketsTable;
  build_step_hours: BuildStepBucketsTable;
  build_step_days: BuildStepBucketsTable;
  build_series_days: BuildSeriesDaysTable;
}

export type HistoryKind = 'sqlite' | 'postgres';
