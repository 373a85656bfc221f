// The history store on real SQLite files in a temporary directory: the shared behaviour suite, plus
// what only SQLite does (default location under .imageforge/, relative paths, unusable files).
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors/codes.js';
import { isImageforgeError } from '../../../src/errors/imageforge-error.js';
import { openHistoryStore } from '../../../src/history/open-history.js';
import { sampleReport } from '../report/sample-report.js';
import { SAMPLE_HOST } from './history-fixtures.js';
import { describeHistoryStore } from './history-store-behaviour.js';

let projectDir = '';
let counter = 0;

beforeAll(async () => {
  projectDir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-history-'));
});
afterAll(async () => {
  await rm(projectDir, { recursive: true, force: true });
});

describe('SQLite history store', () => {
  describeHistoryStore(() => openHistoryStore({ projectDir, url: `sqlite:stores/${++counter}.db` }));

  it('defaults to .imageforge/history.db in the project, creating the directory', async () => {
    const project = path.join(projectDir, 'default-project');
    const store = await openHistoryStore({ projectDir: project });
    try {
      expect(store.kind).toBe('sqlite');
      expect(store.location).toBe(path.join(project, '.imageforge', 'history.db'));
      await store.recordRun({ report: sampleReport(), host: { hostname: 'ci-1' } });
    } finally {
      await store.close();
    }
    expect(existsSync(path.join(project, '.imageforge', 'history.db'))).toBe(true);
    const reopened = await openHistoryStore({ projectDir: project, url: '.imageforge/history.db' });
    try {
      expect((await reopened.listRuns()).map((run) => run.runId)).toEqual(['20240501T120000Z-abc123']);
    } finally {
      await reopened.close();
    }
  });

  it('migrates an existing file only once (reopening keeps the data)', async () => {
    const url = path.join(projectDir, 'reopen.db');
    for (let round = 0; round < 3; round++) {
      const store = await openHistoryStore({ projectDir, url });
      await store.recordRun({ report: sampleReport({ runId: `run-${round}` }), host: { hostname: 'ci-1' } });
      await store.close();
    }
    const store = await openHistoryStore({ projectDir, url });
    expect(await store.listRuns()).toHaveLength(3);
    await store.close();
  });

  it('fails with IMAGEFORGE_HISTORY_UNAVAILABLE and the location when the file is not a database', async () => {
    const file = path.join(projectDir, 'not-a-database.db');
    await writeFile(file, 'this is not SQLite '.repeat(100));
    const error: unknown = await openHistoryStore({ projectDir, url: file }).catch(
      (caught: unknown) => caught,
    );
    expect(isImageforgeError(error)).toBe(true);
    expect(error).toMatchObject({ code: ErrorCode.HistoryUnavailable, category: 'environment' });
    expect(String((error as Error).message)).toContain(file);
  });

  it('rejects URLs of databases it does not support', async () => {
    const error: unknown = await openHistoryStore({
      projectDir,
      url: 'mysql://root:hunter2@db/history',
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCode.HistoryUrlInvalid, category: 'config' });
    expect(String((error as Error).message)).not.toContain('hunter2');
  });
});

describe('SQLite history file', () => {
  it('is in WAL mode and holds nothing of the report beyond the recorded fields', async () => {
    const file = path.join(projectDir, 'secrets.db');
    const store = await openHistoryStore({ projectDir, url: file });
    const report = sampleReport({ warnings: ['token hunter2 leaked into a warning'] });
    const agent = report.images.find((image) => image.name === 'agent');
    agent?.steps.push({
      name: 'RUN deploy',
      cacheable: true,
      cached: false,
      durationMs: 50,
      error: 'curl -u admin:hunter2 failed',
      logTail: ['Authorization: Bearer hunter2'],
    });
    if (agent?.error) agent.error = { ...agent.error, message: 'hunter2 rejected' };
    await store.recordRun({ report, host: SAMPLE_HOST });
    await store.close();
    const database = new Database(file, { readonly: true });
    try {
      expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
      const dump = JSON.stringify(
        ['runs', 'image_builds', 'build_steps'].map((table) =>
          database.prepare(`select * from ${table}`).all(),
        ),
      );
      expect(dump).toContain('RUN deploy');
      expect(dump).not.toContain('hunter2');
    } finally {
      database.close();
    }
  });

  it('reports a report it cannot record as IMAGEFORGE_HISTORY_WRITE_FAILED', async () => {
    const store = await openHistoryStore({ projectDir, url: path.join(projectDir, 'bad-report.db') });
    try {
      const error: unknown = await store
        .recordRun({
          report: sampleReport({ runId: 'bad', startedAt: 'yesterday' }),
          host: { hostname: 'ci-1' },
        })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: ErrorCode.HistoryWriteFailed, details: { runId: 'bad' } });
      expect(await store.listRuns()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
