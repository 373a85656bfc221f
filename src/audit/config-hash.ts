// A fingerprint of what a run was configured to build: the resolved configuration (after profile,
// --set, interpolation and defaults), not the file bytes, so two records with the same hash built
// the same thing even when the difference came from a flag or an environment variable.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { redactStrings } from './redact-record.js';

export interface ConfigHashOptions {
  /** Applied to every string first, so secret values never influence (or leak through) the hash. */
  redact?: (text: string) => string;
}

/**
 * `sha256:<hex>` of the resolved config as canonical JSON (sorted keys). Paths are made relative to
 * the project so the same checkout hashes alike wherever it lives; `warnings` are left out. Secrets
 * appear only as references (env name, file path), never as values.
 */
export function configHash(config: ResolvedConfig, options: ConfigHashOptions = {}): string {
  const { warnings: _warnings, file, projectDir, ...rest } = config;
  const relative = relativePaths({ ...rest, file }, projectDir);
  const hashed = options.redact === undefined ? relative : redactStrings(relative, options.redact);
  return `sha256:${createHash('sha256').update(canonicalJson(hashed)).digest('hex')}`;
}

function relativePaths(value: unknown, projectDir: string): unknown {
  if (typeof value === 'string') {
    if (value === projectDir) return '.';
    return value.startsWith(projectDir + path.sep) ? path.relative(projectDir, value) : value;
  }
  if (Array.isArray(value)) return value.map((item) => relativePaths(item, projectDir));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, relativePaths(item, projectDir)]),
    );
  }
  return value;
}

/** JSON with object keys sorted at every level and undefined members dropped. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
