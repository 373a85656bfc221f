// Renders buildkitd.toml for a standalone BuildKit daemon from a builder's settings, in the dialect
// of the detected BuildKit version, with the production policy applied (no insecure entitlements,
// plain HTTP and debug listeners on loopback only). Key names: moby/buildkit docs/buildkitd.toml.md.
import type { BuilderConfig, BuildkitdSettings } from '../config/types.js';
import { VERSION } from '../version.js';
import { resolveBuildkitVersion, type BuildkitVersionInfo } from './config/buildkit-version.js';
import { goDuration, humanBytes, planGcRules, type GcRule } from './config/gc-rules.js';
import { restrictDebugAddress } from './config/loopback.js';
import { resolveRegistryPolicy } from './config/registry-policy.js';
import { tomlArrayTable, tomlLine, tomlTable } from './config/toml-writer.js';

export {
  hardenedBuildkitdFlags,
  hardenedCreateArgs,
  hardenedCreateProblems,
} from './config/hardened-create-args.js';

export interface BuildkitdTomlOptions {
  /** As reported by `buildx inspect` / `buildkitd --version`; undefined when not detected. */
  buildkitVersion: string | undefined;
  /** Apply the production hardening policy. */
  production: boolean;
  /** Version named in the header; default: this imageforge's version. */
  imageforgeVersion?: string;
}

export interface BuildkitdConfigResult {
  toml: string;
  /** What the policy refused or the version cannot express, with dotted config paths. */
  warnings: string[];
  buildkit: BuildkitVersionInfo;
}

/** The buildkitd.toml text; the same text as `renderBuildkitdConfig(...).toml`. */
export function renderBuildkitdToml(builder: BuilderConfig, options: BuildkitdTomlOptions): string {
  return renderBuildkitdConfig(builder, options).toml;
}

export function renderBuildkitdConfig(
  builder: BuilderConfig,
  options: BuildkitdTomlOptions,
): BuildkitdConfigResult {
  const buildkit = resolveBuildkitVersion(options.buildkitVersion);
  const path = `builders.${builder.name}.buildkitd`;
  const settings = builder.buildkitd;
  const warnings: string[] = [];
  const blocks = [
    entitlementBlock(settings, options.production, path, warnings),
    grpcBlock(settings.debugAddress, options.production, path, warnings),
    historyBlock(settings),
    ...registryBlocks(settings, options.production, path, warnings),
    ...workerBlocks(builder, buildkit, path, warnings),
  ].filter((block) => block.length > 0);
  const header = headerBlock(builder, options, buildkit, warnings);
  const toml = `${[header, ...blocks].map((block) => block.join('\n')).join('\n\n')}\n`;
  return { toml, warnings, buildkit };
}

function headerBlock(
  builder: BuilderConfig,
  options: BuildkitdTomlOptions,
  buildkit: BuildkitVersionInfo,
  warnings: string[],
): string[] {
  const policy = options.production ? 'production policy' : 'no hardening policy';
  return [
    `# buildkitd.toml for the imageforge builder "${builder.name}" (${policy}).`,
    `# Rendered by imageforge ${options.imageforgeVersion ?? VERSION} for ${buildkit.description}.`,
    `# Regenerate with \`imageforge builder config ${builder.name}\` instead of editing by hand.`,
    ...warnings.map((warning) => `# NOTE: ${warning}`),
  ];
}

function entitlementBlock(
  settings: BuildkitdSettings,
  production: boolean,
  path: string,
  warnings: string[],
): string[] {
  const configured = [...new Set(settings.entitlements)].sort();
  if (production) {
    if (configured.length > 0) {
      warnings.push(
        `${path}.entitlements: ${configured.join(', ')} dropped: production allows no insecure entitlements`,
      );
    }
    return [
      '# No build may use host networking or privileged steps, whatever `--allow` asks for.',
      tomlLine('insecure-entitlements', []),
    ];
  }
  return [tomlLine('insecure-entitlements', configured)];
}

/** debugAddress serves pprof and Prometheus /metrics without authentication: loopback only. */
function grpcBlock(
  address: string | undefined,
  production: boolean,
  path: string,
  warnings: string[],
): string[] {
  if (address === undefined) return [];
  const effective = restrictDebugAddress(address, production);
  if (effective.rewritten) {
    warnings.push(`${path}.debugAddress: "${address}" is not loopback; rewritten to "${effective.address}"`);
  }
  return [
    tomlTable(['grpc']),
    tomlLine('debugAddress', effective.address, 'pprof and /metrics; unauthenticated'),
  ];
}

