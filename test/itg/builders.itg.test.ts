// Managed builders on a real machine: `imageforge builder up` starts one isolated Docker Engine per
// builder, builds through each keep separate caches, resources become cgroup limits that OOM-kill a
// RUN step, rootless engines run under an unprivileged user, and `down` leaves no dockerd behind.
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerClient } from '../../src/docker/docker-client.js';
import { runCli, type CliRun } from '../support/cli.js';
import {
  BASE_IMAGE,
  createProject,
  processesMentioning,
  uniqueTag,
  type TestProject,
} from '../support/project.js';

const TAG = uniqueTag('bld');
const ROOTLESS_USER = 'imageforge-rootless';
let project: TestProject;
let home: string;
let env: Record<string, string>;
let rootlessReady: string | undefined; // why rootless cannot be tested, or undefined when it can

const cli = (...args: string[]): Promise<CliRun> => runCli(args, { cwd: project.dir, env });
const socketOf = (name: string): string => `unix://${home}/builders/${name}/docker.sock`;

function buildx(host: string, dir: string, dockerfile: string): { code: number; output: string } {
  try {
    const output = execFileSync('docker', ['buildx', 'build', '--progress=plain', '-f', dockerfile, dir], {
      env: { ...process.env, ...env, DOCKER_HOST: host },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: 0, output };
  } catch (error: unknown) {
    const failed = error as { status: number; stderr: string };
    return { code: failed.status, output: failed.stderr };
  }
}

/** Rootless needs packages, a user with subordinate ids and a usable /dev/net/tun (root only). */
function prepareRootless(): string | undefined {
  if (process.getuid?.() !== 0) return 'not root: cannot install packages or create the test user';
  const run = (command: string, args: string[]): void =>
    void execFileSync(command, args, { stdio: 'ignore' });
  try {
    execFileSync('sh', ['-c', 'command -v rootlesskit && command -v newuidmap && command -v slirp4netns'], {
      stdio: 'ignore',
    });
  } catch {
    run('apt-get', [
      'install',
      '-y',
      '-qq',
      '--no-install-recommends',
      'rootlesskit',
      'uidmap',
      'slirp4netns',
    ]);
  }
  try {
    run('id', [ROOTLESS_USER]);
  } catch {
    run('useradd', ['-m', '-s', '/bin/sh', ROOTLESS_USER]);
  }
  // this VM image ships /dev/net/tun as 0600; Debian's udev default is 0666 (see docs/builders.md)
  run('chmod', ['0666', '/dev/net/tun']);
  return undefined;
}

beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'imageforge-home-'));
  await chmod(home, 0o755); // the rootless user must reach its builder directory
  project = await createProject({
    'imageforge.yaml': `version: 1
images:
  app: {context: ., tags: [itg/builders:${TAG}]}
builders:
  prod: {driver: managed}
  dev: {driver: managed}
  small: {driver: managed, resources: {memory: 64M, cpus: 0.5}}
  rootless: {driver: managed, rootless: true}
`,
    Dockerfile: `FROM ${BASE_IMAGE}\nRUN echo app\n`,
    'Dockerfile.prod': `FROM ${BASE_IMAGE}\nRUN echo prod-${TAG} > /marker\n`,
    'Dockerfile.dev': `FROM ${BASE_IMAGE}\nRUN echo dev-${TAG} > /marker\n`,
    'Dockerfile.oom': `FROM ${BASE_IMAGE}\nRUN head -c 300m /dev/zero | tail > /dev/null\n`,
    'Dockerfile.scratch': `FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "sh", "-c", "/bin/busybox id -u > /uid"]\n`,
  });
  execFileSync('cp', ['/bin/busybox', path.join(project.dir, 'busybox')]);
  rootlessReady = prepareRootless();
  env = {
    IMAGEFORGE_HOME: home,
    IMAGEFORGE_ROOTLESS_USER: ROOTLESS_USER,
    // contexts go to a throwaway docker config, never the user's
    DOCKER_CONFIG: path.join(home, 'docker-config'),
  };
});

afterAll(async () => {
  for (const name of ['prod', 'dev', 'small', 'rootless']) await cli('builder', 'down', name);
  expect(processesMentioning(home)).toEqual([]);
  await rm(home, { recursive: true, force: true }).catch(() => undefined);
  await project.cleanup();
});

