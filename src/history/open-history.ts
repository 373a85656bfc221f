// The one way to get a HistoryStore: settings.history.url → SQLite (default
// <project>/.imageforge/history.db) or PostgreSQL, connected and migrated, or an ImageforgeError.
import type { HistoryStore } from './history-store.js';
import { historyUnavailable } from './history-errors.js';
import { resolveHistoryLocation } from './history-location.js';
import { KyselyHistoryStore } from './kysely-history-store.js';
import { openPostgresDatabase } from './postgres-database.js';
import { openSqliteDatabase } from './sqlite-database.js';

export interface OpenHistoryStoreOptions {
  /** `sqlite:<path>`, a file path (relative to projectDir) or `postgres://…`; default the SQLite file. */
  url?: string;
  projectDir: string;
}

export async function openHistoryStore(options: OpenHistoryStoreOptions): Promise<HistoryStore> {
  const target = resolveHistoryLocation(options.url, options.projectDir);
  let store: KyselyHistoryStore;
  try {
    const db =
      target.kind === 'sqlite'
        ? await openSqliteDatabase(target.file)
        : await openPostgresDatabase(target.connectionString);
    store = new KyselyHistoryStore({ kind: target.kind, location: target.location, db });
  } catch (error: unknown) {
    throw historyUnavailable(target.location, error);
  }
  try {
    await store.migrate();
  } catch (error: unknown) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}
