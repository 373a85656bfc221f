// The metric families computed from the history store's aggregates. Labels stay low-cardinality
// (image, builder, method, status, cached, severity): never run ids or digests, which would create a
// new series per run.
//
// The counters are cumulative totals over the runs the store still holds, not increments since the
// last scrape: they only go down when retention prunes old runs, which Prometheus treats as a
// counter reset (rate() and increase() stay correct).
import type { MetricsSnapshot } from './metrics-contract.js';
import type { MetricFamily, Sample } from './exposition-format.js';

type BuildRow = MetricsSnapshot['builds'][number];

export function historyFamilies(snapshot: MetricsSnapshot): MetricFamily[] {
  return [
    buildDurationFamily(snapshot.builds),
    buildsFamily(snapshot.builds),
    {
      name: 'imageforge_build_cache_hit_ratio',
      help: 'Share of build steps served from cache (0..1) in the latest build of each image.',
      type: 'gauge',
      samples: snapshot.cacheHitRatio.map((row) => ({ labels: { image: row.image }, value: row.ratio })),
    },
    {
      name: 'imageforge_build_steps_total',
      help: 'Build steps executed, by whether the cache served them.',
      type: 'counter',
      samples: snapshot.steps.map((row) => ({
        labels: { image: row.image, cached: String(row.cached) },
        value: row.count,
      })),
    },
    {
      name: 'imageforge_build_retries_total',
      help: 'Build attempts beyond the first (retries after transient failures).',
      type: 'counter',
      samples: snapshot.retries.map((row) => ({ labels: { image: row.image }, value: row.count })),
    },
    {
      name: 'imageforge_scan_findings',
      help: 'Vulnerability and secret findings in the latest scanned build of each image.',
      type: 'gauge',
      samples: snapshot.findings.map((row) => ({
        labels: { image: row.image, severity: row.severity },
        value: row.count,
      })),
    },
    ...runFamilies(snapshot),
  ];
}

function buildDurationFamily(builds: BuildRow[]): MetricFamily {
  return {
    name: 'imageforge_build_duration_seconds',
    help: 'Duration of image builds, all attempts included.',
    type: 'histogram',
    samples: builds.flatMap(histogramSamples),
  };
}

/** Cumulative `_bucket` lines in ascending `le`, the `+Inf` bucket (= count), `_sum` and `_count`. */
function histogramSamples(row: BuildRow): Sample[] {
  const labels = buildLabels(row);
  const buckets = [...row.buckets].sort((a, b) => a.le - b.le);
  return [
    ...buckets.map((bucket): Sample => ({
      suffix: '_bucket',
      labels: { ...labels, le: String(bucket.le) },
      value: bucket.count,
    })),
    { suffix: '_bucket', labels: { ...labels, le: '+Inf' }, value: row.count },
    { suffix: '_sum', labels, value: row.durationSumSeconds },
    { suffix: '_count', labels, value: row.count },
  ];
}

/**
 * Statuses written as 0 when an image has none yet: rate() needs a series before its first increase,
 * or an image's first failure would never count towards the failure-rate alert.
 */
const ALWAYS_PRESENT_BUILD_STATUSES = ['built', 'failed'];
const ALWAYS_PRESENT_RUN_STATUSES = ['succeeded', 'failed', 'cancelled'];

function buildsFamily(builds: BuildRow[]): MetricFamily {
  const counts = new Map<string, Sample>();
  for (const row of builds) {
    for (const status of ALWAYS_PRESENT_BUILD_STATUSES) {
      const labels = buildLabels({ ...row, status });
      counts.set(JSON.stringify(labels), { labels, value: 0 });
    }
  }
  for (const row of builds)
    counts.set(JSON.stringify(buildLabels(row)), { labels: buildLabels(row), value: row.count });
  return {
    name: 'imageforge_builds_total',
    help: 'Image builds recorded in history, by outcome.',
    type: 'counter',
    samples: [...counts.values()],
  };
}

function buildLabels(row: BuildRow): Record<string, string> {
  return { image: row.image, builder: row.builder, method: row.method, status: row.status };
}

function runFamilies(snapshot: MetricsSnapshot): MetricFamily[] {
  const lastRun = snapshot.lastRun;
  return [
    {
      name: 'imageforge_runs_total',
      help: 'imageforge runs recorded in history, by outcome.',
      type: 'counter',
      samples: withZeros(snapshot.runs, ALWAYS_PRESENT_RUN_STATUSES).map((row) => ({
        labels: { status: row.status },
        value: row.count,
      })),
    },
    {
      name: 'imageforge_last_run_timestamp_seconds',
      help: 'When the latest recorded run happened (Unix seconds).',
      type: 'gauge',
      samples: lastRun ? [{ labels: {}, value: lastRun.timestampSeconds }] : [],
    },
    {
      name: 'imageforge_last_run_success',
      help: 'Whether the latest run succeeded (1) or not (0).',
      type: 'gauge',
      samples: lastRun ? [{ labels: {}, value: lastRun.status === 'succeeded' ? 1 : 0 }] : [],
    },
  ];
}

function withZeros(runs: MetricsSnapshot['runs'], statuses: string[]): MetricsSnapshot['runs'] {
  const missing = statuses.filter((status) => !runs.some((row) => row.status === status));
  return [...runs, ...missing.map((status) => ({ status, count: 0 }))];
}
