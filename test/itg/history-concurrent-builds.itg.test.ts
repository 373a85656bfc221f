// Concurrent `imageforge build` processes share one history store and lose no record: four on one
// SQLite file, two on one PostgreSQL database; every run id appears in `imageforge history ls`, and
// `imageforge history show` of each tells what that run's report tells (images, attempts, digests).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { runCli } from '../support/cli.js';
import { BASE_IMAGE, createProject, uniqueTag, type TestProject } from '../support/project.js';
import { reportSchema, type Report } from '../../src/report/report-types.js';
import { waitForNoProcesses } from '../support/nothing-lost.js';
import { ROOT } from '../support/cli.js';

const TAG = uniqueTag('hist');
let project: TestProject;
let postgresUrl: string;
const database = `imageforge_itg_${TAG.replace(/[^a-z0-9]/g, '_')}`;

function postgresEnv(): string {
  execFileSync('bash', [path.join(ROOT, 'scripts/postgres.sh'), 'up'], { stdio: 'ignore' });
  const env = execFileSync('bash', [path.join(ROOT, 'scripts/postgres.sh'), 'env'], { encoding: 'utf8' });
  const url = /IMAGEFORGE_TEST_POSTGRES_URL=(\S+)/.exec(env)?.[1];
  if (url === undefined) throw new Error(`scripts/postgres.sh env printed no URL: ${env}`);
  return url;
}

beforeAll(async () => {
  const admin = postgresEnv();
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${database}`);
  await client.end();
  postgresUrl = admin.replace(/\/[^/]+$/, `/${database}`);
  project = await createProject({
    'imageforge.yaml': `version: 1
images:
  app: {context: app, tags: ['itg/hist-app:${TAG}']}
profiles:
  shared: {settings: {history: '${postgresUrl}'}}
`,
    'app/Dockerfile': `FROM ${BASE_IMAGE}\nRUN echo ${TAG} > /stamp\n`,
  });
  const first = await runCli(['build', '--no-gates', '--progress', 'quiet'], { cwd: project.dir });
  if (first.code !== 0) throw new Error(first.stderr);
});
afterAll(async () => {
  await project.cleanup();
  const client = new pg.Client({ connectionString: postgresEnv() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await client.end();
});

async function runIds(extra: string[]): Promise<string[]> {
  const listed = await runCli(['history', 'ls', '--limit', '100', '--json', ...extra], { cwd: project.dir });
  expect(listed.code, listed.stderr).toBe(0);
  return (JSON.parse(listed.stdout) as Array<{ runId: string }>).map((run) => run.runId);
}

async function concurrentBuilds(count: number, extra: string[]): Promise<string[]> {
  const runs = await Promise.all(
    Array.from({ length: count }, () =>
      runCli(['build', '--no-gates', '--progress', 'quiet', '--json', ...extra], { cwd: project.dir }),
    ),
  );
  const reports = runs.map((run) => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/history not recorded/);
    return reportSchema.parse(JSON.parse(run.stdout));
  });
  await expectRecordedAsReported(reports, extra);
  for (const report of reports) {
    // each run wrote its own report files, none overwrote another's
    const file = path.join(project.dir, '.imageforge/runs', report.runId, 'report.json');
    expect(reportSchema.parse(JSON.parse(await readFile(file, 'utf8'))).runId).toBe(report.runId);
  }
  expect(await waitForNoProcesses(project.marker)).toEqual([]);
  return reports.map((report) => report.runId);
}

/** `history show` of every run tells what its report tells: status, images, attempts, digests. */
async function expectRecordedAsReported(reports: Report[], extra: string[]): Promise<void> {
  const historyFlags = extra.filter((arg) => arg !== '--force'); // e.g. --profile shared
  for (const report of reports) {
    const shown = await runCli(['history', 'show', report.runId, '--json', ...historyFlags], {
      cwd: project.dir,
    });
    expect(shown.code, shown.stderr).toBe(0);
    const recorded = JSON.parse(shown.stdout) as {
      imageBuilds: Array<{ image: string; status: string; attempts: number; digest?: string }>;
    };
    expect(recorded).toMatchObject({
      runId: report.runId,
      status: report.status,
      images: report.images.length,
      built: report.summary.built,
      failed: report.summary.failed,
    });
    const summary = (builds: Array<{ image: string; status: string; attempts: number; digest?: string }>) =>
      builds.map(({ image, status, attempts, digest }) => ({ image, status, attempts, digest }));
    expect(summary(recorded.imageBuilds)).toEqual(
      summary(
        report.images.map((image) => ({
          image: image.name,
          status: image.status,
          attempts: image.attempts.length,
          digest: image.digest,
        })),
      ),
    );
  }
}

describe('concurrent builds sharing a history store', () => {
  it('four builds on one SQLite file: every run recorded', async () => {
    const before = await runIds([]);
    const ids = await concurrentBuilds(4, ['--force']);
    const after = await runIds([]);
    expect(after).toHaveLength(before.length + 4);
    expect(after).toEqual(expect.arrayContaining(ids));
  });

  it('two builds on one PostgreSQL database: every run recorded', async () => {
    const ids = await concurrentBuilds(2, ['--force', '--profile', 'shared']);
    const listed = await runIds(['--profile', 'shared']);
    expect(listed).toHaveLength(2);
    expect(listed.sort()).toEqual([...ids].sort());
    const trends = await runCli(['history', 'trends', '--json', '--profile', 'shared'], { cwd: project.dir });
    expect(JSON.parse(trends.stdout)).toMatchObject({ runs: 2, images: [{ image: 'app', builds: 2 }] });
  });
});
