// The slowest steps of a window (p50 and max per image and step). Whole days in the window come from
// the daily rollups, the partial days at its edges from the hourly ones: exact, and a 30-day window
// reads ~30 rows per step instead of ~720.
import type { Kysely } from 'kysely';
import type { HistoryDatabase } from './history-database.js';
import type { Trends } from './history-store.js';
import { DurationCollector } from './duration-samples.js';
import { percentileCont } from './percentile.js';
import { compareText } from './run-records.js';
import { splitWindow } from './time-buckets.js';

export interface SlowestStepsQuery {
  sinceMs: number;
  untilMs: number;
  image: string | undefined;
  top: number;
}

type SlowestStep = Trends['slowestSteps'][number];

interface StepTally {
  image: string;
  step: string;
  executions: number;
  maxMs: number;
  durations: DurationCollector;
}

interface BucketRow {
  image: string;
  step: string;
  executions: number;
  max_ms: number;
  durations: Uint8Array;
}

export async function slowestSteps(
  db: Kysely<HistoryDatabase>,
  query: SlowestStepsQuery,
): Promise<SlowestStep[]> {
  const parts = splitWindow(query.sinceMs, query.untilMs);
  const columns = ['image', 'step', 'executions', 'max_ms', 'durations'] as const;
  const days: BucketRow[] =
    parts.days === undefined
      ? []
      : await db
          .selectFrom('build_step_days')
          .select(columns)
          .where('bucket_start', '>=', parts.days[0])
          .where('bucket_start', '<', parts.days[1])
          .$if(query.image !== undefined, (select) => select.where('image', '=', query.image ?? ''))
          .execute();
  const hours: BucketRow[] =
    parts.hours.length === 0
      ? []
      : await db
          .selectFrom('build_step_hours')
          .select(columns)
          .where((eb) =>
            eb.or(
              parts.hours.map(([from, to]) =>
                eb.and([eb('bucket_start', '>=', from), eb('bucket_start', '<', to)]),
              ),
            ),
          )
          .$if(query.image !== undefined, (select) => select.where('image', '=', query.image ?? ''))
          .execute();
  return topByMedian(tally([...days, ...hours]), query.top);
}

function tally(rows: BucketRow[]): StepTally[] {
  const tallies = new Map<string, StepTally>();
  for (const row of rows) {
    const key = `${row.image}\u0000${row.step}`;
    let entry = tallies.get(key);
    if (entry === undefined) {
      entry = {
        image: row.image,
        step: row.step,
        executions: 0,
        maxMs: 0,
        durations: new DurationCollector(),
      };
      tallies.set(key, entry);
    }
    entry.executions += Number(row.executions);
    entry.maxMs = Math.max(entry.maxMs, Number(row.max_ms));
    entry.durations.add(row.durations);
  }
  return [...tallies.values()];
}

/**
 * The `top` steps by p50. A step's p50 never exceeds its max, so steps are visited by max, longest
 * first, and the visit stops once no remaining max can beat the current top: most medians are never
 * computed.
 */
function topByMedian(tallies: StepTally[], top: number): SlowestStep[] {
  const byMax = [...tallies].sort((a, b) => b.maxMs - a.maxMs);
  const chosen: SlowestStep[] = [];
  for (const entry of byMax) {
    const threshold = chosen.length >= top ? (chosen[top - 1]?.p50DurationMs ?? 0) : -1;
    if (entry.maxMs < threshold) break;
    const p50 = percentileCont(entry.durations.values(), 0.5);
    chosen.push({
      image: entry.image,
      step: entry.step,
      count: entry.executions,
      p50DurationMs: p50,
      maxDurationMs: entry.maxMs,
    });
    chosen.sort(
      (a, b) =>
        b.p50DurationMs - a.p50DurationMs || compareText(a.image, b.image) || compareText(a.step, b.step),
    );
    if (chosen.length > top) chosen.length = top;
  }
  return chosen;
}
