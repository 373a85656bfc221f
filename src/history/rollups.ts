// Keeps the rollup tables equal to an aggregate of the raw tables. Rollups are never patched
// incrementally: a bucket is recomputed from the raw rows it covers, so re-recording a run, pruning
// and bulk loads all leave exactly what a full rebuild would. Callers hold the write transaction.
import { sql, type Kysely } from 'kysely';
import type { BuildSeriesDaysTable, HistoryDatabase, ImageBuildBucketsTable } from './history-database.js';
import { DurationCollector, encodeDurations } from './duration-samples.js';
import { chunks } from './insert-chunks.js';
import { refreshStepDays, refreshStepHours } from './step-rollups.js';
import { DAY_MS, HOUR_MS, ceilTo, floorTo } from './time-buckets.js';

type Db = Kysely<HistoryDatabase>;

export interface RollupRange {
  fromMs: number;
  /** Exclusive. */
  toMs: number;
}

/** Recomputes every rollup bucket overlapping [fromMs, toMs): whole hours, and the days they touch. */
export async function refreshRollups(db: Db, range: RollupRange): Promise<void> {
  const from = floorTo(range.fromMs, HOUR_MS);
  const to = Math.max(ceilTo(range.toMs, HOUR_MS), from + HOUR_MS);
  await refreshRunHours(db, from, to);
  await refreshImageBuildHours(db, from, to);
  await refreshImageBuildDays(db, floorTo(from, DAY_MS), ceilTo(to, DAY_MS));
  await refreshStepHours(db, from, to);
  await refreshStepDays(db, floorTo(from, DAY_MS), ceilTo(to, DAY_MS));
  await refreshSeriesDays(db, floorTo(from, DAY_MS), ceilTo(to, DAY_MS));
}

/** Drops every rollup bucket that ends at or before `ms` (nothing raw is left in them). */
export async function dropRollupsBefore(db: Db, ms: number): Promise<void> {
  const hour = floorTo(ms, HOUR_MS);
  const day = floorTo(ms, DAY_MS);
  await db.deleteFrom('run_hours').where('bucket_start', '<', hour).execute();
  await db.deleteFrom('image_build_hours').where('bucket_start', '<', hour).execute();
  await db.deleteFrom('build_step_hours').where('bucket_start', '<', hour).execute();
  await db.deleteFrom('image_build_days').where('bucket_start', '<', day).execute();
  await db.deleteFrom('build_step_days').where('bucket_start', '<', day).execute();
  await db.deleteFrom('build_series_days').where('bucket_start', '<', day).execute();
}

async function refreshRunHours(db: Db, from: number, to: number): Promise<void> {
  await db.deleteFrom('run_hours').where('bucket_start', '>=', from).where('bucket_start', '<', to).execute();
  const bucket = sql<number>`(started_at / ${sql.lit(HOUR_MS)}) * ${sql.lit(HOUR_MS)}`;
  await db
    .insertInto('run_hours')
    .columns(['bucket_start', 'runs', 'succeeded', 'failed', 'cancelled'])
    .expression(
      db
        .selectFrom('runs')
        .select([
          bucket.as('bucket_start'),
          sql<number>`count(*)`.as('runs'),
          sql<number>`sum(case when status = 'succeeded' then 1 else 0 end)`.as('succeeded'),
          sql<number>`sum(case when status = 'failed' then 1 else 0 end)`.as('failed'),
          sql<number>`sum(case when status = 'cancelled' then 1 else 0 end)`.as('cancelled'),
        ])
        .where('started_at', '>=', from)
        .where('started_at', '<', to)
        .groupBy(bucket),
    )
    .execute();
}

async function refreshImageBuildHours(db: Db, from: number, to: number): Promise<void> {
  await db
    .deleteFrom('image_build_hours')
    .where('bucket_start', '>=', from)
    .where('bucket_start', '<', to)
    .execute();
  const builds = await db
    .selectFrom('image_builds')
    .select(['image', 'started_at', 'status', 'attempts', 'duration_ms', 'cached_steps', 'total_steps'])
    .where('started_at', '>=', from)
    .where('started_at', '<', to)
    .where('status', '!=', 'skipped')
    .execute();
  const buckets = new Map<string, { row: Omit<ImageBuildBucketsTable, 'durations'>; durations: number[] }>();
  for (const build of builds) {
    const bucketStart = floorTo(Number(build.started_at), HOUR_MS);
    const key = `${bucketStart}\u0000${build.image}`;
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = {
        row: {
          bucket_start: bucketStart,
          image: build.image,
          builds: 0,
          succeeded: 0,
          cached_steps: 0,
          total_steps: 0,
          retries: 0,
        },
        durations: [],
      };
      buckets.set(key, bucket);
    }
    bucket.row.builds += 1;
    if (build.status === 'built') bucket.row.succeeded += 1;
    bucket.row.cached_steps += Number(build.cached_steps);
    bucket.row.total_steps += Number(build.total_steps);
    bucket.row.retries += Math.max(0, Number(build.attempts) - 1);
    bucket.durations.push(Number(build.duration_ms));
  }
  const rows = [...buckets.values()].map(({ row, durations }) => ({
    ...row,
    durations: encodeDurations(durations),
  }));
  for (const chunk of chunks(rows)) await db.insertInto('image_build_hours').values(chunk).execute();
}

