// A plugin's answer to `docker-<name> docker-cli-plugin-metadata`, judged as docker/cli's newPlugin
// (cli-plugins/manager/plugin.go) judges it: a JSON object, SchemaVersion exactly "0.1.0", a
// non-empty Vendor. Keys match case-insensitively and null means absent, as with Go's encoding/json.
import { z } from 'zod';
import { exec, type ExecResult } from '../exec/exec.js';

export const METADATA_SUBCOMMAND = 'docker-cli-plugin-metadata';
export const DEFAULT_METADATA_TIMEOUT_MS = 5000;

export const pluginMetadataSchema = z.object({
  SchemaVersion: z.string().nullish(),
  Vendor: z.string().nullish(),
  Version: z.string().nullish(),
  ShortDescription: z.string().nullish(),
  URL: z.string().nullish(),
  Experimental: z.boolean().nullish(),
});

export interface PluginMetadata {
  schemaVersion: string;
  vendor: string;
  version?: string;
  shortDescription?: string;
  url?: string;
}

export type MetadataOutcome =
  | { ok: true; metadata: PluginMetadata }
  | { ok: false; problem: 'metadata-failed' | 'metadata-invalid'; message: string };

const FIELDS = Object.keys(pluginMetadataSchema.shape);

/** Judges the stdout of the metadata call. */
export function parsePluginMetadata(stdout: string): MetadataOutcome {
  const invalid = (message: string): MetadataOutcome => ({
    ok: false,
    problem: 'metadata-invalid',
    message: `invalid metadata: ${message}`,
  });
  let document: unknown;
  try {
    document = JSON.parse(stdout);
  } catch (error: unknown) {
    return invalid(stdout.trim() === '' ? 'empty output' : (error as Error).message);
  }
  if (Array.isArray(document) || (typeof document !== 'object' && document !== null))
    return invalid(`expected a JSON object, got ${Array.isArray(document) ? 'an array' : typeof document}`);
  const parsed = pluginMetadataSchema.safeParse(canonicalKeys(document ?? {}));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return invalid(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'wrong type'}`);
  }
  const schemaVersion = parsed.data.SchemaVersion ?? '';
  if (schemaVersion !== '0.1.0')
    return {
      ok: false,
      problem: 'metadata-invalid',
      message: `plugin SchemaVersion "${schemaVersion}" is not valid, must be 0.1.0`,
    };
  if (!parsed.data.Vendor)
    return { ok: false, problem: 'metadata-invalid', message: 'plugin metadata does not define a vendor' };
  return {
    ok: true,
    metadata: {
      schemaVersion,
      vendor: parsed.data.Vendor,
      ...(parsed.data.Version ? { version: parsed.data.Version } : {}),
      ...(parsed.data.ShortDescription ? { shortDescription: parsed.data.ShortDescription } : {}),
      ...(parsed.data.URL ? { url: parsed.data.URL } : {}),
    },
  };
}

/** Runs the metadata call with a bound (docker itself waits forever) and judges the answer. */
export async function fetchPluginMetadata(
  pluginPath: string,
  options: { timeoutMs?: number; env?: Record<string, string | undefined> } = {},
): Promise<MetadataOutcome> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_METADATA_TIMEOUT_MS;
  const result = await exec(pluginPath, [METADATA_SUBCOMMAND], { timeoutMs, env: options.env });
  const failure = metadataCallFailure(result, timeoutMs);
  if (failure !== undefined) return { ok: false, problem: 'metadata-failed', message: failure };
  return parsePluginMetadata(result.stdout);
}

/** One line saying why the metadata call failed, or undefined when it exited 0. */
export function metadataCallFailure(result: ExecResult, timeoutMs: number): string | undefined {
  const stderr = firstLine(result.stderr);
  const because = stderr ? ` (${stderr})` : '';
  if (result.timedOut) return `failed to fetch metadata: no answer within ${timeoutMs}ms`;
  if (result.spawnError !== undefined) return `failed to fetch metadata: ${result.spawnError}`;
  if (result.signal !== undefined) return `failed to fetch metadata: killed by ${result.signal}${because}`;
  if (result.exitCode !== 0)
    return `failed to fetch metadata: exit status ${result.exitCode ?? '?'}${because}`;
  return undefined;
}

function canonicalKeys(document: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) {
    const field = FIELDS.find((name) => name.toLowerCase() === key.toLowerCase());
    if (field !== undefined) out[field] = value;
  }
  return out;
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? ''
  ).slice(0, 200);
}
