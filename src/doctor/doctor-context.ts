// What every doctor check may need, probed at most once per run and shared: the docker CLI, the
// daemon endpoint and its facts, buildx and the current builder, and imageforge.yaml when there is
// one. Every probe is bounded, so a dead or hung daemon never hangs the doctor.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/index.js';
import type { ResolvedConfig } from '../config/types.js';
import {
  createDockerClient,
  type DockerClient,
  type EngineInfo,
  type EngineVersion,
} from '../docker/docker-client.js';
import { resolveDockerEndpoint, type DockerEndpoint } from '../docker/docker-endpoint.js';
import { detectBuildxVersion, type BuildxVersion } from '../buildx/buildx-version.js';
import { inspectBuilder, type BuilderInfo } from '../buildx/builder.js';
import { exec, isSuccess } from '../exec/exec.js';
import { withTimeout } from '../shared/with-timeout.js';
import { defaultImageforgeHome } from '../builders/managed/managed-layout.js';

export interface DoctorContextOptions {
  env?: Record<string, string | undefined>;
  /** imageforge.yaml to read; when absent, ./imageforge.yaml if it exists. */
  configFile?: string;
  profile?: string;
  set?: string[];
  /** Bound of each engine / CLI probe. */
  probeTimeoutMs?: number;
}

export interface EngineFacts {
  client: DockerClient;
  version: EngineVersion;
  info: EngineInfo;
  pingMs: number;
}

export type Probe<T> = { ok: true; value: T } | { ok: false; error: string };

export interface DockerCliFacts {
  version: string;
  path: string | undefined;
}

export class DoctorContext {
  readonly env: Record<string, string | undefined>;
  readonly home: string;
  readonly probeTimeoutMs: number;
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(private readonly options: DoctorContextOptions = {}) {
    this.env = options.env ?? process.env;
    this.home = defaultImageforgeHome(this.env);
    this.probeTimeoutMs = options.probeTimeoutMs ?? 8_000;
  }

  /** The config when one exists; `undefined` value when there is none (doctor works without). */
  config(): Promise<Probe<ResolvedConfig | undefined>> {
    return this.once('config', async () => {
      const file = this.options.configFile ?? (existsSync('imageforge.yaml') ? 'imageforge.yaml' : undefined);
      if (file === undefined) return undefined;
      return loadConfig({
        file: path.resolve(file),
        profile: this.options.profile,
        set: this.options.set ?? [],
      });
    });
  }

  dockerCli(): Promise<Probe<DockerCliFacts>> {
    return this.once('docker-cli', async () => {
      const result = await exec('docker', ['--version'], { timeoutMs: this.probeTimeoutMs, env: this.env });
      if (result.spawnError !== undefined) throw new Error('docker: command not found');
      if (!isSuccess(result))
        throw new Error(`docker --version failed: ${result.stderr.trim() || 'no output'}`);
      const version = /version\s+v?([\w.+-]+)/i.exec(result.stdout)?.[1] ?? result.stdout.trim();
      const which = await exec('sh', ['-c', 'command -v docker'], { timeoutMs: 2_000, env: this.env });
      return { version, path: which.stdout.trim() || undefined };
    });
  }

  endpoint(): Promise<Probe<DockerEndpoint>> {
    return this.once('endpoint', () => resolveDockerEndpoint(this.env));
  }

  engine(): Promise<Probe<EngineFacts>> {
    return this.once('engine', async () => {
      const endpoint = await this.endpoint();
      if (!endpoint.ok) throw new Error(endpoint.error);
      const client = await createDockerClient(endpoint.value, this.probeTimeoutMs);
      const started = performance.now();
      await withTimeout(client.ping(), this.probeTimeoutMs, `the daemon at ${endpoint.value.host}`);
      const pingMs = Math.round(performance.now() - started);
      const [version, info] = await withTimeout(
        Promise.all([client.version(), client.info()]),
        this.probeTimeoutMs,
        `the daemon at ${endpoint.value.host}`,
      );
      return { client, version, info, pingMs };
    });
  }

  buildx(): Promise<Probe<BuildxVersion | undefined>> {
    return this.once('buildx', () => detectBuildxVersion(this.env));
  }

  /** The buildx builder builds use by default (settings.builder, else the current one). */
  currentBuilder(): Promise<Probe<BuilderInfo>> {
    return this.once('current-builder', async () => {
      const config = await this.config();
      const configured = config.ok ? config.value?.settings.builder : undefined;
      const builders = config.ok ? (config.value?.builders ?? {}) : {};
      // a builder declared in imageforge.yaml is checked by the builders check, not inspected here
      const name = configured !== undefined && builders[configured] === undefined ? configured : undefined;
      return withTimeout(inspectBuilder(name, this.env), this.probeTimeoutMs * 2, 'docker buildx inspect');
    });
  }

  private once<T>(key: string, probe: () => Promise<T>): Promise<Probe<T>> {
    let pending = this.memo.get(key) as Promise<Probe<T>> | undefined;
    if (pending === undefined) {
      pending = probe().then(
        (value): Probe<T> => ({ ok: true, value }),
        (error: unknown): Probe<T> => ({ ok: false, error: describeError(error) }),
      );
      this.memo.set(key, pending);
    }
    return pending;
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const location =
      'location' in error ? (error as { location?: { file?: string; line?: number } }).location : undefined;
    const where = location?.file
      ? `${path.relative(process.cwd(), location.file) || location.file}${location.line ? `:${location.line}` : ''}: `
      : '';
    return `${where}${error.message.split('\n')[0] ?? ''}`;
  }
  return String(error);
}
