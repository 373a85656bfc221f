// Renders daemon.json for a managed Docker Engine (a dockerd dedicated to one builder): the
// builder's GC policy, history limits and entitlements under `builder`, registry settings, no
// iptables. Paths and the socket go on dockerd's command line (managedDaemonFlags): dockerd
// refuses to start when a directive is both a flag and a daemon.json key.
//
// Verified on dockerd 28.5.2 (`dockerd --validate` and real starts, see docs/builders.md):
// - unknown top-level keys are refused, unknown keys under `builder` are ignored silently;
// - `builder.entitlements.network-host` / `security-insecure` are read (bool); network-host
//   defaults to true, so production writes false explicitly;
// - GC sizes must be strings ("512000000"), a JSON number is refused; `keepDuration` in a policy
//   rule is ignored, the age is a filter (`unused-for=48h`);
// - a rule's filter takes one value per key: three `type=` filters stop dockerd from starting
//   ("filters expect only one value"), so each cache type gets its own rule;
// - `builder.history.maxAge` must be a Go duration string, `maxEntries` an integer;
// - `registry-mirrors` need an http:// or https:// scheme.
// dockerd 26.1.5 (Debian trixie) reads only `keepStorage` in a GC rule and refuses to start when a
// rule has none ("invalid size: ''"): engines before 28.0 get the legacy dialect (gcBlock).
import type { BuilderConfig, BuildkitdSettings, CachePolicy } from '../config/types.js';
import { goDuration, planGcRules, type GcRule, type GcSettings } from './config/gc-rules.js';
import { restrictDebugAddress } from './config/loopback.js';
import { resolveRegistryPolicy, type RegistryPolicy } from './config/registry-policy.js';
import { engineSupports, requiredEngineVersion } from '../docker/engine-features.js';

export interface ManagedDaemonOptions {
  dataRoot: string;
  execRoot: string;
  /** The daemon's socket, e.g. `unix:///run/imageforge/NAME/docker.sock`. */
  host: string;
  production: boolean;
  /** Fills GC limits the builder leaves unset (maxSizeBytes → maxUsedSpace, maxAgeMs → age). */
  cachePolicy?: CachePolicy;
  /** The dockerd that will read the file; older engines get GC rules they understand. */
  engineVersion?: string | undefined;
}

export interface ManagedDaemonConfig {
  daemonJson: Record<string, unknown>;
  /** dockerd flags for what daemon.json must not repeat. */
  flags: string[];
  /** Settings refused by the policy or not expressible in daemon.json, with dotted paths. */
  warnings: string[];
}

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

export function renderManagedDaemonJson(
  builder: BuilderConfig,
  options: ManagedDaemonOptions,
): Record<string, unknown> {
  return resolveManagedDaemonConfig(builder, options).daemonJson;
}

export function managedDaemonFlags(options: ManagedDaemonOptions): string[] {
  return ['--data-root', options.dataRoot, '--exec-root', options.execRoot, '--host', options.host];
}

export function resolveManagedDaemonConfig(
  builder: BuilderConfig,
  options: ManagedDaemonOptions,
): ManagedDaemonConfig {
  const path = `builders.${builder.name}.buildkitd`;
  const settings = builder.buildkitd;
  const warnings: string[] = [];
  const registries = resolveRegistryPolicy(settings, options.production);
  for (const host of registries.refused) {
    warnings.push(
      `${path}.insecureRegistries: plain HTTP to "${host}" refused: production allows it for loopback registries only`,
    );
  }
  const daemonJson: Record<string, unknown> = {
    features: { 'containerd-snapshotter': true },
    iptables: false,
    'ip-forward': false,
    builder: builderBlock(settings, options, path, warnings),
    ...registryKeys(registries, path, warnings),
    ...metricsKeys(settings.debugAddress, options.production, path, warnings),
  };
  if (settings.maxParallelism !== undefined) {
    warnings.push(`${path}.maxParallelism: not applied: dockerd's builder has no parallelism setting`);
  }
  return { daemonJson, flags: managedDaemonFlags(options), warnings };
}

function builderBlock(
  settings: BuildkitdSettings,
  options: ManagedDaemonOptions,
  path: string,
  warnings: string[],
): Record<string, unknown> {
  const gc = mergeGcSettings(settings.gc, options.cachePolicy);
  const legacyKeys = usesLegacyGcKeys(options.engineVersion);
  if (legacyKeys) warnings.push(...legacyGcWarnings(gc, options.engineVersion, `${path}.gc`));
  const block: Record<string, unknown> = {
    entitlements: entitlementKeys(settings.entitlements, options.production, path, warnings),
    gc: gcBlock(gc, { legacyKeys }),
  };
  const history: Record<string, unknown> = {};
  if (settings.historyMaxAgeMs !== undefined) history.maxAge = goDuration(settings.historyMaxAgeMs);
  if (settings.historyMaxEntries !== undefined) history.maxEntries = settings.historyMaxEntries;
  if (Object.keys(history).length > 0) block.history = history;
  return block;
}

function entitlementKeys(entitlements: string[], production: boolean, path: string, warnings: string[]) {
  if (production && entitlements.length > 0) {
    warnings.push(
      `${path}.entitlements: ${[...entitlements].sort().join(', ')} dropped: production allows no insecure entitlements`,
    );
  }
  const allowed = new Set(production ? [] : entitlements);
  return {
    'network-host': allowed.has('network.host'),
    'security-insecure': allowed.has('security.insecure'),
  };
}

