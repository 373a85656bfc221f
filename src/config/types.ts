// The resolved configuration: what the rest of imageforge consumes after imageforge.yaml was parsed,
// validated, interpolated, merged with defaults and the chosen profile, and normalised (absolute
// paths, durations in milliseconds). Nothing downstream ever sees raw YAML.
import type { ImageTestSpec } from '../gates/functional/test-spec-schema.js';
import type { IgnoreRule } from '../gates/policy/scan-policy.js';
import type { Severity } from '../gates/scan/findings.js';
import type { SbomFormat } from '../gates/scan/scanner.js';
import type { SigningConfig } from '../gates/sign/signing.js';
import type { HistorySettings, MetricsSettings } from '../history/history-config.js';

/** What to scan an image for and when the scan blocks publishing (`images.<name>.scan`). */
export interface ImageScanConfig {
  /** undefined: no vulnerability scan. */
  vulnerabilities: { failOn: Severity | 'NONE'; ignoreUnfixed: boolean } | undefined;
  /** undefined: no secret scan. */
  secrets: { failOn: Severity | 'NONE' } | undefined;
  sbom: SbomFormat[];
  ignores: IgnoreRule[];
}

/** The scanner itself (`settings.scan`). */
export interface ScanSettings {
  /** A scanner failure blocks publishing (production default) or only warns. */
  onError: 'block' | 'warn';
  timeoutMs: number;
  /** Images verified at once; undefined = settings.parallel. */
  parallel: number | undefined;
  trivy: {
    binary: string | undefined;
    /** Absolute directory. */
    cacheDir: string;
    offline: boolean;
    dbRepository: string | undefined;
  };
}

export interface RetryPolicy {
  /** Total attempts including the first (1 = no retry). */
  attempts: number;
  initialDelayMs: number;
  factor: number;
  maxDelayMs: number;
  /** 0..1: fraction of the delay randomised ("full jitter" when 1). */
  jitter: number;
}

/** Where a build secret's value comes from. Exactly one of env/file is set. */
export type SecretSource = { env: string; file?: undefined } | { file: string; env?: undefined };

export interface LegacyOptions {
  /** Drop `RUN --mount=type=cache` (with a warning) instead of refusing, when building legacy. */
  degradeCacheMounts: boolean;
}

/** Where an image's build cache comes from and goes to (registry and/or local directory). */
export interface ImageCacheConfig {
  /** Registry repository prefix (`${registry}` in the ref template); undefined = no registry cache. */
  registry: string | undefined;
  /** Ref template with ${registry}, ${image}, ${branch}, ${target}. */
  ref: string;
  /** Branches imported after the current one, in order. */
  fallback: string[];
  mode: 'min' | 'max';
  compression: 'gzip' | 'zstd' | 'uncompressed' | undefined;
  imageManifest: boolean;
  inline: boolean;
  /** Absolute directory of a local cache; undefined = none. */
  local: string | undefined;
  export: boolean;
}

/** Build cache governance for an engine (imageforge cache prune / enforce). */
export interface CachePolicy {
  maxSizeBytes: number;
  maxAgeMs: number;
  minFreeSpaceBytes: number | undefined;
  reservedSpaceBytes: number | undefined;
  enforce: 'before-build' | 'off';
  registryMaxAgeMs: number;
  keepBranches: string[];
}

export type BuilderDriver = 'docker' | 'docker-container' | 'remote' | 'kubernetes' | 'managed';

/** BuildKit daemon settings of a builder (buildkitd.toml / managed daemon.json). */
export interface BuildkitdSettings {
  gc: {
    reservedSpaceBytes: number | undefined;
    maxUsedSpaceBytes: number | undefined;
    minFreeSpaceBytes: number | undefined;
    keepDurationMs: number | undefined;
  };
  maxParallelism: number | undefined;
  mirrors: Record<string, string[]>;
  insecureRegistries: string[];
  /** Insecure entitlements allowed (network.host, security.insecure); empty for production. */
  entitlements: string[];
  historyMaxAgeMs: number | undefined;
  historyMaxEntries: number | undefined;
  debugAddress: string | undefined;
}

