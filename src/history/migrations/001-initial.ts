// Migration 001: runs, image builds, their slowest steps, and the hourly/daily rollups that let trend
// and metrics queries answer from a few thousand rows however many runs are kept. Written once for
// both dialects.
import type { Kysely, Migration } from 'kysely';
import type { HistoryKind } from '../history-database.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema type
type AnyDatabase = Kysely<any>;

export function initialMigration(kind: HistoryKind): Migration {
  const binary = kind === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: AnyDatabase): Promise<void> {
      await createRawTables(db);
      await createRollupTables(db, binary);
    },
    async down(db: AnyDatabase): Promise<void> {
      for (const table of [
        'build_series_days',
        'build_step_days',
        'build_step_hours',
        'image_build_days',
        'image_build_hours',
        'run_hours',
        'build_steps',
        'image_builds',
        'runs',
      ]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}

async function createRawTables(db: AnyDatabase): Promise<void> {
  await db.schema
    .createTable('runs')
    .addColumn('run_id', 'text', (column) => column.primaryKey())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('started_at', 'bigint', (column) => column.notNull())
    .addColumn('finished_at', 'bigint', (column) => column.notNull())
    .addColumn('duration_ms', 'bigint', (column) => column.notNull())
    .addColumn('config_file', 'text', (column) => column.notNull())
    .addColumn('profile', 'text')
    .addColumn('git_commit', 'text')
    .addColumn('git_branch', 'text')
    .addColumn('host', 'text', (column) => column.notNull())
    .addColumn('builder', 'text')
    .addColumn('engine_version', 'text')
    .addColumn('tool_version', 'text', (column) => column.notNull())
    .$call((table) =>
      [
        'images',
        'built',
        'failed',
        'skipped',
        'cancelled',
        'up_to_date',
        'cached_steps',
        'total_steps',
        'gates_failed',
      ].reduce((builder, name) => builder.addColumn(name, 'integer', (column) => column.notNull()), table),
    )
    .addColumn('host_usage', 'text')
    .execute();
  await db.schema.createIndex('runs_started_at').on('runs').columns(['started_at', 'run_id']).execute();

  await db.schema
    .createTable('image_builds')
    .addColumn('run_id', 'text', (column) => column.notNull().references('runs.run_id').onDelete('cascade'))
    .addColumn('image', 'text', (column) => column.notNull())
    .addColumn('started_at', 'bigint', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('method', 'text')
    .addColumn('attempts', 'integer', (column) => column.notNull())
    .addColumn('duration_ms', 'bigint', (column) => column.notNull())
    .addColumn('cached_steps', 'integer', (column) => column.notNull())
    .addColumn('total_steps', 'integer', (column) => column.notNull())
    .addColumn('bytes_pulled', 'bigint')
    .addColumn('digest', 'text')
    .addColumn('builder', 'text')
    .addColumn('node', 'text')
    .addColumn('push_status', 'text', (column) => column.notNull())
    .addColumn('gates_status', 'text')
    .$call((table) =>
      [
        'scanned',
        'findings_critical',
        'findings_high',
        'findings_medium',
        'findings_low',
        'findings_unknown',
      ].reduce(
        (builder, name) => builder.addColumn(name, 'integer', (column) => column.notNull().defaultTo(0)),
        table,
      ),
    )
    .addColumn('error_code', 'text')
    .addPrimaryKeyConstraint('image_builds_pk', ['run_id', 'image'])
    .execute();
  await db.schema.createIndex('image_builds_started_at').on('image_builds').column('started_at').execute();
  await db.schema
    .createIndex('image_builds_image_started_at')
    .on('image_builds')
    .columns(['image', 'started_at'])
    .execute();

  await db.schema
    .createTable('build_steps')
    .addColumn('run_id', 'text', (column) => column.notNull().references('runs.run_id').onDelete('cascade'))
    .addColumn('image', 'text', (column) => column.notNull())
    .addColumn('started_at', 'bigint', (column) => column.notNull())
    .addColumn('position', 'integer', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('duration_ms', 'bigint', (column) => column.notNull())
    .addColumn('cached', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('build_steps_pk', ['run_id', 'image', 'position'])
    .execute();
  await db.schema.createIndex('build_steps_started_at').on('build_steps').column('started_at').execute();
}

async function createRollupTables(db: AnyDatabase, binary: 'bytea' | 'blob'): Promise<void> {
  await db.schema
    .createTable('run_hours')
    .addColumn('bucket_start', 'bigint', (column) => column.primaryKey())
    .$call((table) =>
      ['runs', 'succeeded', 'failed', 'cancelled'].reduce(
        (builder, name) => builder.addColumn(name, 'integer', (column) => column.notNull()),
        table,
      ),
    )
    .execute();

  for (const table of ['image_build_hours', 'image_build_days']) {
    await db.schema
      .createTable(table)
      .addColumn('bucket_start', 'bigint', (column) => column.notNull())
      .addColumn('image', 'text', (column) => column.notNull())
      .$call((builder) =>
        ['builds', 'succeeded', 'cached_steps', 'total_steps', 'retries'].reduce(
          (columns, name) => columns.addColumn(name, 'integer', (column) => column.notNull()),
          builder,
        ),
      )
      .addColumn('durations', binary, (column) => column.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['bucket_start', 'image'])
      .execute();
    await db.schema.createIndex(`${table}_image`).on(table).columns(['image', 'bucket_start']).execute();
  }

  for (const table of ['build_step_hours', 'build_step_days']) {
    await db.schema
      .createTable(table)
      .addColumn('bucket_start', 'bigint', (column) => column.notNull())
      .addColumn('image', 'text', (column) => column.notNull())
      .addColumn('step', 'text', (column) => column.notNull())
      .addColumn('executions', 'integer', (column) => column.notNull())
      .addColumn('max_ms', 'bigint', (column) => column.notNull())
      .addColumn('durations', binary, (column) => column.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['bucket_start', 'image', 'step'])
      .execute();
    await db.schema.createIndex(`${table}_image`).on(table).columns(['image', 'bucket_start']).execute();
  }

  await db.schema
    .createTable('build_series_days')
    .addColumn('bucket_start', 'bigint', (column) => column.notNull())
    .addColumn('image', 'text', (column) => column.notNull())
    .addColumn('builder', 'text', (column) => column.notNull())
    .addColumn('method', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('builds', 'integer', (column) => column.notNull())
    .addColumn('duration_sum_ms', 'bigint', (column) => column.notNull())
    .$call((table) =>
      ['cached_steps', 'total_steps', 'retries'].reduce(
        (builder, name) => builder.addColumn(name, 'integer', (column) => column.notNull()),
        table,
      ),
    )
    .addColumn('durations', binary, (column) => column.notNull())
    .addPrimaryKeyConstraint('build_series_days_pk', ['bucket_start', 'image', 'builder', 'method', 'status'])
    .execute();
}