function historyBlock(settings: BuildkitdSettings): string[] {
  const lines: string[] = [];
  if (settings.historyMaxAgeMs !== undefined) {
    const seconds = Math.ceil(settings.historyMaxAgeMs / 1000);
    lines.push(tomlLine('maxAge', seconds, `seconds (${goDuration(seconds * 1000)})`));
  }
  if (settings.historyMaxEntries !== undefined)
    lines.push(tomlLine('maxEntries', settings.historyMaxEntries));
  return lines.length > 0 ? [tomlTable(['history']), ...lines] : [];
}

function registryBlocks(
  settings: BuildkitdSettings,
  production: boolean,
  path: string,
  warnings: string[],
): string[][] {
  const policy = resolveRegistryPolicy(settings, production);
  for (const host of policy.refused) {
    warnings.push(
      `${path}.insecureRegistries: plain HTTP to "${host}" refused: production allows it for loopback registries only`,
    );
  }
  const hosts = [...new Set([...Object.keys(policy.mirrors), ...policy.plainHttp])].sort();
  return hosts.map((host) => {
    const lines = [tomlTable(['registry', host])];
    const mirrors = policy.mirrors[host];
    if (mirrors) lines.push(tomlLine('mirrors', mirrors));
    if (policy.plainHttp.includes(host)) lines.push(tomlLine('http', true));
    return lines;
  });
}

function workerBlocks(
  builder: BuilderConfig,
  buildkit: BuildkitVersionInfo,
  path: string,
  warnings: string[],
): string[][] {
  const oci = [tomlTable(['worker', 'oci']), tomlLine('enabled', true), tomlLine('gc', true)];
  const parallelism = builder.buildkitd.maxParallelism;
  if (parallelism !== undefined) oci.push(tomlLine('max-parallelism', parallelism));
  if (builder.rootless) oci.push(tomlLine('rootless', true));
  const rules = planGcRules(builder.buildkitd.gc);
  const policies = buildkit.spaceGcKeys
    ? rules.map(spaceRuleLines)
    : legacyRuleLines(rules, builder, path, warnings);
  if (policies.length === 0)
    oci.push('# no GC limits configured: BuildKit derives its default policy from the disk size');
  // The containerd worker switches itself on when a containerd socket exists; one worker keeps
  // the cache, GC policy and parallelism limit in one place.
  const containerd = [tomlTable(['worker', 'containerd']), tomlLine('enabled', false)];
  return [oci, ...policies, containerd];
}

function ruleHeader(rule: GcRule): string[] {
  const lines = [tomlArrayTable(['worker', 'oci', 'gcpolicy'])];
  if (rule.all) lines.push(tomlLine('all', true));
  if (rule.types.length > 0)
    lines.push(
      tomlLine(
        'filters',
        rule.types.map((type) => `type==${type}`),
      ),
    );
  if (rule.keepDurationMs !== undefined) {
    const seconds = Math.ceil(rule.keepDurationMs / 1000);
    lines.push(tomlLine('keepDuration', seconds, `seconds (${goDuration(seconds * 1000)})`));
  }
  return lines;
}

function spaceRuleLines(rule: GcRule): string[] {
  const lines = ruleHeader(rule);
  for (const [key, bytes] of [
    ['reservedSpace', rule.reservedSpaceBytes],
    ['maxUsedSpace', rule.maxUsedSpaceBytes],
    ['minFreeSpace', rule.minFreeSpaceBytes],
  ] as const) {
    if (bytes !== undefined) lines.push(tomlLine(key, bytes, humanBytes(bytes)));
  }
  return lines;
}

/**
 * Before 0.17 a rule had one size, `keepBytes`: the most it may keep, which is what maxUsedSpace
 * means now (reservedSpace stands in when only that is set). minFreeSpace has no equivalent, and a
 * rule left with neither size nor age would empty the cache on every GC run, so it is dropped.
 */
function legacyRuleLines(
  rules: GcRule[],
  builder: BuilderConfig,
  path: string,
  warnings: string[],
): string[][] {
  if (builder.buildkitd.gc.minFreeSpaceBytes !== undefined) {
    warnings.push(`${path}.gc.minFreeSpaceBytes: ignored: BuildKit before 0.17 has no minFreeSpace`);
  }
  return rules.flatMap((rule) => {
    const keepBytes = rule.maxUsedSpaceBytes ?? rule.reservedSpaceBytes;
    if (keepBytes === undefined && rule.keepDurationMs === undefined) return [];
    const lines = ruleHeader(rule);
    if (keepBytes !== undefined) lines.push(tomlLine('keepBytes', keepBytes, humanBytes(keepBytes)));
    return [lines];
  });
}
