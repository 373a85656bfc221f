// Decides how a run uses its builders: one target (the common case: same engine, batching and
// incremental skips available) or several (pools, mixed builders: per-image scheduling and a
// registry hand-off between nodes).
import type { BuildPlan } from '../../plan/plan.js';
import { ImageforgeError } from '../../errors/imageforge-error.js';
import { ErrorCode } from '../../errors/codes.js';
import { resolveTargets, type TargetSet } from './resolve-targets.js';
import type { BuildTarget, ManagedBuilderRunner } from './build-target.js';
import { TargetScheduler } from './target-scheduler.js';
import type { PoolContext } from '../pool-build.js';

export interface RunTargets {
  targets: TargetSet;
  /** The only target, when there is one. */
  single: BuildTarget | undefined;
  pool: PoolContext | undefined;
}

export async function planTargets(
  plan: BuildPlan,
  managed: ManagedBuilderRunner,
  runId: string,
): Promise<RunTargets> {
  const targets = await resolveTargets(plan.config, plan.order, managed);
  const all = targets.all();
  if (!targets.multiple) return { targets, single: all[0], pool: undefined };
  const parents = new Set(plan.order.flatMap((name) => plan.images[name]?.dependencies ?? []));
  const handoffRegistry = plan.config.settings.handoffRegistry;
  if (parents.size > 0 && handoffRegistry === undefined) {
    throw new ImageforgeError(
      `images build on ${all.length} builders/nodes (${all.map((target) => target.id).join(', ')}), and dependents need their parents from another engine`,
      {
        code: ErrorCode.ConfigInvalid,
        category: 'config',
        location: { file: plan.config.file, path: 'settings.handoffRegistry' },
        hint: 'set settings.handoffRegistry to a registry prefix every node can reach, e.g. localhost:5000/imageforge-handoff',
      },
    );
  }
  const pool: PoolContext = {
    targets,
    scheduler: new TargetScheduler(),
    handoffRegistry: handoffRegistry ?? '',
    runId: runId.toLowerCase(),
    handoffDigests: new Map(),
    parents,
  };
  return { targets, single: undefined, pool };
}
