// The production profile refuses what the hardening policy forbids — naming the image, the place and
// the rule — before anything builds, and records the refusal in the append-only audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../support/cli.js';
import { BASE_IMAGE, createProject, uniqueTag, type TestProject } from '../support/project.js';

const TAG = uniqueTag('prod');
let project: TestProject;

beforeAll(async () => {
  project = await createProject({
    'imageforge.yaml': `version: 1
images:
  app: {context: app, tags: [localhost:5000/itg/prod-app:${TAG}], network: host}
profiles:
  prod: {settings: {policy: production}}
`,
    'app/Dockerfile': `FROM ${BASE_IMAGE}\nRUN echo app\n`,
  });
});
afterAll(() => project.cleanup());

describe('production policy', () => {
  it('refuses network.host and an unpinned base, naming each, with exit 2', async () => {
    const run = await runCli(['build', '--profile', 'prod'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/production policy refuses this build/);
    expect(run.stderr).toMatch(/app.*network.*host.*\[no-insecure-entitlements\]/);
    expect(run.stderr).toMatch(
      new RegExp(`app.*${BASE_IMAGE.replace(/[.:/]/g, '\\$&')}.*not pinned.*\\[pinned-base-images\\]`),
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const audit = (await readFile(path.join(project.dir, '.imageforge/audit.jsonl'), 'utf8'))
      .trim()
      .split('\n');
    const record = JSON.parse(audit.at(-1) ?? '{}') as {
      status: string;
      policy: { violations: Array<{ rule: string }> };
    };
    expect(record.status).toBe('refused');
    expect(record.policy.violations.map((violation) => violation.rule)).toEqual(
      expect.arrayContaining(['no-insecure-entitlements', 'pinned-base-images']),
    );
  });

  it('without the profile the same image builds (the policy is opt-in)', async () => {
    await project.write(
      'imageforge.yaml',
      `version: 1\nimages:\n  app: {context: app, tags: [localhost:5000/itg/prod-app:${TAG}]}\n`,
    );
    const run = await runCli(['build', '--progress', 'plain'], { cwd: project.dir });
    expect(run.code, run.stderr).toBe(0);
  });
});
