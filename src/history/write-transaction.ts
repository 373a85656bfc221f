// Writers serialise, so concurrent `imageforge build` processes sharing one store lose no record and
// rollups are recomputed from data that includes every earlier commit. SQLite: BEGIN IMMEDIATE takes
// the write lock up front (a deferred transaction that upgrades later can fail with SQLITE_BUSY
// instead of waiting). PostgreSQL: a transaction-scoped advisory lock.
import { sql, type Kysely } from 'kysely';
import type { HistoryDatabase, HistoryKind } from './history-database.js';

/** pg_advisory_xact_lock key of history writers ("imgforge" as ASCII). */
const POSTGRES_WRITE_LOCK = 0x696d67666f726765n;

export async function inWriteTransaction<T>(
  db: Kysely<HistoryDatabase>,
  kind: HistoryKind,
  work: (transaction: Kysely<HistoryDatabase>) => Promise<T>,
): Promise<T> {
  if (kind === 'postgres') {
    return db.transaction().execute(async (transaction) => {
      await sql`select pg_advisory_xact_lock(${sql.lit(POSTGRES_WRITE_LOCK.toString())}::bigint)`.execute(
        transaction,
      );
      return work(transaction);
    });
  }
  return inImmediateSqliteTransaction(db, work);
}

/** One connection, BEGIN IMMEDIATE ... COMMIT (or ROLLBACK on any error). */
export async function inImmediateSqliteTransaction<T>(
  db: Kysely<HistoryDatabase>,
  work: (connection: Kysely<HistoryDatabase>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const result = await work(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (error: unknown) {
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    }
  });
}
