// The metric families only the live engine knows at collection time (cache size, builders answering):
// history cannot tell whether a builder is up now.
import type { LiveFacts } from './metrics-contract.js';
import type { MetricFamily } from './exposition-format.js';

export function liveFamilies(live: LiveFacts): MetricFamily[] {
  const cache = live.cache ?? [];
  return [
    {
      name: 'imageforge_cache_bytes',
      help: 'Size of the build cache of each builder, in bytes.',
      type: 'gauge',
      samples: cache.map((row) => ({ labels: { builder: row.builder }, value: row.bytes })),
    },
    {
      name: 'imageforge_cache_limit_bytes',
      help: 'Build cache size limit of the cache policy (settings.cache.maxSize), in bytes.',
      type: 'gauge',
      // No limit configured: no series, so `cache_bytes > cache_limit_bytes` never matches.
      samples: cache.flatMap((row) =>
        row.limitBytes === undefined ? [] : [{ labels: { builder: row.builder }, value: row.limitBytes }],
      ),
    },
    {
      name: 'imageforge_builder_up',
      help: 'Whether each configured builder answers (1) or not (0).',
      type: 'gauge',
      samples: (live.builders ?? []).map((row) => ({
        labels: { builder: row.builder },
        value: row.up ? 1 : 0,
      })),
    },
  ];
}
