// Turns validated `builders:` entries into BuilderConfig: sizes in bytes, durations in ms, defaults
// filled in (docker driver, no insecure entitlements).
import type { BuilderSpec } from './config-schema.js';
import { parseDuration } from './duration.js';
import { parseSize } from './size.js';
import type { BuilderConfig } from './types.js';

const size = (value: string | number | undefined): number | undefined =>
  value === undefined ? undefined : parseSize(value);
const duration = (value: string | number | undefined): number | undefined =>
  value === undefined ? undefined : parseDuration(value);

export function resolveBuilders(specs: Record<string, BuilderSpec>): Record<string, BuilderConfig> {
  return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, resolveBuilder(name, spec)]));
}

function resolveBuilder(name: string, spec: BuilderSpec): BuilderConfig {
  const buildkitd = spec.buildkitd ?? {};
  return {
    name,
    driver: spec.driver ?? 'docker',
    context: spec.context,
    endpoint: spec.endpoint,
    driverOpts: spec.driverOpts ?? {},
    platforms: spec.platforms ?? [],
    buildkitd: {
      gc: {
        reservedSpaceBytes: size(buildkitd.gc?.reservedSpace),
        maxUsedSpaceBytes: size(buildkitd.gc?.maxUsedSpace),
        minFreeSpaceBytes: size(buildkitd.gc?.minFreeSpace),
        keepDurationMs: duration(buildkitd.gc?.keepDuration),
      },
      maxParallelism: buildkitd.maxParallelism,
      mirrors: buildkitd.mirrors ?? {},
      insecureRegistries: buildkitd.insecureRegistries ?? [],
      entitlements: buildkitd.entitlements ?? [],
      historyMaxAgeMs: duration(buildkitd.historyMaxAge),
      historyMaxEntries: buildkitd.historyMaxEntries,
      debugAddress: buildkitd.debugAddress,
    },
    nodes: (spec.nodes ?? []).map((node) => ({
      name: node.name,
      endpoint: node.endpoint,
      platforms: node.platforms ?? [],
      driverOpts: node.driverOpts ?? {},
    })),
    resources: { memoryBytes: size(spec.resources?.memory), cpus: spec.resources?.cpus },
    rootless: spec.rootless ?? false,
  };
}
