// BuildKit's own garbage collector on the engine (daemon.json builder.gc, as `docker buildx
// inspect` reports it): off, or keeping more than the policy allows, means the cache only shrinks
// when imageforge prunes it.
import { listBuildxBuilders } from '../../builders/buildx-builder-list.js';
import { formatBytes } from '../../cache/policy-text.js';
import type { DoctorContext } from '../doctor-context.js';
import { SKIPPED_WITHOUT_DAEMON, type DoctorCheck } from '../doctor-types.js';
import { cachePolicyOf } from './cache-policy-check.js';

export function gcConfigCheck(context: DoctorContext): DoctorCheck {
  return {
    id: 'gc-config',
    title: 'engine GC configuration',
    run: async () => {
      if (!(await context.engine()).ok) return SKIPPED_WITHOUT_DAEMON;
      const builder = await context.currentBuilder();
      if (!builder.ok) return { status: 'skip', finding: 'no builder to inspect (see the buildkit check)' };
      const live = (await listBuildxBuilders(context.env))?.find(
        (candidate) => candidate.name === builder.value.name,
      );
      if (live === undefined)
        return {
          status: 'skip',
          finding: 'buildx cannot list builders with their GC policy (buildx older than 0.14)',
        };
      const rules = live.nodes[0]?.gcPolicy ?? [];
      const policy = await cachePolicyOf(context);
      const hint =
        'write the policy into the engine: imageforge cache gc-config --write /etc/docker/daemon.json, then restart dockerd';
      const largest = Math.max(
        0,
        ...rules.map((rule) => Math.max(rule.maxUsedSpaceBytes, rule.reservedSpaceBytes)),
      );
      const details = { builder: live.name, rules, policyMaxSizeBytes: policy.maxSizeBytes };
      if (rules.length === 0)
        return { status: 'warn', finding: `builder "${live.name}": BuildKit GC is off`, hint, details };
      if (largest > policy.maxSizeBytes)
        return {
          status: 'warn',
          finding: `builder "${live.name}": GC keeps up to ${formatBytes(largest)}, the policy allows ${formatBytes(policy.maxSizeBytes)}`,
          hint,
          details,
        };
      return {
        status: 'ok',
        finding: `builder "${live.name}": ${rules.length} GC rule${rules.length > 1 ? 's' : ''}, largest keeps ${formatBytes(largest)}`,
        details,
      };
    },
  };
}
