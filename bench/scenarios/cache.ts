// Section "cache": what the registry build cache buys a fresh CI machine. A generated 3-image set
// (multi-stage on a ~40 MB toolchain) is built by imageforge on a freshly wiped engine B: without
// any cache to import (uncached), importing the cache engine A exported (cached-cold), and again
// right after (warm). Time, hit ratio, bytes pulled (report.json and measured at the registry).
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { exec, isSuccess, tail } from '../../src/exec/exec.js';
import type { CacheSample } from '../lib/cache-figures.js';
import { startFreshEngine, wipeEngine, type EngineLifecycleOptions } from '../lib/engine-lifecycle.js';
import { runMeasuredBuild } from '../lib/measured-build.js';
import { startRegistryTrafficProxy, type RegistryTrafficProxy } from '../lib/registry-traffic-proxy.js';
import type { BenchContext, BenchSection } from '../lib/section.js';
import { interleavedOrder, summarize } from '../lib/stats.js';
import { formatCommandLine } from '../lib/timing.js';
import type { ScenarioResult, SectionResult } from '../lib/types.js';
import {
  CACHE_IMAGE_NAMES,
  cacheWorkloadFiles,
  imageTag,
  toolchainDockerfile,
  writeFiles,
  type CacheWorkloadOptions,
} from '../workloads/cache-workload.js';
import {
  CACHE_SCENARIOS,
  CACHE_SECTION_ID,
  CACHE_SECTION_TITLE,
  summarizeCacheSection,
  type CacheScenarioName,
} from './cache-summary.js';

/** Exports the cache once (setup). */
const SEED_ENGINE = 'bench-cache-a';
/** Wiped before every measured uncached / cached-cold run: a machine that never built anything. */
const BUILD_ENGINE = 'bench-cache-b';
const BRANCH = 'bench';
const TOOLCHAIN_REPOSITORY = 'bench-cache/toolchain:1';
const TAG = 'bench';

export const cacheSection: BenchSection = {
  id: CACHE_SECTION_ID,
  title: CACHE_SECTION_TITLE,
  run: runCacheSection,
};

interface CacheRunContext {
  bench: BenchContext;
  proxy: RegistryTrafficProxy;
  configFile: string;
  /** `localhost:<proxy port>/bench-cache-<run id>`. */
  cacheRegistry: string;
  lifecycle: EngineLifecycleOptions;
  samples: Map<CacheScenarioName, CacheSample[]>;
}

/** `20261121t130501-3f9a`: lowercase, valid in a repository name, unique per bench run. */
function newRunId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15).toLowerCase();
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

function registryPort(env: Record<string, string | undefined>): number {
  const port = Number((env.IMAGEFORGE_REGISTRY ?? 'localhost:5000').split(':')[1] ?? '5000');
  return Number.isInteger(port) && port > 0 ? port : 5000;
}

/** BENCH_SCENARIOS names this section does not know are other sections' (e.g. jenkins-ha's `cold`). */
function selectedScenarios(context: BenchContext): Set<CacheScenarioName> {
  const names = CACHE_SCENARIOS.map((scenario) => scenario.name);
  return new Set(names.filter((name) => context.scenarios.length === 0 || context.scenarios.includes(name)));
}

