// `imageforge doctor` against the real engine: broken docker CLI plugins found, quarantined by
// --fix and restorable; a dead or hung daemon fails its check quickly instead of hanging;
// --optimize prunes per policy and reports the bytes; --reset removes imageforge's builders and
// nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readlink, rm, symlink, writeFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../support/cli.js';
import { BASE_IMAGE, createProject, uniqueTag, type TestProject } from '../support/project.js';
import { startEngine, type TestEngine } from '../support/engines.js';
import { stopManagedBuilder } from '../../src/builders/managed/stop-managed-builder.js';

interface DoctorJson {
  status: string;
  exitCode: number;
  checks: Array<{
    id: string;
    status: string;
    finding: string;
    hint: string | null;
    fix: { mode: string } | null;
  }>;
  actions: Array<{ check: string; status: string; description: string; bytesReclaimed?: number }>;
  bytesReclaimed: number;
  after: { status: string; checks: Array<{ id: string; status: string }> } | null;
}

const TAG = uniqueTag('doc');
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'imageforge-doctor-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function doctor(args: string[], env: Record<string, string>, cwd = scratch) {
  const run = await runCli(['doctor', ...args], { cwd, env, timeoutMs: 120_000 });
  expect(run.stderr).not.toMatch(/\n\s+at /);
  return { ...run, json: args.includes('--json') ? (JSON.parse(run.stdout) as DoctorJson) : undefined };
}