/** Daily image buckets are merged from the hourly ones. */
async function refreshImageBuildDays(db: Db, from: number, to: number): Promise<void> {
  await db
    .deleteFrom('image_build_days')
    .where('bucket_start', '>=', from)
    .where('bucket_start', '<', to)
    .execute();
  const hours = await db
    .selectFrom('image_build_hours')
    .selectAll()
    .where('bucket_start', '>=', from)
    .where('bucket_start', '<', to)
    .execute();
  const days = new Map<
    string,
    { row: Omit<ImageBuildBucketsTable, 'durations'>; durations: DurationCollector }
  >();
  for (const hour of hours) {
    const bucketStart = floorTo(Number(hour.bucket_start), DAY_MS);
    const key = `${bucketStart}\u0000${hour.image}`;
    let day = days.get(key);
    if (day === undefined) {
      day = {
        row: {
          bucket_start: bucketStart,
          image: hour.image,
          builds: 0,
          succeeded: 0,
          cached_steps: 0,
          total_steps: 0,
          retries: 0,
        },
        durations: new DurationCollector(),
      };
      days.set(key, day);
    }
    day.row.builds += Number(hour.builds);
    day.row.succeeded += Number(hour.succeeded);
    day.row.cached_steps += Number(hour.cached_steps);
    day.row.total_steps += Number(hour.total_steps);
    day.row.retries += Number(hour.retries);
    day.durations.add(hour.durations);
  }
  const rows = [...days.values()].map(({ row, durations }) => ({
    ...row,
    durations: encodeDurations(durations.values()),
  }));
  for (const chunk of chunks(rows)) await db.insertInto('image_build_days').values(chunk).execute();
}

/** Every build of the days, skipped ones too, per metric label set (missing builder/method: unknown). */
async function refreshSeriesDays(db: Db, from: number, to: number): Promise<void> {
  await db
    .deleteFrom('build_series_days')
    .where('bucket_start', '>=', from)
    .where('bucket_start', '<', to)
    .execute();
  const builds = await db
    .selectFrom('image_builds')
    .select([
      'image',
      'builder',
      'method',
      'status',
      'started_at',
      'attempts',
      'duration_ms',
      'cached_steps',
      'total_steps',
    ])
    .where('started_at', '>=', from)
    .where('started_at', '<', to)
    .execute();
  const series = new Map<string, { row: Omit<BuildSeriesDaysTable, 'durations'>; durations: number[] }>();
  for (const build of builds) {
    const bucketStart = floorTo(Number(build.started_at), DAY_MS);
    const builder = build.builder === null || build.builder === '' ? 'unknown' : build.builder;
    const method = build.method === null || build.method === '' ? 'unknown' : build.method;
    const key = [bucketStart, build.image, builder, method, build.status].join('\u0000');
    let entry = series.get(key);
    if (entry === undefined) {
      entry = {
        row: {
          bucket_start: bucketStart,
          image: build.image,
          builder,
          method,
          status: build.status,
          builds: 0,
          duration_sum_ms: 0,
          cached_steps: 0,
          total_steps: 0,
          retries: 0,
        },
        durations: [],
      };
      series.set(key, entry);
    }
    entry.row.builds += 1;
    entry.row.duration_sum_ms += Number(build.duration_ms);
    entry.row.cached_steps += Number(build.cached_steps);
    entry.row.total_steps += Number(build.total_steps);
    entry.row.retries += Math.max(0, Number(build.attempts) - 1);
    entry.durations.push(Number(build.duration_ms));
  }
  const rows = [...series.values()].map(({ row, durations }) => ({
    ...row,
    durations: encodeDurations(durations),
  }));
  for (const chunk of chunks(rows)) await db.insertInto('build_series_days').values(chunk).execute();
}
