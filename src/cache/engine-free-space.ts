// Free disk space at the engine's data root, for the minFreeSpace rule. Only measurable when the
// engine runs on this machine; for a remote engine the answer is "unknown", never a guess.
import { statfs } from 'node:fs/promises';
import type { DockerClient } from '../docker/docker-client.js';

/** `host` is the engine's DOCKER_HOST; only a unix socket means "this machine". */
export async function engineFreeBytes(client: DockerClient, host?: string): Promise<number | undefined> {
  if (host !== undefined && !host.startsWith('unix://')) return undefined;
  const { dockerRootDir } = await client.info();
  if (!dockerRootDir) return undefined;
  try {
    const stats = await statfs(dockerRootDir);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}
