// The Docker Engine API calls that functional image tests need (containers, logs, archives), behind one
// interface so the tests depend on these few calls, each bounded in time and validated at runtime.
import type Docker from 'dockerode';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { modemOptions } from './docker-client.js';

/** The parts of an image's config (`docker image inspect` → Config) the tests compare. */
export interface ImageConfig {
  id: string;
  env: Record<string, string>;
  labels: Record<string, string>;
  /** "8080/tcp" form. */
  exposedPorts: string[];
  /** "" when the image sets no USER. */
  user: string;
  /** "" when the image sets no WORKDIR. */
  workingDir: string;
  entrypoint: string[] | undefined;
  cmd: string[] | undefined;
  volumes: string[];
  /** The HEALTHCHECK test, e.g. ["CMD-SHELL", "curl -f localhost"]; undefined when none or NONE. */
  healthcheck: string[] | undefined;
}

export interface CreateContainerOptions {
  image: string;
  labels: Record<string, string>;
  env?: Record<string, string>;
  /** Replaces the image's CMD. */
  cmd?: string[];
  /** Replaces the image's ENTRYPOINT (a non-empty one also drops the image's CMD). */
  entrypoint?: string[];
  user?: string;
  /** Container TCP ports published on 127.0.0.1, each on a random host port. */
  publishPorts?: number[];
}

export interface ContainerState {
  /** created, running, exited, ... */
  status: string;
  running: boolean;
  exitCode: number;
  oomKilled: boolean;
  /** Engine error when the container could not run, e.g. "exec: not found". */
  error: string;
  /** Epoch ms; undefined before the container started or after it ended. */
  startedAt: number | undefined;
  finishedAt: number | undefined;
  /** starting, healthy, unhealthy; undefined without a HEALTHCHECK. */
  health: string | undefined;
  /** Output of the last health probe. */
  healthOutput: string | undefined;
  /** Container TCP port → host port published on 127.0.0.1. */
  ports: Record<number, number>;
}

export interface ContainerLogLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface ContainerOutput {
  stdout: string;
  stderr: string;
  /** Both streams in the order the engine recorded them, one entry per line. */
  lines: ContainerLogLine[];
}

export interface ContainerLogsOptions {
  /** Only the last n lines. */
  tail?: number;
}

export interface ContainerSummary {
  id: string;
  state: string;
  labels: Record<string, string>;
}

export interface RemoveContainerOptions {
  force?: boolean;
  /** Also remove the container's anonymous volumes. */
  volumes?: boolean;
}

export interface ContainerClient {
  /** undefined when the image is not in the engine's store. */
  inspectImage(reference: string): Promise<ImageConfig | undefined>;
  /** Creates (never pulls) a container and returns its id. */
  createContainer(options: CreateContainerOptions): Promise<string>;
  startContainer(id: string): Promise<void>;
  inspectContainer(id: string): Promise<ContainerState>;
  /** The exit code, or undefined when the container still runs after `timeoutMs`. */
  waitContainer(id: string, timeoutMs: number, signal?: AbortSignal): Promise<number | undefined>;
  /** SIGKILL; a container that already stopped is not an error. */
  killContainer(id: string): Promise<void>;
  containerLogs(id: string, options?: ContainerLogsOptions): Promise<ContainerOutput>;
  /** A tar stream of `path` (a symlink is archived as the link); undefined when the path does not exist. */
  getArchive(id: string, path: string): Promise<Readable | undefined>;
  /** A container that is already gone is not an error. */
  removeContainer(id: string, options?: RemoveContainerOptions): Promise<void>;
  /** Containers (running or not) carrying every given label. */
  listContainers(labels: Record<string, string>): Promise<ContainerSummary[]>;
}

const stringArray = z.array(z.string()).nullish();
const stringRecord = z.record(z.string(), z.string()).nullish();
const keySet = z.record(z.string(), z.unknown()).nullish();

const imageInspectSchema = z.object({
  Id: z.string(),
  Config: z
    .object({
      Env: stringArray,
      Labels: stringRecord,
      ExposedPorts: keySet,
      User: z.string().nullish(),
      WorkingDir: z.string().nullish(),
      Entrypoint: stringArray,
      Cmd: stringArray,
      Volumes: keySet,
      Healthcheck: z.object({ Test: stringArray }).nullish(),
    })
    .nullish(),
});

const portBindingSchema = z.array(z.object({ HostIp: z.string().nullish(), HostPort: z.string().nullish() }));

