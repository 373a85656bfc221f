// buildx builders for the non-managed drivers: the exact `docker buildx create` argv per node, drift
// between the config and the live builder, and an idempotent ensure (create, keep, or recreate).
import semver from 'semver';
import type { BuilderConfig, BuilderNodeConfig } from '../config/types.js';
import { ImageforgeError } from '../errors/imageforge-error.js';
import { exec, isSuccess } from '../exec/exec.js';
import { BuilderErrorCode, buildxCommandError } from './builder-errors.js';
import type { InspectedBuilder } from './buildx-builder-list.js';
import { listBuildxBuilders } from './buildx-builder-list.js';
import { hardenedCreateArgs } from './buildkitd-config.js';
import { ensureDockerContext } from './docker-context.js';
import { managedContextName } from './managed/managed-layout.js';

export interface CreateBuilderArgsOptions {
  /** buildkitd.toml to pass with `--buildkitd-config` (docker-container and kubernetes drivers). */
  buildkitdConfigFile?: string;
  /** buildx version; before 0.13 the flag was `--config`. */
  buildxVersion?: string;
  /** Hardened builder: no insecure entitlement, not even buildx's implicit network.host. */
  production?: boolean;
}

export interface BuilderDrift {
  field: 'driver' | 'nodes' | 'endpoint' | 'platforms' | 'driverOpts';
  node?: string;
  expected: string;
  actual: string;
}

/** Drivers whose builder is created by `docker buildx create` (docker and managed are contexts). */
const CREATED_DRIVERS = new Set(['docker-container', 'remote', 'kubernetes']);
const CONFIG_FILE_DRIVERS = new Set(['docker-container', 'kubernetes']);

/** The buildx builder name a configured builder is known by. */
export function buildxBuilderName(builder: BuilderConfig): string {
  if (builder.driver === 'managed') return managedContextName(builder.name);
  if (builder.driver === 'docker') {
    if (builder.context) return builder.context;
    return builder.endpoint ? managedContextName(builder.name) : 'default';
  }
  return builder.name;
}

/** The nodes to create: the configured ones, or a single node from the builder's own fields. */
function plannedNodes(builder: BuilderConfig): Array<Omit<BuilderNodeConfig, 'name'> & { name?: string }> {
  if (builder.nodes.length > 0)
    return builder.nodes.map((node) => ({
      ...node,
      endpoint: node.endpoint,
      platforms: node.platforms.length > 0 ? node.platforms : builder.platforms,
      driverOpts: { ...builder.driverOpts, ...node.driverOpts },
    }));
  return [
    {
      endpoint: builder.endpoint ?? builder.context,
      platforms: builder.platforms,
      driverOpts: builder.driverOpts,
    },
  ];
}

function notCreatedError(builder: BuilderConfig): ImageforgeError {
  return new ImageforgeError(
    `builder "${builder.name}": the ${builder.driver} driver is not created with buildx create`,
    {
      code: BuilderErrorCode.UnsupportedDriver,
      category: 'usage',
      hint:
        builder.driver === 'managed'
          ? 'use `imageforge builder up`'
          : 'a docker-driver builder is a docker context',
    },
  );
}

/** buildx 0.13 renamed `--config` to `--buildkitd-config`. */
function buildkitdConfigFlag(buildxVersion: string | undefined): string {
  const version = buildxVersion ? semver.coerce(buildxVersion) : null;
  return version && semver.lt(version, '0.13.0') ? '--config' : '--buildkitd-config';
}

/** argv (after `docker`) of each `buildx create`; the first creates, the others `--append`. */
export function createBuilderArgs(
  builder: BuilderConfig,
  options: CreateBuilderArgsOptions = {},
): string[][] {
  if (!CREATED_DRIVERS.has(builder.driver)) throw notCreatedError(builder);
  const configFlag = buildkitdConfigFlag(options.buildxVersion);
  return plannedNodes(builder).map((node, index) => {
    const args = ['buildx', 'create', '--name', builder.name, '--driver', builder.driver];
    for (const [key, value] of Object.entries(node.driverOpts).sort(([a], [b]) => a.localeCompare(b)))
      args.push('--driver-opt', `${key}=${value}`);
    if (node.platforms.length > 0) args.push('--platform', node.platforms.join(','));
    if (options.buildkitdConfigFile && CONFIG_FILE_DRIVERS.has(builder.driver))
      args.push(configFlag, options.buildkitdConfigFile);
    if (options.production) args.push(...hardenedCreateArgs(builder));
    if (node.name) args.push('--node', node.name);
    if (index > 0) args.push('--append');
    if (node.endpoint) args.push(node.endpoint);
    return args;
  });
}