function check(report: DoctorJson | undefined, id: string) {
  const found = report?.checks.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

function dockerInfo(env: Record<string, string>): string {
  return execFileSync('sh', ['-c', 'docker info 2>&1 || true'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

describe('docker CLI plugins', () => {
  it('reports broken plugins, quarantines them with --fix, and a second doctor is clean', async () => {
    const config = path.join(scratch, 'docker-config');
    const plugins = path.join(config, 'cli-plugins');
    await mkdir(plugins, { recursive: true });
    await symlink('/nonexistent/docker-gone', path.join(plugins, 'docker-gone'));
    await writeFile(path.join(plugins, 'docker-noexec'), '#!/bin/sh\necho "{}"\n', { mode: 0o644 });
    await writeFile(path.join(plugins, 'docker-badmeta'), '#!/bin/sh\necho "this is not json"\n', {
      mode: 0o755,
    });
    const env = { DOCKER_CONFIG: config, IMAGEFORGE_HOME: path.join(scratch, 'home-plugins') };
    // the docker CLI itself sees them as invalid
    expect(dockerInfo(env)).toMatch(/docker-badmeta" is not valid/);
    expect(dockerInfo(env)).toMatch(/docker-gone" is not valid/);

    const first = await doctor(['--json'], env);
    expect(first.code).toBe(1);
    const audit = check(first.json, 'cli-plugins');
    expect(audit.status).toBe('fail');
    for (const name of ['docker-gone', 'docker-noexec', 'docker-badmeta'])
      expect(audit.finding).toContain(name);
    expect(audit.fix?.mode).toBe('fix');

    const refused = await doctor(['--fix', '--only', 'cli-plugins'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);

    const dry = await doctor(['--fix', '--dry-run', '--json', '--only', 'cli-plugins'], env);
    expect(dry.json?.actions.find((action) => action.check === 'cli-plugins')?.status).toBe('planned');
    expect(existsSync(path.join(plugins, 'docker-badmeta'))).toBe(true);

    const fixed = await doctor(['--fix', '--yes', '--json', '--only', 'cli-plugins'], env);
    const action = fixed.json?.actions.find((candidate) => candidate.check === 'cli-plugins');
    expect(action?.status).toBe('applied');
    expect(fixed.json?.after?.checks.find((candidate) => candidate.id === 'cli-plugins')?.status).toBe('ok');

    const second = await doctor(['--json', '--only', 'cli-plugins,daemon'], env);
    expect(check(second.json, 'cli-plugins').status).toBe('ok');
    expect(dockerInfo(env)).not.toMatch(/not valid/);
    execFileSync('docker', ['buildx', 'version'], { env: { ...process.env, ...env }, stdio: 'ignore' });

    const restored = await runCli(['plugins', 'restore'], { cwd: scratch, env });
    expect(restored.code, restored.stderr).toBe(0);
    expect(await readlink(path.join(plugins, 'docker-gone'))).toBe('/nonexistent/docker-gone');
    expect((await stat(path.join(plugins, 'docker-noexec'))).mode & 0o777).toBe(0o644);
    expect(check((await doctor(['--json', '--only', 'cli-plugins'], env)).json, 'cli-plugins').status).toBe(
      'fail',
    );
  });
});

describe('an unreachable daemon', () => {
  it('fails the daemon check with a hint when nothing listens', async () => {
    const started = Date.now();
    const run = await doctor(['--json'], { DOCKER_HOST: `unix://${scratch}/nothing.sock` });
    expect(run.code).toBe(1);
    const daemon = check(run.json, 'daemon');
    expect(daemon.status).toBe('fail');
    expect(daemon.hint).toMatch(/DOCKER_HOST/);
    expect(check(run.json, 'disk').status).toBe('skip');
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('does not hang on a socket that accepts and never answers', async () => {
    const socket = path.join(scratch, 'hung.sock');
    const held: net.Socket[] = [];
    const server = net.createServer((connection) => held.push(connection));
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      const started = Date.now();
      const run = await doctor(['--json', '--probe-timeout', '2s'], { DOCKER_HOST: `unix://${socket}` });
      const elapsed = Date.now() - started;
      expect(run.code).toBe(1);
      expect(check(run.json, 'daemon').status).toBe('fail');
      expect(check(run.json, 'daemon').finding).toMatch(/did not answer within 2000ms|timeout|no answer/i);
      expect(elapsed).toBeLessThan(45_000);
    } finally {
      for (const connection of held) connection.destroy();
      server.close();
    }
  });
});

describe('--optimize and --reset on engines of their own', () => {
  let engine: TestEngine;
  let project: TestProject;
  let home: string;
  let dockerConfig: string;

  beforeAll(async () => {
    engine = startEngine('doctor');
    home = path.join(scratch, 'home');
    dockerConfig = path.join(scratch, 'docker-config-reset');
    await mkdir(dockerConfig, { recursive: true });
    project = await createProject({
      'imageforge.yaml': `version: 1
settings:
  cache: {maxAge: 1s, enforce: off}
builders:
  prod: {driver: managed}
  ext: {driver: docker, endpoint: '\${DOCTOR_EXT_ENDPOINT}'}
images:
  app: {context: app, tags: ['itg/doctor-app:${TAG}']}
`,
      'app/Dockerfile': `FROM ${BASE_IMAGE}\nRUN head -c 3000000 /dev/urandom > /blob\nRUN echo ${TAG} > /stamp\n`,
    });
  });
  afterAll(async () => {
    await stopManagedBuilder('prod', { home }).catch(() => undefined);
    engine.stop();
    await project.cleanup();
  });

  it('--optimize prunes the build cache per policy and reports the bytes it freed', async () => {
    const env = {
      DOCKER_HOST: engine.dockerHost,
      IMAGEFORGE_HOME: home,
      DOCKER_CONFIG: dockerConfig,
      DOCTOR_EXT_ENDPOINT: engine.dockerHost,
    };
    const built = await runCli(['build', '--no-gates', '--progress', 'quiet', '--force'], {
      cwd: project.dir,
      env,
    });
    expect(built.code, built.stderr).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // past maxAge: 1s
    const before = JSON.parse(
      (await runCli(['cache', 'du', '--json'], { cwd: project.dir, env })).stdout,
    ) as { totalBytes: number };
    expect(before.totalBytes).toBeGreaterThan(3_000_000);

    const diagnosis = await doctor(['--json'], env, project.dir);
    expect(check(diagnosis.json, 'cache-size').status).toBe('warn');
    expect(check(diagnosis.json, 'cache-size').fix?.mode).toBe('optimize');

    const optimized = await doctor(['--optimize', '--yes', '--json'], env, project.dir);
    const prune = optimized.json?.actions.find((action) => action.check === 'cache-size');
    expect(prune?.status).toBe('applied');
    expect(optimized.json?.bytesReclaimed).toBeGreaterThan(3_000_000);
    const after = JSON.parse((await runCli(['cache', 'du', '--json'], { cwd: project.dir, env })).stdout) as {
      totalBytes: number;
    };
    expect(before.totalBytes - after.totalBytes).toBeGreaterThanOrEqual(
      (optimized.json?.bytesReclaimed ?? 0) * 0.9,
    );
  });

  it('--optimize stops an idle managed engine; --reset removes it and nothing else', async () => {
    const env = {
      IMAGEFORGE_HOME: home,
      DOCKER_CONFIG: dockerConfig,
      DOCKER_HOST: engine.dockerHost,
      DOCTOR_EXT_ENDPOINT: engine.dockerHost,
    };
    const up = await runCli(['builder', 'up', 'prod'], { cwd: project.dir, env });
    expect(up.code, up.stderr).toBe(0);
    const pidOf = async () =>
      Number(
        (
          await import('node:fs/promises').then((fs) =>
            fs.readFile(path.join(home, 'builders/prod/docker.pid'), 'utf8'),
          )
        ).trim(),
      );
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const firstPid = await pidOf();
    expect(alive(firstPid)).toBe(true);
    const idle = await doctor(['--optimize', '--idle-after', '1ms', '--yes', '--json'], env, project.dir);
    const stop = idle.json?.actions.find((action) => action.description.includes('idle managed engine prod'));
    expect(stop?.status).toBe('applied');
    expect(alive(firstPid)).toBe(false);

    expect((await runCli(['builder', 'up', 'prod'], { cwd: project.dir, env })).code).toBe(0);
    const pid = await pidOf();
    execFileSync('docker', ['context', 'create', 'user-ctx', '--docker', `host=${engine.dockerHost}`], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    const images = () =>
      execFileSync('docker', ['image', 'ls', '-q', `itg/doctor-app:${TAG}`], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
      }).trim();
    expect(images()).not.toBe('');

    // a declared builder that does not exist yet: doctor fails it, --fix creates it
    const missing = await doctor(['--json', '--only', 'builders'], env, project.dir);
    expect(check(missing.json, 'builders').status).toBe('fail');
    expect(check(missing.json, 'builders').finding).toMatch(/ext: no such buildx builder/);
    const created = await doctor(['--fix', '--yes', '--json', '--only', 'builders'], env, project.dir);
    expect(created.json?.actions[0]).toMatchObject({ check: 'builders', status: 'applied' });
    expect(created.json?.after?.checks[0]?.status).toBe('ok');

    const dry = await doctor(['--reset', '--dry-run', '--json'], env, project.dir);
    expect(dry.json?.actions.map((action) => action.status)).toEqual(['planned', 'planned']);
    expect(alive(pid)).toBe(true);

    const reset = await doctor(['--reset', '--yes', '--json'], env, project.dir);
    expect(reset.code, reset.stdout).toBe(0);
    expect(reset.json?.actions.map((action) => action.status)).toEqual(['applied', 'applied']);
    expect(alive(pid)).toBe(false);
    expect(existsSync(path.join(home, 'builders/prod'))).toBe(false);
    const contexts = execFileSync('docker', ['context', 'ls', '--format', '{{.Name}}'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(contexts).not.toMatch(/imageforge-prod|imageforge-ext/);
    expect(contexts).toMatch(/user-ctx/);
    expect(images()).not.toBe(''); // the user's engine and its images are untouched
  });
});
