// The migrations, listed statically: the CLI is bundled with esbuild, so there is no migrations folder
// to scan at run time. Names sort in the order they apply; never rename or edit an applied one.
import type { Migration, MigrationProvider } from 'kysely';
import type { HistoryKind } from '../history-database.js';
import { initialMigration } from './001-initial.js';

export class HistoryMigrationProvider implements MigrationProvider {
  constructor(private readonly kind: HistoryKind) {}

  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({ '001-initial': initialMigration(this.kind) });
  }
}
