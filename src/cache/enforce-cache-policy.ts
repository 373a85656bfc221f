// Keeps an engine's build cache within its CachePolicy: the library call the build runs before
// building (settings.cache.enforce) and that `imageforge cache enforce` runs from a timer.
import type { DockerClient } from '../docker/docker-client.js';
import type { PlannedRemoval, PrunePolicy } from './plan-prune.js';
import { engineCacheBackend, type BuildCacheBackend } from './build-cache-backend.js';
import { engineFreeBytes } from './engine-free-space.js';
import { runBuildCachePrune } from './prune-build-cache.js';
import { formatBytes, formatPolicyDuration } from './policy-text.js';

export interface EnforceCachePolicyOptions {
  client: DockerClient;
  policy: PrunePolicy;
  now?: Date;
  dryRun?: boolean;
  /** DOCKER_HOST of the engine; free space is only measured for a local (unix socket) engine. */
  host?: string;
  /** Read and prune through buildx instead of the Engine API (non-docker drivers). */
  backend?: BuildCacheBackend;
}

export interface EnforceCachePolicyResult {
  pruned: PlannedRemoval[];
  bytesPlanned: number;
  bytesReclaimed: number;
  /** One line for logs and timers: what was over policy and what was done. */
  reason: string;
  /** Which rules were exceeded; empty when the cache is within policy. */
  exceeded: Array<'max-age' | 'max-size' | 'min-free-space'>;
  totalBytes: number;
  dryRun: boolean;
}

export async function enforceCachePolicy(
  options: EnforceCachePolicyOptions,
): Promise<EnforceCachePolicyResult> {
  const now = options.now ?? new Date();
  const freeBytes =
    options.policy.minFreeSpaceBytes === undefined
      ? undefined
      : await engineFreeBytes(options.client, options.host);
  const result = await runBuildCachePrune({
    backend: options.backend ?? engineCacheBackend(options.client),
    policy: options.policy,
    now,
    freeBytes,
    dryRun: options.dryRun,
  });
  const exceeded = [...new Set(result.pruned.map((removal) => removal.reason))].filter(
    (reason): reason is 'max-age' | 'max-size' | 'min-free-space' => reason !== 'all',
  );
  return {
    pruned: result.pruned,
    bytesPlanned: result.bytesPlanned,
    bytesReclaimed: result.bytesReclaimed,
    reason: describe(result.pruned, options.policy, result.plan.totalBytes, result.dryRun),
    exceeded,
    totalBytes: result.plan.totalBytes,
    dryRun: result.dryRun,
  };
}

function describe(pruned: PlannedRemoval[], policy: PrunePolicy, total: number, dryRun: boolean): string {
  if (pruned.length === 0)
    return `within policy: ${formatBytes(total)} of build cache (max ${formatBytes(policy.maxSizeBytes)}, max age ${formatPolicyDuration(policy.maxAgeMs)})`;
  const counts = new Map<string, number>();
  for (const removal of pruned) counts.set(removal.why, (counts.get(removal.why) ?? 0) + 1);
  const whys = [...counts].map(([why, count]) => `${count} ${why}`).join(', ');
  const bytes = pruned.reduce((sum, removal) => sum + removal.entry.sizeBytes, 0);
  return `${dryRun ? 'would prune' : 'pruned'} ${pruned.length} entries (${formatBytes(bytes)}): ${whys}`;
}
