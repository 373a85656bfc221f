// `imageforge cache du|prune|enforce|gc-config`: build cache governance for the engine (and the
// registry cache). Thin: flags → policy → library call in src/cache → table or JSON.
import { Option, type Command } from 'commander';
import { parseSize } from '../../config/size.js';
import { isImageforgeError } from '../../errors/imageforge-error.js';
import { ErrorCode } from '../../errors/codes.js';
import type { CachePolicy, ResolvedConfig } from '../../config/types.js';
import { DEFAULT_CACHE_POLICY } from '../../cache/default-cache-policy.js';
import { connectBuildCache } from '../../cache/connect-build-cache.js';
import { summarizeCacheUsage } from '../../cache/cache-usage.js';
import { runBuildCachePrune } from '../../cache/prune-build-cache.js';
import { engineFreeBytes } from '../../cache/engine-free-space.js';
import { enforceCachePolicy } from '../../cache/enforce-cache-policy.js';
import { cleanRegistryCache } from '../../cache/clean-registry-cache.js';
import { gcConfigWarnings, renderGcConfig, writeGcConfig } from '../../cache/gc-config.js';
import { dockerdVersion } from '../../builders/managed/dockerd-version.js';
import { renderCacheUsage, renderPruneResult, renderRegistryCleanup } from '../../cache/cache-text.js';
import { enforceResultJson, pruneResultJson, registryCleanupJson } from '../../cache/cache-json.js';
import type { CliIo } from '../io.js';
import { builderDockerHost } from '../../builders/builder-docker-host.js';
import {
  addConfigFlags,
  collect,
  loadFromFlags,
  parseDurationFlag,
  usageError,
  type ConfigFlags,
} from '../options.js';

interface PolicyFlags extends ConfigFlags {
  maxSize?: number;
  maxAge?: number;
  minFreeSpace?: number;
  reservedSpace?: number;
  builder?: string;
  json?: boolean;
  dryRun?: boolean;
  now?: Date;
}

interface PruneFlags extends PolicyFlags {
  all?: boolean;
  registry?: string | true;
  registryMaxAge?: number;
  keepBranch?: string[];
}

interface Loaded {
  policy: CachePolicy;
  config: ResolvedConfig | undefined;
}

export function registerCache(program: Command, io: CliIo): void {
  const cache = program
    .command('cache')
    .description('inspect and prune the build cache (engine and registry)');
  registerDu(cache, io);
  registerPrune(cache, io);
  registerEnforce(cache, io);
  registerGcConfig(cache, io);
}

function registerDu(cache: Command, io: CliIo): void {
  addCommonFlags(cache.command('du').description('build cache usage in bytes, by type and by last use'))
    .option('--json', 'machine-readable output (docs/cache.md)')
    .action(async (flags: PolicyFlags, command: Command) => {
      const { config } = await loadPolicy(flags, command);
      const connection = await connectBuildCache(await cacheTarget(flags, config, io.env));
      const now = flags.now ?? new Date();
      const usage = summarizeCacheUsage(await connection.backend.usage(now), {
        now,
        source: connection.backend.source,
      });
      io.stdout.write(flags.json ? `${JSON.stringify(usage, null, 2)}\n` : renderCacheUsage(usage));
    });
}

function registerPrune(cache: Command, io: CliIo): void {
  addPolicyFlags(addCommonFlags(cache.command('prune').description('remove build cache per policy')))
    .option('--dry-run', 'list what would be removed, remove nothing')
    .option('--all', 'remove every build cache entry not in use, ignoring the policy')
    .option('--registry [prefix]', 'clean registry cache tags instead (default: images.*.cache.registry)')
    .option(
      '--registry-max-age <duration>',
      'registry tags older than this go',
      parseDurationFlag('--registry-max-age'),
    )
    .option('--keep-branch <name>', 'never delete this branch tag (repeatable)', collect, [])
    .option('--json', 'machine-readable output (docs/cache.md)')
    .action(async (flags: PruneFlags, command: Command) => {
      const { policy, config } = await loadPolicy(flags, command);
      if (flags.registry !== undefined) return pruneRegistry(flags, policy, config, io);
      const connection = await connectBuildCache(await cacheTarget(flags, config, io.env));
      const now = flags.now ?? new Date();
      const freeBytes =
        policy.minFreeSpaceBytes === undefined
          ? undefined
          : await engineFreeBytes(connection.client, connection.endpoint.host);
      const result = await runBuildCachePrune({
        backend: connection.backend,
        policy,
        now,
        freeBytes,
        dryRun: flags.dryRun,
        all: flags.all,
      });
      io.stdout.write(
        flags.json
          ? `${JSON.stringify(pruneResultJson(result, flags.all === true), null, 2)}\n`
          : renderPruneResult(result, now),
      );
    });
}

async function pruneRegistry(
  flags: PruneFlags,
  policy: CachePolicy,
  config: ResolvedConfig | undefined,
  io: CliIo,
) {
  const prefixes =
    typeof flags.registry === 'string'
      ? [flags.registry]
      : [...new Set(Object.values(config?.images ?? {}).flatMap((image) => image.cache?.registry ?? []))];
  if (prefixes.length === 0)
    throw usageError(
      'no registry cache configured',
      'pass --registry <host/prefix> or set images.*.cache.registry',
    );
  const keepBranches = [...policy.keepBranches, ...(flags.keepBranch ?? [])];
  const results = [];
  for (const prefix of prefixes) {
    results.push(
      await cleanRegistryCache({
        prefix,
        policy: { registryMaxAgeMs: flags.registryMaxAge ?? policy.registryMaxAgeMs, keepBranches },
        projectDir: config?.projectDir ?? process.cwd(),
        now: flags.now,
        dryRun: flags.dryRun,
        env: io.env,
      }),
    );
  }
  io.stdout.write(
    flags.json
      ? `${JSON.stringify(registryCleanupJson(results), null, 2)}\n`
      : results.map(renderRegistryCleanup).join('\n'),
  );
}

