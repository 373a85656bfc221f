// Cache governance on a real engine of its own ("cachegov", so pruning never touches the shared
// main engine's cache) and the local registry: du, dry-run, age- and size-based prunes, registry
// cleanup of a deleted branch's cache tag.
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, ROOT } from '../support/cli.js';
import { createDockerClient, type DockerClient } from '../../src/docker/docker-client.js';
import type { BuildCacheEntry } from '../../src/cache/build-cache-entry.js';

const ENGINE = 'cachegov';
const HOST = `unix://${ROOT}/.engine/${ENGINE}/docker.sock`;
const env = { DOCKER_HOST: HOST };
const nonce = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let client: DockerClient;
let work: string;

function engineScript(action: 'up' | 'down'): void {
  execFileSync('bash', [path.join(ROOT, 'scripts/engine.sh'), action, ENGINE], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function dockerOnEngine(args: string[], cwd?: string): string {
  return execFileSync('docker', args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
}

async function buildImage(name: string, megabytes: number, extraArgs: string[] = []): Promise<void> {
  const dir = path.join(work, name);
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'Dockerfile'),
    `FROM localhost:5000/base/busybox:latest\nRUN echo ${nonce}-${name} > /id && dd if=/dev/urandom of=/f bs=1M count=${megabytes}\n`,
  );
  dockerOnEngine(['buildx', 'build', '--progress=quiet', ...extraArgs, dir]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const runEntry = (entries: BuildCacheEntry[], name: string) =>
  entries.find((entry) => entry.description.includes(`${nonce}-${name}`));
const lastUsed = (entry: BuildCacheEntry) => Date.parse(entry.lastUsedAt ?? entry.createdAt);
/**
 * Entries last used before `cut` that the policy removes: not ancestors of an entry that stays
 * (BuildKit keeps a parent while a child exists, and a parent's last use is not refreshed when its
 * child is used, so the base image layers are old but held).
 */
function unusedSince(entries: BuildCacheEntry[], isOld: (entry: BuildCacheEntry) => boolean): string[] {
  const held = new Set<string>();
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const hold = (entry: BuildCacheEntry): void => {
    for (const parent of entry.parents) {
      if (held.has(parent)) continue;
      held.add(parent);
      const next = byId.get(parent);
      if (next) hold(next);
    }
  };
  for (const entry of entries) if (!isOld(entry)) hold(entry);
  return entries.filter((entry) => isOld(entry) && !held.has(entry.id)).map((entry) => entry.id);
}

const total = (entries: BuildCacheEntry[]) => entries.reduce((sum, entry) => sum + entry.sizeBytes, 0);

interface PruneJson {
  dryRun: boolean;
  bytesPlanned: number;
  bytesReclaimed: number;
  removals: Array<{ id: string; sizeBytes: number; why: string }>;
}

async function pruneCli(args: string[]): Promise<PruneJson> {
  const run = await runCli(['cache', 'prune', '--json', ...args], { env, cwd: work });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as PruneJson;
}

beforeAll(async () => {
  engineScript('up');
  client = await createDockerClient({ host: HOST, context: undefined, source: 'DOCKER_HOST' });
  await client.pruneBuildCache({ all: true });
  work = await mkdtemp(path.join(os.tmpdir(), 'imageforge-cachegov-'));
});

afterAll(() => engineScript('down'));

describe('engine build cache', () => {
  let before: BuildCacheEntry[];

  beforeAll(async () => {
    await buildImage('a', 3);
    await sleep(1500);
    await buildImage('b', 6);
    await sleep(1500);
    await buildImage('c', 9);
    before = await client.buildCacheUsage();
  });

  it('du --json reports exact bytes, grouped by type and age', async () => {
    const run = await runCli(['cache', 'du', '--json'], { env, cwd: work });
    expect(run.code).toBe(0);
    const usage = JSON.parse(run.stdout) as Record<string, unknown> & { entries: BuildCacheEntry[] };
    expect(Object.keys(usage)).toEqual(
      expect.arrayContaining([
        'version',
        'source',
        'totalBytes',
        'reclaimableBytes',
        'byType',
        'byAge',
        'entries',
      ]),
    );
    expect(usage).toMatchObject({ version: 1, source: 'engine-api', totalBytes: total(before) });
    expect(Object.keys(usage.byAge as object)).toEqual(['<1h', '<24h', '<72h', '<7d', 'older']);
    // dd of N MiB: the RUN record holds at least those bytes.
    expect(runEntry(usage.entries, 'c')?.sizeBytes).toBeGreaterThanOrEqual(9 * 1024 ** 2);
  });

  it('prune --dry-run lists exactly the entries unused since the cut and deletes nothing', async () => {
    const [a, b, c] = (['a', 'b', 'c'] as const).map((name) => runEntry(before, name)!);
    const cut = (lastUsed(b!) + lastUsed(c!)) / 2;
    const now = new Date(lastUsed(c!) + 3_600_000);
    const expected = unusedSince(before, (entry) => lastUsed(entry) < cut);
    expect(expected).toEqual(expect.arrayContaining([a!.id, b!.id]));
    const plan = await pruneCli([
      '--dry-run',
      '--now',
      now.toISOString(),
      '--max-age',
      `${Math.round(now.getTime() - cut)}ms`,
    ]);
    expect(plan.removals.map((removal) => removal.id).sort()).toEqual([...expected].sort());
    expect(plan.removals.every((removal) => removal.why.startsWith('older than'))).toBe(true);
    expect(plan).toMatchObject({ dryRun: true, bytesReclaimed: 0 });
    const after = await client.buildCacheUsage();
    expect(after.map((entry) => entry.id).sort()).toEqual(before.map((entry) => entry.id).sort());
  });

  it('a size-based prune removes least recently used entries until under maxSize', async () => {
    const a = runEntry(before, 'a')!;
    const maxSize = total(before) - a.sizeBytes;
    const expected = unusedSince(before, (entry) => lastUsed(entry) <= lastUsed(a));
    const result = await pruneCli(['--max-size', String(maxSize), '--max-age', '100d']);
    expect(result.removals.map((removal) => removal.id).sort()).toEqual([...expected].sort());
    const after = await client.buildCacheUsage();
    expect(total(after)).toBeLessThanOrEqual(maxSize);
    expect(after.some((entry) => expected.includes(entry.id))).toBe(false);
    expect(total(after)).toBe(total(before) - result.bytesPlanned);
    expect(result.bytesReclaimed).toBe(result.bytesPlanned);
  });

  it('an age-based prune removes exactly the old entries', async () => {
    const current = await client.buildCacheUsage();
    const b = runEntry(current, 'b')!;
    const c = runEntry(current, 'c')!;
    const cut = (lastUsed(b) + lastUsed(c)) / 2;
    const now = new Date();
    const expected = unusedSince(current, (entry) => lastUsed(entry) < cut);
    const result = await pruneCli([
      '--now',
      now.toISOString(),
      '--max-age',
      `${Math.round(now.getTime() - cut)}ms`,
    ]);
    expect(result.removals.map((removal) => removal.id).sort()).toEqual([...expected].sort());
    const after = await client.buildCacheUsage();
    expect(after.map((entry) => entry.id).sort()).toEqual(
      current
        .filter((entry) => !expected.includes(entry.id))
        .map((entry) => entry.id)
        .sort(),
    );
    expect(total(after)).toBe(total(current) - result.bytesPlanned);
    expect(runEntry(after, 'c')).toBeDefined();
  });

  it('enforce prints one line and exits 0 when within policy', async () => {
    const run = await runCli(['cache', 'enforce', '--max-size', '10GB', '--max-age', '72h'], {
      env,
      cwd: work,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^within policy: .*\n$/);
  });
});

describe('registry cache cleanup', () => {
  const prefix = `localhost:5000/itg-cachegov-${nonce}`;
  const tags = async () => {
    const response = await fetch(`http://localhost:5000/v2/itg-cachegov-${nonce}/app/tags/list`);
    return ((await response.json()) as { tags: string[] | null }).tags ?? [];
  };

  beforeAll(async () => {
    const project = path.join(work, 'project');
    await mkdir(project, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-C', project, ...args], { stdio: 'ignore' });
    git('init', '-q', '-b', 'main');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'init');
    git('branch', 'feature/x');
    for (const branch of ['feature-x', 'feature-gone']) {
      const ref = `${prefix}/app:${branch}`;
      await buildImage(`reg-${branch}`, 1, [
        '--cache-to',
        `type=registry,ref=${ref},mode=max,image-manifest=true,oci-mediatypes=true`,
      ]);
    }
    expect((await tags()).sort()).toEqual(['feature-gone', 'feature-x']);
  });

  afterAll(async () => {
    // Leave nothing behind in the shared registry.
    const base = `http://localhost:5000/v2/itg-cachegov-${nonce}/app/manifests`;
    for (const tag of await tags()) {
      const head = await fetch(`${base}/${tag}`, {
        method: 'HEAD',
        headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' },
      });
      const digest = head.headers.get('docker-content-digest');
      if (digest) await fetch(`${base}/${digest}`, { method: 'DELETE' });
    }
  });

  it('dry run names the dead branch tag and deletes nothing; the real run deletes only it', async () => {
    const cwd = path.join(work, 'project');
    const dry = await runCli(['cache', 'prune', '--registry', prefix, '--dry-run', '--json'], { env, cwd });
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.stdout) as {
      registries: Array<{ tags: Array<{ tag: string; action: string; createdAt: string }> }>;
    };
    const actions = Object.fromEntries(plan.registries[0]!.tags.map((t) => [t.tag, t.action]));
    expect(actions).toEqual({ 'feature-gone': 'delete', 'feature-x': 'keep' });
    expect(plan.registries[0]!.tags.every((t) => t.createdAt !== null)).toBe(true);
    expect((await tags()).sort()).toEqual(['feature-gone', 'feature-x']);

    const real = await runCli(['cache', 'prune', '--registry', prefix], { env, cwd });
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/deleted 1 of 2 tags/);
    expect(await tags()).toEqual(['feature-x']);
  });
});
