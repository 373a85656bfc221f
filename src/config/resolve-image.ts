// Turns one merged, validated image spec into the ImageConfig the rest of imageforge consumes:
// defaults filled in, durations in milliseconds, paths absolute, OCI labels added, and the checks
// that need the whole picture (secret-looking args, unknown dependencies, Dockerfile on disk).
import { homedir } from 'node:os';
import path from 'node:path';
import { ErrorCode } from '../errors/codes.js';
import type { ConfigProblems } from './config-problems.js';
import type { ImageSpec } from './config-schema.js';
import { didYouMean } from '../shared/did-you-mean.js';
import { parseDuration } from './duration.js';
import type { GitInfo } from './git-info.js';
import type { OriginMap } from './merge-document.js';
import { ociLabels } from './oci-labels.js';
import { resolveBuildPaths } from './build-paths.js';
import { isSecretLikeName } from './secret-like-name.js';
import type { ImageCacheConfig, ImageConfig, RetryPolicy, SecretSource } from './types.js';
import { resolveImageScan, resolveImageTest } from '../gates/resolve-gate-config.js';

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 3,
  initialDelayMs: 2000,
  factor: 2,
  maxDelayMs: 30_000,
  jitter: 0.2,
};

export interface ResolveImageContext {
  projectDir: string;
  imageNames: string[];
  git: GitInfo;
  now: Date;
  env: Record<string, string | undefined>;
  origins: OriginMap;
  problems: ConfigProblems;
  lineOf: (name: string) => number | undefined;
}

export async function resolveImage(
  name: string,
  spec: ImageSpec,
  context: ResolveImageContext,
): Promise<ImageConfig> {
  const at = (...rest: (string | number)[]) => context.origins.find(['images', name, ...rest]);
  const paths = await resolveBuildPaths(
    {
      projectDir: context.projectDir,
      context: spec.context,
      dockerfile: spec.dockerfile,
      contextOrigin: at('context'),
      dockerfileOrigin: at('dockerfile'),
    },
    context.problems,
  );
  const args = spec.args ?? {};
  checkSecretLikeArgs(Object.keys(args), (arg) => at('args', arg), context.problems);
  checkDependencies(name, spec.dependsOn ?? [], context, at);
  const retry = resolveRetry(spec.retry);
  if (retry.initialDelayMs > retry.maxDelayMs) {
    context.problems.add(
      ErrorCode.ConfigInvalid,
      at('retry', 'initialDelay'),
      'must not be longer than retry.maxDelay',
    );
  }
  return {
    name,
    context: paths.context,
    dockerfile: paths.dockerfile,
    target: spec.target,
    args,
    tags: spec.tags ?? [`${name}:latest`],
    labels: { ...ociLabels(name, context.git, context.now, context.env), ...spec.labels },
    platforms: spec.platforms ?? [],
    dependsOn: spec.dependsOn ?? [],
    secrets: resolveSecrets(spec.secrets ?? {}, context.projectDir),
    pull: spec.pull ?? false,
    noCache: spec.noCache ?? false,
    retry,
    timeoutMs: spec.timeout === undefined ? undefined : parseDuration(spec.timeout),
    legacy: { degradeCacheMounts: spec.legacy?.degradeCacheMounts ?? false },
    cache: resolveCache(spec.cache, context.projectDir),
    builder: spec.builder,
    network: spec.network,
    line: context.lineOf(name),
    scan: resolveImageScan(spec.scan, (index) => context.problems.place(at('scan', 'ignore', index))),
    test: resolveImageTest(spec.test),
    sign: spec.sign ?? true,
  };
}

export const DEFAULT_CACHE_REF = '${registry}/${image}:${branch}';

function resolveCache(cache: ImageSpec['cache'], projectDir: string): ImageCacheConfig | undefined {
  if (!cache || (cache.registry === undefined && cache.local === undefined && cache.inline !== true))
    return undefined;
  return {
    registry: cache.registry,
    ref: cache.ref ?? DEFAULT_CACHE_REF,
    fallback: cache.fallback ?? ['main'],
    mode: cache.mode ?? 'max',
    compression: cache.compression,
    imageManifest: cache.imageManifest ?? true,
    inline: cache.inline ?? false,
    local: cache.local === undefined ? undefined : path.resolve(projectDir, cache.local),
    export: cache.export ?? true,
  };
}

/** Build args end up in the image history in clear text; secrets must be mounted instead. */
function checkSecretLikeArgs(
  names: string[],
  originOf: (arg: string) => ReturnType<OriginMap['find']>,
  problems: ConfigProblems,
): void {
  for (const arg of names.filter(isSecretLikeName)) {
    problems.add(
      ErrorCode.ConfigInvalid,
      originOf(arg),
      'looks like a secret; pass it with `secrets:` (mounted with RUN --mount=type=secret) instead',
      'build args are stored in the image history; secrets mounted with RUN --mount=type=secret are not',
    );
  }
}

function checkDependencies(
  name: string,
  dependsOn: string[],
  context: ResolveImageContext,
  at: (...rest: (string | number)[]) => ReturnType<OriginMap['find']>,
): void {
  dependsOn.forEach((dependency, index) => {
    if (dependency === name) {
      context.problems.add(ErrorCode.ConfigCycle, at('dependsOn', index), 'an image cannot depend on itself');
    } else if (!context.imageNames.includes(dependency)) {
      const others = context.imageNames.filter((other) => other !== name);
      context.problems.add(
        ErrorCode.ConfigUnknownImage,
        at('dependsOn', index),
        `unknown image \`${dependency}\`${didYouMean(dependency, others)}`,
      );
    }
  });
}

function resolveRetry(retry: ImageSpec['retry']): RetryPolicy {
  return {
    attempts: retry?.attempts ?? DEFAULT_RETRY.attempts,
    initialDelayMs:
      retry?.initialDelay === undefined ? DEFAULT_RETRY.initialDelayMs : parseDuration(retry.initialDelay),
    factor: retry?.factor ?? DEFAULT_RETRY.factor,
    maxDelayMs: retry?.maxDelay === undefined ? DEFAULT_RETRY.maxDelayMs : parseDuration(retry.maxDelay),
    jitter: retry?.jitter ?? DEFAULT_RETRY.jitter,
  };
}

function resolveSecrets(
  secrets: NonNullable<ImageSpec['secrets']>,
  projectDir: string,
): Record<string, SecretSource> {
  const resolved: Record<string, SecretSource> = {};
  for (const [id, source] of Object.entries(secrets)) {
    resolved[id] =
      source.file !== undefined ? { file: resolvePath(projectDir, source.file) } : { env: source.env ?? '' };
  }
  return resolved;
}

/** Secret files may live anywhere (e.g. `~/.npmrc`); their existence is checked at build time. */
function resolvePath(projectDir: string, file: string): string {
  if (file === '~' || file.startsWith('~/')) return path.join(homedir(), file.slice(1));
  return path.resolve(projectDir, file);
}