export interface BuilderNodeConfig {
  name: string;
  endpoint: string | undefined;
  platforms: string[];
  driverOpts: Record<string, string>;
}

/** A builder declared under `builders:`. */
export interface BuilderConfig {
  name: string;
  driver: BuilderDriver;
  context: string | undefined;
  endpoint: string | undefined;
  driverOpts: Record<string, string>;
  platforms: string[];
  buildkitd: BuildkitdSettings;
  nodes: BuilderNodeConfig[];
  /** Limits for build steps: memory in bytes, CPUs as a fraction of cores. */
  resources: { memoryBytes: number | undefined; cpus: number | undefined };
  rootless: boolean;
}

export interface ImageConfig {
  /** Key under `images:`. */
  name: string;
  /** Absolute path of the build context directory. */
  context: string;
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  target: string | undefined;
  args: Record<string, string>;
  /** Full references, e.g. `localhost:5000/jenkins/controller:2.4`. First one is the primary tag. */
  tags: string[];
  labels: Record<string, string>;
  /** e.g. `linux/amd64`; empty = the builder's default platform. */
  platforms: string[];
  /** Explicit dependencies (image names). Dockerfile FROM edges are added by the planner. */
  dependsOn: string[];
  secrets: Record<string, SecretSource>;
  /** Always attempt to pull newer base images. */
  pull: boolean;
  noCache: boolean;
  retry: RetryPolicy;
  /** Per-image timeout for one attempt; undefined = none. */
  timeoutMs: number | undefined;
  legacy: LegacyOptions;
  /** Build cache import/export; undefined = BuildKit's local cache only. */
  cache: ImageCacheConfig | undefined;
  /** Builder for this image (a `builders:` name or a buildx builder); undefined = settings.builder. */
  builder: string | undefined;
  /** Network for RUN steps; undefined = BuildKit's default. */
  network: 'default' | 'none' | 'host' | undefined;
  /** Line of `images.<name>` in the config file, for messages. */
  line: number | undefined;
  /** Scan gates; undefined = not scanned (production scans with the defaults anyway). */
  scan: ImageScanConfig | undefined;
  /** Functional tests run before publishing; undefined = none. */
  test: ImageTestSpec | undefined;
  /** Sign pushed digests when settings.sign is configured. Default true. */
  sign: boolean;
}

export interface RunSettings {
  /** Max images building at once. */
  parallel: number;
  /** Whole-run timeout; undefined = none. */
  timeoutMs: number | undefined;
  /** buildx builder name; undefined = the current builder. */
  builder: string | undefined;
  /**
   * Build the whole graph in one BuildKit session (`buildx bake`) first, falling back to one build
   * per image for what a failed batch left unfinished.
   */
  batch: boolean;
  cache: CachePolicy;
  /** `production` enforces the hardening policy (see docs/security.md). */
  policy: 'none' | 'production';
  /** Repository prefix for hand-off tags between builders/pool nodes; undefined = none. */
  handoffRegistry: string | undefined;
  scan: ScanSettings;
  /** cosign signing of pushed digests; undefined = not signed. */
  sign: SigningConfig | undefined;
  history: HistorySettings;
  metrics: MetricsSettings;
}

export interface ResolvedConfig {
  /** Absolute path of the config file. */
  file: string;
  /** Directory of the config file; relative paths resolve against it. */
  projectDir: string;
  version: 1;
  profile: string | undefined;
  variables: Record<string, string>;
  settings: RunSettings;
  images: Record<string, ImageConfig>;
  builders: Record<string, BuilderConfig>;
  /** Non-fatal findings (deprecated keys, ...). */
  warnings: string[];
}
