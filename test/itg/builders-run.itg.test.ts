// Builds on builders: a production build runs on its own managed engine (hardened, audited) and a
// dev build on another, with separate caches; a memory-limited step is reported as out of memory;
// a pool of three managed engines spreads the example set and survives losing a node mid-run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runCli } from '../support/cli.js';
import { BASE_IMAGE, createProject, imageEntry, uniqueTag, type TestProject } from '../support/project.js';
import { stopManagedBuilder } from '../../src/builders/managed/stop-managed-builder.js';
import type { Report } from '../../src/report/report-types.js';

const TAG = uniqueTag('bld');
let home: string;
let project: TestProject;
const engines = ['prod', 'dev', 'small', 'pool-n1', 'pool-n2', 'pool-n3'];

async function baseDigest(): Promise<string> {
  const response = await fetch('http://127.0.0.1:5000/v2/base/busybox/manifests/latest', {
    method: 'HEAD',
    headers: { Accept: 'application/vnd.oci.image.index.v1+json' },
  });
  return response.headers.get('docker-content-digest') ?? '';
}

function git(...args: string[]): void {
  execFileSync('git', ['-C', project.dir, ...args], { stdio: 'ignore' });
}

beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'imageforge-home-'));
  const pinned = `${BASE_IMAGE.replace(/:latest$/, '')}@${await baseDigest()}`;
  project = await createProject({
    'imageforge.yaml': `version: 1
builders:
  prod: {driver: managed, resources: {memory: 1GB, cpus: 1}}
  dev: {driver: managed}
  small: {driver: managed, resources: {memory: 64MB, cpus: 1}}
settings:
  builder: dev
images:
  app: {context: app, tags: [localhost:5000/itg/bld-app:${TAG}]}
  hungry: {context: hungry, tags: [localhost:5000/itg/bld-hungry:${TAG}], builder: small}
profiles:
  # production scans every image; no vulnerability DB can be downloaded here, so only secrets + SBOM
  prod: {settings: {builder: prod, policy: production}, defaults: {scan: {vulnerabilities: false}}}
`,
    'app/Dockerfile': `FROM ${pinned}\nRUN echo app-${TAG} > /app\n`,
    'hungry/Dockerfile': `FROM ${pinned}\nRUN head -c 300m /dev/zero | tail > /dev/null\n`,
  });
  git('init', '-q', '-b', 'main');
  git('remote', 'add', 'origin', 'https://git.example.com/platform/images.git');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'init');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'images');
});
afterAll(async () => {
  for (const name of engines) await stopManagedBuilder(name, { home }).catch(() => undefined);
  await project.cleanup();
});

const env = (): Record<string, string> => ({ IMAGEFORGE_HOME: home });

async function build(...args: string[]): Promise<Report> {
  const run = await runCli(['build', '--progress', 'plain', '--json', ...args], {
    cwd: project.dir,
    env: env(),
  });
  expect(run.stderr).not.toMatch(/internal error/);
  return JSON.parse(run.stdout || '{}') as Report;
}

describe('production and development builders', () => {
  it('builds the prod profile on its own hardened engine and dev on another, with separate caches', async () => {
    const prod = await build('--profile', 'prod', 'app');
    expect(prod.status).toBe('succeeded');
    expect(prod.policy?.violations).toEqual([]);
    expect(prod.environment.dockerHost).toBe(`unix://${home}/builders/prod/docker.sock`);
    const dev = await build('app');
    expect(dev.status).toBe('succeeded');
    expect(dev.environment.dockerHost).toBe(`unix://${home}/builders/dev/docker.sock`);
    const audit = await readFile(path.join(project.dir, '.imageforge/audit.jsonl'), 'utf8');
    expect(JSON.parse(audit.trim().split('\n').at(-1) ?? '{}')).toMatchObject({
      status: 'succeeded',
      builder: 'prod',
    });
    // each engine's cache holds its own build only
    const du = async (builder: string) => {
      const run = await runCli(['cache', 'du', '--json', '--builder', builder], {
        cwd: project.dir,
        env: env(),
      });
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as { entries: Array<{ description: string }> };
    };
    const [prodCache, devCache] = await Promise.all([du('prod'), du('dev')]);
    const prodRun = prodCache.entries.filter((entry) => entry.description.includes(`app-${TAG}`));
    const devRun = devCache.entries.filter((entry) => entry.description.includes(`app-${TAG}`));
    expect(prodRun).toHaveLength(1);
    expect(devRun).toHaveLength(1);
    expect(prodCache.entries.length + devCache.entries.length).toBeGreaterThan(0);
  });

  it('reports a RUN step killed for memory as out of memory', async () => {
    const report = await build('hungry');
    const hungry = imageEntry(report, 'hungry');
    expect(hungry.status).toBe('failed');
    expect(hungry.error?.code).toBe('IMAGEFORGE_OUT_OF_MEMORY');
    expect(hungry.error?.message).toMatch(/out of memory/);
    expect(hungry.attempts).toHaveLength(1);
  });
});

describe('a pool of three managed engines', () => {
  it('spreads the example set over the nodes and finishes when one dies mid-run', async () => {
    const pool = await createProject({});
    const example = path.join(ROOT, 'examples/jenkins-ha');
    execFileSync('cp', ['-r', `${example}/.`, pool.dir]);
    const config = (await readFile(path.join(pool.dir, 'imageforge.yaml'), 'utf8')).replace(
      'settings:\n  parallel: 2',
      'settings:\n  parallel: 3\n  builder: pool\n  handoffRegistry: localhost:5000/itg-handoff\nbuilders:\n  pool: {driver: managed, nodes: [{name: n1}, {name: n2}, {name: n3}]}',
    );
    await pool.write('imageforge.yaml', config);
    let killed = false;
    const run = await runCli(['build', '--progress', 'plain'], {
      cwd: pool.dir,
      env: { ...env(), TAG },
      onStderr: (text) => {
        // once base is built, its dependents start on the other nodes: take n2 away
        if (!killed && /\[base\]\s+built/.test(text)) {
          killed = true;
          const pid = Number(
            execFileSync('cat', [`${home}/builders/pool-n2/docker.pid`], { encoding: 'utf8' }),
          );
          process.kill(pid, 'SIGKILL');
        }
      },
    });
    expect(killed).toBe(true);
    expect(run.code, run.stderr).toBe(0);
    const report = await pool.latestReport();
    expect(report.images.every((image) => image.status === 'built')).toBe(true);
    const nodes = new Set(report.images.map((image) => image.node));
    expect(nodes.size).toBeGreaterThanOrEqual(2);
    expect(report.images.every((image) => image.builder === 'pool')).toBe(true);
    // n2 was the least loaded node when base's dependents started: the one that met the dead node moved
    expect(run.stderr).toMatch(/node pool\/n2 is gone; rescheduling/);
    expect(report.images.some((image) => image.node === 'n2' && image.attempts.length === 1)).toBe(false);
    await pool.cleanup();
  });
});
