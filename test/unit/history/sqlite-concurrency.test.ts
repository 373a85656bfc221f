// Several `imageforge build` processes sharing one SQLite history file: all of them migrate a fresh
// file at the same instant, then write at the same time. No process fails, no record is lost, and
// the rollups equal those of the same runs recorded one by one.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../../src/history/open-history.js';
import { runConcurrentWriters } from './concurrent-writers.js';
import { writerReport } from './history-fixtures.js';

let projectDir = '';

beforeAll(async () => {
  projectDir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-history-concurrency-'));
});
afterAll(async () => {
  await rm(projectDir, { recursive: true, force: true });
});

describe('SQLite history shared by concurrent processes', () => {
  it('migrates a fresh file once when six processes open it at the same instant', async () => {
    const file = path.join(projectDir, 'migrate-race.db');
    const outcomes = await runConcurrentWriters({ url: file, projectDir, writers: 6, runs: 0 });
    expect(outcomes.filter((outcome) => outcome.exitCode !== 0)).toEqual([]);
    const database = new Database(file, { readonly: true });
    try {
      const names = database.prepare('select name from kysely_migration').pluck().all();
      expect(names).toEqual(['001-initial']);
    } finally {
      database.close();
    }
  }, 60_000);

  it('records every run of four processes writing 50 runs each at once', async () => {
    const url = path.join(projectDir, 'writers.db');
    const outcomes = await runConcurrentWriters({ url, projectDir, writers: 4, runs: 50 });
    expect(outcomes.filter((outcome) => outcome.exitCode !== 0)).toEqual([]);

    const store = await openHistoryStore({ url, projectDir });
    const reference = await openHistoryStore({ url: path.join(projectDir, 'reference.db'), projectDir });
    try {
      const runs = await store.listRuns({ limit: 1000 });
      expect(runs).toHaveLength(200);
      expect(new Set(runs.map((run) => run.runId)).size).toBe(200);
      for (let worker = 0; worker < 4; worker++) {
        for (let index = 0; index < 50; index++) {
          await reference.recordRun({
            report: writerReport(worker, index),
            host: { hostname: `worker-${worker}` },
          });
        }
      }
      const window = { since: new Date('2024-05-30T00:00:00Z'), until: new Date('2024-06-10T00:00:00Z') };
      const trends = await store.trends({ ...window, bucket: 'hour' });
      expect(trends.runs).toBe(200);
      expect(trends).toEqual(await reference.trends({ ...window, bucket: 'hour' }));
      expect(await store.metricsSnapshot([1, 2, 5])).toEqual(await reference.metricsSnapshot([1, 2, 5]));
    } finally {
      await store.close();
      await reference.close();
    }
  }, 120_000);
});
