// The cache policy without an imageforge.yaml (e.g. `imageforge cache du` on a bare engine): the
// same defaults settings.cache resolves to (src/config/load-config.ts).
import type { CachePolicy } from '../config/types.js';

export const DEFAULT_CACHE_POLICY: CachePolicy = {
  maxSizeBytes: 10e9,
  maxAgeMs: 72 * 3_600_000,
  minFreeSpaceBytes: undefined,
  reservedSpaceBytes: undefined,
  enforce: 'before-build',
  registryMaxAgeMs: 14 * 86_400_000,
  keepBranches: ['main', 'master'],
};