describe('managed builders', () => {
  it('starts two isolated engines, idempotently', async () => {
    const first = await cli('builder', 'up', 'prod');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /builder prod: started \(pid \d+, unix:\/\/.*\/builders\/prod\/docker.sock\)/,
    );
    expect((await cli('builder', 'up', 'dev')).code).toBe(0);
    const again = await cli('builder', 'up', 'prod');
    expect(again.stdout).toContain('already running');
    expect(/pid (\d+)/.exec(again.stdout)?.[1]).toBe(/pid (\d+)/.exec(first.stdout)?.[1]);
  });

  it('lists them running and healthy with BuildKit state', async () => {
    const listed = await cli('builder', 'ls', '--json');
    expect(listed.code).toBe(0);
    const statuses = JSON.parse(listed.stdout) as Array<
      Record<string, unknown> & { managed: { dockerHost: string } }
    >;
    for (const name of ['prod', 'dev']) {
      const status = statuses.find((candidate) => candidate.name === name);
      expect(status).toMatchObject({
        driver: 'managed',
        buildxName: `imageforge-${name}`,
        status: 'running',
        healthy: true,
      });
      expect(status?.managed.dockerHost).toBe(socketOf(name));
      expect((status?.platforms as string[]).length).toBeGreaterThan(0);
      expect((status?.gcPolicy as unknown[]).length).toBeGreaterThan(0);
    }
    expect(statuses.find((candidate) => candidate.name === 'small')).toMatchObject({
      status: 'stopped',
      healthy: false,
    });
  });

  it('keeps the build caches of prod and dev apart', async () => {
    expect(buildx(socketOf('prod'), project.dir, path.join(project.dir, 'Dockerfile.prod')).code).toBe(0);
    expect(buildx(socketOf('dev'), project.dir, path.join(project.dir, 'Dockerfile.dev')).code).toBe(0);
    const descriptions = async (name: string): Promise<string> => {
      const client = await createDockerClient({
        host: socketOf(name),
        context: undefined,
        source: 'DOCKER_HOST',
      });
      return (await client.buildCacheUsage()).map((entry) => entry.description).join('\n');
    };
    const prod = await descriptions('prod');
    const dev = await descriptions('dev');
    expect(prod).toContain(`prod-${TAG}`);
    expect(prod).not.toContain(`dev-${TAG}`);
    expect(dev).toContain(`dev-${TAG}`);
    expect(dev).not.toContain(`prod-${TAG}`);
  });

  it('OOM-kills a RUN step beyond the builder memory limit (exit 137)', async () => {
    const up = await cli('builder', 'up', 'small');
    expect(up.code).toBe(0);
    const oom = buildx(socketOf('small'), project.dir, path.join(project.dir, 'Dockerfile.oom'));
    expect(oom.code).not.toBe(0);
    expect(oom.output).toContain('exit code: 137');
    // the same step passes on an engine without limits
    expect(buildx(socketOf('dev'), project.dir, path.join(project.dir, 'Dockerfile.oom')).code).toBe(0);
  });

  it('stops engines by pid and leaves no dockerd with their data root', async () => {
    const down = await cli('builder', 'down', 'dev');
    expect(down.code).toBe(0);
    expect(down.stdout).toMatch(/builder dev: stopped engine pid \d+/);
    expect(processesMentioning(path.join(home, 'builders/dev'))).toEqual([]);
    expect((await cli('builder', 'down', 'dev')).stdout).toContain('not running');
    const listed = JSON.parse((await cli('builder', 'ls', '--json')).stdout) as Array<{
      name: string;
      status: string;
    }>;
    expect(listed.find((status) => status.name === 'dev')?.status).toBe('stopped');
  });

  it('refuses unknown builders with a suggestion (exit 2)', async () => {
    const typo = await cli('builder', 'up', 'prd');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean `prod`?');
  });

  it('runs a rootless engine as an unprivileged user', async (context) => {
    // under CI the machine is prepared for it: a missing prerequisite there is a failure, not a skip
    if (rootlessReady && process.env.CI === 'true') throw new Error(`rootless cannot run: ${rootlessReady}`);
    if (rootlessReady) context.skip(rootlessReady);
    const up = await cli('builder', 'up', 'rootless');
    expect(up.stderr).toBe('');
    expect(up.stdout).toContain(', rootless)');
    const pid = Number(/pid (\d+)/.exec(up.stdout)?.[1]);
    expect((await stat(`/proc/${pid}`)).uid).not.toBe(0);
    const built = buildx(socketOf('rootless'), project.dir, path.join(project.dir, 'Dockerfile.scratch'));
    expect(built.code).toBe(0);
    expect((await cli('builder', 'down', 'rootless')).code).toBe(0);
    expect(processesMentioning(path.join(home, 'builders/rootless'))).toEqual([]);
  });

  it('explains what rootless needs when running as root without a user', async () => {
    const run = await runCli(['builder', 'up', 'rootless'], {
      cwd: project.dir,
      env: { ...env, IMAGEFORGE_ROOTLESS_USER: '' },
    });
    if (process.getuid?.() !== 0) return;
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('IMAGEFORGE_ROOTLESS_UNAVAILABLE');
  });
});
