// Registry credentials the way the docker CLI finds them: `credHelpers[host]`, then `credsStore`,
// then `auths[host].auth` (base64 "user:pass") in $DOCKER_CONFIG/config.json. The values only ever
// go into Authorization headers: never into logs, errors or output.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { exec, isSuccess } from '../exec/exec.js';

export interface RegistryCredentials {
  username: string;
  password: string;
}

const dockerConfigSchema = z.object({
  auths: z.record(z.string(), z.object({ auth: z.string().optional() }).loose()).optional(),
  credsStore: z.string().optional(),
  credHelpers: z.record(z.string(), z.string()).optional(),
});

const helperAnswerSchema = z.object({ Username: z.string(), Secret: z.string() });

export async function resolveRegistryCredentials(
  host: string,
  env: Record<string, string | undefined> = process.env,
): Promise<RegistryCredentials | undefined> {
  const dir = env.DOCKER_CONFIG ?? path.join(env.HOME ?? os.homedir(), '.docker');
  const config = await readDockerConfig(path.join(dir, 'config.json'));
  if (!config) return undefined;
  const helper = config.credHelpers?.[host] ?? config.credsStore;
  if (helper) {
    const fromHelper = await askHelper(helper, host, env);
    if (fromHelper) return fromHelper;
  }
  const auth = findAuth(config.auths ?? {}, host);
  return auth === undefined ? undefined : decodeAuth(auth);
}

async function readDockerConfig(file: string) {
  try {
    const parsed = dockerConfigSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** `auths` keys may be "host", "https://host" or "https://host/v1/" (Docker Hub's legacy key). */
function findAuth(auths: Record<string, { auth?: string | undefined }>, host: string): string | undefined {
  for (const [key, value] of Object.entries(auths)) {
    const keyHost = key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    if (keyHost === host && value.auth) return value.auth;
  }
  return undefined;
}

export function decodeAuth(auth: string): RegistryCredentials | undefined {
  const decoded = Buffer.from(auth, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

async function askHelper(
  helper: string,
  host: string,
  env: Record<string, string | undefined>,
): Promise<RegistryCredentials | undefined> {
  const result = await exec(`docker-credential-${helper}`, ['get'], { input: host, timeoutMs: 30_000, env });
  // The helper's output holds the secret: it is parsed, never echoed, not even on failure.
  if (!isSuccess(result)) return undefined;
  try {
    const answer = helperAnswerSchema.safeParse(JSON.parse(result.stdout));
    return answer.success ? { username: answer.data.Username, password: answer.data.Secret } : undefined;
  } catch {
    return undefined;
  }
}
