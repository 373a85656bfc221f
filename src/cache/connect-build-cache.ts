// Finds the engine and the build cache a cache command works on: the daemon (DOCKER_HOST, then the
// docker context), and whether the builder's cache is the engine's (docker driver: Engine API) or
// a separate BuildKit's (any other driver: buildx du/prune).
import { createDockerClient, type DockerClient } from '../docker/docker-client.js';
import { resolveDockerEndpoint, type DockerEndpoint } from '../docker/docker-endpoint.js';
import { detectBuildxVersion } from '../buildx/buildx-version.js';
import { inspectBuilder } from '../buildx/builder.js';
import { ImageforgeError } from '../errors/imageforge-error.js';
import { ErrorCode } from '../errors/codes.js';
import { buildxCacheBackend, engineCacheBackend, type BuildCacheBackend } from './build-cache-backend.js';

export interface ConnectBuildCacheOptions {
  /** buildx builder; undefined = the current one. */
  builder?: string | undefined;
  env?: Record<string, string | undefined>;
}

export interface BuildCacheConnection {
  endpoint: DockerEndpoint;
  client: DockerClient;
  backend: BuildCacheBackend;
  /** buildx driver of the builder; "docker" when buildx is missing (the engine's own BuildKit). */
  driver: string;
}

export async function connectBuildCache(
  options: ConnectBuildCacheOptions = {},
): Promise<BuildCacheConnection> {
  const env = options.env ?? process.env;
  const endpoint = await resolveDockerEndpoint(env);
  const client = await createDockerClient(endpoint, 60_000);
  try {
    await client.ping();
  } catch (error: unknown) {
    throw new ImageforgeError(`cannot reach the Docker daemon at ${endpoint.host}`, {
      code: ErrorCode.DaemonUnreachable,
      category: 'environment',
      cause: error,
      hint: 'is the daemon running? check DOCKER_HOST or `docker context use`',
    });
  }
  const driver = await builderDriver(options.builder, env);
  if (driver === 'docker') return { endpoint, client, backend: engineCacheBackend(client), driver };
  const buildxVersion = (await detectBuildxVersion(env))?.version;
  return {
    endpoint,
    client,
    backend: buildxCacheBackend({ builder: options.builder, buildxVersion, env }),
    driver,
  };
}

async function builderDriver(builder: string | undefined, env: Record<string, string | undefined>) {
  try {
    return (await inspectBuilder(builder, env)).driver;
  } catch (error: unknown) {
    // No buildx at all: the engine's embedded BuildKit is the only build cache there is.
    if (builder === undefined) return 'docker';
    throw error;
  }
}
