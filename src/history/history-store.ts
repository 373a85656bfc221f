// The history store: every run and image build persisted (SQLite by default, PostgreSQL for HA
// setups), queried for `imageforge history`, the dashboard and the Prometheus metrics.
import type { Report } from '../report/report-types.js';
import type { Severity } from '../gates/scan/findings.js';

/** What the host did while a run built (sampled by src/host/host-sampler.ts). */
export interface HostUsage {
  hostname: string;
  samples: number;
  cpuPeakRatio: number; // 0..1 of all cores
  cpuMeanRatio: number;
  memoryPeakBytes: number;
  memoryMeanBytes: number;
  memoryTotalBytes: number;
  /** Disk used at the engine's data root (bytes), peak and mean; undefined when not measurable. */
  diskPeakBytes: number | undefined;
  diskMeanBytes: number | undefined;
  diskTotalBytes: number | undefined;
}

export interface RecordRunInput {
  report: Report;
  host: HostUsage | { hostname: string };
}

export interface RunSummary {
  runId: string;
  status: Report['status'];
  startedAt: string;
  durationMs: number;
  host: string;
  gitBranch: string | undefined;
  gitCommit: string | undefined;
  profile: string | undefined;
  images: number;
  built: number;
  failed: number;
  upToDate: number;
  cacheHitRatio: number;
  gatesFailed: number;
}

export interface ImageBuildRecord {
  image: string;
  status: string;
  method: string | undefined;
  attempts: number;
  durationMs: number;
  cachedSteps: number;
  totalSteps: number;
  hitRatio: number;
  bytesPulled: number | undefined;
  digest: string | undefined;
  builder: string | undefined;
  node: string | undefined;
  pushStatus: string;
  gatesStatus: string | undefined;
  findings: Record<Severity, number>;
  errorCode: string | undefined;
  /** The slowest executed steps (name, ms), longest first. */
  slowestSteps: Array<{ name: string; durationMs: number; cached: boolean }>;
}

export interface RunDetail extends RunSummary {
  finishedAt: string;
  configFile: string;
  builder: string | undefined;
  engineVersion: string | undefined;
  hostUsage: HostUsage | undefined;
  imageBuilds: ImageBuildRecord[];
}

export interface ListRunsQuery {
  limit?: number;
  /** Runs started before this run's start (pagination). */
  before?: string;
  image?: string;
  status?: Report['status'];
  branch?: string;
}

export interface TrendsQuery {
  since?: Date;
  until?: Date;
  image?: string;
  /** Time buckets of the series. Default day. */
  bucket?: 'hour' | 'day';
  /** How many slowest steps / most retried images. Default 10. */
  top?: number;
}

export interface ImageTrend {
  image: string;
  builds: number;
  succeeded: number;
  successRate: number;
  p50DurationMs: number;
  p95DurationMs: number;
  hitRatio: number;
  retries: number;
}

export interface TrendPoint {
  /** Bucket start, ISO 8601. */
  bucket: string;
  builds: number;
  successRate: number;
  p50DurationMs: number;
  hitRatio: number;
}

export interface Trends {
  since: string;
  until: string;
  runs: number;
  successRate: number;
  images: ImageTrend[];
  /** Over the whole selection (or one image): per time bucket. */
  series: TrendPoint[];
  slowestSteps: Array<{
    image: string;
    step: string;
    count: number;
    p50DurationMs: number;
    maxDurationMs: number;
  }>;
  mostRetried: Array<{ image: string; retries: number; builds: number }>;
}

/** Aggregates behind the Prometheus metrics (computed in SQL, label sets low-cardinality). */
export interface MetricsSnapshot {
  builds: Array<{
    image: string;
    builder: string;
    method: string;
    status: string;
    count: number;
    durationSumSeconds: number;
    /** Cumulative count of builds with duration ≤ le seconds, for each bucket asked. */
    buckets: Array<{ le: number; count: number }>;
  }>;
  steps: Array<{ image: string; cached: boolean; count: number }>;
  retries: Array<{ image: string; count: number }>;
  /** Of each image's latest build. */
  cacheHitRatio: Array<{ image: string; ratio: number }>;
  /** Of each image's latest scanned build. */
  findings: Array<{ image: string; severity: Severity; count: number }>;
  runs: Array<{ status: string; count: number }>;
  lastRun: { timestampSeconds: number; status: string } | undefined;
}

export interface RetentionPolicy {
  maxAgeMs: number | undefined;
  maxRuns: number | undefined;
}

export interface HistoryStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Where it lives, credentials removed (for messages). */
  readonly location: string;
  /** Applies pending migrations (safe when several processes start at once). */
  migrate(): Promise<void>;
  /** One transaction: the run, its image builds and their slowest steps. Idempotent per runId. */
  recordRun(input: RecordRunInput): Promise<void>;
  listRuns(query?: ListRunsQuery): Promise<RunSummary[]>;
  getRun(runId: string): Promise<RunDetail | undefined>;
  trends(query?: TrendsQuery): Promise<Trends>;
  metricsSnapshot(durationBucketsSeconds: number[]): Promise<MetricsSnapshot>;
  prune(policy: RetentionPolicy, now?: Date): Promise<{ runsDeleted: number }>;
  close(): Promise<void>;
}