const containerInspectSchema = z.object({
  State: z.object({
    Status: z.string().nullish(),
    Running: z.boolean().nullish(),
    ExitCode: z.number().nullish(),
    OOMKilled: z.boolean().nullish(),
    Error: z.string().nullish(),
    StartedAt: z.string().nullish(),
    FinishedAt: z.string().nullish(),
    Health: z
      .object({
        Status: z.string().nullish(),
        Log: z.array(z.object({ Output: z.string().nullish() })).nullish(),
      })
      .nullish(),
  }),
  NetworkSettings: z.object({ Ports: z.record(z.string(), portBindingSchema.nullish()).nullish() }).nullish(),
});

const containerListSchema = z.array(
  z.object({ Id: z.string(), State: z.string().nullish(), Labels: stringRecord }),
);

const createResponseSchema = z.object({ id: z.string() });

/**
 * dockerode is loaded on demand (~160 ms to import). `timeoutMs` bounds every engine request;
 * waiting for a container to exit is polled instead, so it is bounded by its own limit.
 */
export async function createContainerClient(
  dockerHost: string,
  timeoutMs = 10_000,
): Promise<ContainerClient> {
  const { default: DockerConstructor } = await import('dockerode');
  return new DockerodeContainerClient(
    new DockerConstructor({ ...modemOptions(dockerHost), timeout: timeoutMs }),
  );
}

export class DockerodeContainerClient implements ContainerClient {
  constructor(
    private readonly docker: Docker,
    private readonly pollIntervalMs = 100,
  ) {}

  async inspectImage(reference: string): Promise<ImageConfig | undefined> {
    try {
      return parseImageConfig(await this.docker.getImage(reference).inspect());
    } catch (error: unknown) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }

  async createContainer(options: CreateContainerOptions): Promise<string> {
    const created = await this.docker.createContainer(toCreateBody(options));
    return createResponseSchema.parse(created).id;
  }

  async startContainer(id: string): Promise<void> {
    await this.docker.getContainer(id).start();
  }

  async inspectContainer(id: string): Promise<ContainerState> {
    return parseContainerState(await this.docker.getContainer(id).inspect());
  }

  async waitContainer(id: string, timeoutMs: number, signal?: AbortSignal): Promise<number | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await this.inspectContainer(id);
      if (!state.running && state.status !== 'created') return state.exitCode;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await sleep(Math.min(this.pollIntervalMs, left), undefined, { signal });
    }
  }

  async killContainer(id: string): Promise<void> {
    try {
      await this.docker.getContainer(id).kill();
    } catch (error: unknown) {
      // 409: not running (it ended meanwhile), 404: already removed
      if (statusCodeOf(error) !== 409 && statusCodeOf(error) !== 404) throw error;
    }
  }

  async containerLogs(id: string, options: ContainerLogsOptions = {}): Promise<ContainerOutput> {
    const raw: unknown = await this.docker.getContainer(id).logs({
      follow: false,
      stdout: true,
      stderr: true,
      ...(options.tail !== undefined && { tail: options.tail }),
    });
    return toContainerOutput(demultiplexLogs(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw))));
  }

  async getArchive(id: string, path: string): Promise<Readable | undefined> {
    try {
      const stream = await this.docker.getContainer(id).getArchive({ path });
      return stream instanceof Readable ? stream : Readable.from(stream);
    } catch (error: unknown) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }

  async removeContainer(id: string, options: RemoveContainerOptions = {}): Promise<void> {
    try {
      await this.docker
        .getContainer(id)
        .remove({ force: options.force ?? false, v: options.volumes ?? false });
    } catch (error: unknown) {
      // 404: already gone, 409: removal already in progress
      if (statusCodeOf(error) !== 404 && statusCodeOf(error) !== 409) throw error;
    }
  }

  async listContainers(labels: Record<string, string>): Promise<ContainerSummary[]> {
    const label = Object.entries(labels).map(([key, value]) => `${key}=${value}`);
    const raw = containerListSchema.parse(
      await this.docker.listContainers({ all: true, filters: { label } }),
    );
    return raw.map((entry) => ({ id: entry.Id, state: entry.State ?? '', labels: entry.Labels ?? {} }));
  }
}

function toCreateBody(options: CreateContainerOptions): Docker.ContainerCreateOptions {
  const ports = options.publishPorts ?? [];
  return {
    Image: options.image,
    Labels: options.labels,
    ...(options.env && { Env: Object.entries(options.env).map(([key, value]) => `${key}=${value}`) }),
    ...(options.cmd && { Cmd: options.cmd }),
    ...(options.entrypoint && { Entrypoint: options.entrypoint }),
    ...(options.user !== undefined && { User: options.user }),
    ExposedPorts: Object.fromEntries(ports.map((port) => [`${port}/tcp`, {}])),
    HostConfig: {
      PortBindings: Object.fromEntries(
        ports.map((port) => [`${port}/tcp`, [{ HostIp: '127.0.0.1', HostPort: '' }]]),
      ),
    },
  };
}

