// `imageforge cache du`: the build cache summed exactly, grouped by record type and by how long ago
// each record was last used, plus what a prune could reclaim (everything not in use).
import { lastUsedMs, type BuildCacheEntry } from './build-cache-entry.js';

export const AGE_BUCKETS = [
  { name: '<1h', maxMs: 3_600_000 },
  { name: '<24h', maxMs: 24 * 3_600_000 },
  { name: '<72h', maxMs: 72 * 3_600_000 },
  { name: '<7d', maxMs: 7 * 86_400_000 },
  { name: 'older', maxMs: Number.POSITIVE_INFINITY },
] as const;

export type AgeBucketName = (typeof AGE_BUCKETS)[number]['name'];

export interface UsageGroup {
  count: number;
  bytes: number;
  reclaimableBytes: number;
}

/** The `--json` shape of `imageforge cache du` (version 1; fields are only ever added). */
export interface CacheUsage {
  version: 1;
  /** Where the figures come from: exact bytes from the Engine API, or buildx's rounded output. */
  source: 'engine-api' | 'buildx-du';
  /** ISO time the ages are measured against. */
  measuredAt: string;
  totalBytes: number;
  reclaimableBytes: number;
  inUseBytes: number;
  count: number;
  byType: Record<string, UsageGroup>;
  byAge: Record<AgeBucketName, UsageGroup>;
  entries: BuildCacheEntry[];
}

export interface SummarizeOptions {
  now: Date;
  source: CacheUsage['source'];
}

export function summarizeCacheUsage(entries: BuildCacheEntry[], options: SummarizeOptions): CacheUsage {
  const byType: Record<string, UsageGroup> = {};
  const byAge = Object.fromEntries(AGE_BUCKETS.map((bucket) => [bucket.name, emptyGroup()])) as Record<
    AgeBucketName,
    UsageGroup
  >;
  let totalBytes = 0;
  let reclaimableBytes = 0;
  for (const entry of entries) {
    totalBytes += entry.sizeBytes;
    if (!entry.inUse) reclaimableBytes += entry.sizeBytes;
    addTo((byType[entry.type || 'unknown'] ??= emptyGroup()), entry);
    addTo(byAge[ageBucket(entry, options.now)], entry);
  }
  const sorted = [...entries].sort((a, b) => (lastUsedMs(b) || 0) - (lastUsedMs(a) || 0));
  return {
    version: 1,
    source: options.source,
    measuredAt: options.now.toISOString(),
    totalBytes,
    reclaimableBytes,
    inUseBytes: totalBytes - reclaimableBytes,
    count: entries.length,
    byType,
    byAge,
    entries: sorted,
  };
}

/** Which age bucket an entry's last use falls into; unknown times count as "older". */
export function ageBucket(entry: BuildCacheEntry, now: Date): AgeBucketName {
  const last = lastUsedMs(entry);
  const age = Number.isNaN(last) ? Number.POSITIVE_INFINITY : now.getTime() - last;
  return AGE_BUCKETS.find((bucket) => age < bucket.maxMs)?.name ?? 'older';
}

function emptyGroup(): UsageGroup {
  return { count: 0, bytes: 0, reclaimableBytes: 0 };
}

function addTo(group: UsageGroup, entry: BuildCacheEntry): void {
  group.count += 1;
  group.bytes += entry.sizeBytes;
  if (!entry.inUse) group.reclaimableBytes += entry.sizeBytes;
}
