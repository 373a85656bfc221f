// Transient failures are retried with backoff: a push to a registry that comes up a few seconds late
// succeeds on a later attempt, and every attempt is in the report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { BASE_IMAGE, createProject, imageEntry, uniqueTag, type TestProject } from '../support/project.js';
import { freePort, startRegistry, type TestRegistry } from '../support/registry.js';

const TAG = uniqueTag('late');
let project: TestProject;
let port: number;
let registry: TestRegistry | undefined;

beforeAll(async () => {
  port = await freePort();
  project = await createProject({
    'imageforge.yaml': `version: 1
images:
  app:
    context: app
    tags: [localhost:${port}/itg/app:${TAG}]
    retry: {attempts: 6, initialDelay: 1s, factor: 2, maxDelay: 4s, jitter: 0}
`,
    'app/Dockerfile': `FROM ${BASE_IMAGE}\nRUN echo ${TAG} > /tag\n`,
  });
});
afterAll(async () => {
  await registry?.stop();
  await project.cleanup();
});

describe('retry of transient failures', () => {
  it('pushes once the late registry comes up', async () => {
    let pushing = false;
    const started = runCli(['build', '--push', '--progress', 'plain'], {
      cwd: project.dir,
      onStderr: (text) => {
        if (!pushing && /retry \d+ in/.test(text)) {
          pushing = true;
          void startRegistry(port).then((r) => (registry = r));
        }
      },
    });
    const run = await started;
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(0);
    const report = await project.latestReport();
    const app = imageEntry(report, 'app');
    expect(app.status).toBe('built');
    expect(app.attempts).toHaveLength(1);
    expect(app.push.status).toBe('pushed');
    expect(app.push.attempts.length, JSON.stringify(app.push, null, 1)).toBeGreaterThanOrEqual(2);
    expect(app.push.attempts[0]?.error?.kind).toBe('transient');
    expect(app.push.attempts.at(-1)?.outcome).toBe('succeeded');
    expect(await registry?.tags('itg/app')).toContain(TAG);
  });
});
