// `imageforge plugins ls | clean | restore` against the real docker CLI: the plugins imageforge calls
// invalid are exactly those `docker info` warns about; after `clean --yes` the warnings are gone and
// `docker buildx` works again; `restore` puts everything back as it was. Also: a user who may not
// change a plugin directory gets a clear error (exit 3), and nothing moves.
import { execFile, spawn } from 'node:child_process';
import {
  chmod,
  chown,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readlink,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli, type CliRun } from '../support/cli.js';

let root: string;
let env: Record<string, string>;
let pluginDir: string;
let files: { broken: string; noexec: string; badMetadata: string };

const cli = (...args: string[]): Promise<CliRun> => runCli(args, { env });

/** The real docker CLI with the test's DOCKER_CONFIG; never throws. */
function docker(args: string[]): Promise<{ code: number; output: string; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      'docker',
      args,
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}`, stdout });
      },
    );
  });
}

async function snapshot(file: string): Promise<string> {
  const info = await lstat(file);
  if (info.isSymbolicLink()) return `symlink -> ${await readlink(file)}`;
  return `file ${(info.mode & 0o7777).toString(8)} ${await readFile(file, 'utf8')}`;
}

const invalidWarnings = (output: string): string[] =>
  [...output.matchAll(/WARNING: Plugin "([^"]+)" is not valid/g)].map((match) => match[1] ?? '');

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'imageforge-itg-plugins-'));
  const configDir = path.join(root, 'docker-config');
  pluginDir = path.join(configDir, 'cli-plugins');
  await mkdir(pluginDir, { recursive: true });
  env = { DOCKER_CONFIG: configDir, IMAGEFORGE_HOME: path.join(root, 'home') };
  files = {
    // a link left behind by an uninstalled plugin
    broken: path.join(pluginDir, 'docker-stale'),
    // a buildx copied without its execute bit: docker then has no `buildx` at all
    noexec: path.join(pluginDir, 'docker-buildx'),
    badMetadata: path.join(pluginDir, 'docker-chatty'),
  };
  await symlink('/opt/uninstalled/docker-stale', files.broken);
  await writeFile(files.noexec, '#!/bin/sh\necho "not really buildx"\n');
  await chmod(files.noexec, 0o644);
  await writeFile(files.badMetadata, '#!/bin/sh\necho "Welcome to chatty!"\necho "{}"\n');
  await chmod(files.badMetadata, 0o755);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('imageforge plugins', () => {
  let before: string[];
  let quarantineId: string;

  it('ls reports the three invalid plugins that docker info warns about (exit 1)', async () => {
    before = await Promise.all(Object.values(files).map(snapshot));
    const table = await cli('plugins', 'ls');
    expect(table.code).toBe(1);
    for (const [file, problem] of [
      [files.broken, 'broken symlink: target /opt/uninstalled/docker-stale is missing'],
      [files.noexec, 'not executable (mode 0644)'],
      [files.badMetadata, 'invalid metadata: '],
    ] as const) {
      const row = table.stdout.split('\n').find((line) => line.includes(file));
      expect(row).toMatch(/ invalid /);
      expect(row).toContain(problem);
    }
    // the real buildx is shadowed by the broken copy, and the table says what that does
    expect(table.stdout).toMatch(
      /buildx\s+shadowed\s+\S+\s+\/usr\/\S+docker-buildx\s+shadowed by .*fails until/,
    );

    const json = JSON.parse((await cli('plugins', 'ls', '--json')).stdout) as {
      ok: boolean;
      plugins: Array<{ path: string; status: string; problem?: string }>;
    };
    expect(json.ok).toBe(false);
    const invalid = json.plugins.filter((entry) => entry.status === 'invalid');
    expect(invalid.map((entry) => [entry.path, entry.problem]).sort()).toEqual(
      [
        [files.broken, 'broken-symlink'],
        [files.noexec, 'not-executable'],
        [files.badMetadata, 'metadata-invalid'],
      ].sort(),
    );

    // the real docker CLI agrees, plugin for plugin
    const info = await docker(['info']);
    expect(invalidWarnings(info.output).sort()).toEqual(invalid.map((entry) => entry.path).sort());
    const buildx = await docker(['buildx', 'version']);
    expect(buildx.code).not.toBe(0);
  });

  it('clean refuses without --yes when it cannot ask (exit 2) and moves nothing', async () => {
    const refused = await cli('plugins', 'clean');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(await Promise.all(Object.values(files).map(snapshot))).toEqual(before);
  });

  it('clean --yes quarantines them: ls is clean, docker info has no warning, buildx works', async () => {
    const clean = await cli('plugins', 'clean', '--yes', '--json');
    expect(clean.code).toBe(0);
    const result = JSON.parse(clean.stdout) as {
      id: string;
      dir: string;
      moved: Array<{ from: string; to: string }>;
      restoreCommand: string;
    };
    quarantineId = result.id;
    expect(result.moved.map((move) => move.from).sort()).toEqual(Object.values(files).sort());
    expect(result.dir).toBe(path.join(root, 'home', 'plugin-quarantine', result.id));
    expect(result.restoreCommand).toBe(`imageforge plugins restore ${result.id}`);
    for (const move of result.moved) await expect(lstat(move.to)).resolves.toBeTruthy();

    const after = await cli('plugins', 'ls');
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('0 invalid');
    const info = await docker(['info']);
    expect(info.code).toBe(0);
    expect(invalidWarnings(info.output)).toEqual([]);
    const buildx = await docker(['buildx', 'version']);
    expect(buildx.code).toBe(0);
    expect(buildx.stdout).toMatch(/buildx/);
  });

  it('restore puts them back exactly: symlink target, mode and content', async () => {
    const dry = await cli('plugins', 'restore', quarantineId, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('would restore');
    await expect(lstat(files.noexec)).rejects.toThrow();

    const restore = await cli('plugins', 'restore');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`restored quarantine ${quarantineId}`);
    expect(await Promise.all(Object.values(files).map(snapshot))).toEqual(before);
    expect((await cli('plugins', 'ls')).code).toBe(1);

    const again = await cli('plugins', 'restore');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('IMAGEFORGE_PLUGIN_QUARANTINE_NOT_FOUND');
  });

  const isRoot = process.getuid?.() === 0;

  // needs root to act as another user; under CI (root) it must run, and fails if it cannot
  it.runIf(isRoot || process.env.CI === 'true')(
    'a user who may not change the plugin dir gets exit 3 with a hint, nothing moves',
    async () => {
      // root owns DOCKER_CONFIG (as with system plugin dirs); the user owns only imageforge's home
      const userHome = path.join(root, 'nobody-home');
      await mkdir(userHome, { recursive: true });
      await chmod(root, 0o755);
      await chmod(path.dirname(pluginDir), 0o755);
      await chmod(pluginDir, 0o755);
      await chown(userHome, 65534, 65534);
      const run = await runAs(65534, ['plugins', 'clean', '--yes'], {
        ...env,
        HOME: userHome,
        IMAGEFORGE_HOME: path.join(userHome, 'imageforge'),
      });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('IMAGEFORGE_PLUGIN_PERMISSION_DENIED');
      expect(run.stderr).toContain(`cannot change ${pluginDir}: permission denied`);
      expect(run.stderr).toMatch(/hint: .*sudo/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(await Promise.all(Object.values(files).map(snapshot))).toEqual(before);
    },
  );
});

/** The built CLI as another user (setpriv), the way a non-root user would run it. */
function runAs(uid: number, args: string[], extraEnv: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'setpriv',
      [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', process.execPath, BIN, ...args],
      { env: { ...process.env, CI: 'true', NO_COLOR: '1', ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, pid: child.pid ?? -1 }));
  });
}
