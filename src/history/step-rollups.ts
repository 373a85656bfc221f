// The step rollups: executed steps per hour from the raw steps, per day from the hours. Part of
// refreshRollups (rollups.ts), which callers run inside their write transaction.
import type { BuildStepBucketsTable } from './history-database.js';
import { DurationCollector, encodeDurations } from './duration-samples.js';
import { chunks } from './insert-chunks.js';
import type { Kysely } from 'kysely';
import type { HistoryDatabase } from './history-database.js';
import { DAY_MS, HOUR_MS, floorTo } from './time-buckets.js';

type Db = Kysely<HistoryDatabase>;

export async function refreshStepHours(db: Db, from: number, to: number): Promise<void> {
  await db
    .deleteFrom('build_step_hours')
    .where('bucket_start', '>=', from)
    .where('bucket_start', '<', to)
    .execute();
  const steps = await db
    .selectFrom('build_steps')
    .select(['image', 'started_at', 'name', 'duration_ms'])
    .where('started_at', '>=', from)
    .where('started_at', '<', to)
    .where('cached', '=', 0)
    .execute();
  const buckets = new Map<
    string,
    { bucketStart: number; image: string; step: string; durations: number[] }
  >();
  for (const step of steps) {
    const bucketStart = floorTo(Number(step.started_at), HOUR_MS);
    const key = `${bucketStart}\u0000${step.image}\u0000${step.name}`;
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = { bucketStart, image: step.image, step: step.name, durations: [] };
      buckets.set(key, bucket);
    }
    bucket.durations.push(Number(step.duration_ms));
  }
  const rows: BuildStepBucketsTable[] = [...buckets.values()].map((bucket) => ({
    bucket_start: bucket.bucketStart,
    image: bucket.image,
    step: bucket.step,
    executions: bucket.durations.length,
    max_ms: Math.max(...bucket.durations),
    durations: encodeDurations(bucket.durations),
  }));
  for (const chunk of chunks(rows)) await db.insertInto('build_step_hours').values(chunk).execute();
}

/** Daily step buckets are merged from the hourly ones, never from the (much larger) raw steps. */
export async function refreshStepDays(db: Db, from: number, to: number): Promise<void> {
  await db
    .deleteFrom('build_step_days')
    .where('bucket_start', '>=', from)
    .where('bucket_start', '<', to)
    .execute();
  const hours = await db
    .selectFrom('build_step_hours')
    .select(['bucket_start', 'image', 'step', 'executions', 'max_ms', 'durations'])
    .where('bucket_start', '>=', from)
    .where('bucket_start', '<', to)
    .execute();
  const days = new Map<
    string,
    { row: Omit<BuildStepBucketsTable, 'durations'>; durations: DurationCollector }
  >();
  for (const hour of hours) {
    const bucketStart = floorTo(Number(hour.bucket_start), DAY_MS);
    const key = `${bucketStart}\u0000${hour.image}\u0000${hour.step}`;
    let day = days.get(key);
    if (day === undefined) {
      day = {
        row: { bucket_start: bucketStart, image: hour.image, step: hour.step, executions: 0, max_ms: 0 },
        durations: new DurationCollector(),
      };
      days.set(key, day);
    }
    day.row.executions += Number(hour.executions);
    day.row.max_ms = Math.max(day.row.max_ms, Number(hour.max_ms));
    day.durations.add(hour.durations);
  }
  const rows: BuildStepBucketsTable[] = [...days.values()].map(({ row, durations }) => ({
    ...row,
    durations: encodeDurations(durations.values()),
  }));
  for (const chunk of chunks(rows)) await db.insertInto('build_step_days').values(chunk).execute();
}
