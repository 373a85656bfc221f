// Bad input through the real CLI: exit 2, a message naming file, line and field, never a stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { BASE_IMAGE, createProject, type TestProject } from '../support/project.js';

let project: TestProject;

beforeAll(async () => {
  project = await createProject({
    'good/Dockerfile': `FROM ${BASE_IMAGE}\n`,
    'wrong-type.yaml': `version: 1\nimages:\n  controller:\n    context: good\n    target: 42\n`,
    'unknown-key.yaml': `version: 1\nimages:\n  controller:\n    context: good\n    dependOn: [x]\n`,
    'syntax.yaml': `version: 1\nimages:\n  controller: {context: good\n`,
    'cycle.yaml': `version: 1\nimages:\n  a: {context: good, dependsOn: [b]}\n  b: {context: good, dependsOn: [a]}\n`,
  });
});
afterAll(() => project.cleanup());

describe('malformed config', () => {
  it.each([
    ['wrong-type.yaml', /wrong-type\.yaml:5.*images\.controller\.target: expected string/],
    ['unknown-key.yaml', /unknown-key\.yaml:5.*images\.controller.*dependOn.*did you mean .?dependsOn/],
    ['syntax.yaml', /syntax\.yaml:\d+/],
    ['cycle.yaml', /cycle: a → b → a|cycle: b → a → b/],
  ])('%s exits 2 naming the place', async (file, pattern) => {
    const run = await runCli(['build', '-f', file], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(pattern);
    expect(run.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  });

  it('an unknown flag is a usage error (exit 2)', async () => {
    const run = await runCli(['build', '--no-such-flag'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option/);
  });

  it('an unreachable daemon is an environment error (exit 3) with a hint', async () => {
    await project.write('valid.yaml', `version: 1\nimages:\n  controller: {context: good}\n`);
    const run = await runCli(['build', '-f', 'valid.yaml'], {
      cwd: project.dir,
      env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
    });
    expect(run.stderr).toMatch(/cannot reach the Docker daemon/);
    expect(run.stderr).toMatch(/hint:/);
    expect(run.code).toBe(3);
  });
});
