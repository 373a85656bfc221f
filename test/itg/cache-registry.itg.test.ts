// The registry cache makes machines interchangeable: engine A (a developer) builds and exports, a
// fresh engine B (a new CI agent) imports and skips the slow steps. Exports never fail a build, and a
// cache registry that needs credentials works through the docker config without leaking them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { runCli } from '../support/cli.js';
import { BASE_IMAGE, createProject, uniqueTag, type TestProject } from '../support/project.js';
import { startEngine, type TestEngine } from '../support/engines.js';
import type { Report } from '../../src/report/report-types.js';
import { freePort, startRegistry, type TestRegistry } from '../support/registry.js';

const TAG = uniqueTag('cache');
const PREFIX = `localhost:5000/itg-cache-${TAG}`;
let project: TestProject;
let engineB: TestEngine;

function slowImage(name: string, seconds: number): Record<string, string> {
  return {
    [`${name}/Dockerfile`]: [
      `FROM ${BASE_IMAGE}`,
      `RUN sleep ${seconds} && echo ${name}-${TAG}-1 > /one`,
      `RUN sleep ${seconds} && head -c 2000000 /dev/urandom > /blob`,
      'COPY app.txt /app.txt',
      `RUN sleep ${seconds} && cat /app.txt /one > /two`,
      '',
    ].join('\n'),
    [`${name}/app.txt`]: `${name}\n`,
  };
}

beforeAll(async () => {
  engineB = startEngine('itg-cache-b');
  project = await createProject({
    'imageforge.yaml': `version: 1
defaults:
  cache: {registry: ${PREFIX}, mode: max}
images:
  one: {context: one, tags: [itg/cache-one:${TAG}]}
  two: {context: two, tags: [itg/cache-two:${TAG}]}
`,
    ...slowImage('one', 2),
    ...slowImage('two', 2),
  });
});
afterAll(async () => {
  engineB.stop();
  await project.cleanup();
});

async function buildOn(dockerHost: string, ...args: string[]) {
  const started = Date.now();
  const run = await runCli(['build', '--progress', 'plain', '--json', ...args], {
    cwd: project.dir,
    env: { DOCKER_HOST: dockerHost, IMAGEFORGE_BRANCH: 'main' },
  });
  const wallMs = Date.now() - started;
  expect(run.stderr).not.toMatch(/internal error/);
  expect(run.code, run.stderr).toBe(0);
  return { report: JSON.parse(run.stdout) as Report, wallMs };
}

describe('registry cache across machines', () => {
  it('a fresh engine B imports what engine A exported: ≥90% hits in ≤35% of the uncached time', async () => {
    // the reference: the same set on the fresh engine B without any cache to import
    const uncached = await buildOn(
      engineB.dockerHost,
      '--set',
      'defaults.cache.registry=localhost:5000/itg-cache-empty-' + TAG,
    );
    expect(uncached.report.summary.cache.hitRatio).toBe(0);
    // engine A (the main test engine) builds and exports
    const exported = await buildOn(process.env.DOCKER_HOST ?? '');
    for (const image of exported.report.images) expect(image.cache.exports?.[0]?.error).toBeUndefined();
    // B forgets everything, then builds importing A's cache
    engineB.reset();
    const imported = await buildOn(engineB.dockerHost);
    const { summary, images } = imported.report;
    expect(summary.cache.hitRatio).toBeGreaterThanOrEqual(0.9);
    for (const image of images)
      expect(image.cache.imports?.[0]).toEqual({ ref: `${PREFIX}/${image.name}:main`, found: true });
    expect(summary.cache.bytesPulled).toBeGreaterThan(0);
    expect(imported.wallMs).toBeLessThanOrEqual(uncached.wallMs * 0.35);
  });

  it('a failed export (registry down) keeps the build and says so in the report', async () => {
    const port = await freePort();
    const { report } = await buildOn(
      process.env.DOCKER_HOST ?? '',
      '--force',
      '--set',
      `defaults.cache.registry=localhost:${port}/cache`,
      'one',
    );
    const one = report.images[0];
    expect(one?.status).toBe('built');
    expect(one?.cache.exports?.[0]?.error).toMatch(/connection refused/);
    expect(one?.warnings.join('\n')).toMatch(/exporting cache to registry failed \(the build is kept\)/);
    expect(one?.cache.imports?.[0]?.found).toBe(false); // a missing cache is normal
  });
});

describe('a cache registry that needs credentials', () => {
  let registry: TestRegistry;
  const user = 'ci-bot';
  const password = `pw-${TAG}-s3cret`;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-auth-'));
    const htpasswd = execFileSync('htpasswd', ['-Bbn', user, password], { encoding: 'utf8' });
    await writeFile(path.join(dir, 'htpasswd'), htpasswd);
    registry = await startRegistry(await freePort(), { htpasswd: path.join(dir, 'htpasswd') });
  });
  afterAll(() => registry.stop());

  it('exports with the docker config credentials and never writes them anywhere', async () => {
    const dockerConfig = await mkdtemp(path.join(os.tmpdir(), 'imageforge-dockercfg-'));
    const auth = Buffer.from(`${user}:${password}`).toString('base64');
    await writeFile(
      path.join(dockerConfig, 'config.json'),
      JSON.stringify({ auths: { [`localhost:${registry.port}`]: { auth } } }),
    );
    const reportDir = path.join(project.dir, 'auth-report');
    const run = await runCli(
      [
        'build',
        '--force',
        '--progress',
        'plain',
        '--report-dir',
        reportDir,
        '--set',
        `defaults.cache.registry=localhost:${registry.port}/cache`,
        'one',
      ],
      { cwd: project.dir, env: { DOCKER_CONFIG: dockerConfig, IMAGEFORGE_BRANCH: 'main' } },
    );
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(await readFile(path.join(reportDir, 'report.json'), 'utf8')) as {
      images: Array<{ cache: { exports?: Array<{ error?: string }> } }>;
    };
    expect(report.images[0]?.cache.exports?.[0]?.error).toBeUndefined();
    expect(await registry.tags('cache/one', { user, password })).toContain('main');
    const written = [run.stdout, run.stderr];
    for (const file of await readdir(reportDir, { recursive: true })) {
      written.push(await readFile(path.join(reportDir, file), 'utf8').catch(() => ''));
    }
    for (const text of written) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(auth);
    }
  });
});
