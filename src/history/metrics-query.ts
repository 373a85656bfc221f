// The aggregates behind the Prometheus metrics, over every recorded build (counters never go down
// while history is kept). Counts, sums and duration buckets come from the daily per-label-set
// rollup, so a scrape reads a few thousand rows however many builds are kept; latest-build values
// are index lookups. Label values stay low-cardinality: image, builder, method, status.
import { sql, type Kysely } from 'kysely';
import type { HistoryDatabase } from './history-database.js';
import type { MetricsSnapshot } from './history-store.js';
import { SEVERITIES, type Severity } from '../gates/scan/findings.js';
import { decodeDurations } from './duration-samples.js';
import { compareText, ratio } from './run-records.js';

type Db = Kysely<HistoryDatabase>;
type BuildSeries = MetricsSnapshot['builds'][number];

interface ImageTotals {
  cachedSteps: number;
  executedSteps: number;
  retries: number;
}

export async function queryMetricsSnapshot(
  db: Db,
  bucketsSeconds: readonly number[],
): Promise<MetricsSnapshot> {
  const les = [...new Set(bucketsSeconds)].sort((a, b) => a - b);
  const { builds, totals } = await buildSeries(db, les);
  const images = [...totals.keys()].sort(compareText);
  const latest = await latestPerImage(db, images);
  return {
    builds,
    steps: images.flatMap((image) => {
      const total = totals.get(image);
      return [
        { image, cached: true, count: total?.cachedSteps ?? 0 },
        { image, cached: false, count: total?.executedSteps ?? 0 },
      ];
    }),
    retries: images.map((image) => ({ image, count: totals.get(image)?.retries ?? 0 })),
    cacheHitRatio: latest.cacheHitRatio,
    findings: latest.findings,
    runs: await runsPerStatus(db),
    lastRun: await lastRun(db),
  };
}

/** How many of the sorted values are ≤ limit (upper bound by binary search). */
function countAtMost(sorted: Int32Array, limit: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) <= limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

async function buildSeries(
  db: Db,
  les: number[],
): Promise<{ builds: BuildSeries[]; totals: Map<string, ImageTotals> }> {
  const rows = await db.selectFrom('build_series_days').selectAll().execute();
  const series = new Map<string, BuildSeries>();
  const totals = new Map<string, ImageTotals>();
  for (const row of rows) {
    const key = [row.image, row.builder, row.method, row.status].join('\u0000');
    let entry = series.get(key);
    if (entry === undefined) {
      entry = {
        image: row.image,
        builder: row.builder,
        method: row.method,
        status: row.status,
        count: 0,
        durationSumSeconds: 0,
        buckets: les.map((le) => ({ le, count: 0 })),
      };
      series.set(key, entry);
    }
    entry.count += Number(row.builds);
    entry.durationSumSeconds += Number(row.duration_sum_ms) / 1000;
    const durations = decodeDurations(row.durations);
    for (const bucket of entry.buckets) bucket.count += countAtMost(durations, bucket.le * 1000);
    const total = totals.get(row.image) ?? { cachedSteps: 0, executedSteps: 0, retries: 0 };
    total.cachedSteps += Number(row.cached_steps);
    total.executedSteps += Number(row.total_steps) - Number(row.cached_steps);
    total.retries += Number(row.retries);
    totals.set(row.image, total);
  }
  // sorted here, not in SQL: collations differ between SQLite and PostgreSQL
  const builds = [...series.values()].sort(
    (a, b) =>
      compareText(a.image, b.image) ||
      compareText(a.builder, b.builder) ||
      compareText(a.method, b.method) ||
      compareText(a.status, b.status),
  );
  for (const build of builds) build.durationSumSeconds = Math.round(build.durationSumSeconds * 1000) / 1000;
  return { builds, totals };
}

/** Each image's latest attempted build (hit ratio) and latest scanned build (findings). */
async function latestPerImage(
  db: Db,
  images: string[],
): Promise<Pick<MetricsSnapshot, 'cacheHitRatio' | 'findings'>> {
  const cacheHitRatio: MetricsSnapshot['cacheHitRatio'] = [];
  const findings: MetricsSnapshot['findings'] = [];
  for (const image of images) {
    const built = await db
      .selectFrom('image_builds')
      .select(['cached_steps', 'total_steps'])
      .where('image', '=', image)
      .where('status', '!=', 'skipped')
      .orderBy('started_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (built !== undefined) {
      cacheHitRatio.push({ image, ratio: ratio(Number(built.cached_steps), Number(built.total_steps)) });
    }
    const scanned = await db
      .selectFrom('image_builds')
      .select(['findings_critical', 'findings_high', 'findings_medium', 'findings_low', 'findings_unknown'])
      .where('image', '=', image)
      .where('scanned', '=', 1)
      .orderBy('started_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (scanned === undefined) continue;
    const counts: Record<Severity, number> = {
      CRITICAL: Number(scanned.findings_critical),
      HIGH: Number(scanned.findings_high),
      MEDIUM: Number(scanned.findings_medium),
      LOW: Number(scanned.findings_low),
      UNKNOWN: Number(scanned.findings_unknown),
    };
    for (const severity of SEVERITIES) findings.push({ image, severity, count: counts[severity] });
  }
  return { cacheHitRatio, findings };
}

async function runsPerStatus(db: Db): Promise<MetricsSnapshot['runs']> {
  const totals = await db
    .selectFrom('run_hours')
    .select([
      sql<number | null>`sum(cancelled)`.as('cancelled'),
      sql<number | null>`sum(failed)`.as('failed'),
      sql<number | null>`sum(succeeded)`.as('succeeded'),
    ])
    .executeTakeFirst();
  return (['cancelled', 'failed', 'succeeded'] as const)
    .map((status) => ({ status, count: Number(totals?.[status] ?? 0) }))
    .filter((entry) => entry.count > 0);
}

async function lastRun(db: Db): Promise<MetricsSnapshot['lastRun']> {
  const row = await db
    .selectFrom('runs')
    .select(['finished_at', 'status'])
    .orderBy('started_at', 'desc')
    .orderBy('run_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { timestampSeconds: Number(row.finished_at) / 1000, status: row.status };
}
