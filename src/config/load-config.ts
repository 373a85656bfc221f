// loadConfig: imageforge.yaml in, ResolvedConfig out. Reads, validates the file as written, merges
// defaults and the chosen profile, applies --set, interpolates, validates again, and resolves paths
// and labels — reporting every problem found, each with its file, line and dotted path.
import { resolveScanSettings, resolveSignSettings } from '../gates/resolve-gate-config.js';
import {
  resolveHistorySettings,
  resolveHistoryUrl,
  resolveMetricsSettings,
} from '../history/history-config.js';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ErrorCode } from '../errors/codes.js';
import { ConfigProblems } from './config-problems.js';
import { readConfigSource } from './config-source.js';
import { didYouMean } from '../shared/did-you-mean.js';
import { parseDuration } from './duration.js';
import { getGitInfo } from './git-info.js';
import { interpolateDocument } from './interpolate-document.js';
import { mergeDocument } from './merge-document.js';
import type { OriginMap } from './merge-document.js';
import type { PlainMap } from './plain-data.js';
import { isPlainMap } from './plain-data.js';
import { resolveImage } from './resolve-image.js';
import { applySetFlags } from './set-overrides.js';
import type { CachePolicy, ImageConfig, ResolvedConfig, RunSettings } from './types.js';
import type { SettingsSpec } from './config-schema.js';
import { parseSize } from './size.js';
import { resolveBuilders } from './resolve-builder.js';
import { validateFile } from './validate-file.js';
import type { ValidatedDocument } from './validate-merged.js';
import { validateMerged } from './validate-merged.js';

export const DEFAULT_CONFIG_FILE = 'imageforge.yaml';

export interface LoadConfigOptions {
  /** Config file; default `imageforge.yaml` in `cwd`. Relative paths resolve against `cwd`. */
  file?: string;
  cwd?: string;
  /** Profile under `profiles:` to apply. */
  profile?: string;
  /** `--set` flags, e.g. `images.controller.args.VERSION=2`. */
  set?: string[];
  /** Environment for `${VAR}` interpolation; default process.env. */
  env?: Record<string, string | undefined>;
  /** Clock for `org.opencontainers.image.created` outside git; default now. */
  now?: Date;
}

/** Loads and resolves the config; throws an AggregateImageforgeError listing every problem. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const file = path.resolve(cwd, options.file ?? DEFAULT_CONFIG_FILE);
  const env = options.env ?? process.env;
  const source = await readConfigSource(file, cwd);
  const projectDir = path.dirname(file);
  const problems = new ConfigProblems(source);

  const data = validateFile(source, problems);
  problems.throwIfAny();
  const profile = checkProfile(data, options.profile, problems);
  problems.throwIfAny();

  const { document, origins } = mergeDocument(data, profile);
  applySetFlags(document, options.set ?? [], origins, problems);
  const { variables, failedPaths } = interpolateDocument(document, env, origins, problems);
  const validated = validateMerged(document, failedPaths, origins, problems);

  const git = await getGitInfo(projectDir);
  const imageNames = Object.keys(document.images);
  const context = {
    projectDir,
    imageNames,
    git,
    now: options.now ?? new Date(),
    env,
    origins,
    problems,
    lineOf: (name: string) => source.lineOf(['images', name]),
  };
  const images: Record<string, ImageConfig> = {};
  for (const [name, spec] of validated.images) {
    images[name] = await resolveImage(name, spec, context);
  }
  checkSharedTags(images, origins, problems);
  problems.throwIfAny();

  return {
    file,
    projectDir,
    version: 1,
    profile,
    variables,
    settings: resolveSettings(validated, projectDir),
    images,
    builders: resolveBuilders(validated.builders),
    warnings: source.warnings,
  };
}

function checkProfile(
  data: PlainMap,
  profile: string | undefined,
  problems: ConfigProblems,
): string | undefined {
  if (profile === undefined) return undefined;
  const available = isPlainMap(data.profiles) ? Object.keys(data.profiles) : [];
  if (available.includes(profile)) return profile;
  const listing =
    available.length === 0 ? 'the file defines no profiles' : `available: ${available.join(', ')}`;
  problems.add(
    ErrorCode.ConfigProfile,
    ['profiles'],
    `unknown profile \`${profile}\`${didYouMean(profile, available)}; ${listing}`,
    'choose a profile defined under `profiles:`, or drop --profile',
  );
  return undefined;
}

/** Two images pushing the same tag would overwrite each other. */
function checkSharedTags(
  images: Record<string, ImageConfig>,
  origins: OriginMap,
  problems: ConfigProblems,
): void {
  const owners = new Map<string, string>();
  for (const image of Object.values(images)) {
    for (const tag of new Set(image.tags)) {
      const owner = owners.get(tag);
      if (owner === undefined) owners.set(tag, image.name);
      else {
        problems.add(
          ErrorCode.ConfigInvalid,
          origins.find(['images', image.name, 'tags']),
          `tag "${tag}" is also used by image \`${owner}\``,
        );
      }
    }
  }
}

function resolveSettings(validated: ValidatedDocument, projectDir: string): RunSettings {
  const { settings } = validated;
  const policy = settings.policy ?? 'none';
  return {
    parallel: settings.parallel ?? Math.max(1, availableParallelism()),
    timeoutMs: settings.timeout === undefined ? undefined : parseDuration(settings.timeout),
    builder: settings.builder,
    batch: settings.batch ?? true,
    cache: resolveCachePolicy(settings.cache),
    policy,
    handoffRegistry: settings.handoffRegistry,
    scan: resolveScanSettings(settings.scan, projectDir, policy === 'production'),
    sign: resolveSignSettings(settings.sign, projectDir),
    history: resolveHistorySettings(
      settings.history && {
        ...(settings.history.enabled === undefined ? {} : { enabled: settings.history.enabled }),
        ...(settings.history.url === undefined
          ? {}
          : { url: resolveHistoryUrl(settings.history.url, projectDir) }),
        retention: {
          ...(settings.history.retention?.maxAge === undefined
            ? {}
            : { maxAgeMs: parseDuration(settings.history.retention.maxAge) }),
          ...(settings.history.retention?.maxRuns === undefined
            ? {}
            : { maxRuns: settings.history.retention.maxRuns }),
        },
      },
      projectDir,
    ),
    metrics: resolveMetricsSettings(settings.metrics, projectDir),
  };
}

function resolveCachePolicy(cache: SettingsSpec['cache']): CachePolicy {
  return {
    maxSizeBytes: cache?.maxSize === undefined ? 10e9 : parseSize(cache.maxSize),
    maxAgeMs: cache?.maxAge === undefined ? 72 * 3_600_000 : parseDuration(cache.maxAge),
    minFreeSpaceBytes: cache?.minFreeSpace === undefined ? undefined : parseSize(cache.minFreeSpace),
    reservedSpaceBytes: cache?.reservedSpace === undefined ? undefined : parseSize(cache.reservedSpace),
    enforce: cache?.enforce ?? 'before-build',
    registryMaxAgeMs:
      cache?.registryMaxAge === undefined ? 14 * 86_400_000 : parseDuration(cache.registryMaxAge),
    keepBranches: cache?.keepBranches ?? ['main', 'master'],
  };
}
