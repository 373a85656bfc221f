// The documented, versioned `--json` shapes of `imageforge cache prune|enforce` (docs/cache.md).
// Fields are only ever added; bytes are exact integers, times ISO 8601.
import type { PlannedRemoval } from './plan-prune.js';
import type { PruneBuildCacheRunResult } from './prune-build-cache.js';
import type { CleanRegistryCacheResult } from './clean-registry-cache.js';
import type { EnforceCachePolicyResult } from './enforce-cache-policy.js';

function removalJson({ entry, reason, why }: PlannedRemoval) {
  return {
    id: entry.id,
    type: entry.type,
    description: entry.description,
    sizeBytes: entry.sizeBytes,
    lastUsedAt: entry.lastUsedAt ?? null,
    reason,
    why,
  };
}

export function pruneResultJson(result: PruneBuildCacheRunResult, all: boolean) {
  return {
    version: 1,
    dryRun: result.dryRun,
    all,
    totalBytes: result.plan.totalBytes,
    bytesPlanned: result.bytesPlanned,
    bytesReclaimed: result.bytesReclaimed,
    projectedBytes: result.plan.projectedBytes,
    removals: result.pruned.map(removalJson),
    notDeleted: result.notDeleted,
    notes: result.plan.notes,
  };
}

export function registryCleanupJson(results: CleanRegistryCacheResult[]) {
  return {
    version: 1,
    registries: results.map((result) => ({
      prefix: result.prefix,
      dryRun: result.dryRun,
      branchesKnown: result.branchesKnown,
      tags: result.decisions.map(({ tag, action, why }) => ({
        repository: tag.repository,
        tag: tag.tag,
        digest: tag.digest,
        createdAt: tag.createdAt?.toISOString() ?? null,
        action,
        why,
      })),
    })),
  };
}

export function enforceResultJson(result: EnforceCachePolicyResult) {
  return {
    version: 1,
    dryRun: result.dryRun,
    reason: result.reason,
    exceeded: result.exceeded,
    totalBytes: result.totalBytes,
    bytesPlanned: result.bytesPlanned,
    bytesReclaimed: result.bytesReclaimed,
    pruned: result.pruned.map(removalJson),
  };
}
