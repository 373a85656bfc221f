// Every builder declared in imageforge.yaml: reachable and healthy. Repairs under --fix: create a
// missing buildx builder, restart a managed engine whose process lives but does not answer.
import { builderStatuses, type BuilderStatus } from '../../builders/builder-status.js';
import { downBuilder, upBuilder } from '../../builders/builder-actions.js';
import { describeDrift } from '../../builders/buildx-builders.js';
import type { BuilderConfig, ResolvedConfig } from '../../config/types.js';
import type { DoctorContext } from '../doctor-context.js';
import type { DoctorCheck, Repair } from '../doctor-types.js';

export function buildersCheck(context: DoctorContext): DoctorCheck {
  return {
    id: 'builders',
    title: 'configured builders',
    timeoutMs: 45_000,
    run: async () => {
      const config = await context.config();
      if (!config.ok) return { status: 'skip', finding: 'imageforge.yaml is invalid (see the config check)' };
      const builders = Object.values(config.value?.builders ?? {});
      if (config.value === undefined || builders.length === 0)
        return { status: 'skip', finding: 'no builders declared in imageforge.yaml' };
      const statuses = await builderStatuses(config.value, { home: context.home, env: context.env });
      const broken = statuses.filter((status) => problemOf(status) !== undefined);
      const drifted = statuses.filter((status) => status.drift.length > 0);
      const details = {
        builders: statuses.map(({ name, driver, status, healthy, buildkitVersion }) => ({
          name,
          driver,
          status,
          healthy,
          buildkitVersion,
        })),
      };
      if (broken.length > 0)
        return {
          status: 'fail',
          finding: broken.map((status) => `${status.name}: ${problemOf(status)}`).join('; '),
          hint: 'imageforge doctor --fix creates missing builders and restarts unhealthy managed engines',
          repair: repairBuilders(broken, config.value, context),
          details,
        };
      if (drifted.length > 0)
        return {
          status: 'warn',
          finding: drifted
            .map((status) => `${status.name}: ${status.drift.map(describeDrift).join(', ')}`)
            .join('; '),
          hint: 'recreate with `imageforge builder up NAME --recreate`',
          details,
        };
      return {
        status: 'ok',
        finding: statuses.map((status) => `${status.name} (${status.driver}) ${describe(status)}`).join('; '),
        details,
      };
    },
  };
}

/** A managed engine that is simply stopped is fine: runs start it on demand. */
function problemOf(status: BuilderStatus): string | undefined {
  if (status.managed) {
    if (status.managed.running && !status.managed.healthy)
      return `engine pid ${status.managed.pid ?? '?'} does not answer`;
    return undefined;
  }
  if (status.status === 'missing') return 'no such buildx builder';
  if (!status.healthy) return `status ${status.status}`;
  return undefined;
}

function describe(status: BuilderStatus): string {
  if (status.managed && !status.managed.running) return 'stopped (started on demand)';
  return `${status.status}${status.buildkitVersion ? `, BuildKit ${status.buildkitVersion}` : ''}`;
}

function repairBuilders(broken: BuilderStatus[], config: ResolvedConfig, context: DoctorContext): Repair {
  const names = broken.map((status) => status.name);
  return {
    mode: 'fix',
    description: `create or restart builder${names.length > 1 ? 's' : ''} ${names.join(', ')}`,
    apply: async () => {
      const done: string[] = [];
      for (const status of broken) {
        const builder = config.builders[status.name] as BuilderConfig;
        const options = {
          home: context.home,
          env: context.env,
          production: config.settings.policy === 'production',
          cachePolicy: config.settings.cache,
        };
        if (status.managed?.running) await downBuilder(builder, { home: context.home });
        await upBuilder(builder, options);
        done.push(status.managed ? `restarted ${status.name}` : `created ${status.name}`);
      }
      return { summary: done.join(', ') };
    },
  };
}
