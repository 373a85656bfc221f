// The retention policy: runs older than maxAge, and beyond the newest maxRuns, are deleted with their
// image builds and steps (ON DELETE CASCADE); rollups are trimmed and the boundary bucket recomputed.
import { sql, type Kysely } from 'kysely';
import type { HistoryDatabase } from './history-database.js';
import type { RetentionPolicy } from './history-store.js';
import { dropRollupsBefore, refreshRollups } from './rollups.js';

type Db = Kysely<HistoryDatabase>;

/** Runs in the caller's write transaction; returns how many runs were deleted. */
export async function pruneRuns(db: Db, policy: RetentionPolicy, nowMs: number): Promise<number> {
  let deleted = 0;
  if (policy.maxAgeMs !== undefined) {
    const result = await db
      .deleteFrom('runs')
      .where('started_at', '<', nowMs - policy.maxAgeMs)
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  if (policy.maxRuns !== undefined) deleted += await pruneBeyondNewest(db, Math.max(0, policy.maxRuns));
  if (deleted > 0) await trimRollups(db);
  return deleted;
}

/** Deletes every run older (by start, then run id) than the newest `keep`. */
async function pruneBeyondNewest(db: Db, keep: number): Promise<number> {
  const newestDropped = await db
    .selectFrom('runs')
    .select(['started_at', 'run_id'])
    .orderBy('started_at', 'desc')
    .orderBy('run_id', 'desc')
    .limit(1)
    .offset(keep)
    .executeTakeFirst();
  if (newestDropped === undefined) return 0;
  const startedAt = Number(newestDropped.started_at);
  const result = await db
    .deleteFrom('runs')
    .where((eb) =>
      eb.or([
        eb('started_at', '<', startedAt),
        eb.and([eb('started_at', '=', startedAt), eb('run_id', '<=', newestDropped.run_id)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deleted runs are all older than the oldest kept one: drop the buckets before it, redo its own. */
async function trimRollups(db: Db): Promise<void> {
  const oldest = await db
    .selectFrom('runs')
    .select(sql<number | null>`min(started_at)`.as('started_at'))
    .executeTakeFirst();
  const oldestKept = oldest?.started_at;
  if (oldestKept === null || oldestKept === undefined) {
    await dropRollupsBefore(db, Number.MAX_SAFE_INTEGER);
    return;
  }
  await dropRollupsBefore(db, Number(oldestKept));
  await refreshRollups(db, { fromMs: Number(oldestKept), toMs: Number(oldestKept) + 1 });
}
