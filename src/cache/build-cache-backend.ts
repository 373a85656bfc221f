// Where build cache records are read and removed: the Engine API for the docker driver (exact bytes
// and times), `docker buildx du|prune` for every other driver (whose cache the engine cannot see).
import { exec, isSuccess, tail } from '../exec/exec.js';
import { supports } from '../buildx/buildx-version.js';
import { ImageforgeError } from '../errors/imageforge-error.js';
import { ErrorCode } from '../errors/codes.js';
import type { DockerClient, PruneBuildCacheOptions, PruneBuildCacheResult } from '../docker/docker-client.js';
import type { BuildCacheEntry } from './build-cache-entry.js';
import { parseBuildxDuJson, parseBuildxDuVerbose, parseHumanSize } from './buildx-du.js';

export interface BuildCacheBackend {
  source: 'engine-api' | 'buildx-du';
  usage(now: Date): Promise<BuildCacheEntry[]>;
  prune(options: PruneBuildCacheOptions): Promise<PruneBuildCacheResult>;
}

export function engineCacheBackend(client: DockerClient): BuildCacheBackend {
  return {
    source: 'engine-api',
    usage: () => client.buildCacheUsage(),
    prune: (options) => client.pruneBuildCache(options),
  };
}

export interface BuildxCacheBackendOptions {
  builder: string | undefined;
  buildxVersion: string | undefined;
  env?: Record<string, string | undefined>;
}

export function buildxCacheBackend(options: BuildxCacheBackendOptions): BuildCacheBackend {
  const builderArgs = options.builder ? ['--builder', options.builder] : [];
  const run = async (args: string[]) => {
    const result = await exec('docker', ['buildx', ...args, ...builderArgs], {
      timeoutMs: 120_000,
      env: options.env,
    });
    if (!isSuccess(result)) throw buildxFailed(args, result.stderr);
    return result.stdout;
  };
  return {
    source: 'buildx-du',
    usage: async (now) =>
      supports(options.buildxVersion, 'duFormatJson')
        ? parseBuildxDuJson(await run(['du', '--format', 'json']), now)
        : parseBuildxDuVerbose(await run(['du', '--verbose']), now),
    prune: async (pruneOptions) => {
      if (pruneOptions.all) return parseBuildxPrune(await run(['prune', '--force', '--all']));
      const result: PruneBuildCacheResult = { spaceReclaimed: 0, deleted: [] };
      // One id per call: BuildKit accepts a single value per filter key.
      for (const id of pruneOptions.ids ?? []) {
        const one = parseBuildxPrune(await run(['prune', '--force', '--all', '--filter', `id=${id}`]));
        result.spaceReclaimed += one.spaceReclaimed;
        result.deleted.push(...one.deleted);
      }
      return result;
    },
  };
}

/** `docker buildx prune --force` output: a table of deleted ids, then "Total:\t4.096kB". */
export function parseBuildxPrune(stdout: string): PruneBuildCacheResult {
  const deleted: string[] = [];
  let spaceReclaimed = 0;
  for (const line of stdout.split('\n')) {
    const total = /^Total:\s*(\S+)/.exec(line);
    if (total?.[1]) spaceReclaimed = parseHumanSize(total[1]) ?? 0;
    const row = /^([a-z0-9]{20,})\*?\s+(true|false)\s/.exec(line);
    if (row?.[1]) deleted.push(row[1]);
  }
  return { spaceReclaimed, deleted };
}

function buildxFailed(args: string[], stderr: string): ImageforgeError {
  return new ImageforgeError(`docker buildx ${args[0] ?? ''} failed`, {
    code: ErrorCode.BuilderMissing,
    category: 'environment',
    hint: 'check the builder with `docker buildx inspect --bootstrap`',
    details: { args, stderr: tail(stderr, 5) },
  });
}
