// Preflight: before anything builds, find the daemon, buildx, the builder and its driver, decide
// BuildKit vs legacy, and check disk and memory headroom. Failures here are environment errors (exit 3).
import { statfs } from 'node:fs/promises';
import os from 'node:os';
import { createDockerClient, type DockerClient } from '../docker/docker-client.js';
import { resolveDockerEndpoint, type DockerEndpoint } from '../docker/docker-endpoint.js';
import { detectBuildxVersion, supports } from '../buildx/buildx-version.js';
import { inspectBuilder, type BuilderInfo } from '../buildx/builder.js';
import { ImageforgeError } from '../errors/imageforge-error.js';
import { ErrorCode } from '../errors/codes.js';
import { exec } from '../exec/exec.js';
import { ProbeCache } from './probe-cache.js';

export interface PreflightOptions {
  env?: Record<string, string | undefined>;
  /** buildx builder to use; undefined = current. */
  builder?: string;
  /** The user asked for the legacy builder (--legacy). */
  legacyRequested?: boolean;
  /** Below this many free bytes at the engine's data root the run refuses to start. */
  minFreeBytes?: number;
}

export interface PreflightResult {
  endpoint: DockerEndpoint;
  engineVersion: string;
  buildxVersion: string | undefined;
  builder: BuilderInfo | undefined;
  method: 'buildkit' | 'legacy';
  /** Why the legacy builder is used, when it is. */
  legacyReason: string | undefined;
  containerdSnapshotter: boolean;
  dataRoot: string;
  diskFreeBytes: number | undefined;
  memAvailableBytes: number;
  warnings: string[];
  client: DockerClient;
}

const GiB = 1024 ** 3;

export async function runPreflight(options: PreflightOptions = {}): Promise<PreflightResult> {
  const env = options.env ?? process.env;
  const cli = assertDockerCli(env);
  const endpoint = await resolveDockerEndpoint(env);
  // The CLI probes run in their own processes while this one loads the API client and pings.
  const wantsBuildkit = options.legacyRequested !== true && env.DOCKER_BUILDKIT !== '0';
  const cache = new ProbeCache(env);
  const cached = wantsBuildkit ? await cache.read(endpoint.host, options.builder) : undefined;
  const buildxProbe = cached ? Promise.resolve({ version: cached.buildxVersion }) : detectBuildxVersion(env);
  const builderProbe = wantsBuildkit
    ? settle(cached ? Promise.resolve(cached.builder) : inspectBuilder(options.builder, env))
    : undefined;
  await cli;
  const client = await createDockerClient(endpoint, 10_000);
  const engine = await pingEngine(client, endpoint);
  const buildxVersion = (await buildxProbe)?.version;
  const warnings: string[] = [];
  const decision = decideMethod(env, options.legacyRequested === true, buildxVersion);
  const builder = decision.method === 'buildkit' ? unwrap(await builderProbe) : undefined;
  if (!cached && builder && buildxVersion && builder.nodes.some((node) => node.status === 'running')) {
    await cache.write(endpoint.host, options.builder, { buildxVersion, builder });
  }
  if (builder && !supports(buildxVersion, 'rawjsonProgress')) {
    warnings.push(`buildx ${buildxVersion ?? '?'} is older than 0.13: step progress may be incomplete`);
  }
  if (builder && builder.nodes.every((node) => node.status !== 'running' && node.status !== 'inactive')) {
    throw new ImageforgeError(`builder "${builder.name}" is not running`, {
      code: ErrorCode.BuilderMissing,
      category: 'environment',
      hint: `inspect it with \`docker buildx inspect --bootstrap ${builder.name}\``,
    });
  }
  const diskFreeBytes = await freeBytes(engine.info.dockerRootDir);
  checkDisk(diskFreeBytes, engine.info.dockerRootDir, options.minFreeBytes ?? 512 * 1024 ** 2, warnings);
  const memAvailableBytes = os.freemem();
  if (memAvailableBytes < 512 * 1024 ** 2)
    warnings.push(`only ${formatGiB(memAvailableBytes)} of memory free`);
  if (decision.reason) warnings.push(`building with the legacy builder: ${decision.reason}`);
  return {
    endpoint,
    engineVersion: engine.version,
    buildxVersion,
    builder,
    method: decision.method,
    legacyReason: decision.reason,
    containerdSnapshotter: engine.info.containerdSnapshotter,
    dataRoot: engine.info.dockerRootDir,
    diskFreeBytes,
    memAvailableBytes,
    warnings,
    client,
  };
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function unwrap<T>(settled: Settled<T> | undefined): T | undefined {
  if (!settled) return undefined;
  if (!settled.ok) throw settled.error;
  return settled.value;
}

async function assertDockerCli(env: Record<string, string | undefined>): Promise<void> {
  const result = await exec('docker', ['--version'], { timeoutMs: 10_000, env });
  if (result.spawnError !== undefined || result.exitCode !== 0) {
    throw new ImageforgeError('the docker CLI was not found', {
      code: ErrorCode.DockerMissing,
      category: 'environment',
      hint: 'install Docker (scripts/engine.sh install does it on Debian) and make sure `docker` is on PATH',
    });
  }
}

async function pingEngine(client: DockerClient, endpoint: DockerEndpoint) {
  try {
    await client.ping();
    const [version, info] = await Promise.all([client.version(), client.info()]);
    return { version: version.version, info };
  } catch (error: unknown) {
    throw new ImageforgeError(`cannot reach the Docker daemon at ${endpoint.host}`, {
      code: ErrorCode.DaemonUnreachable,
      category: 'environment',
      cause: error,
      hint:
        endpoint.source === 'DOCKER_HOST'
          ? 'is the daemon running? check DOCKER_HOST (for the project engine: eval "$(scripts/engine.sh env)")'
          : 'start the daemon, set DOCKER_HOST, or pick a context with `docker context use`',
    });
  }
}

/** BuildKit unless it is missing, DOCKER_BUILDKIT=0 is set, or --legacy was asked for. */
export function decideMethod(
  env: Record<string, string | undefined>,
  legacyRequested: boolean,
  buildxVersion: string | undefined,
): { method: 'buildkit' | 'legacy'; reason: string | undefined } {
  if (legacyRequested) return { method: 'legacy', reason: '--legacy was given' };
  if (env.DOCKER_BUILDKIT === '0') return { method: 'legacy', reason: 'DOCKER_BUILDKIT=0 is set' };
  if (!buildxVersion)
    return { method: 'legacy', reason: 'BuildKit is unavailable (docker buildx not found)' };
  return { method: 'buildkit', reason: undefined };
}

async function freeBytes(dir: string): Promise<number | undefined> {
  if (!dir) return undefined;
  try {
    const stats = await statfs(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined; // remote engine: its data root is not on this machine
  }
}

function checkDisk(free: number | undefined, dir: string, minimum: number, warnings: string[]): void {
  if (free === undefined) return;
  if (free < minimum) {
    throw new ImageforgeError(`only ${formatGiB(free)} free at the engine's data root ${dir}`, {
      code: ErrorCode.DiskLow,
      category: 'environment',
      hint: 'free space (docker buildx prune, docker image prune) before building',
    });
  }
  if (free < 5 * GiB) warnings.push(`low disk space at ${dir}: ${formatGiB(free)} free`);
}

function formatGiB(bytes: number): string {
  return `${(bytes / GiB).toFixed(1)} GiB`;
}
