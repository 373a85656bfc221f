// Caches the slow buildx probes (`buildx version` + `buildx inspect`, ~0.25 s of CPU on a 2-core CI
// agent) for a few minutes. The key covers everything that can change their answer: the daemon
// endpoint, the requested builder, the buildx binary, and buildx's own builder state files. Only
// answers for a running builder are cached; IMAGEFORGE_NO_PROBE_CACHE=1 turns it off.
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { BuilderInfo } from '../buildx/builder.js';

const TTL_MS = 10 * 60_000;

const PLUGIN_DIRS = [
  '/usr/local/lib/docker/cli-plugins',
  '/usr/local/libexec/docker/cli-plugins',
  '/usr/lib/docker/cli-plugins',
  '/usr/libexec/docker/cli-plugins',
];

const entrySchema = z.object({
  savedAt: z.number(),
  buildxVersion: z.string(),
  builder: z.object({
    name: z.string(),
    driver: z.string(),
    current: z.boolean(),
    nodes: z.array(
      z.object({
        name: z.string(),
        endpoint: z.string(),
        status: z.string(),
        buildkitVersion: z.string().optional(),
        platforms: z.array(z.string()),
      }),
    ),
  }),
});

export interface ProbeAnswer {
  buildxVersion: string;
  builder: BuilderInfo;
}

export class ProbeCache {
  constructor(
    private readonly env: Record<string, string | undefined>,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.env.IMAGEFORGE_NO_PROBE_CACHE !== '1';
  }

  async read(endpoint: string, builder: string | undefined): Promise<ProbeAnswer | undefined> {
    if (!this.enabled) return undefined;
    const file = await this.file(endpoint, builder);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      const entry = entrySchema.safeParse(JSON.parse(text));
      if (!entry.success || this.now() - entry.data.savedAt > TTL_MS) return undefined;
      return { buildxVersion: entry.data.buildxVersion, builder: entry.data.builder };
    } catch {
      return undefined;
    }
  }

  async write(endpoint: string, builder: string | undefined, answer: ProbeAnswer): Promise<void> {
    if (!this.enabled) return;
    const file = await this.file(endpoint, builder);
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, JSON.stringify({ savedAt: this.now(), ...answer }));
    } catch {
      // a cache that cannot be written only costs time
    }
  }

  private async file(endpoint: string, builder: string | undefined): Promise<string> {
    const dockerConfig = this.env.DOCKER_CONFIG ?? path.join(os.homedir(), '.docker');
    const watched = [
      path.join(dockerConfig, 'buildx', 'current'),
      path.join(dockerConfig, 'buildx', 'instances'),
      path.join(dockerConfig, 'cli-plugins', 'docker-buildx'),
      ...PLUGIN_DIRS.map((dir) => path.join(dir, 'docker-buildx')),
    ];
    const stamps = await Promise.all(
      watched.map((file) =>
        stat(file).then(
          (info) => `${file}:${info.mtimeMs}:${info.size}`,
          () => `${file}:-`,
        ),
      ),
    );
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          endpoint,
          builder ?? '',
          this.env.DOCKER_CONTEXT ?? '',
          this.env.BUILDX_BUILDER ?? '',
          stamps,
        ]),
      )
      .digest('hex')
      .slice(0, 24);
    const cacheHome = this.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
    return path.join(cacheHome, 'imageforge', 'probes', `${key}.json`);
  }
}
