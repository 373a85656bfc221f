// The HistoryStore on Kysely: one implementation for SQLite and PostgreSQL. Writes go through
// inWriteTransaction (serialised writers) and keep the rollups current; reads of trends and metrics
// are in trends-query.ts and metrics-query.ts.
import { Migrator, type Kysely } from 'kysely';
import type { HistoryDatabase, HistoryKind } from './history-database.js';
import type {
  HistoryStore,
  ListRunsQuery,
  MetricsSnapshot,
  RecordRunInput,
  RetentionPolicy,
  RunDetail,
  RunSummary,
  Trends,
  TrendsQuery,
} from './history-store.js';
import { historyMigrationFailed, historyWriteFailed } from './history-errors.js';
import { queryMetricsSnapshot } from './metrics-query.js';
import { HistoryMigrationProvider } from './migrations/history-migrations.js';
import { pruneRuns } from './retention.js';
import { refreshRollups } from './rollups.js';
import { toRunDetail, toRunSummary } from './run-records.js';
import { toRunRows, type RunRows } from './run-rows.js';
import { queryTrends } from './trends-query.js';
import { inImmediateSqliteTransaction, inWriteTransaction } from './write-transaction.js';
import { isImageforgeError } from '../errors/imageforge-error.js';

export const DEFAULT_LIST_LIMIT = 50;

export interface KyselyHistoryStoreOptions {
  kind: HistoryKind;
  /** Where it lives, credentials removed. */
  location: string;
  db: Kysely<HistoryDatabase>;
}

export class KyselyHistoryStore implements HistoryStore {
  readonly kind: HistoryKind;
  readonly location: string;
  private readonly db: Kysely<HistoryDatabase>;

  constructor(options: KyselyHistoryStoreOptions) {
    this.kind = options.kind;
    this.location = options.location;
    this.db = options.db;
  }

  /**
   * Kysely's migrator locks PostgreSQL itself (advisory lock + transaction). On SQLite it runs without
   * a transaction, so two processes migrating a fresh file would both apply 001: here the whole
   * migration runs inside BEGIN IMMEDIATE, and the second process finds it applied.
   */
  async migrate(): Promise<void> {
    const run = async (db: Kysely<HistoryDatabase>): Promise<void> => {
      const migrator = new Migrator({ db, provider: new HistoryMigrationProvider(this.kind) });
      const { error } = await migrator.migrateToLatest();
      if (error !== undefined)
        throw error instanceof Error ? error : new Error('migration failed', { cause: error });
    };
    try {
      if (this.kind === 'sqlite') await inImmediateSqliteTransaction(this.db, run);
      else await run(this.db);
    } catch (error: unknown) {
      throw historyMigrationFailed(this.location, error);
    }
  }

  async recordRun(input: RecordRunInput): Promise<void> {
    try {
      const rows = toRunRows(input);
      await inWriteTransaction(this.db, this.kind, (db) => replaceRun(db, rows));
    } catch (error: unknown) {
      throw isImageforgeError(error) ? error : historyWriteFailed(this.location, input.report.runId, error);
    }
  }

  async listRuns(query: ListRunsQuery = {}): Promise<RunSummary[]> {
    const before =
      query.before === undefined
        ? undefined
        : await this.db
            .selectFrom('runs')
            .select(['started_at', 'run_id'])
            .where('run_id', '=', query.before)
            .executeTakeFirst();
    if (query.before !== undefined && before === undefined) return [];
    const rows = await this.db
      .selectFrom('runs')
      .selectAll()
      .$if(before !== undefined, (select) =>
        select.where((eb) =>
          eb.or([
            eb('started_at', '<', Number(before?.started_at)),
            eb.and([
              eb('started_at', '=', Number(before?.started_at)),
              eb('run_id', '<', before?.run_id ?? ''),
            ]),
          ]),
        ),
      )
      .$if(query.status !== undefined, (select) => select.where('status', '=', query.status ?? ''))
      .$if(query.branch !== undefined, (select) => select.where('git_branch', '=', query.branch ?? ''))
      .$if(query.image !== undefined, (select) =>
        select.where((eb) =>
          eb.exists(
            eb
              .selectFrom('image_builds')
              .select('image_builds.run_id')
              .whereRef('image_builds.run_id', '=', 'runs.run_id')
              .where('image_builds.image', '=', query.image ?? ''),
          ),
        ),
      )
      .orderBy('started_at', 'desc')
      .orderBy('run_id', 'desc')
      .limit(Math.max(0, query.limit ?? DEFAULT_LIST_LIMIT))
      .execute();
    return rows.map(toRunSummary);
  }

  async getRun(runId: string): Promise<RunDetail | undefined> {
    const run = await this.db.selectFrom('runs').selectAll().where('run_id', '=', runId).executeTakeFirst();
    if (run === undefined) return undefined;
    const builds = await this.db
      .selectFrom('image_builds')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('image')
      .execute();
    const steps = await this.db.selectFrom('build_steps').selectAll().where('run_id', '=', runId).execute();
    return toRunDetail(run, builds, steps);
  }

  trends(query: TrendsQuery = {}): Promise<Trends> {
    return queryTrends(this.db, query, Date.now());
  }

  metricsSnapshot(durationBucketsSeconds: number[]): Promise<MetricsSnapshot> {
    return queryMetricsSnapshot(this.db, durationBucketsSeconds);
  }

  async prune(policy: RetentionPolicy, now: Date = new Date()): Promise<{ runsDeleted: number }> {
    const runsDeleted = await inWriteTransaction(this.db, this.kind, (db) =>
      pruneRuns(db, policy, now.getTime()),
    );
    return { runsDeleted };
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** Inside the write transaction: the run replaces any earlier record of it, then its buckets are redone. */
async function replaceRun(db: Kysely<HistoryDatabase>, rows: RunRows): Promise<void> {
  const startedAt = rows.run.started_at;
  const previous = await db
    .selectFrom('runs')
    .select('started_at')
    .where('run_id', '=', rows.run.run_id)
    .executeTakeFirst();
  // children go with the run (ON DELETE CASCADE)
  if (previous !== undefined) await db.deleteFrom('runs').where('run_id', '=', rows.run.run_id).execute();
  await db.insertInto('runs').values(rows.run).execute();
  if (rows.imageBuilds.length > 0) await db.insertInto('image_builds').values(rows.imageBuilds).execute();
  if (rows.steps.length > 0) await db.insertInto('build_steps').values(rows.steps).execute();
  await refreshRollups(db, { fromMs: startedAt, toMs: startedAt + 1 });
  const previousStart = previous === undefined ? undefined : Number(previous.started_at);
  if (previousStart !== undefined && previousStart !== startedAt) {
    await refreshRollups(db, { fromMs: previousStart, toMs: previousStart + 1 });
  }
}
