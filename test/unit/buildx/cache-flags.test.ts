import { describe, expect, it } from 'vitest';
import {
  branchTag,
  cacheArgs,
  cacheFlags,
  importRefs,
  renderCacheRef,
} from '../../../src/buildx/cache-flags.js';
import type { ImageCacheConfig } from '../../../src/config/types.js';

const cache: ImageCacheConfig = {
  registry: 'localhost:5000/cache/',
  ref: '${registry}/${image}:${branch}',
  fallback: ['main'],
  mode: 'max',
  compression: 'zstd',
  imageManifest: true,
  inline: false,
  local: undefined,
  export: true,
};
const context = { image: 'controller', branch: 'Feature/JENKINS-42_fix', target: 'runtime' };
const capable = { canExport: true, supportsImageManifest: true };

describe('cache flags', () => {
  it('turns branch names into valid tags', () => {
    expect(branchTag('Feature/JENKINS-42_fix')).toBe('Feature-JENKINS-42_fix');
    expect(branchTag('---')).toBe('latest');
    expect(branchTag('x'.repeat(200))).toHaveLength(128);
  });

  it('renders the ref template and imports this branch first, then the fallbacks', () => {
    expect(renderCacheRef(cache, context)).toBe('localhost:5000/cache/controller:Feature-JENKINS-42_fix');
    expect(importRefs(cache, context)).toEqual([
      'localhost:5000/cache/controller:Feature-JENKINS-42_fix',
      'localhost:5000/cache/controller:main',
    ]);
    expect(importRefs(cache, { ...context, branch: 'main' })).toEqual([
      'localhost:5000/cache/controller:main',
    ]);
    expect(renderCacheRef({ ...cache, ref: '${registry}/${image}-${target}:${branch}' }, context)).toBe(
      'localhost:5000/cache/controller-runtime:Feature-JENKINS-42_fix',
    );
  });

  it('exports with mode, compression and image manifests, never failing the build', () => {
    const flags = cacheFlags(cache, context, capable);
    expect(flags.to).toEqual([
      'type=registry,ref=localhost:5000/cache/controller:Feature-JENKINS-42_fix,mode=max,compression=zstd,image-manifest=true,oci-mediatypes=true,ignore-error=true',
    ]);
    expect(cacheArgs(flags)).toEqual([
      '--cache-from',
      'type=registry,ref=localhost:5000/cache/controller:Feature-JENKINS-42_fix',
      '--cache-from',
      'type=registry,ref=localhost:5000/cache/controller:main',
      '--cache-to',
      flags.to[0],
    ]);
  });

  it('imports only when export is off or impossible, and supports local and inline cache', () => {
    expect(cacheFlags({ ...cache, export: false }, context, capable).to).toEqual([]);
    expect(cacheFlags(cache, context, { ...capable, canExport: false }).to).toEqual([]);
    const local = cacheFlags(
      { ...cache, registry: undefined, local: '/p/.cache', inline: true, compression: undefined },
      context,
      capable,
    );
    expect(local).toEqual({
      from: ['type=local,src=/p/.cache'],
      to: ['type=local,dest=/p/.cache,mode=max,ignore-error=true', 'type=inline'],
    });
    expect(cacheFlags(cache, context, { ...capable, supportsImageManifest: false }).to[0]).not.toContain(
      'image-manifest',
    );
  });
});
