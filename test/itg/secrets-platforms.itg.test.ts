// Build secrets reach RUN --mount=type=secret but never the command line, the logs or the reports;
// multi-platform images build as one OCI index; a per-image timeout fails only that image.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../support/cli.js';
import {
  BASE_IMAGE,
  createProject,
  imageEntry,
  processesMentioning,
  uniqueTag,
  type TestProject,
} from '../support/project.js';
import { docker } from '../support/docker.js';

const TAG = uniqueTag('sec');
const SECRET = `tok-${TAG}-Zq9vX`;
const FILE_SECRET = `file-secret-${TAG}-Yw2`;
let project: TestProject;

beforeAll(async () => {
  project = await createProject({
    'imageforge.yaml': `version: 1
images:
  secretive:
    context: secretive
    tags: [itg/secretive:${TAG}]
    secrets: {token: env:ITG_TOKEN, npmrc: {file: npmrc}}
  multi:
    context: multi
    tags: [localhost:5000/itg/multi:${TAG}]
    platforms: [linux/amd64, linux/arm64]
  slow:
    context: slow
    tags: [itg/slow-timeout:${TAG}]
    timeout: 3s
    retry: {attempts: 3, initialDelay: 100ms}
`,
    npmrc: `${FILE_SECRET}\n`,
    'secretive/Dockerfile': [
      `FROM ${BASE_IMAGE}`,
      // a careless step that prints its secrets: imageforge must redact them
      // (the tag makes the step unique: secret values are not part of BuildKit's cache key)
      `RUN --mount=type=secret,id=token --mount=type=secret,id=npmrc echo "${TAG} token=$(cat /run/secrets/token) npmrc=$(cat /run/secrets/npmrc)" && test -s /run/secrets/token`,
      '',
    ].join('\n'),
    'multi/Dockerfile': `FROM ${BASE_IMAGE}\nARG TARGETARCH\nRUN echo "built for $TARGETARCH on $(uname -m)" > /arch\n`,
    'slow/Dockerfile': `FROM ${BASE_IMAGE}\nRUN echo slow-${TAG} && sleep 60\n`,
  });
});
afterAll(() => project.cleanup());

describe('secrets', () => {
  it('mounts them for RUN and redacts them from every output', async () => {
    const run = await runCli(['build', '--progress', 'plain', 'secretive'], {
      cwd: project.dir,
      env: { ITG_TOKEN: SECRET },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('token=***');
    const runs = path.join(project.dir, '.imageforge/runs');
    const outputs = [run.stdout, run.stderr];
    for (const file of await readdir(runs, { recursive: true })) {
      outputs.push(await readFile(path.join(runs, file), 'utf8').catch(() => ''));
    }
    for (const text of outputs) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(FILE_SECRET);
    }
  });

  it('fails before building when a secret is missing, naming it (exit 2)', async () => {
    const run = await runCli(['build', 'secretive'], { cwd: project.dir, env: { ITG_TOKEN: '' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /images\.secretive\.secrets\.token: environment variable ITG_TOKEN is not set/,
    );
  });
});

describe('multi-platform', () => {
  it('builds amd64 and arm64 (emulated) into one index and pushes both', async () => {
    const run = await runCli(['build', '--progress', 'plain', '--push', 'multi'], { cwd: project.dir });
    expect(run.code, run.stderr).toBe(0);
    const multi = imageEntry(await project.latestReport(), 'multi');
    expect(multi.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(multi.push.status).toBe('pushed');
    const manifest = await fetch(`http://127.0.0.1:5000/v2/itg/multi/manifests/${TAG}`, {
      headers: { Accept: 'application/vnd.oci.image.index.v1+json' },
    }).then(
      (response) => response.json() as Promise<{ manifests: Array<{ platform?: { architecture: string } }> }>,
    );
    const architectures = manifest.manifests.map((entry) => entry.platform?.architecture).filter(Boolean);
    expect(architectures).toEqual(expect.arrayContaining(['amd64', 'arm64']));
    expect(
      docker(['run', '--rm', '--platform', 'linux/arm64', `localhost:5000/itg/multi:${TAG}`, 'cat', '/arch']),
    ).toBe('built for arm64 on aarch64');
  });
});

describe('per-image timeout', () => {
  it('stops the attempt, does not retry it, and leaves no processes', async () => {
    const started = Date.now();
    const run = await runCli(['build', '--progress', 'plain', 'slow'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(30_000);
    const slow = imageEntry(await project.latestReport(), 'slow');
    expect(slow.status).toBe('failed');
    expect(slow.attempts).toHaveLength(1);
    expect(slow.error?.kind).toBe('timeout');
    expect(processesMentioning(project.marker)).toEqual([]);
  });
});
