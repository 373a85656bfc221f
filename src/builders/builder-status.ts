// What `builder ls` / `builder inspect` show: each configured builder with its live buildx state
// (status, BuildKit version, platforms, GC policy, nodes), managed engines' pid and socket, drift.
import type { BuilderConfig, BuilderDriver, ResolvedConfig } from '../config/types.js';
import { listBuildxBuilders, type GcPolicyRule, type InspectedNode } from './buildx-builder-list.js';
import { buildxBuilderName, detectDrift, type BuilderDrift } from './buildx-builders.js';
import { managedBuilderStatus, type ManagedBuilderStatus } from './managed/managed-engine.js';

export interface BuilderStatus {
  name: string;
  driver: BuilderDriver;
  /** Name of the buildx builder (a docker context for docker and managed drivers). */
  buildxName: string;
  /** running, stopped (managed engine down), missing (no such buildx builder), or buildx's status. */
  status: string;
  healthy: boolean;
  buildkitVersion: string | undefined;
  platforms: string[];
  gcPolicy: GcPolicyRule[];
  nodes: InspectedNode[];
  managed: ManagedBuilderStatus | undefined;
  drift: BuilderDrift[];
}

export interface BuilderStatusOptions {
  home: string;
  env?: Record<string, string | undefined>;
  /** Only these builders (default: all configured). */
  names?: string[];
}

export async function builderStatuses(
  config: Pick<ResolvedConfig, 'builders'>,
  options: BuilderStatusOptions,
): Promise<BuilderStatus[]> {
  const builders = (options.names ?? Object.keys(config.builders))
    .map((name) => config.builders[name])
    .filter((builder): builder is BuilderConfig => builder !== undefined);
  const live = (await listBuildxBuilders(options.env)) ?? [];
  return Promise.all(
    builders.map(async (builder) => {
      const buildxName = buildxBuilderName(builder);
      const inspected = live.find((candidate) => candidate.name === buildxName);
      const managed =
        builder.driver === 'managed'
          ? await managedBuilderStatus(builder.name, { home: options.home })
          : undefined;
      const nodes = inspected?.nodes ?? [];
      const nodesRunning = nodes.length > 0 && nodes.every((node) => node.status === 'running');
      return {
        name: builder.name,
        driver: builder.driver,
        buildxName,
        status: statusOf(managed, inspected !== undefined, nodes),
        healthy: managed ? managed.healthy && nodesRunning : nodesRunning,
        buildkitVersion: nodes[0]?.buildkitVersion,
        platforms: [...new Set(nodes.flatMap((node) => node.platforms))],
        gcPolicy: nodes[0]?.gcPolicy ?? [],
        nodes,
        managed,
        drift: inspected && (!managed || managed.running) ? detectDrift(builder, inspected) : [],
      };
    }),
  );
}

function statusOf(managed: ManagedBuilderStatus | undefined, known: boolean, nodes: InspectedNode[]): string {
  if (managed && !managed.running) return 'stopped';
  if (!known) return managed ? 'running (no buildx builder)' : 'missing';
  const statuses = [...new Set(nodes.map((node) => node.status || 'unknown'))];
  return statuses.join(',') || 'unknown';
}