/** The builder's own limits win; the engine's cache policy fills the gaps. */
export function mergeGcSettings(
  gc: GcSettings,
  cachePolicy:
    Pick<CachePolicy, 'reservedSpaceBytes' | 'maxSizeBytes' | 'minFreeSpaceBytes' | 'maxAgeMs'> | undefined,
): GcSettings {
  return {
    reservedSpaceBytes: gc.reservedSpaceBytes ?? cachePolicy?.reservedSpaceBytes,
    maxUsedSpaceBytes: gc.maxUsedSpaceBytes ?? cachePolicy?.maxSizeBytes,
    minFreeSpaceBytes: gc.minFreeSpaceBytes ?? cachePolicy?.minFreeSpaceBytes,
    keepDurationMs: gc.keepDurationMs ?? cachePolicy?.maxAgeMs,
  };
}

export interface GcBlockOptions {
  /** Write each rule's size as `keepStorage` only, for engines before 28.0 (usesLegacyGcKeys). */
  legacyKeys?: boolean;
}

/** The `builder.gc` block of daemon.json for these settings (managed engines and `cache gc-config`). */
export function gcBlock(gc: GcSettings, options: GcBlockOptions = {}): Record<string, unknown> {
  const policy = planGcRules(gc).flatMap((rule) => daemonRules(rule, options.legacyKeys === true));
  return policy.length > 0 ? { enabled: true, policy } : { enabled: true };
}

/** An engine known to predate reservedSpace/maxUsedSpace/minFreeSpace (unknown = current keys). */
export function usesLegacyGcKeys(engineVersion: string | undefined): boolean {
  return engineVersion !== undefined && !engineSupports(engineVersion, 'gcSpaceKeys');
}

/** What the legacy dialect cannot say, as warnings under `path`. */
export function legacyGcWarnings(gc: GcSettings, engineVersion: string | undefined, path: string): string[] {
  const lost = [
    ...(gc.minFreeSpaceBytes !== undefined ? ['minFreeSpace'] : []),
    ...(gc.reservedSpaceBytes !== undefined && gc.maxUsedSpaceBytes !== undefined ? ['reservedSpace'] : []),
  ];
  if (lost.length === 0) return [];
  return [
    `${path}: ${lost.join(', ')} not applied: Docker Engine ${engineVersion ?? '?'} knows only keepStorage (the new GC keys need ${requiredEngineVersion('gcSpaceKeys')})`,
  ];
}

/** One daemon.json rule per cache type (one value per filter key), sizes as byte strings. */
function daemonRules(rule: GcRule, legacyKeys: boolean): Record<string, unknown>[] {
  const age = rule.keepDurationMs === undefined ? [] : [`unused-for=${goDuration(rule.keepDurationMs)}`];
  const sizes: Record<string, string> = {};
  if (legacyKeys) {
    // BuildKit before 0.17 prunes a rule's records down to keepBytes: a cap, like maxUsedSpace.
    // Every rule needs one; "0" (no floor) keeps an age-only rule's meaning.
    sizes.keepStorage = String(rule.maxUsedSpaceBytes ?? rule.reservedSpaceBytes ?? 0);
  } else {
    if (rule.reservedSpaceBytes !== undefined) sizes.reservedSpace = String(rule.reservedSpaceBytes);
    if (rule.maxUsedSpaceBytes !== undefined) sizes.maxUsedSpace = String(rule.maxUsedSpaceBytes);
    if (rule.minFreeSpaceBytes !== undefined) sizes.minFreeSpace = String(rule.minFreeSpaceBytes);
  }
  const filters = rule.types.length > 0 ? rule.types.map((type) => [`type=${type}`, ...age]) : [age];
  return filters.map((filter) => ({
    ...(rule.all && { all: true }),
    ...(filter.length > 0 && { filter }),
    ...sizes,
  }));
}

/** dockerd mirrors Docker Hub only, and wants URLs; plain-HTTP hosts go to insecure-registries. */
function registryKeys(policy: RegistryPolicy, path: string, warnings: string[]): Record<string, unknown> {
  const keys: Record<string, unknown> = {};
  const hubMirrors: string[] = [];
  for (const [registry, mirrors] of Object.entries(policy.mirrors)) {
    if (!DOCKER_HUB.has(registry)) {
      warnings.push(
        `${path}.mirrors.${registry}: not applied: dockerd's registry-mirrors mirror Docker Hub only`,
      );
      continue;
    }
    for (const mirror of mirrors) {
      if (mirror.includes('/')) {
        warnings.push(
          `${path}.mirrors.${registry}: "${mirror}" not applied: dockerd mirrors cannot have a path`,
        );
      } else {
        hubMirrors.push(`${policy.plainHttp.includes(mirror) ? 'http' : 'https'}://${mirror}`);
      }
    }
  }
  if (hubMirrors.length > 0) keys['registry-mirrors'] = hubMirrors;
  if (policy.plainHttp.length > 0) keys['insecure-registries'] = policy.plainHttp;
  return keys;
}

/** dockerd's Prometheus endpoint stands in for buildkitd's debug address: loopback only. */
function metricsKeys(address: string | undefined, production: boolean, path: string, warnings: string[]) {
  if (address === undefined) return {};
  const effective = restrictDebugAddress(address, production);
  if (effective.rewritten) {
    warnings.push(
      `${path}.debugAddress: "${address}" is not loopback; metrics-addr rewritten to "${effective.address}"`,
    );
  }
  return { 'metrics-addr': effective.address };
}
