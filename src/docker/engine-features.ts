// Docker Engine behaviour that depends on the daemon's version, the dockerd counterpart of
// buildx/buildx-version.ts: one table says which engine does what, so callers degrade in one way.
import { versionSatisfies } from '../buildx/buildx-version.js';

export const engineFeatures = {
  /**
   * With the docker driver and the containerd image store, BuildKit finds a local image named
   * `repo:tag@sha256:…` (or `repo@sha256:…`) in the engine's store. Older engines look such a name up
   * in the registry only ("not found" for an image that was loaded, not pushed). Fixed by
   * moby/buildkit#6031 (BuildKit 0.23, Docker Engine 28.3); seen failing on 26.1.5, working on 28.5.2.
   */
  localDigestLookup: '>=28.3.0',
  /**
   * daemon.json `builder.gc.policy[]` reads `reservedSpace`, `maxUsedSpace`, `minFreeSpace` (BuildKit
   * 0.17 GC, moby/moby#48639, API 1.48 = Docker Engine 28.0). 26.1.5 reads only `keepStorage` and
   * refuses to start when a rule has none.
   */
  gcSpaceKeys: '>=28.0.0',
  /** `--cache-to type=registry,image-manifest=true` with the docker driver. */
  cacheImageManifest: '>=25.0.0',
} as const;

export type EngineFeature = keyof typeof engineFeatures;

/** `version` as the daemon reports it, e.g. "28.5.2" or Debian's "26.1.5+dfsg1". */
export function engineSupports(version: string | undefined, feature: EngineFeature): boolean {
  return versionSatisfies(version, engineFeatures[feature]);
}

/** The first engine version with `feature`, for messages ("needs Docker Engine 28.3.0"). */
export function requiredEngineVersion(feature: EngineFeature): string {
  return engineFeatures[feature].replace('>=', '');
}
