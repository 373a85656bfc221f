// Opens a PostgreSQL history store through a small pg pool. BIGINT and NUMERIC come back as numbers
// (epoch milliseconds and sums stay far below 2^53), so both dialects return the same row shapes.
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { HistoryDatabase } from './history-database.js';

const INT8_OID = 20;
const NUMERIC_OID = 1700;
const CONNECT_TIMEOUT_MS = 10_000;

export async function openPostgresDatabase(connectionString: string): Promise<Kysely<HistoryDatabase>> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString,
    max: 4,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'imageforge',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
        return pg.types.getTypeParser(oid, format) as unknown;
      }) as typeof pg.types.getTypeParser,
    },
  });
  // an idle client dropped by the server must not crash the process; the next query reports it
  pool.on('error', () => undefined);
  const db = new Kysely<HistoryDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error: unknown) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  return db;
}
