// What the metrics module offers the rest of imageforge: one registry built from the history store
// (plus facts only the live engine knows), rendered for /metrics, a textfile or a Pushgateway.
import type { MetricsSnapshot } from '../history/history-store.js';

/** Histogram buckets of imageforge_build_duration_seconds. */
export const DURATION_BUCKETS_SECONDS = [1, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600];

/** Facts read from the engine at collection time, not from history. */
export interface LiveFacts {
  /** Build cache size per builder (bytes) and the policy's limit. */
  cache?: Array<{ builder: string; bytes: number; limitBytes: number | undefined }>;
  /** Whether each configured builder answers. */
  builders?: Array<{ builder: string; up: boolean }>;
}

export interface RenderedMetrics {
  contentType: string;
  body: string;
}

export type { MetricsSnapshot };