async function runCacheSection(context: BenchContext): Promise<SectionResult> {
  const selected = selectedScenarios(context);
  if (selected.size === 0) return summarizeCacheSection([], { notes: [], problems: [] });
  const runId = newRunId();
  const workDir = path.join(context.root, 'bench', 'work', `cache-${runId}`);
  const lifecycle: EngineLifecycleOptions = { root: context.root, env: context.env };
  const samples = new Map<CacheScenarioName, CacheSample[]>([...selected].map((name) => [name, []]));
  const problems: string[] = [];
  const notes: string[] = [];
  let proxy: RegistryTrafficProxy | undefined;
  let run: CacheRunContext | undefined;
  const loadAtStart = os.loadavg()[0] ?? 0;
  try {
    const port = registryPort(context.env);
    proxy = await startRegistryTrafficProxy(port);
    const workload: CacheWorkloadOptions = {
      registryHost: proxy.host,
      toolchainRepository: TOOLCHAIN_REPOSITORY,
      cacheRegistry: `${proxy.host}/bench-cache-${runId}`,
      tag: TAG,
    };
    await writeFiles(workDir, cacheWorkloadFiles(workload));
    run = {
      bench: context,
      proxy,
      configFile: path.relative(context.root, path.join(workDir, 'imageforge.yaml')),
      cacheRegistry: workload.cacheRegistry,
      lifecycle,
      samples,
    };
    notes.push(...(await seedCache(run, port, workDir)));
    for (let round = 1; round <= context.runs; round++) {
      for (const group of interleavedOrder(['uncached', 'cached'] as const, round)) {
        if (group === 'uncached' && selected.has('uncached')) await runUncached(run, round);
        if (group === 'cached') await runCachedGroup(run, round, selected);
      }
    }
  } catch (error: unknown) {
    problems.push(`aborted: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await proxy?.close();
    for (const engine of [BUILD_ENGINE, SEED_ENGINE]) {
      await wipeEngine(engine, lifecycle).catch((error: unknown) => {
        problems.push(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    await rm(workDir, { recursive: true, force: true });
  }
  // Fresh engines and small builds make this section sensitive to other tenants of the machine.
  notes.push(
    `1-minute load average ${loadAtStart.toFixed(1)} at the start, ${(os.loadavg()[0] ?? 0).toFixed(1)} at the end` +
      ` (${os.availableParallelism()} CPUs)`,
  );
  return summarizeCacheSection(toScenarioResults(samples, run), { notes, problems });
}

/** Pushes the toolchain once (kept across bench runs), then exports the set's cache from engine A. */
async function seedCache(run: CacheRunContext, port: number, workDir: string): Promise<string[]> {
  const { bench } = run;
  bench.log(`cache: setup: fresh engine ${SEED_ENGINE}`);
  const seedHost = await startFreshEngine(SEED_ENGINE, run.lifecycle);
  const env = { ...bench.env, DOCKER_HOST: seedHost };
  const toolchain = `localhost:${port}/${TOOLCHAIN_REPOSITORY}`;
  const notes: string[] = [];
  if (await manifestExists(port, TOOLCHAIN_REPOSITORY)) {
    notes.push(`toolchain \`${toolchain}\` already in the registry (pushed by an earlier bench run)`);
  } else {
    bench.log(`cache: setup: building and pushing ${toolchain}`);
    const dir = path.join(workDir, 'toolchain');
    await writeFiles(
      dir,
      new Map([['Dockerfile', toolchainDockerfile(`localhost:${port}/base/busybox:latest`)]]),
    );
    const args = ['buildx', 'build', '--progress=quiet', '--push', '-t', toolchain, dir];
    const push = await exec('docker', args, { env, timeoutMs: bench.timeoutMs });
    if (!isSuccess(push)) throw new Error(`docker ${args.join(' ')} failed: ${tail(push.stderr, 5)}`);
    notes.push(`toolchain \`${toolchain}\` built and pushed during setup`);
  }
  bench.log(`cache: setup: ${SEED_ENGINE} builds the set and exports its cache to ${run.cacheRegistry}`);
  const seed = await runMeasuredBuild({ ...buildOptions(run, 0, seedHost, []), imageRefs: imageRefs() });
  if (!seed.ok || !seed.cache)
    throw new Error(`seeding the cache on ${SEED_ENGINE} failed: ${seed.error ?? ''}`);
  if (seed.cache.exportErrors.length > 0) {
    throw new Error(`cache export on ${SEED_ENGINE} failed: ${seed.cache.exportErrors.join('; ')}`);
  }
  notes.push(
    `cache seeded once by ${SEED_ENGINE} (unmeasured): ${(seed.durationMs / 1000).toFixed(2)} s, ` +
      `${formatMegabytes(seed.cache.registry.bytesUploaded)} pushed to the registry`,
  );
  return notes;
}

