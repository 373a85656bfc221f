// The directories the docker CLI searches for CLI plugins, in its order of preference. Mirrors
// getPluginDirs in docker/cli (cli-plugins/manager/manager.go): `cliPluginsExtraDirs` from
// config.json first, then `$DOCKER_CONFIG/cli-plugins`, then the system directories. The code puts
// the extra dirs first although its doc comment lists the config dir first; docker 28.2 behaves as
// the code does (a plugin in an extra dir shadows the same name in ~/.docker/cli-plugins).
import { readFile, realpath, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

export type PluginDirSource = 'config' | 'extra' | 'system';

export interface PluginDir {
  path: string;
  /** An existing directory (docker skips anything else silently). */
  exists: boolean;
  source: PluginDirSource;
  /** The same directory as an earlier entry (through a symlink): not searched twice. */
  sameAs?: string;
}

export interface PluginDirs {
  dirs: PluginDir[];
  /** Problems docker would warn about too (an unreadable config.json), one line each. */
  warnings: string[];
}

/** manager_unix.go: defaultSystemPluginDirs. */
export const SYSTEM_PLUGIN_DIRS = [
  '/usr/local/lib/docker/cli-plugins',
  '/usr/local/libexec/docker/cli-plugins',
  '/usr/lib/docker/cli-plugins',
  '/usr/libexec/docker/cli-plugins',
] as const;

type Env = Record<string, string | undefined>;

/** `$DOCKER_CONFIG`, else `$HOME/.docker` (docker/cli config.Dir). */
export function dockerConfigDir(env: Env = process.env): string {
  if (env.DOCKER_CONFIG) return path.resolve(env.DOCKER_CONFIG);
  return path.join(env.HOME || os.homedir(), '.docker');
}

export async function resolvePluginDirs(env: Env = process.env): Promise<PluginDirs> {
  const configDir = dockerConfigDir(env);
  const extra = await readExtraDirs(path.join(configDir, 'config.json'));
  const candidates: Array<{ path: string; source: PluginDirSource }> = [
    ...extra.dirs.map((dir) => ({ path: path.resolve(dir), source: 'extra' as const })),
    { path: path.join(configDir, 'cli-plugins'), source: 'config' },
    ...SYSTEM_PLUGIN_DIRS.map((dir) => ({ path: dir, source: 'system' as const })),
  ];
  const seen = new Map<string, string>();
  const dirs: PluginDir[] = [];
  for (const candidate of candidates) {
    const real = await existingDirectory(candidate.path);
    const sameAs = real === undefined ? undefined : seen.get(real);
    if (real !== undefined && sameAs === undefined) seen.set(real, candidate.path);
    dirs.push({ ...candidate, exists: real !== undefined, ...(sameAs ? { sameAs } : {}) });
  }
  return { dirs, warnings: extra.warnings };
}

/** The real path of an existing directory, else undefined. */
async function existingDirectory(dir: string): Promise<string | undefined> {
  try {
    if (!(await stat(dir)).isDirectory()) return undefined;
    return await realpath(dir);
  } catch {
    return undefined;
  }
}

const extraDirsSchema = z.array(z.string()).nullish();

/**
 * `cliPluginsExtraDirs` of config.json. Go's encoding/json matches keys case-insensitively, and
 * docker keeps going with an empty config (after a warning) when the file cannot be parsed.
 */
async function readExtraDirs(file: string): Promise<{ dirs: string[]; warnings: string[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { dirs: [], warnings: [] };
    return { dirs: [], warnings: [`cannot read ${file}: ${(error as Error).message}`] };
  }
  try {
    const document: unknown = JSON.parse(text);
    if (typeof document !== 'object' || document === null || Array.isArray(document))
      throw new Error('expected a JSON object');
    const key = Object.keys(document).find((name) => name.toLowerCase() === 'clipluginsextradirs');
    const parsed = extraDirsSchema.safeParse(key === undefined ? undefined : document[key as never]);
    if (!parsed.success) throw new Error('cliPluginsExtraDirs: expected an array of strings');
    return { dirs: parsed.data ?? [], warnings: [] };
  } catch (error: unknown) {
    return { dirs: [], warnings: [`${file} is not valid: ${(error as Error).message}`] };
  }
}
