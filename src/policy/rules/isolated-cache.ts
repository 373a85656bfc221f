// Whoever can write a build cache can change what a cached step produces. Production builds import
// only a cache that only production builds write: a registry prefix of their own, on a builder whose
// local cache is not shared with everyday builds.
import type { ImageCacheConfig } from '../../config/types.js';
import { imageConfigPlace, imageList } from '../policy-places.js';
import { buildersInUse } from '../policy-builders.js';
import { emptyFindings, type PolicyContext, type PolicyFindings } from '../policy-types.js';

const RULE = 'isolated-cache' as const;
const PROD_SEGMENT = /(^|[-_.])prod(uction)?($|[-_.])/;

export interface IsolatedCacheOptions {
  /** Registry prefix reserved for production caches, e.g. `registry:5000/cache-prod`. */
  productionCachePrefix?: string;
}

/** The cache repository an image exports to, with ${branch}/${target} left as placeholders. */
export function cacheRepository(cache: ImageCacheConfig, image: string): string | undefined {
  if (cache.registry === undefined) return undefined;
  const ref = cache.ref.replaceAll('${registry}', cache.registry).replaceAll('${image}', image);
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? ref.slice(0, colon) : ref;
}

/** Production-only when under the reserved prefix, or (without one) a path segment says prod. */
export function isProductionCache(repository: string, prefix: string | undefined): boolean {
  if (prefix !== undefined) {
    const base = prefix.replace(/\/+$/, '');
    return repository === base || repository.startsWith(`${base}/`);
  }
  const [, ...segments] = repository.split('/');
  return segments.some((segment) => PROD_SEGMENT.test(segment));
}

export function checkIsolatedCache(
  context: PolicyContext,
  options: IsolatedCacheOptions = {},
): PolicyFindings {
  const findings = emptyFindings();
  for (const image of context.images) {
    const cache = image.image.cache;
    const repository = cache === undefined ? undefined : cacheRepository(cache, image.name);
    if (repository === undefined || isProductionCache(repository, options.productionCachePrefix)) continue;
    const place = imageConfigPlace(context, image, 'cache', 'registry');
    const expected =
      options.productionCachePrefix === undefined
        ? 'a repository path with a `prod` segment'
        : `the production prefix ${options.productionCachePrefix}`;
    findings.violations.push({
      rule: RULE,
      image: image.name,
      message: `images.${image.name}: registry cache ${repository} (${place.text}) is not under ${expected}, so non-production builds may write it`,
      location: place.location,
      hint: `in the production profile set images.${image.name}.cache.registry (or defaults.cache.registry) to a prefix only production builds can push to, e.g. registry:5000/cache-prod`,
    });
  }
  for (const use of buildersInUse(context)) {
    if (use.config !== undefined && use.config.driver !== 'docker') continue;
    findings.warnings.push({
      rule: RULE,
      ...(use.name === undefined ? {} : { builder: use.name }),
      message: `${imageList(use.images)}: builder ${use.name ?? '(current)'} shares the engine's local build cache with every other build on it`,
      location: {
        file: context.configFile,
        path: use.name === undefined ? 'settings.builder' : `builders.${use.name}.driver`,
      },
      hint: 'use a builder with its own cache for production (driver: managed or docker-container)',
    });
  }
  return findings;
}
