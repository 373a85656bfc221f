// Detects the buildx plugin version and gates version-dependent behaviour on it, like
// docker/actions-toolkit's versionSatisfies: one place decides which flags a buildx understands.
import semver from 'semver';
import { exec, isSuccess } from '../exec/exec.js';

export interface BuildxVersion {
  /** Normalised semver, e.g. "0.29.1". */
  version: string;
  raw: string;
}

/** `github.com/docker/buildx 0.29.1+ds1 0.29.1+ds1-4` → 0.29.1; `v0.13.1` → 0.13.1. */
export function parseBuildxVersion(output: string): BuildxVersion | undefined {
  const match = /buildx\s+v?(\d+\.\d+\.\d+)/.exec(output) ?? /\bv?(\d+\.\d+\.\d+)/.exec(output);
  if (!match?.[1]) return undefined;
  return { version: match[1], raw: output.trim() };
}

export async function detectBuildxVersion(
  env?: Record<string, string | undefined>,
): Promise<BuildxVersion | undefined> {
  const result = await exec('docker', ['buildx', 'version'], { timeoutMs: 15_000, env });
  if (!isSuccess(result)) return undefined;
  return parseBuildxVersion(result.stdout);
}

export function versionSatisfies(version: string | undefined, range: string): boolean {
  if (!version) return false;
  const coerced = semver.coerce(version);
  return coerced !== null && semver.satisfies(coerced, range);
}

/** Features whose availability depends on the buildx version (see ENGINE.md observations). */
export const buildxFeatures = {
  rawjsonProgress: '>=0.13.0',
  metadataFile: '>=0.6.0',
  namedContexts: '>=0.8.0',
  lsFormatJson: '>=0.13.0',
  historyCommand: '>=0.20.0',
  duFormatJson: '>=0.28.0',
} as const;

export function supports(version: string | undefined, feature: keyof typeof buildxFeatures): boolean {
  return versionSatisfies(version, buildxFeatures[feature]);
}
