// Decides which buildkitd.toml dialect a BuildKit version understands: BuildKit 0.17 replaced the
// GC policy's `keepBytes` with `reservedSpace` / `maxUsedSpace` / `minFreeSpace`.
import semver from 'semver';

export interface BuildkitVersionInfo {
  /** What was detected, as given (undefined when nothing was detected). */
  raw: string | undefined;
  /** Normalised semver, undefined when the version is unknown. */
  version: string | undefined;
  /** True when the daemon understands the BuildKit ≥ 0.17 GC keys. */
  spaceGcKeys: boolean;
  /** One line for the rendered file's header. */
  description: string;
}

const SPACE_GC_KEYS = '>=0.17.0';

/**
 * `v0.17.3` and `0.16.0` parse as themselves (a pre-release such as `v0.17.0-rc1` counts as its
 * release). Docker Engine's embedded BuildKit reports `v0.0.0+unknown` because distribution builds
 * do not stamp the vendored module version; an engine that recent ships BuildKit ≥ 0.17 (Docker
 * 28 vendors 0.2x), so unknown, undetected and unparsable versions all get the current keys.
 */
export function resolveBuildkitVersion(raw: string | undefined): BuildkitVersionInfo {
  const trimmed = raw?.trim();
  const coerced = trimmed ? semver.coerce(trimmed) : null;
  if (!coerced || (coerced.major === 0 && coerced.minor === 0 && coerced.patch === 0)) {
    const what = trimmed ? `BuildKit ${trimmed} (version not stamped)` : 'an undetected BuildKit version';
    return {
      raw: trimmed,
      version: undefined,
      spaceGcKeys: true,
      description: `${what}, assumed current: GC limits use reservedSpace/maxUsedSpace/minFreeSpace`,
    };
  }
  const spaceGcKeys = semver.satisfies(coerced, SPACE_GC_KEYS);
  return {
    raw: trimmed,
    version: coerced.version,
    spaceGcKeys,
    description: spaceGcKeys
      ? `BuildKit v${coerced.version}: GC limits use reservedSpace/maxUsedSpace/minFreeSpace`
      : `BuildKit v${coerced.version} (before 0.17): GC limits use keepBytes`,
  };
}
