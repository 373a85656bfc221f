// Resolves which Docker daemon the user means, the way the docker CLI does: DOCKER_HOST wins, then
// DOCKER_CONTEXT / the current context. Asking the CLI keeps context semantics exactly docker's own.
import { z } from 'zod';
import { exec, isSuccess } from '../exec/exec.js';
import { parseJsonLines } from '../shared/json-lines.js';

export interface DockerEndpoint {
  /** e.g. unix:///var/run/docker.sock, tcp://host:2376 */
  host: string;
  /** docker context name, when the endpoint came from a context. */
  context: string | undefined;
  source: 'DOCKER_HOST' | 'context' | 'default';
}

const contextLine = z.object({
  Current: z.boolean().optional(),
  Name: z.string(),
  DockerEndpoint: z.string().optional().default(''),
});

export const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock';

export async function resolveDockerEndpoint(
  env: Record<string, string | undefined> = process.env,
): Promise<DockerEndpoint> {
  if (env.DOCKER_HOST) return { host: env.DOCKER_HOST, context: undefined, source: 'DOCKER_HOST' };
  const result = await exec('docker', ['context', 'ls', '--format', 'json'], { timeoutMs: 10_000, env });
  if (!isSuccess(result)) return { host: DEFAULT_DOCKER_HOST, context: undefined, source: 'default' };
  const wanted = env.DOCKER_CONTEXT;
  for (const context of parseJsonLines(result.stdout, contextLine)) {
    const isWanted = wanted ? context.Name === wanted : context.Current === true;
    if (isWanted && context.DockerEndpoint) {
      return { host: context.DockerEndpoint, context: context.Name, source: 'context' };
    }
  }
  return { host: DEFAULT_DOCKER_HOST, context: undefined, source: 'default' };
}
