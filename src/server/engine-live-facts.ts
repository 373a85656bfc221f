// The live facts read from the real engine: build cache usage the way `imageforge cache du` reads
// it, and builder health the way `imageforge builder ls` does — bounded by timeouts, never throwing.
import type { ResolvedConfig } from '../config/types.js';
import { DEFAULT_CACHE_POLICY } from '../cache/default-cache-policy.js';
import { connectBuildCache, type ConnectBuildCacheOptions } from '../cache/connect-build-cache.js';
import { summarizeCacheUsage } from '../cache/cache-usage.js';
import { builderDockerHost } from '../builders/builder-docker-host.js';
import { builderStatuses } from '../builders/builder-status.js';
import { listBuildxBuilders } from '../builders/buildx-builder-list.js';
import { defaultImageforgeHome } from '../builders/managed/managed-layout.js';
import { isImageforgeError } from '../errors/imageforge-error.js';
import type { BuildersReading, CacheReading, LiveFactsProvider } from './live-facts.js';
import { memoizeFor } from './memoize-for.js';
import { withTimeout } from '../shared/with-timeout.js';

export interface EngineLiveFactsOptions {
  config?: ResolvedConfig | undefined;
  env?: Record<string, string | undefined>;
  /** Per reading. Default 10 s. */
  timeoutMs?: number;
  /** How long a reading is reused. Default 15 s. */
  ttlMs?: number;
}

export function engineLiveFacts(options: EngineLiveFactsOptions = {}): LiveFactsProvider {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const ttlMs = options.ttlMs ?? 15_000;
  return {
    readCache: memoizeFor(ttlMs, () => readCache(options.config, env, timeoutMs)),
    readBuilders: memoizeFor(ttlMs, () => readBuilders(options.config, env, timeoutMs)),
  };
}

async function readCache(
  config: ResolvedConfig | undefined,
  env: Record<string, string | undefined>,
  timeoutMs: number,
): Promise<CacheReading> {
  const builder = config?.settings.builder;
  const limitBytes = (config?.settings.cache ?? DEFAULT_CACHE_POLICY).maxSizeBytes;
  try {
    const usage = await withTimeout(
      (async () => {
        const connection = await connectBuildCache(await cacheTarget(builder, config, env));
        const now = new Date();
        return summarizeCacheUsage(await connection.backend.usage(now), {
          now,
          source: connection.backend.source,
        });
      })(),
      timeoutMs,
      'the build cache of the engine',
    );
    return { builder, limitBytes, usage, error: undefined, hint: undefined };
  } catch (error: unknown) {
    return { builder, limitBytes, usage: undefined, error: messageOf(error), hint: hintOf(error) };
  }
}

/**
 * A builder declared under `builders:` with its own engine (managed, docker) is read through that
 * engine's socket; any other name is a buildx builder (same rule as `imageforge cache du`).
 */
async function cacheTarget(
  builder: string | undefined,
  config: ResolvedConfig | undefined,
  env: Record<string, string | undefined>,
): Promise<ConnectBuildCacheOptions> {
  const declared = builder === undefined ? undefined : config?.builders[builder];
  if (!declared || !config || builder === undefined) return { builder, env };
  if (declared.driver !== 'managed' && declared.driver !== 'docker') return { builder, env };
  const host = await builderDockerHost(builder, config, { env });
  const context = declared.driver === 'docker' && !host ? declared.context : undefined;
  return {
    builder: undefined,
    env: { ...env, ...(host ? { DOCKER_HOST: host } : {}), ...(context ? { DOCKER_CONTEXT: context } : {}) },
  };
}

async function readBuilders(
  config: ResolvedConfig | undefined,
  env: Record<string, string | undefined>,
  timeoutMs: number,
): Promise<BuildersReading> {
  const source = config ? 'config' : 'buildx';
  try {
    return await withTimeout(
      config ? configuredBuilders(config, env) : buildxBuilders(env),
      timeoutMs,
      source === 'config' ? 'the configured builders' : '`docker buildx ls`',
    );
  } catch (error: unknown) {
    return { source, builders: [], error: messageOf(error) };
  }
}

async function configuredBuilders(
  config: ResolvedConfig,
  env: Record<string, string | undefined>,
): Promise<BuildersReading> {
  const statuses = await builderStatuses(config, { home: defaultImageforgeHome(env), env });
  return {
    source: 'config',
    error: undefined,
    builders: statuses.map((status) => ({
      name: status.name,
      current: config.settings.builder === status.name,
      driver: status.driver,
      up: status.healthy,
      status: status.status,
      buildkitVersion: status.buildkitVersion,
      platforms: status.platforms,
    })),
  };
}

async function buildxBuilders(env: Record<string, string | undefined>): Promise<BuildersReading> {
  const listed = await listBuildxBuilders(env);
  if (listed === undefined)
    return { source: 'buildx', builders: [], error: '`docker buildx ls` failed: is buildx installed?' };
  return {
    source: 'buildx',
    error: undefined,
    builders: listed.map((builder) => ({
      name: builder.name,
      current: builder.current,
      driver: builder.driver,
      up: builder.nodes.length > 0 && builder.nodes.every((node) => node.status === 'running'),
      status: [...new Set(builder.nodes.map((node) => node.status || 'unknown'))].join(',') || 'unknown',
      buildkitVersion: builder.nodes[0]?.buildkitVersion,
      platforms: [...new Set(builder.nodes.flatMap((node) => node.platforms))],
    })),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function hintOf(error: unknown): string | undefined {
  return isImageforgeError(error) ? error.hint : undefined;
}
