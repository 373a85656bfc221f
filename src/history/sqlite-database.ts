// Opens a SQLite history file for several processes at once: WAL (readers never block the writer),
// a 10 s busy timeout (a writer waits for another's transaction instead of failing), foreign keys on
// (ON DELETE CASCADE). Write transactions take the lock up front: see write-transaction.ts.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import type { HistoryDatabase } from './history-database.js';

export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export async function openSqliteDatabase(file: string): Promise<Kysely<HistoryDatabase>> {
  if (file !== ':memory:') await mkdir(path.dirname(file), { recursive: true });
  const { default: Database } = await import('better-sqlite3');
  const database = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
  } catch (error: unknown) {
    database.close();
    throw error;
  }
  return new Kysely<HistoryDatabase>({ dialect: new SqliteDialect({ database }) });
}
