// The one seam for the Docker Engine API. dockerode stays behind this interface so the rest of the
// code depends on the few calls imageforge needs, each with a bounded timeout and validated output.
import type Docker from 'dockerode';
import { z } from 'zod';
import type { DockerEndpoint } from './docker-endpoint.js';
import { parseSystemDfBuildCache, type BuildCacheEntry } from '../cache/build-cache-entry.js';

export interface EngineVersion {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
}

export interface EngineInfo {
  dockerRootDir: string;
  /** e.g. "io.containerd.snapshotter.v1" when the containerd image store is on. */
  driverStatus: Array<[string, string]>;
  containerdSnapshotter: boolean;
  memTotalBytes: number;
  ncpu: number;
}

export interface ImageDetails {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  created: string;
}

export interface DockerClient {
  ping(): Promise<void>;
  version(): Promise<EngineVersion>;
  info(): Promise<EngineInfo>;
  /** undefined when the image does not exist. */
  inspectImage(reference: string): Promise<ImageDetails | undefined>;
  /** Every BuildKit cache record of the engine (`GET /system/df`), sizes in bytes. */
  buildCacheUsage(): Promise<BuildCacheEntry[]>;
  /** Removes the given records (one engine call each), or the whole build cache with `all`. */
  pruneBuildCache(options: PruneBuildCacheOptions): Promise<PruneBuildCacheResult>;
}

export interface PruneBuildCacheOptions {
  ids?: string[];
  all?: boolean;
}

export interface PruneBuildCacheResult {
  /** Bytes the engine reports as freed (`SpaceReclaimed`). */
  spaceReclaimed: number;
  /** Ids the engine reports as deleted (`CachesDeleted`). */
  deleted: string[];
}

const versionSchema = z.object({
  Version: z.string(),
  ApiVersion: z.string(),
  Os: z.string().default(''),
  Arch: z.string().default(''),
});

const infoSchema = z.object({
  DockerRootDir: z.string().default(''),
  Driver: z.string().default(''),
  DriverStatus: z
    .array(z.tuple([z.string(), z.string()]))
    .nullable()
    .default([]),
  MemTotal: z.number().default(0),
  NCPU: z.number().default(0),
});

const pruneResponseSchema = z.object({
  CachesDeleted: z.array(z.string()).nullish(),
  SpaceReclaimed: z.number().nullish(),
});

const imageSchema = z.object({
  Id: z.string(),
  RepoTags: z.array(z.string()).nullable().default([]),
  RepoDigests: z.array(z.string()).nullable().default([]),
  Created: z.string().default(''),
});

/**
 * dockerode is loaded on demand: with its gRPC and SSH dependencies it costs ~160 ms to import,
 * which preflight overlaps with the buildx probes running in other processes.
 */
export async function createDockerClient(
  endpoint: DockerEndpoint,
  timeoutMs = 10_000,
): Promise<DockerClient> {
  const { default: DockerConstructor } = await import('dockerode');
  return new DockerodeClient(new DockerConstructor({ ...modemOptions(endpoint.host), timeout: timeoutMs }));
}

export class DockerodeClient implements DockerClient {
  constructor(private readonly docker: Docker) {}

  async ping(): Promise<void> {
    await this.docker.ping();
  }

  async version(): Promise<EngineVersion> {
    const raw = versionSchema.parse(await this.docker.version());
    return { version: raw.Version, apiVersion: raw.ApiVersion, os: raw.Os, arch: raw.Arch };
  }

  async info(): Promise<EngineInfo> {
    const raw = infoSchema.parse(await this.docker.info());
    const driverStatus = raw.DriverStatus ?? [];
    return {
      dockerRootDir: raw.DockerRootDir,
      driverStatus,
      // With the containerd image store, /info reports the snapshotter as the storage driver status.
      containerdSnapshotter: driverStatus.some(
        ([key, value]) => key === 'driver-type' && value.includes('snapshotter'),
      ),
      memTotalBytes: raw.MemTotal,
      ncpu: raw.NCPU,
    };
  }

  async inspectImage(reference: string): Promise<ImageDetails | undefined> {
    try {
      const raw = imageSchema.parse(await this.docker.getImage(reference).inspect());
      return {
        id: raw.Id,
        repoTags: raw.RepoTags ?? [],
        repoDigests: raw.RepoDigests ?? [],
        created: raw.Created,
      };
    } catch (error: unknown) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private dial(method: 'GET' | 'POST', path: string, options: Record<string, unknown>): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      this.docker.modem.dial(
        { path, method, options, statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' } },
        (error: unknown, data: unknown) => (error ? reject(toError(error)) : resolve(data)),
      );
    });
  }

  /**
   * `?type=build-cache` (API ≥ 1.42) skips the image/container/volume sizes: 0.2 s instead of ~2 s
   * on a busy engine (measured). dockerode's df() drops query options, so the request is dialled here.
   */
  async buildCacheUsage(): Promise<BuildCacheEntry[]> {
    return parseSystemDfBuildCache(await this.dial('GET', '/system/df?', { type: 'build-cache' }));
  }

  /**
   * Verified on Docker 28.5: the `id` filter accepts exactly one value ("filters expect only one
   * value" otherwise) and matches by prefix, so each full id gets its own call; `all=true` is needed
   * or records shared with images are silently kept; a parent whose children stay is silently kept.
   */
  async pruneBuildCache(options: PruneBuildCacheOptions): Promise<PruneBuildCacheResult> {
    if (options.all) return this.postBuildPrune({ all: true });
    const result: PruneBuildCacheResult = { spaceReclaimed: 0, deleted: [] };
    for (const id of options.ids ?? []) {
      const one = await this.postBuildPrune({ all: true, filters: { id: [id] } });
      result.spaceReclaimed += one.spaceReclaimed;
      result.deleted.push(...one.deleted);
    }
    return result;
  }

  /**
   * dockerode 4.0.12's `pruneBuilder` drops its options (no query string is sent), which would turn
   * a filtered prune into a default prune of everything unshared; so the request is dialled here.
   */
  private async postBuildPrune(query: Record<string, unknown>): Promise<PruneBuildCacheResult> {
    const raw = pruneResponseSchema.parse(await this.dial('POST', '/build/prune?', query));
    return { spaceReclaimed: raw.SpaceReclaimed ?? 0, deleted: raw.CachesDeleted ?? [] };
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'statusCode' in error && error.statusCode === 404;
}

/** Translates a DOCKER_HOST URL into docker-modem options. */
export function modemOptions(host: string): Docker.DockerOptions {
  const url = new URL(host);
  switch (url.protocol) {
    case 'unix:':
      return { socketPath: url.pathname };
    case 'tcp:':
    case 'http:':
      return { host: url.hostname, port: Number(url.port || 2375), protocol: 'http' };
    case 'https:':
      return { host: url.hostname, port: Number(url.port || 2376), protocol: 'https' };
    case 'ssh:':
      return { host: url.hostname, port: Number(url.port || 22), protocol: 'ssh', username: url.username };
    default:
      throw new Error(`unsupported DOCKER_HOST scheme: ${url.protocol}`);
  }
}
