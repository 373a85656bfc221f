// --reset: remove what imageforge created on this host and nothing else — its managed engines
// (process, data root and so their build cache, docker context), the buildx builders it created
// for builders declared in imageforge.yaml, and docker contexts pointing into its home. The
// user's own engine, contexts, builders, images and cache are never touched.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { removeConfiguredBuilder } from '../builders/builder-actions.js';
import { listContexts, removeDockerContext } from '../builders/docker-context.js';
import { managedContextName } from '../builders/managed/managed-layout.js';
import { stopManagedBuilder } from '../builders/managed/stop-managed-builder.js';
import { formatBytes } from '../cache/policy-text.js';
import type { BuilderConfig, ResolvedConfig } from '../config/types.js';
import { listBuildxBuilders } from '../builders/buildx-builder-list.js';
import { buildxBuilderName } from '../builders/buildx-builders.js';
import { exec, isSuccess } from '../exec/exec.js';
import type { PlannedRepair } from './apply-repairs.js';
import { listManagedEngines } from './managed-engines.js';

export interface ResetOptions {
  home: string;
  config: ResolvedConfig | undefined;
  env: Record<string, string | undefined>;
}

export async function planReset(options: ResetOptions): Promise<PlannedRepair[]> {
  const { home, env } = options;
  const planned: PlannedRepair[] = [];
  const engines = await listManagedEngines(home);
  for (const engine of engines) {
    const size = await directoryBytes(engine.layout.dir);
    planned.push({
      check: 'managed-engines',
      repair: {
        mode: 'reset',
        description: `remove managed engine ${engine.name}${engine.pid ? ` (pid ${engine.pid})` : ''}: ${engine.layout.dir}${size === undefined ? '' : ` (${formatBytes(size)})`} and context ${managedContextName(engine.name)}`,
        apply: async () => {
          await stopManagedBuilder(engine.name, { home });
          await removeDockerContext(managedContextName(engine.name), env);
          await rm(engine.layout.dir, { recursive: true, force: true });
          return { summary: `removed ${engine.name}`, bytesReclaimed: size ?? 0 };
        },
      },
    });
  }
  const known = new Set(engines.map((engine) => managedContextName(engine.name)));
  const contexts = await listContexts(env);
  const liveBuilders = new Set(((await listBuildxBuilders(env)) ?? []).map((builder) => builder.name));
  const created = (builder: BuilderConfig): boolean =>
    builder.driver === 'docker'
      ? !builder.context &&
        builder.endpoint !== undefined &&
        contexts.some((context) => context.name === buildxBuilderName(builder))
      : builder.driver !== 'managed' && liveBuilders.has(buildxBuilderName(builder));
  for (const builder of Object.values(options.config?.builders ?? {}).filter(created))
    planned.push({
      check: 'builders',
      repair: {
        mode: 'reset',
        description: `remove ${builder.driver === 'docker' ? 'docker context' : 'buildx builder'} ${buildxBuilderName(builder)} of "${builder.name}" (${builder.driver})${builder.driver === 'docker' ? '' : ' and its cache'}`,
        apply: async () => {
          const done = await removeConfiguredBuilder(builder, { home, env });
          return { summary: done.length > 0 ? done.join(', ') : `nothing to remove for ${builder.name}` };
        },
      },
    });
  const homeSocketPrefix = `unix://${path.join(home, 'builders')}/`;
  for (const context of contexts) {
    if (known.has(context.name) || !context.host.startsWith(homeSocketPrefix)) continue;
    planned.push({
      check: 'contexts',
      repair: {
        mode: 'reset',
        description: `remove docker context ${context.name} (points at ${context.host}, an engine imageforge no longer has)`,
        apply: async () => {
          await removeDockerContext(context.name, env);
          return { summary: `removed context ${context.name}` };
        },
      },
    });
  }
  return planned;
}

async function directoryBytes(dir: string): Promise<number | undefined> {
  const result = await exec('du', ['-sb', dir], { timeoutMs: 30_000 });
  const bytes = Number(/^(\d+)/.exec(result.stdout)?.[1]);
  return isSuccess(result) && Number.isFinite(bytes) ? bytes : undefined;
}
