// Trends over a time window, answered from the hourly/daily rollups only: however many runs are
// kept, a 30-day window reads a few hundred rows. Percentiles are exact (every duration is in the
// rollups). The window is widened to whole hours; Trends.since/until report the window used.
import type { Kysely, Selectable } from 'kysely';
import type { HistoryDatabase, ImageBuildBucketsTable } from './history-database.js';
import type { ImageTrend, TrendPoint, Trends, TrendsQuery } from './history-store.js';
import { DurationCollector } from './duration-samples.js';
import { percentileCont } from './percentile.js';
import { compareText, ratio } from './run-records.js';
import { slowestSteps } from './slowest-steps-query.js';
import { DAY_MS, HOUR_MS, ceilTo, floorTo, splitWindow, toIso, type WindowParts } from './time-buckets.js';

export const DEFAULT_TRENDS_WINDOW_MS = 30 * DAY_MS;
export const DEFAULT_TRENDS_TOP = 10;

export interface TrendsWindow {
  sinceMs: number;
  /** Exclusive. */
  untilMs: number;
}

interface Tally {
  builds: number;
  succeeded: number;
  cachedSteps: number;
  totalSteps: number;
  retries: number;
  durations: DurationCollector;
}

export function resolveTrendsWindow(query: TrendsQuery, nowMs: number): TrendsWindow {
  const untilMs = ceilTo(query.until?.getTime() ?? nowMs, HOUR_MS);
  const sinceMs = floorTo(query.since?.getTime() ?? untilMs - DEFAULT_TRENDS_WINDOW_MS, HOUR_MS);
  return { sinceMs: Math.min(sinceMs, untilMs), untilMs };
}

export async function queryTrends(
  db: Kysely<HistoryDatabase>,
  query: TrendsQuery,
  nowMs: number,
): Promise<Trends> {
  const window = resolveTrendsWindow(query, nowMs);
  const top = query.top ?? DEFAULT_TRENDS_TOP;
  const bucketSize = query.bucket === 'hour' ? HOUR_MS : DAY_MS;
  const rows = await imageBuckets(db, window, query);
  const perImage = new Map<string, Tally>();
  const perBucket = new Map<number, Tally>();
  for (const row of rows) {
    const bucket = floorTo(Number(row.bucket_start), bucketSize);
    for (const tally of [tallyOf(perImage, row.image), tallyOf(perBucket, bucket)]) {
      tally.builds += Number(row.builds);
      tally.succeeded += Number(row.succeeded);
      tally.cachedSteps += Number(row.cached_steps);
      tally.totalSteps += Number(row.total_steps);
      tally.retries += Number(row.retries);
      tally.durations.add(row.durations);
    }
  }
  const images = [...perImage.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([image, tally]) => toImageTrend(image, tally));
  const runs = query.image === undefined ? await countRuns(db, window) : sumImageBuilds(images);
  return {
    since: toIso(window.sinceMs),
    until: toIso(window.untilMs),
    runs: runs.runs,
    successRate: ratio(runs.succeeded, runs.runs),
    images,
    series: [...perBucket.entries()]
      .sort(([a], [b]) => a - b)
      .map(([bucket, tally]) => toPoint(bucket, tally)),
    slowestSteps: await slowestSteps(db, { ...window, image: query.image, top }),
    mostRetried: images
      .filter((image) => image.retries > 0)
      .sort((a, b) => b.retries - a.retries || compareText(a.image, b.image))
      .slice(0, top)
      .map(({ image, retries, builds }) => ({ image, retries, builds })),
  };
}

/**
 * Hourly buckets for hourly series; for daily series, daily buckets for the window's whole days and
 * hourly ones for its partial days at the edges (a 30-day window: ~150 day rows instead of ~3600).
 */
async function imageBuckets(
  db: Kysely<HistoryDatabase>,
  window: TrendsWindow,
  query: TrendsQuery,
): Promise<Array<Selectable<ImageBuildBucketsTable>>> {
  const parts: WindowParts =
    query.bucket === 'hour'
      ? { days: undefined, hours: [[window.sinceMs, window.untilMs]] }
      : splitWindow(window.sinceMs, window.untilMs);
  const days =
    parts.days === undefined
      ? []
      : await db
          .selectFrom('image_build_days')
          .selectAll()
          .where('bucket_start', '>=', parts.days[0])
          .where('bucket_start', '<', parts.days[1])
          .$if(query.image !== undefined, (select) => select.where('image', '=', query.image ?? ''))
          .execute();
  const hours =
    parts.hours.length === 0
      ? []
      : await db
          .selectFrom('image_build_hours')
          .selectAll()
          .where((eb) =>
            eb.or(
              parts.hours.map(([from, to]) =>
                eb.and([eb('bucket_start', '>=', from), eb('bucket_start', '<', to)]),
              ),
            ),
          )
          .$if(query.image !== undefined, (select) => select.where('image', '=', query.image ?? ''))
          .execute();
  return [...days, ...hours];
}

function tallyOf<K>(tallies: Map<K, Tally>, key: K): Tally {
  let tally = tallies.get(key);
  if (tally === undefined) {
    tally = {
      builds: 0,
      succeeded: 0,
      cachedSteps: 0,
      totalSteps: 0,
      retries: 0,
      durations: new DurationCollector(),
    };
    tallies.set(key, tally);
  }
  return tally;
}

function toImageTrend(image: string, tally: Tally): ImageTrend {
  const durations = tally.durations.values();
  return {
    image,
    builds: tally.builds,
    succeeded: tally.succeeded,
    successRate: ratio(tally.succeeded, tally.builds),
    p50DurationMs: percentileCont(durations, 0.5),
    p95DurationMs: percentileCont(durations, 0.95),
    hitRatio: ratio(tally.cachedSteps, tally.totalSteps),
    retries: tally.retries,
  };
}

function toPoint(bucket: number, tally: Tally): TrendPoint {
  return {
    bucket: toIso(bucket),
    builds: tally.builds,
    successRate: ratio(tally.succeeded, tally.builds),
    p50DurationMs: percentileCont(tally.durations.values(), 0.5),
    hitRatio: ratio(tally.cachedSteps, tally.totalSteps),
  };
}

async function countRuns(
  db: Kysely<HistoryDatabase>,
  window: TrendsWindow,
): Promise<{ runs: number; succeeded: number }> {
  const rows = await db
    .selectFrom('run_hours')
    .select(['runs', 'succeeded'])
    .where('bucket_start', '>=', window.sinceMs)
    .where('bucket_start', '<', window.untilMs)
    .execute();
  return rows.reduce(
    (total, row) => ({
      runs: total.runs + Number(row.runs),
      succeeded: total.succeeded + Number(row.succeeded),
    }),
    { runs: 0, succeeded: 0 },
  );
}

/** For one image, the runs that built it: its builds. */
function sumImageBuilds(images: ImageTrend[]): { runs: number; succeeded: number } {
  return {
    runs: images.reduce((sum, image) => sum + image.builds, 0),
    succeeded: images.reduce((sum, image) => sum + image.succeeded, 0),
  };
}