function registerEnforce(cache: Command, io: CliIo): void {
  addPolicyFlags(
    addCommonFlags(
      cache.command('enforce').description('prune only when over policy; one-line summary (for timers)'),
    ),
  )
    .option('--dry-run', 'say what would be pruned, prune nothing')
    .option('--json', 'machine-readable output (docs/cache.md)')
    .action(async (flags: PolicyFlags, command: Command) => {
      const { policy, config } = await loadPolicy(flags, command);
      const connection = await connectBuildCache(await cacheTarget(flags, config, io.env));
      const result = await enforceCachePolicy({
        client: connection.client,
        backend: connection.backend,
        host: connection.endpoint.host,
        policy,
        now: flags.now,
        dryRun: flags.dryRun,
      });
      io.stdout.write(
        flags.json ? `${JSON.stringify(enforceResultJson(result), null, 2)}\n` : `${result.reason}\n`,
      );
    });
}

function registerGcConfig(cache: Command, io: CliIo): void {
  addPolicyFlags(
    addConfigFlags(cache.command('gc-config').description("the policy as daemon.json's builder.gc block")),
  )
    .option('--write <file>', 'merge the block into this daemon.json (atomically)')
    .option('--engine-version <version>', 'the dockerd that reads it (default: `dockerd --version` here)')
    .action(async (flags: PolicyFlags & { write?: string; engineVersion?: string }, command: Command) => {
      const { policy } = await loadPolicy(flags, command);
      const target = { engineVersion: flags.engineVersion ?? (await dockerdVersion(io.env)) };
      for (const warning of gcConfigWarnings(policy, target)) io.stderr.write(`warning: ${warning}\n`);
      const gc = renderGcConfig(policy, target);
      if (flags.write === undefined) {
        io.stdout.write(`${JSON.stringify(gc, null, 2)}\n`);
        return;
      }
      await writeGcConfig(flags.write, gc);
      io.stdout.write(`${flags.write}: builder.gc updated; restart dockerd to apply it\n`);
    });
}

function addCommonFlags(command: Command): Command {
  return addConfigFlags(command)
    .option('--builder <name>', 'buildx builder (default: settings.builder, else the current builder)')
    .addOption(new Option('--now <time>', 'the clock, for tests').argParser(parseNow).hideHelp());
}

function addPolicyFlags(command: Command): Command {
  return command
    .option('--max-size <size>', 'largest build cache kept, e.g. 5GB', parseSizeFlag('--max-size'))
    .option(
      '--max-age <duration>',
      'remove entries unused for longer, e.g. 24h',
      parseDurationFlag('--max-age'),
    )
    .option(
      '--min-free-space <size>',
      'prune until this much disk is free',
      parseSizeFlag('--min-free-space'),
    )
    .option(
      '--reserved-space <size>',
      'never prune the cache below this size',
      parseSizeFlag('--reserved-space'),
    );
}

/** settings.cache with the flags on top; without the default imageforge.yaml, the defaults. */
async function loadPolicy(flags: PolicyFlags, command: Command): Promise<Loaded> {
  let config: ResolvedConfig | undefined;
  try {
    config = await loadFromFlags(flags);
  } catch (error: unknown) {
    const implicitFile = command.getOptionValueSource('file') === 'default';
    if (!(implicitFile && isImageforgeError(error) && error.code === ErrorCode.ConfigNotFound)) throw error;
  }
  const base = config?.settings.cache ?? DEFAULT_CACHE_POLICY;
  return {
    config,
    policy: {
      ...base,
      maxSizeBytes: flags.maxSize ?? base.maxSizeBytes,
      maxAgeMs: flags.maxAge ?? base.maxAgeMs,
      minFreeSpaceBytes: flags.minFreeSpace ?? base.minFreeSpaceBytes,
      reservedSpaceBytes: flags.reservedSpace ?? base.reservedSpaceBytes,
    },
  };
}

/**
 * Which engine's cache: a builder declared under `builders:` is resolved to its engine (a managed
 * builder's socket, a docker builder's context/endpoint); any other name is a buildx builder.
 */
async function cacheTarget(
  flags: PolicyFlags,
  config: ResolvedConfig | undefined,
  env: Record<string, string | undefined>,
): Promise<{ builder: string | undefined; env: Record<string, string | undefined> }> {
  const name = flags.builder ?? config?.settings.builder;
  const declared = name === undefined ? undefined : config?.builders[name];
  if (!declared || !config || name === undefined) return { builder: name, env };
  if (declared.driver === 'managed' || declared.driver === 'docker') {
    const host = await builderDockerHost(name, config, { env });
    const context = declared.driver === 'docker' && !host ? declared.context : undefined;
    return {
      builder: undefined,
      env: {
        ...env,
        ...(host ? { DOCKER_HOST: host } : {}),
        ...(context ? { DOCKER_CONTEXT: context } : {}),
      },
    };
  }
  return { builder: name, env };
}

function parseSizeFlag(flag: string): (value: string) => number {
  return (value) => {
    try {
      return parseSize(value);
    } catch {
      throw usageError(`${flag}: expected a size like 5GB, 512MiB or bytes, got "${value}"`);
    }
  };
}

function parseNow(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw usageError(`--now: expected an ISO time, got "${value}"`);
  return date;
}