/** Differences between the config and the live builder; empty when they agree. */
export function detectDrift(builder: BuilderConfig, inspected: InspectedBuilder): BuilderDrift[] {
  const drift: BuilderDrift[] = [];
  const expectedDriver = builder.driver === 'managed' ? 'docker' : builder.driver;
  if (inspected.driver !== expectedDriver)
    drift.push({ field: 'driver', expected: expectedDriver, actual: inspected.driver });
  const planned = plannedNodes(builder);
  if (CREATED_DRIVERS.has(builder.driver) && planned.length !== inspected.nodes.length)
    drift.push({ field: 'nodes', expected: String(planned.length), actual: String(inspected.nodes.length) });
  planned.forEach((node, index) => {
    const live = node.name
      ? inspected.nodes.find((candidate) => candidate.name === node.name)
      : inspected.nodes[index];
    const label = node.name ?? live?.name;
    if (!live) {
      drift.push({
        field: 'nodes',
        node: node.name,
        expected: `node ${node.name ?? index}`,
        actual: 'missing',
      });
      return;
    }
    if (
      CREATED_DRIVERS.has(builder.driver) &&
      node.endpoint &&
      trimSlash(node.endpoint) !== trimSlash(live.endpoint)
    )
      drift.push({ field: 'endpoint', node: label, expected: node.endpoint, actual: live.endpoint });
    const missing = node.platforms.filter((platform) => !live.platforms.includes(platform));
    if (missing.length > 0)
      drift.push({
        field: 'platforms',
        node: label,
        expected: node.platforms.join(','),
        actual: live.platforms.join(','),
      });
    if (live.driverOpts === undefined) return;
    for (const [key, value] of Object.entries(node.driverOpts)) {
      if (live.driverOpts[key] !== value)
        drift.push({
          field: 'driverOpts',
          node: label,
          expected: `${key}=${value}`,
          actual: live.driverOpts[key] === undefined ? `${key} unset` : `${key}=${live.driverOpts[key]}`,
        });
    }
  });
  return drift;
}

const trimSlash = (value: string): string => value.replace(/\/+$/, '');

export function describeDrift(drift: BuilderDrift): string {
  const where = drift.node ? ` (node ${drift.node})` : '';
  return `${drift.field}${where}: config says ${drift.expected}, builder has ${drift.actual}`;
}

export interface EnsureBuilderOptions extends CreateBuilderArgsOptions {
  /** Remove and recreate a drifted builder instead of only reporting the drift. */
  recreate?: boolean;
  env?: Record<string, string | undefined>;
}

export interface EnsureBuilderResult {
  /** buildx builder name. */
  name: string;
  action: 'created' | 'recreated' | 'unchanged' | 'drifted';
  drift: BuilderDrift[];
  warnings: string[];
}

/** Idempotent: inspect → create when missing → recreate when drifted and `recreate` is set. */
export async function ensureBuilder(
  builder: BuilderConfig,
  options: EnsureBuilderOptions = {},
): Promise<EnsureBuilderResult> {
  const name = buildxBuilderName(builder);
  if (builder.driver === 'docker') return ensureDockerDriverBuilder(builder, name, options);
  if (builder.driver === 'managed') throw notCreatedError(builder);
  const live = (await listBuildxBuilders(options.env))?.find((candidate) => candidate.name === name);
  if (!live) {
    await runCreate(builder, options);
    return { name, action: 'created', drift: [], warnings: [] };
  }
  const drift = detectDrift(builder, live);
  if (drift.length === 0) return { name, action: 'unchanged', drift, warnings: [] };
  if (!options.recreate)
    return {
      name,
      action: 'drifted',
      drift,
      warnings: [
        `builder ${name} differs from the config (run with --recreate):`,
        ...drift.map(describeDrift),
      ],
    };
  await removeBuilder(name, options.env);
  await runCreate(builder, options);
  return { name, action: 'recreated', drift, warnings: [] };
}

async function runCreate(builder: BuilderConfig, options: EnsureBuilderOptions): Promise<void> {
  for (const args of createBuilderArgs(builder, options)) {
    const result = await exec('docker', args, { timeoutMs: 120_000, env: options.env });
    if (!isSuccess(result)) throw buildxCommandError(`creating builder ${builder.name}`, args, result.stderr);
  }
}

/** A docker-driver builder is a docker context: register one for an `endpoint`, check a `context`. */
async function ensureDockerDriverBuilder(
  builder: BuilderConfig,
  name: string,
  options: EnsureBuilderOptions,
): Promise<EnsureBuilderResult> {
  if (!builder.context && builder.endpoint) {
    const action = await ensureDockerContext(name, builder.endpoint, options.env);
    return {
      name,
      action: action === 'created' ? 'created' : action === 'updated' ? 'recreated' : 'unchanged',
      drift: [],
      warnings: [],
    };
  }
  const live = (await listBuildxBuilders(options.env))?.find((candidate) => candidate.name === name);
  if (!live)
    throw new ImageforgeError(`builder "${builder.name}": docker context "${name}" does not exist`, {
      code: BuilderErrorCode.BuildxCommand,
      category: 'environment',
      hint: `docker context create ${name} --docker host=…`,
    });
  const drift = detectDrift(builder, live);
  return {
    name,
    action: drift.length > 0 ? 'drifted' : 'unchanged',
    drift,
    warnings: drift.map(describeDrift),
  };
}

export async function removeBuilder(name: string, env?: Record<string, string | undefined>): Promise<void> {
  const args = ['buildx', 'rm', name];
  const result = await exec('docker', args, { timeoutMs: 120_000, env });
  if (!isSuccess(result)) throw buildxCommandError(`removing builder ${name}`, args, result.stderr);
}

/** `docker buildx use NAME` (a docker-driver builder's name is its context). */
export async function useBuilder(name: string, env?: Record<string, string | undefined>): Promise<void> {
  const args = ['buildx', 'use', name];
  const result = await exec('docker', args, { timeoutMs: 30_000, env });
  if (!isSuccess(result)) throw buildxCommandError(`selecting builder ${name}`, args, result.stderr);
}
