// One rendering of imageforge's metrics, the same text whether it is served on /metrics, written for
// node_exporter's textfile collector or pushed to a Pushgateway.
import type { HistoryStore } from '../history/history-store.js';
import { EXPOSITION_CONTENT_TYPE, formatExposition } from './exposition-format.js';
import { historyFamilies } from './history-families.js';
import { liveFamilies } from './live-families.js';
import {
  DURATION_BUCKETS_SECONDS,
  type LiveFacts,
  type MetricsSnapshot,
  type RenderedMetrics,
} from './metrics-contract.js';

/**
 * Every family is written with its HELP and TYPE lines even when it has no series yet, so a fresh
 * installation already shows what it will export.
 */
export function renderMetrics(snapshot: MetricsSnapshot, live: LiveFacts): RenderedMetrics {
  const families = [...historyFamilies(snapshot), ...liveFamilies(live)];
  return { contentType: EXPOSITION_CONTENT_TYPE, body: formatExposition(families) };
}

/** Reads the history aggregates (with imageforge's duration buckets) and renders them. */
export async function collectMetrics(store: HistoryStore, live: LiveFacts): Promise<RenderedMetrics> {
  const snapshot = await store.metricsSnapshot(DURATION_BUCKETS_SECONDS);
  return renderMetrics(snapshot, live);
}
