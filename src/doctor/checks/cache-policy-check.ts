// The engine's build cache against settings.cache (or the defaults): over size or holding entries
// past their age is a warning that --optimize repairs by pruning per policy.
import { DEFAULT_CACHE_POLICY } from '../../cache/default-cache-policy.js';
import { connectBuildCache } from '../../cache/connect-build-cache.js';
import { enforceCachePolicy } from '../../cache/enforce-cache-policy.js';
import { formatBytes, formatPolicyDuration } from '../../cache/policy-text.js';
import type { CachePolicy } from '../../config/types.js';
import type { DoctorContext } from '../doctor-context.js';
import { SKIPPED_WITHOUT_DAEMON, type DoctorCheck } from '../doctor-types.js';

export async function cachePolicyOf(context: DoctorContext): Promise<CachePolicy> {
  const config = await context.config();
  return (config.ok ? config.value?.settings.cache : undefined) ?? DEFAULT_CACHE_POLICY;
}

export function cachePolicyCheck(context: DoctorContext, now: () => Date = () => new Date()): DoctorCheck {
  return {
    id: 'cache-size',
    title: 'build cache vs policy',
    timeoutMs: 30_000,
    run: async () => {
      const engine = await context.engine();
      if (!engine.ok) return SKIPPED_WITHOUT_DAEMON;
      const policy = await cachePolicyOf(context);
      const connection = await connectBuildCache({ env: context.env });
      const enforce = (dryRun: boolean) =>
        enforceCachePolicy({
          client: connection.client,
          backend: connection.backend,
          host: connection.endpoint.host,
          policy,
          now: now(),
          dryRun,
        });
      const planned = await enforce(true);
      const limits = `max ${formatBytes(policy.maxSizeBytes)}, max age ${formatPolicyDuration(policy.maxAgeMs)}`;
      const details = {
        totalBytes: planned.totalBytes,
        reclaimableBytes: planned.bytesPlanned,
        exceeded: planned.exceeded,
        policy: {
          maxSizeBytes: policy.maxSizeBytes,
          maxAgeMs: policy.maxAgeMs,
          minFreeSpaceBytes: policy.minFreeSpaceBytes,
        },
      };
      if (planned.exceeded.length === 0)
        return {
          status: 'ok',
          finding: `${formatBytes(planned.totalBytes)} of build cache (${limits})`,
          details,
        };
      return {
        status: 'warn',
        finding: `${formatBytes(planned.totalBytes)} of build cache, over policy (${planned.exceeded.join(', ')}): ${formatBytes(planned.bytesPlanned)} reclaimable`,
        hint: 'imageforge doctor --optimize prunes per policy (or `imageforge cache enforce`)',
        details,
        repair: {
          mode: 'optimize',
          description: `prune ${planned.pruned.length} build cache entries per policy (${formatBytes(planned.bytesPlanned)})`,
          apply: async () => {
            const done = await enforce(false);
            return {
              summary: done.reason,
              bytesReclaimed: done.bytesReclaimed,
              details: { entries: done.pruned.length },
            };
          },
        },
      };
    },
  };
}
