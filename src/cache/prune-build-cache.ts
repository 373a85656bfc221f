// Runs a prune plan against a build cache backend: plans (planPrune), then removes record by record
// in the planned order, and reports what the engine says it reclaimed next to what was planned.
import {
  planPrune,
  planPruneAll,
  type PlannedRemoval,
  type PrunePlan,
  type PrunePolicy,
} from './plan-prune.js';
import type { BuildCacheBackend } from './build-cache-backend.js';

export interface PruneBuildCacheRunOptions {
  backend: BuildCacheBackend;
  policy: PrunePolicy;
  now?: Date;
  /** Free bytes at the engine data root (minFreeSpace); undefined = unknown. */
  freeBytes?: number | undefined;
  dryRun?: boolean;
  /** Remove every record that is not in use, ignoring the policy. */
  all?: boolean;
}

export interface PruneBuildCacheRunResult {
  dryRun: boolean;
  plan: PrunePlan;
  /** What was removed (dry run: what would be). */
  pruned: PlannedRemoval[];
  bytesPlanned: number;
  /** Sum of the engine's SpaceReclaimed; 0 on a dry run. */
  bytesReclaimed: number;
  /** Planned ids the engine did not report as deleted (e.g. taken into use meanwhile). */
  notDeleted: string[];
}

export async function runBuildCachePrune(
  options: PruneBuildCacheRunOptions,
): Promise<PruneBuildCacheRunResult> {
  const now = options.now ?? new Date();
  const entries = await options.backend.usage(now);
  const plan = options.all
    ? planPruneAll(entries)
    : planPrune(entries, options.policy, { now, freeBytes: options.freeBytes });
  const base = { plan, pruned: plan.removals, bytesPlanned: plan.bytesPlanned };
  if (options.dryRun || plan.removals.length === 0)
    return { ...base, dryRun: options.dryRun === true, bytesReclaimed: 0, notDeleted: [] };
  const result = options.all
    ? await options.backend.prune({ all: true })
    : await options.backend.prune({ ids: plan.removals.map((removal) => removal.entry.id) });
  const deleted = new Set(result.deleted);
  return {
    ...base,
    dryRun: false,
    bytesReclaimed: result.spaceReclaimed,
    notDeleted: plan.removals.map((removal) => removal.entry.id).filter((id) => !deleted.has(id)),
  };
}
