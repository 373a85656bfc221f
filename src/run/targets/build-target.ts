// Where an image builds: one engine/builder with its own environment (DOCKER_HOST / context) and
// buildx --builder flag. A plain builder is one target; a pool (a builder with nodes) is several.
import type { BuilderConfig } from '../../config/types.js';

export interface BuildTarget {
  /** Stable id, e.g. "default", "prod", "pool/n2". */
  id: string;
  /** The configured builder name (or buildx builder name, or "default"). */
  builder: string;
  /** The pool node, for builders with nodes. */
  node: string | undefined;
  /** Environment overrides for processes building on this target (DOCKER_HOST, DOCKER_CONTEXT). */
  env: Record<string, string | undefined>;
  /** `docker buildx build --builder` value; undefined = the endpoint's default builder. */
  builderFlag: string | undefined;
  /** Platforms this target builds natively or by emulation; empty = whatever the builder offers. */
  platforms: string[];
  /** buildx driver, or "managed" for an imageforge-run engine (a docker driver underneath). */
  driver: string;
}

/** Starts (or finds) the engine of a managed builder or pool node; returns its DOCKER_HOST. */
export interface ManagedBuilderRunner {
  ensureRunning(builder: BuilderConfig, node: string | undefined): Promise<{ dockerHost: string }>;
}

/** True when `target` can build every platform the image asks for. */
export function supportsPlatforms(target: BuildTarget, platforms: string[]): boolean {
  if (platforms.length === 0 || target.platforms.length === 0) return true;
  return platforms.every((platform) =>
    target.platforms.some((offered) => offered === platform || offered.startsWith(`${platform}/`)),
  );
}
