// The library behind `imageforge builder create|up|down|rm|config`: one call per user action, for
// any driver, so the CLI stays a thin parse → call → render layer.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuilderConfig, CachePolicy } from '../config/types.js';
import { notManagedError } from './builder-errors.js';
import { renderBuildkitdConfig, type BuildkitdConfigResult } from './buildkitd-config.js';
import { listBuildxBuilders } from './buildx-builder-list.js';
import {
  buildxBuilderName,
  ensureBuilder,
  removeBuilder,
  type EnsureBuilderResult,
} from './buildx-builders.js';
import { removeDockerContext } from './docker-context.js';
import { startManagedBuilder, type StartedManagedBuilder } from './managed/managed-engine.js';
import { managedContextName } from './managed/managed-layout.js';
import { stopManagedBuilder, type StoppedManagedBuilder } from './managed/stop-managed-builder.js';

export interface BuilderActionOptions {
  home: string;
  production: boolean;
  env?: Record<string, string | undefined>;
  cachePolicy?: CachePolicy;
  recreate?: boolean;
}

export type UpResult =
  { kind: 'managed'; started: StartedManagedBuilder } | { kind: 'buildx'; ensured: EnsureBuilderResult };

/** Starts a managed engine, or creates/reuses (and with `recreate` fixes) a buildx builder. */
export async function upBuilder(builder: BuilderConfig, options: BuilderActionOptions): Promise<UpResult> {
  if (builder.driver === 'managed' && builder.nodes.length > 0) {
    // a managed pool: one engine per node, named <builder>-<node> (as runs start them)
    let started: Awaited<ReturnType<typeof startManagedBuilder>> | undefined;
    for (const node of poolEngines(builder)) {
      started = await startManagedBuilder(node, {
        home: options.home,
        production: options.production,
        ...(options.env ? { env: options.env } : {}),
        ...(options.cachePolicy ? { cachePolicy: options.cachePolicy } : {}),
      });
    }
    if (started) return { kind: 'managed', started };
  }
  if (builder.driver === 'managed') {
    const started = await startManagedBuilder(builder, {
      home: options.home,
      production: options.production,
      ...(options.env ? { env: options.env } : {}),
      ...(options.cachePolicy ? { cachePolicy: options.cachePolicy } : {}),
    });
    return { kind: 'managed', started };
  }
  const configFile = await writeBuildkitdConfigFile(builder, options);
  const ensured = await ensureBuilder(builder, {
    recreate: options.recreate ?? false,
    production: options.production,
    ...(configFile ? { buildkitdConfigFile: configFile } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  return { kind: 'buildx', ensured };
}

export async function downBuilder(
  builder: BuilderConfig,
  options: { home: string },
): Promise<StoppedManagedBuilder> {
  if (builder.driver !== 'managed')
    throw notManagedError(builder.name, builder.driver, 'be stopped (use `builder rm`)');
  if (builder.nodes.length > 0) {
    const stopped = [];
    for (const node of poolEngines(builder))
      stopped.push(await stopManagedBuilder(node.name, { home: options.home }));
    return {
      ...(stopped[0] ?? (await stopManagedBuilder(builder.name, { home: options.home }))),
      name: builder.name,
    };
  }
  return stopManagedBuilder(builder.name, { home: options.home });
}

/** The engines of a managed pool: one per node, named `<builder>-<node>`. */
export function poolEngines(builder: BuilderConfig): BuilderConfig[] {
  return builder.nodes.map((node) => ({ ...builder, name: `${builder.name}-${node.name}`, nodes: [] }));
}

/** Removes what imageforge created for the builder; a managed engine's data root is kept. */
export async function removeConfiguredBuilder(
  builder: BuilderConfig,
  options: { home: string; env?: Record<string, string | undefined> },
): Promise<string[]> {
  const done: string[] = [];
  if (builder.driver === 'managed') {
    const stopped = await stopManagedBuilder(builder.name, { home: options.home });
    if (stopped.wasRunning) done.push(`stopped engine pid ${stopped.pid ?? '?'}`);
    if (await removeDockerContext(managedContextName(builder.name), options.env))
      done.push(`removed docker context ${managedContextName(builder.name)}`);
    return done;
  }
  if (builder.driver === 'docker') {
    // a context the user named is theirs; only the one made for an endpoint is ours
    if (
      !builder.context &&
      builder.endpoint &&
      (await removeDockerContext(buildxBuilderName(builder), options.env))
    )
      done.push(`removed docker context ${buildxBuilderName(builder)}`);
    return done;
  }
  const name = buildxBuilderName(builder);
  if ((await listBuildxBuilders(options.env))?.some((candidate) => candidate.name === name)) {
    await removeBuilder(name, options.env);
    done.push(`removed buildx builder ${name}`);
  }
  return done;
}

/** BuildKit version reported by the builder's first node, when it is reachable. */
export async function detectBuildkitVersion(
  builder: BuilderConfig,
  env?: Record<string, string | undefined>,
): Promise<string | undefined> {
  const live = (await listBuildxBuilders(env))?.find(
    (candidate) => candidate.name === buildxBuilderName(builder),
  );
  return live?.nodes.find((node) => node.buildkitVersion)?.buildkitVersion;
}

export async function builderBuildkitdConfig(
  builder: BuilderConfig,
  options: { production: boolean; env?: Record<string, string | undefined> },
): Promise<BuildkitdConfigResult> {
  const buildkitVersion = await detectBuildkitVersion(builder, options.env);
  return renderBuildkitdConfig(builder, { buildkitVersion, production: options.production });
}

/** `<home>/builders/<name>/buildkitd.toml` for drivers that take one; undefined for the others. */
async function writeBuildkitdConfigFile(
  builder: BuilderConfig,
  options: BuilderActionOptions,
): Promise<string | undefined> {
  if (builder.driver !== 'docker-container' && builder.driver !== 'kubernetes') return undefined;
  const file = path.join(options.home, 'builders', builder.name, 'buildkitd.toml');
  await mkdir(path.dirname(file), { recursive: true });
  // the daemon does not exist yet: render for the BuildKit the driver will start (current)
  const rendered = renderBuildkitdConfig(builder, {
    buildkitVersion: undefined,
    production: options.production,
  });
  await writeFile(file, rendered.toml);
  return file;
}
