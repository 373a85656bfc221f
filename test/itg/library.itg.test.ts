// The library does what the CLI does: load, plan, build with events, cancel with an AbortSignal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadConfig, printPlan, resolvePlan, runBuild, type RunEvent } from '../../src/index.js';
import { BASE_IMAGE, createProject, uniqueTag, type TestProject } from '../support/project.js';

const TAG = uniqueTag('lib');
let project: TestProject;

beforeAll(async () => {
  project = await createProject({
    'imageforge.yaml': `version: 1
images:
  base: {context: base, tags: [itg/lib-base:${TAG}]}
  app: {context: app, tags: [itg/lib-app:${TAG}], args: {PARENT: itg/lib-base:${TAG}}}
`,
    'base/Dockerfile': `FROM ${BASE_IMAGE}\nRUN echo ${TAG} > /base\n`,
    'app/Dockerfile': `ARG PARENT\nFROM \${PARENT}\nRUN cat /base\n`,
  });
});
afterAll(() => project.cleanup());

describe('library API', () => {
  it('plans the FROM edge found through a build arg', async () => {
    const config = await loadConfig({ file: path.join(project.dir, 'imageforge.yaml') });
    const printed = printPlan(await resolvePlan(config));
    expect(printed.order).toEqual(['base', 'app']);
    expect(printed.images[1]?.edges).toEqual([
      expect.objectContaining({ from: 'app', to: 'base', reason: 'from', ref: `itg/lib-base:${TAG}` }),
    ]);
  });

  it('builds with an event stream and returns the report', async () => {
    const config = await loadConfig({ file: path.join(project.dir, 'imageforge.yaml') });
    const events: RunEvent[] = [];
    const result = await runBuild({
      config,
      onEvent: (event) => events.push(event),
      reportDir: path.join(project.dir, 'r1'),
    });
    expect(result.report.status).toBe('succeeded');
    expect(result.report.images.map((image) => image.status)).toEqual(['built', 'built']);
    const types = new Set(events.map((event) => event.type));
    for (const type of [
      'run-started',
      'image-queued',
      'image-started',
      'image-step',
      'image-finished',
      'run-finished',
    ]) {
      expect(types).toContain(type);
    }
  });

  it('stops when the caller aborts', async () => {
    await project.write('base/Dockerfile', `FROM ${BASE_IMAGE}\nRUN sleep 60\n`);
    const config = await loadConfig({ file: path.join(project.dir, 'imageforge.yaml') });
    const controller = new AbortController();
    const started = Date.now();
    const result = await runBuild({
      config,
      signal: controller.signal,
      reportDir: path.join(project.dir, 'r2'),
      onEvent: (event) => {
        if (event.type === 'image-step' && event.step.name.includes('sleep')) controller.abort();
      },
    });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result.report.status).toBe('cancelled');
    expect(result.cancelReason).toBe('caller');
  });
});
