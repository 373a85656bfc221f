// A failing RUN is deterministic: it fails once (no retry), independent images still build, and its
// dependents are reported skipped — in report.json, junit.xml and the exit code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../support/cli.js';
import { BASE_IMAGE, createProject, imageEntry, uniqueTag, type TestProject } from '../support/project.js';

const TAG = uniqueTag('fail');
let project: TestProject;

beforeAll(async () => {
  project = await createProject({
    'imageforge.yaml': `version: 1
defaults:
  retry: {attempts: 3, initialDelay: 100ms}
images:
  independent:
    context: independent
    tags: [itg/independent:${TAG}]
  broken:
    context: broken
    tags: [itg/broken:${TAG}]
  child:
    context: child
    tags: [itg/child:${TAG}]
`,
    'independent/Dockerfile': `FROM ${BASE_IMAGE}\nRUN echo independent-${TAG} > /ok\n`,
    'broken/Dockerfile': `FROM ${BASE_IMAGE}\nRUN echo "about to fail ${TAG}" && exit 3\n`,
    'child/Dockerfile': `FROM itg/broken:${TAG}\nRUN true\n`,
  });
});
afterAll(() => project.cleanup());

describe('a failing RUN step', () => {
  it('fails once without retry, builds independent images, skips dependents', async () => {
    const run = await runCli(['build', '--progress', 'plain'], { cwd: project.dir });
    expect(run.code).toBe(1);
    const report = await project.latestReport();
    expect(report.status).toBe('failed');
    const broken = imageEntry(report, 'broken');
    expect(broken.status).toBe('failed');
    expect(broken.attempts).toHaveLength(1);
    expect(broken.error?.kind).toBe('deterministic');
    expect(broken.error?.message).toMatch(/exit code 3/);
    const failedStep = broken.steps.find((step) => step.error !== undefined);
    expect(failedStep?.logTail?.join('\n')).toContain(`about to fail ${TAG}`);
    expect(imageEntry(report, 'independent').status).toBe('built');
    expect(imageEntry(report, 'child')).toMatchObject({
      status: 'skipped',
      reason: 'dependency failed: broken',
    });
    const junit = await readFile(path.join(project.dir, '.imageforge/runs/latest/junit.xml'), 'utf8');
    expect(junit).toMatch(/<failure [^>]*exit code 3/);
    expect(junit).toMatch(/<skipped message="dependency failed: broken"/);
  });

  it('with --fail-fast stops the rest', async () => {
    const run = await runCli(
      ['build', '--progress', 'plain', '--fail-fast', '--parallel', '1', 'broken', 'child'],
      {
        cwd: project.dir,
      },
    );
    expect(run.code).toBe(1);
    const report = await project.latestReport();
    expect(imageEntry(report, 'broken').status).toBe('failed');
    expect(imageEntry(report, 'child').status).toBe('skipped');
    expect(report.images.map((image) => image.name)).toEqual(['broken', 'child']);
  });
});