/** `GET /images/{name}/json`, validated; omitted or null fields read as empty. */
export function parseImageConfig(json: unknown): ImageConfig {
  const raw = imageInspectSchema.parse(json);
  const config = raw.Config ?? {};
  const healthcheck = config.Healthcheck?.Test ?? undefined;
  return {
    id: raw.Id,
    env: parseEnv(config.Env ?? []),
    labels: config.Labels ?? {},
    exposedPorts: Object.keys(config.ExposedPorts ?? {}),
    user: config.User ?? '',
    workingDir: config.WorkingDir ?? '',
    entrypoint: config.Entrypoint ?? undefined,
    cmd: config.Cmd ?? undefined,
    volumes: Object.keys(config.Volumes ?? {}),
    healthcheck: healthcheck && healthcheck.length > 0 && healthcheck[0] !== 'NONE' ? healthcheck : undefined,
  };
}

/** `["A=1", "B"]` → `{A: "1", B: ""}`. */
export function parseEnv(entries: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    if (equals === -1) env[entry] = '';
    else env[entry.slice(0, equals)] = entry.slice(equals + 1);
  }
  return env;
}

/** `GET /containers/{id}/json`, validated; omitted or null fields read as empty. */
export function parseContainerState(json: unknown): ContainerState {
  const raw = containerInspectSchema.parse(json);
  const state = raw.State;
  const healthLog = state.Health?.Log ?? [];
  return {
    status: state.Status ?? '',
    running: state.Running ?? false,
    exitCode: state.ExitCode ?? 0,
    oomKilled: state.OOMKilled ?? false,
    error: state.Error ?? '',
    startedAt: engineTime(state.StartedAt),
    finishedAt: engineTime(state.FinishedAt),
    health: state.Health?.Status ?? undefined,
    healthOutput: healthLog.at(-1)?.Output ?? undefined,
    ports: publishedPorts(raw.NetworkSettings?.Ports ?? {}),
  };
}

/** The engine reports "0001-01-01T00:00:00Z" for times that did not happen yet. */
function engineTime(text: string | null | undefined): number | undefined {
  if (!text || text.startsWith('0001-')) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function publishedPorts(
  ports: Record<string, z.output<typeof portBindingSchema> | null | undefined>,
): Record<number, number> {
  const published: Record<number, number> = {};
  for (const [key, bindings] of Object.entries(ports)) {
    const [port, protocol] = key.split('/');
    const hostPort = (bindings ?? []).find((binding) => binding.HostPort)?.HostPort;
    if (protocol === 'tcp' && hostPort) published[Number(port)] = Number(hostPort);
  }
  return published;
}

/**
 * Splits the engine's multiplexed log stream (containers without a TTY): frames of an 8-byte header
 * (stream type, 3 zero bytes, big-endian length) and the payload. 1 = stdout, 2 = stderr.
 */
export function demultiplexLogs(buffer: Buffer): ContainerLogLine[] {
  const chunks: ContainerLogLine[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const type = buffer[offset];
    const length = buffer.readUInt32BE(offset + 4);
    const text = buffer.subarray(offset + 8, offset + 8 + length).toString('utf8');
    chunks.push({ stream: type === 2 ? 'stderr' : 'stdout', text });
    offset += 8 + length;
  }
  return chunks;
}

/** Frames are not lines: joins each stream's frames, then splits them into lines. */
export function toContainerOutput(chunks: ContainerLogLine[]): ContainerOutput {
  const lines: ContainerLogLine[] = [];
  const pending: Record<ContainerLogLine['stream'], string> = { stdout: '', stderr: '' };
  for (const chunk of chunks) {
    const parts = (pending[chunk.stream] + chunk.text).split('\n');
    pending[chunk.stream] = parts.pop() ?? '';
    for (const text of parts) lines.push({ stream: chunk.stream, text: text.replace(/\r$/, '') });
  }
  for (const stream of ['stdout', 'stderr'] as const) {
    if (pending[stream] !== '') lines.push({ stream, text: pending[stream] });
  }
  const join = (stream: ContainerLogLine['stream']): string =>
    chunks
      .filter((chunk) => chunk.stream === stream)
      .map((chunk) => chunk.text)
      .join('');
  return { stdout: join('stdout'), stderr: join('stderr'), lines };
}

function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}
