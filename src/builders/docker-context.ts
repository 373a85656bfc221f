// Docker contexts for builders: the docker driver's buildx builder for a context is named after it,
// so registering `imageforge-<name>` makes `--builder imageforge-<name>` reach a managed engine.
import { z } from 'zod';
import { exec, isSuccess } from '../exec/exec.js';
import { buildxCommandError } from './builder-errors.js';
import { parseJsonLines } from '../shared/json-lines.js';

export interface DockerContextInfo {
  name: string;
  host: string;
}

const contextLine = z.object({ Name: z.string(), DockerEndpoint: z.string().optional().default('') });

/** Parses `docker context ls --format json` (one object per line). */
export function parseContextList(stdout: string): DockerContextInfo[] {
  return parseJsonLines(stdout, contextLine).map((context) => ({
    name: context.Name,
    host: context.DockerEndpoint,
  }));
}

export type ContextAction = 'created' | 'updated' | 'unchanged';

/** What to run to make context `name` point at `host`, given the existing contexts. */
export function contextArgs(
  name: string,
  host: string,
  existing: DockerContextInfo[],
): { action: ContextAction; args: string[] } {
  const found = existing.find((context) => context.name === name);
  if (found?.host === host) return { action: 'unchanged', args: [] };
  const verb = found ? 'update' : 'create';
  return {
    action: found ? 'updated' : 'created',
    args: ['context', verb, name, '--description', 'imageforge builder', '--docker', `host=${host}`],
  };
}

/** docker's own view of contexts; DOCKER_HOST does not hide them from `context ls`. */
export async function listContexts(env?: Record<string, string | undefined>): Promise<DockerContextInfo[]> {
  const result = await exec('docker', ['context', 'ls', '--format', 'json'], { timeoutMs: 15_000, env });
  return isSuccess(result) ? parseContextList(result.stdout) : [];
}

/** Creates or updates the context; idempotent. */
export async function ensureDockerContext(
  name: string,
  host: string,
  env?: Record<string, string | undefined>,
): Promise<ContextAction> {
  const { action, args } = contextArgs(name, host, await listContexts(env));
  if (action === 'unchanged') return action;
  const result = await exec('docker', args, { timeoutMs: 15_000, env });
  if (!isSuccess(result)) throw buildxCommandError(`registering docker context ${name}`, args, result.stderr);
  return action;
}

export async function removeDockerContext(
  name: string,
  env?: Record<string, string | undefined>,
): Promise<boolean> {
  if (!(await listContexts(env)).some((context) => context.name === name)) return false;
  const args = ['context', 'rm', '--force', name];
  const result = await exec('docker', args, { timeoutMs: 15_000, env });
  if (!isSuccess(result)) throw buildxCommandError(`removing docker context ${name}`, args, result.stderr);
  return true;
}
