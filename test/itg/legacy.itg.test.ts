// Legacy fallback: the classic builder builds a plain Dockerfile when asked (--legacy) or when
// DOCKER_BUILDKIT=0, and refuses a BuildKit-only Dockerfile up front, naming file and line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { BASE_IMAGE, createProject, imageEntry, uniqueTag, type TestProject } from '../support/project.js';
import { docker, imageExists } from '../support/docker.js';

const TAG = uniqueTag('legacy');
let project: TestProject;

beforeAll(async () => {
  project = await createProject({
    'imageforge.yaml': `version: 1
images:
  plain:
    context: plain
    tags: [itg/plain:${TAG}]
  modern:
    context: modern
    tags: [itg/modern:${TAG}]
  cachey:
    context: cachey
    tags: [itg/cachey:${TAG}]
    legacy: {degradeCacheMounts: true}
`,
    'plain/Dockerfile': `FROM ${BASE_IMAGE}\nARG V=1\nRUN echo plain-$V > /plain\n`,
    'modern/Dockerfile': `FROM ${BASE_IMAGE}\nWORKDIR /x\nRUN --mount=type=bind,target=/ctx cat /ctx/Dockerfile\n`,
    'cachey/Dockerfile': `FROM ${BASE_IMAGE}\nRUN --mount=type=cache,target=/cache echo hi > /hi\n`,
  });
});
afterAll(() => project.cleanup());

describe('legacy builder fallback', () => {
  it('--legacy builds a plain Dockerfile with the classic builder', async () => {
    const run = await runCli(['build', '--legacy', '--progress', 'plain', 'plain'], { cwd: project.dir });
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(0);
    const report = await project.latestReport();
    expect(report.environment.buildkitAvailable).toBe(false);
    const plain = imageEntry(report, 'plain');
    expect(plain).toMatchObject({ status: 'built', method: 'legacy' });
    expect(plain.imageId).toMatch(/^sha256:/);
    expect(plain.cache.totalSteps).toBe(2);
    expect(imageExists(`itg/plain:${TAG}`)).toBe(true);
    expect(docker(['run', '--rm', `itg/plain:${TAG}`, 'cat', '/plain'])).toBe('plain-1');
  });

  it('DOCKER_BUILDKIT=0 selects the classic builder too, and a rebuild hits its cache', async () => {
    const run = await runCli(['build', '--progress', 'plain', 'plain'], {
      cwd: project.dir,
      env: { DOCKER_BUILDKIT: '0' },
    });
    expect(run.code).toBe(0);
    const plain = imageEntry(await project.latestReport(), 'plain');
    expect(plain.method).toBe('legacy');
    expect(plain.cache.hitRatio).toBe(1);
  });

  it('refuses BuildKit-only syntax with the Dockerfile line, before building anything', async () => {
    const run = await runCli(['build', '--legacy', 'modern'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/modern\/Dockerfile:3: RUN --mount/);
    expect(run.stderr).toMatch(/requires BuildKit/);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('drops cache mounts with a warning when the config allows it', async () => {
    const run = await runCli(['build', '--legacy', '--progress', 'plain', 'cachey'], { cwd: project.dir });
    expect(run.code).toBe(0);
    const cachey = imageEntry(await project.latestReport(), 'cachey');
    expect(cachey.method).toBe('legacy');
    expect(cachey.warnings.join('\n')).toMatch(/Dockerfile:2: dropped RUN --mount=type=cache/);
  });
});
