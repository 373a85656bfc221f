// Turns an image's cache configuration into buildx --cache-from / --cache-to values: registry refs
// rendered from the template per branch (import chain: this branch, then the fallbacks), local
// directory cache, inline cache. Exports never fail a build (ignore-error=true): a failed export is
// reported as a warning instead.
import type { ImageCacheConfig } from '../config/types.js';
import { cacheTagForBranch } from '../cache/branch-tags.js';

export interface CacheRefContext {
  image: string;
  branch: string;
  target: string | undefined;
}

export interface CacheFlags {
  from: string[];
  to: string[];
}

export interface CacheFlagOptions {
  /** Cache export needs the containerd image store on the docker driver. */
  canExport: boolean;
  /** `image-manifest=true` needs BuildKit ≥ 0.12 (Docker Engine ≥ 25 for the docker driver). */
  supportsImageManifest: boolean;
}

/** A branch name as a tag — the one function shared with registry cleanup (src/cache/branch-tags.ts). */
export const branchTag = cacheTagForBranch;

export function renderCacheRef(
  cache: ImageCacheConfig,
  context: CacheRefContext,
  branch = context.branch,
): string {
  const values: Record<string, string> = {
    registry: (cache.registry ?? '').replace(/\/+$/, ''),
    image: context.image,
    branch: branchTag(branch),
    target: context.target ?? 'default',
  };
  return cache.ref.replace(/\$\{(registry|image|branch|target)\}/g, (_, name: string) => values[name] ?? '');
}

/** The refs to import from, in order: the current branch, then each fallback branch (deduplicated). */
export function importRefs(cache: ImageCacheConfig, context: CacheRefContext): string[] {
  if (cache.registry === undefined) return [];
  const branches = [context.branch, ...cache.fallback];
  return [...new Set(branches.map((branch) => renderCacheRef(cache, context, branch)))];
}

export function cacheFlags(
  cache: ImageCacheConfig | undefined,
  context: CacheRefContext,
  options: CacheFlagOptions,
): CacheFlags {
  if (!cache) return { from: [], to: [] };
  const from = importRefs(cache, context).map((ref) => `type=registry,ref=${ref}`);
  if (cache.local) from.push(`type=local,src=${cache.local}`);
  const to: string[] = [];
  if (cache.export && options.canExport) {
    const common = [`mode=${cache.mode}`, ...(cache.compression ? [`compression=${cache.compression}`] : [])];
    if (cache.registry !== undefined) {
      const manifest = cache.imageManifest && options.supportsImageManifest;
      const registryOptions = [
        ...common,
        ...(manifest ? ['image-manifest=true', 'oci-mediatypes=true'] : []),
      ];
      to.push(
        [`type=registry,ref=${renderCacheRef(cache, context)}`, ...registryOptions, 'ignore-error=true'].join(
          ',',
        ),
      );
    }
    if (cache.local) to.push([`type=local,dest=${cache.local}`, ...common, 'ignore-error=true'].join(','));
  }
  if (cache.export && cache.inline) to.push('type=inline');
  return { from, to };
}

/** `--cache-from X --cache-to Y ...` for `docker buildx build`. */
export function cacheArgs(flags: CacheFlags): string[] {
  return [
    ...flags.from.flatMap((value) => ['--cache-from', value]),
    ...flags.to.flatMap((value) => ['--cache-to', value]),
  ];
}
