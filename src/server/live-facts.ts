// What the dashboard reads from the engine at request time (not from history): build cache usage
// and whether each builder answers. Readings are data — an unreachable engine is a reading too.
import type { CacheUsage } from '../cache/cache-usage.js';
import type { LiveFacts } from '../metrics/metrics-contract.js';

export interface CacheReading {
  /** The buildx builder (or `builders:` name) whose cache was read; undefined = the current one. */
  builder: string | undefined;
  /** The policy's max size, when one is configured. */
  limitBytes: number | undefined;
  usage: CacheUsage | undefined;
  /** Why usage is missing: the engine did not answer, buildx failed, a timeout. */
  error: string | undefined;
  hint: string | undefined;
}

export interface BuilderReading {
  name: string;
  /** The builder builds use when none is named (buildx's current, or settings.builder). */
  current: boolean;
  driver: string;
  up: boolean;
  /** running, stopped, missing, error: ..., or buildx's own status text. */
  status: string;
  buildkitVersion: string | undefined;
  platforms: string[];
}

export interface BuildersReading {
  /** `config`: the builders declared in the config file; `buildx`: every builder buildx knows. */
  source: 'config' | 'buildx';
  builders: BuilderReading[];
  error: string | undefined;
}

/** Never rejects: failures come back inside the reading. */
export interface LiveFactsProvider {
  readCache(): Promise<CacheReading>;
  readBuilders(): Promise<BuildersReading>;
}

/** The live facts the Prometheus metrics carry, from the same readings the pages show. */
export async function readMetricsFacts(provider: LiveFactsProvider): Promise<LiveFacts> {
  const [cache, builders] = await Promise.all([provider.readCache(), provider.readBuilders()]);
  return {
    cache: cache.usage
      ? [{ builder: cache.builder ?? 'default', bytes: cache.usage.totalBytes, limitBytes: cache.limitBytes }]
      : [],
    builders: builders.builders.map((builder) => ({ builder: builder.name, up: builder.up })),
  };
}
