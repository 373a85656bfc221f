import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCgroupLimits, detectCgroupVersion } from '../../../src/builders/managed/cgroup-limits.js';
import { managedDockerdArgs } from '../../../src/builders/managed/dockerd-args.js';
import { managedLayout } from '../../../src/builders/managed/managed-layout.js';
import { isOurProcess, processArgv } from '../../../src/builders/managed/process-identity.js';

describe('managed engine layout and argv', () => {
  it('keeps everything of a builder under <home>/builders/<name>', () => {
    const layout = managedLayout('prod', '/h');
    expect(managedDockerdArgs(layout, { cgroupParent: '/imageforge-prod' })).toEqual([
      '--config-file',
      '/h/builders/prod/daemon.json',
      '--data-root',
      '/h/builders/prod/data',
      '--exec-root',
      '/h/builders/prod/exec',
      '--host',
      'unix:///h/builders/prod/docker.sock',
      '--pidfile',
      '/h/builders/prod/docker.pid',
      '--cgroup-parent',
      '/imageforge-prod',
    ]);
    expect(managedDockerdArgs(layout)).not.toContain('--cgroup-parent');
  });
});

describe('process identity', () => {
  it('recognises a process by program and marker, never another one', () => {
    const argv = processArgv(process.pid);
    expect(argv?.[0]).toBeDefined();
    const program = path.basename(argv?.[0] ?? '');
    expect(isOurProcess(process.pid, program, argv?.[1] ?? '')).toBe(true);
    expect(isOurProcess(process.pid, 'dockerd', argv?.[1] ?? '')).toBe(false);
    expect(isOurProcess(process.pid, program, '/no/such/data-root')).toBe(false);
  });
});

describe('cgroup limits', () => {
  it('writes v1 memory and CPU limits and names the parent', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'cg1-'));
    await mkdir(path.join(root, 'memory'));
    await mkdir(path.join(root, 'cpu'));
    expect(detectCgroupVersion(root)).toBe(1);
    const result = await applyCgroupLimits({
      name: 'prod',
      memoryBytes: 64_000_000,
      cpus: 1.5,
      cgroupRoot: root,
    });
    expect(result).toMatchObject({
      cgroupParent: '/imageforge-prod',
      version: 1,
      applied: { memoryBytes: 64_000_000, cpus: 1.5 },
      warnings: [],
    });
    expect(await readFile(path.join(root, 'memory/imageforge-prod/memory.limit_in_bytes'), 'utf8')).toBe(
      '64000000',
    );
    expect(await readFile(path.join(root, 'cpu/imageforge-prod/cpu.cfs_quota_us'), 'utf8')).toBe('150000');
  });

  it('writes v2 memory.max / cpu.max and enables the controllers', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'cg2-'));
    await writeFile(path.join(root, 'cgroup.controllers'), 'cpu memory');
    const result = await applyCgroupLimits({
      name: 'dev',
      memoryBytes: 1_000_000,
      cpus: 0.5,
      cgroupRoot: root,
    });
    expect(result.cgroupParent).toBe('/imageforge-dev');
    expect(await readFile(path.join(root, 'cgroup.subtree_control'), 'utf8')).toBe('+memory +cpu');
    expect(await readFile(path.join(root, 'imageforge-dev/memory.max'), 'utf8')).toBe('1000000');
    expect(await readFile(path.join(root, 'imageforge-dev/cpu.max'), 'utf8')).toBe('50000 100000');
  });

  it('applies nothing without limits or without a cgroup filesystem', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'cg0-'));
    expect(
      (await applyCgroupLimits({ name: 'x', memoryBytes: undefined, cpus: undefined, cgroupRoot: empty }))
        .cgroupParent,
    ).toBeUndefined();
    const none = await applyCgroupLimits({ name: 'x', memoryBytes: 1, cpus: undefined, cgroupRoot: empty });
    expect(none.cgroupParent).toBeUndefined();
    expect(none.warnings[0]).toMatch(/not enforced/);
  });
});
