// --optimize beyond the cache check's own repair: managed engines that did no work for a while are
// stopped (their data root, and so their cache, stays; runs start them again on demand).
import { stopManagedBuilder } from '../builders/managed/stop-managed-builder.js';
import { formatAge } from '../cache/policy-text.js';
import type { PlannedRepair } from './apply-repairs.js';
import { engineActivity, listManagedEngines } from './managed-engines.js';

export interface IdleEngineOptions {
  home: string;
  /** An engine with no build activity for this long is idle. Default 30 minutes. */
  idleAfterMs?: number;
  now?: Date;
  probeTimeoutMs?: number;
}

export async function idleEngineRepairs(options: IdleEngineOptions): Promise<PlannedRepair[]> {
  const idleAfter = options.idleAfterMs ?? 30 * 60_000;
  const now = options.now ?? new Date();
  const repairs: PlannedRepair[] = [];
  for (const engine of await listManagedEngines(options.home)) {
    if (engine.pid === undefined) continue;
    const activity = await engineActivity(engine, options.probeTimeoutMs ?? 8_000).catch(() => undefined);
    if (activity === undefined || activity.building) continue;
    const idleFor = now.getTime() - (activity.lastActivity?.getTime() ?? 0);
    if (idleFor < idleAfter) continue;
    repairs.push({
      check: 'managed-engines',
      repair: {
        mode: 'optimize',
        description: `stop idle managed engine ${engine.name} (pid ${engine.pid}, no build for ${formatAge(idleFor)})`,
        apply: async () => {
          const stopped = await stopManagedBuilder(engine.name, { home: options.home });
          return {
            summary: `stopped ${engine.name} (pid ${stopped.pid ?? '?'}); runs start it again on demand`,
          };
        },
      },
    });
  }
  return repairs;
}