async function manifestExists(port: number, repositoryAndTag: string): Promise<boolean> {
  const [repository, tag] = repositoryAndTag.split(':');
  const response = await fetch(`http://127.0.0.1:${port}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      accept: [
        'application/vnd.oci.image.index.v1+json',
        'application/vnd.oci.image.manifest.v1+json',
        'application/vnd.docker.distribution.manifest.v2+json',
      ].join(', '),
    },
  }).catch(() => undefined);
  return response?.ok === true;
}

function imageRefs(): string[] {
  return CACHE_IMAGE_NAMES.map((name) => imageTag(name, TAG));
}

function buildArgs(run: CacheRunContext, extra: string[]): string[] {
  return ['bin/imageforge.js', 'build', '-f', run.configFile, '--json', '--progress', 'quiet', ...extra];
}

function buildOptions(run: CacheRunContext, round: number, dockerHost: string, extra: string[]) {
  return {
    round,
    args: buildArgs(run, extra),
    cwd: run.bench.root,
    env: { ...run.bench.env, DOCKER_HOST: dockerHost, IMAGEFORGE_BRANCH: BRANCH },
    timeoutMs: run.bench.timeoutMs,
    proxy: run.proxy,
    imageRefs: imageRefs(),
  };
}

/** A prefix nothing was ever exported to (unique per round: the uncached run exports into it). */
function emptyCacheRegistry(run: CacheRunContext, round: number | string): string {
  return `${run.cacheRegistry}-empty-r${round}`;
}

async function runUncached(run: CacheRunContext, round: number): Promise<void> {
  const host = await startFreshEngine(BUILD_ENGINE, run.lifecycle);
  const extra = ['--set', `defaults.cache.registry=${emptyCacheRegistry(run, round)}`];
  record(run, 'uncached', await runMeasuredBuild(buildOptions(run, round, host, extra)));
}

/** cached-cold on a fresh engine, then the warm runs right after it on the same engine. */
async function runCachedGroup(
  run: CacheRunContext,
  round: number,
  selected: Set<CacheScenarioName>,
): Promise<void> {
  const warm = (['warm-force', 'warm-up-to-date'] as const).filter((name) => selected.has(name));
  if (!selected.has('cached-cold') && warm.length === 0) return;
  const host = await startFreshEngine(BUILD_ENGINE, run.lifecycle);
  const cold = await runMeasuredBuild(buildOptions(run, round, host, []));
  if (selected.has('cached-cold')) record(run, 'cached-cold', cold);
  for (const name of warm) {
    if (!cold.ok) {
      const error = 'not run: the cached-cold run before it failed';
      record(run, name, { round, durationMs: 0, ok: false, exitCode: undefined, timedOut: false, error });
      continue;
    }
    const extra = name === 'warm-force' ? ['--force'] : [];
    record(run, name, await runMeasuredBuild(buildOptions(run, round, host, extra)));
  }
}

function record(run: CacheRunContext, name: CacheScenarioName, sample: CacheSample): void {
  run.samples.get(name)?.push(sample);
  const figures = sample.cache;
  const outcome = !sample.ok
    ? `FAILED ${sample.error ?? ''}`
    : `${(sample.durationMs / 1000).toFixed(2)} s, hits ${figures?.cachedSteps ?? 0}/${figures?.totalSteps ?? 0}, ` +
      `pulled ${formatMegabytes(figures?.reportedBytesPulled ?? 0)} (report) / ` +
      `${formatMegabytes(figures?.registry.bytesDownloaded ?? 0)} (registry), up to date ${figures?.upToDate ?? 0}`;
  run.bench.log(`cache round ${sample.round}/${run.bench.runs} ${name}: ${outcome}`);
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(2)} MB`;
}

function toScenarioResults(
  samples: Map<CacheScenarioName, CacheSample[]>,
  run: CacheRunContext | undefined,
): ScenarioResult[] {
  return CACHE_SCENARIOS.filter((scenario) => samples.has(scenario.name)).map((scenario) => {
    const own = samples.get(scenario.name) ?? [];
    const extra = {
      uncached: ['--set', `defaults.cache.registry=${run ? emptyCacheRegistry(run, '<round>') : '<empty>'}`],
      'cached-cold': [],
      'warm-force': ['--force'],
      'warm-up-to-date': [],
    }[scenario.name];
    const args = run ? buildArgs(run, extra) : [];
    return {
      name: scenario.name,
      description: scenario.description,
      competitors: [
        {
          id: 'imageforge',
          label: 'imageforge',
          commandLine: formatCommandLine({ command: 'node', args }),
          samples: own,
          summary: summarize(own),
        },
      ],
    };
  });
}
