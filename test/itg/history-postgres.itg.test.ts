// The history store on a real PostgreSQL (scripts/postgres.sh: a private cluster on 127.0.0.1:55432):
// the same behaviour suite as SQLite, plus concurrent writer processes and concurrent migrations.
// Every store gets its own fresh database. Not reachable = failure, never a skip.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../src/history/open-history.js';
import { runConcurrentWriters } from '../unit/history/concurrent-writers.js';
import { writerReport } from '../unit/history/history-fixtures.js';
import { describeHistoryStore } from '../unit/history/history-store-behaviour.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/postgres.sh');
const PREFIX = `imageforge_itg_${process.pid}_${Date.now().toString(36)}`;

let baseUrl = '';
let admin: pg.Client | undefined;
const databases: string[] = [];

function startPostgres(): string {
  execFileSync('bash', [SCRIPT, 'up'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 240_000 });
  const env = execFileSync('bash', [SCRIPT, 'env'], { encoding: 'utf8' });
  const url = /IMAGEFORGE_TEST_POSTGRES_URL=(\S+)/.exec(env)?.[1];
  if (url === undefined) throw new Error(`scripts/postgres.sh env printed no URL: ${env}`);
  return url;
}

/** A new empty database; its URL. */
async function freshDatabaseUrl(): Promise<string> {
  if (admin === undefined) throw new Error('PostgreSQL was not started (see beforeAll)');
  const name = `${PREFIX}_${databases.length}`;
  await admin.query(`create database ${name}`);
  databases.push(name);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

beforeAll(async () => {
  baseUrl = startPostgres();
  admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
});

afterAll(async () => {
  for (const name of databases) await admin?.query(`drop database if exists ${name} with (force)`);
  await admin?.end();
});

describe('PostgreSQL history store', () => {
  describeHistoryStore(async () => openHistoryStore({ projectDir: ROOT, url: await freshDatabaseUrl() }));

  it('shows its location without the password', async () => {
    const url = new URL(await freshDatabaseUrl());
    url.password = 'not-needed-with-trust';
    const store = await openHistoryStore({ projectDir: ROOT, url: url.toString() });
    try {
      expect(store.kind).toBe('postgres');
      expect(store.location).not.toContain('not-needed-with-trust');
      expect(store.location).toContain('@127.0.0.1:');
    } finally {
      await store.close();
    }
  });

  it('migrates a fresh database once when six processes open it at the same instant', async () => {
    const url = await freshDatabaseUrl();
    const outcomes = await runConcurrentWriters({ url, projectDir: ROOT, writers: 6, runs: 0 });
    expect(outcomes.filter((outcome) => outcome.exitCode !== 0)).toEqual([]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>('select name from kysely_migration');
      expect(rows.map((row) => row.name)).toEqual(['001-initial']);
    } finally {
      await client.end();
    }
  });

  it('loses no record when two processes write 50 runs each at once', async () => {
    const url = await freshDatabaseUrl();
    const outcomes = await runConcurrentWriters({ url, projectDir: ROOT, writers: 2, runs: 50 });
    expect(outcomes.filter((outcome) => outcome.exitCode !== 0)).toEqual([]);
    const store = await openHistoryStore({ projectDir: ROOT, url });
    const reference = await openHistoryStore({ projectDir: ROOT, url: await freshDatabaseUrl() });
    try {
      const runs = await store.listRuns({ limit: 1000 });
      expect(new Set(runs.map((run) => run.runId)).size).toBe(100);
      for (let worker = 0; worker < 2; worker++) {
        for (let index = 0; index < 50; index++) {
          await reference.recordRun({
            report: writerReport(worker, index),
            host: { hostname: `worker-${worker}` },
          });
        }
      }
      const window = { since: new Date('2024-05-30T00:00:00Z'), until: new Date('2024-06-10T00:00:00Z') };
      const trends = await store.trends({ ...window, bucket: 'hour' });
      expect(trends.runs).toBe(100);
      expect(trends).toEqual(await reference.trends({ ...window, bucket: 'hour' }));
      expect(await store.metricsSnapshot([1, 2, 5])).toEqual(await reference.metricsSnapshot([1, 2, 5]));
    } finally {
      await store.close();
      await reference.close();
    }
  });
});
