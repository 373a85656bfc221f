// settings.cache.enforce: before-build prunes the engine's build cache to policy before a run builds,
// and the report says what went.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../support/cli.js';
import { BASE_IMAGE, createProject, uniqueTag, type TestProject } from '../support/project.js';
import { startEngine, type TestEngine } from '../support/engines.js';
import type { Report } from '../../src/report/report-types.js';

const TAG = uniqueTag('enf');
let project: TestProject;
let engine: TestEngine;
let cacheHome: string;

beforeAll(async () => {
  engine = startEngine('itg-enforce');
  cacheHome = await mkdtemp(path.join(os.tmpdir(), 'imageforge-xdg-'));
  project = await createProject({
    'imageforge.yaml': `version: 1
settings:
  cache: {maxSize: '\${MAX_SIZE:-10GB}'}
images:
  big: {context: big, tags: [itg/enforce-big:${TAG}]}
`,
    'big/Dockerfile': `FROM ${BASE_IMAGE}\nRUN head -c 8000000 /dev/urandom > /blob-${TAG}\n`,
  });
});
afterAll(async () => {
  engine.stop();
  await project.cleanup();
});

async function build(maxSize: string): Promise<Report> {
  const run = await runCli(['build', '--force', '--progress', 'plain', '--json'], {
    cwd: project.dir,
    env: { DOCKER_HOST: engine.dockerHost, MAX_SIZE: maxSize, XDG_CACHE_HOME: cacheHome },
  });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

describe('cache policy enforced before a build', () => {
  it('prunes an over-size cache first and records it in the report', async () => {
    const first = await build('10GB');
    expect(first.cacheMaintenance).toBeUndefined();
    const second = await build('1MB');
    expect(second.cacheMaintenance?.prunedEntries).toBeGreaterThan(0);
    expect(second.cacheMaintenance?.bytesReclaimed).toBeGreaterThan(8_000_000);
    expect(second.cacheMaintenance?.reason).toMatch(/max/i);
    expect(second.status).toBe('succeeded');
  });
});
