import { describe, expect, it } from 'vitest';
import { checkIsolatedCache, isProductionCache } from '../../../src/policy/rules/isolated-cache.js';
import { messages, policyProject, withConfig } from './policy-fixture.js';

describe('isProductionCache', () => {
  it.each([
    { repository: 'localhost:5000/cache-prod/app', prefix: undefined, expected: true },
    { repository: 'localhost:5000/prod/cache/app', prefix: undefined, expected: true },
    { repository: 'localhost:5000/cache.production/app', prefix: undefined, expected: true },
    { repository: 'localhost:5000/cache/app', prefix: undefined, expected: false },
    { repository: 'localhost:5000/product/app', prefix: undefined, expected: false },
    { repository: 'prod.example.com/cache/app', prefix: undefined, expected: false },
    { repository: 'localhost:5000/release/app', prefix: 'localhost:5000/release/', expected: true },
    { repository: 'localhost:5000/release-x/app', prefix: 'localhost:5000/release', expected: false },
    { repository: 'localhost:5000/cache-prod/app', prefix: 'localhost:5000/release', expected: false },
  ])('$repository (prefix $prefix) -> $expected', ({ repository, prefix, expected }) => {
    expect(isProductionCache(repository, prefix)).toBe(expected);
  });
});

describe('isolated-cache', () => {
  it.each([
    { case: 'no registry cache', cache: undefined, prefix: undefined, expected: [] },
    {
      case: 'a production cache prefix',
      cache: 'localhost:5000/cache-prod',
      prefix: undefined,
      expected: [],
    },
    {
      case: 'a shared cache prefix',
      cache: 'localhost:5000/cache',
      prefix: undefined,
      expected: [
        /^images\.app: registry cache localhost:5000\/cache\/app \(imageforge\.yaml:\d+\) is not under a repository path with a `prod` segment, so non-production builds may write it$/,
      ],
    },
    {
      case: 'outside the configured production prefix',
      cache: 'localhost:5000/cache-prod',
      prefix: 'localhost:5000/release-cache',
      expected: [/is not under the production prefix localhost:5000\/release-cache,/],
    },
    {
      case: 'inside the configured production prefix',
      cache: 'localhost:5000/release-cache',
      prefix: 'localhost:5000/release-cache',
      expected: [],
    },
  ])('$case', async ({ cache, prefix, expected }) => {
    const patch = cache === undefined ? {} : { images: { app: { cache: { registry: cache } } } };
    const { context } = await policyProject(withConfig(patch));
    const findings = checkIsolatedCache(
      context,
      prefix === undefined ? {} : { productionCachePrefix: prefix },
    );
    const found = messages(findings.violations);
    expect(found).toHaveLength(expected.length);
    expected.forEach((pattern, index) => expect(found[index]).toMatch(pattern));
  });

  it.each([
    { driver: 'managed', builder: 'prod', warnings: [] },
    { driver: 'docker-container', builder: 'prod', warnings: [] },
    {
      driver: 'docker',
      builder: 'prod',
      warnings: [
        "images.app: builder prod shares the engine's local build cache with every other build on it",
      ],
    },
    {
      driver: 'managed',
      builder: null,
      warnings: [
        "images.app: builder (current) shares the engine's local build cache with every other build on it",
      ],
    },
  ])(
    'warns about a shared builder cache (driver $driver, builder $builder)',
    async ({ driver, builder, warnings }) => {
      const { context } = await policyProject(
        withConfig({ settings: { builder }, builders: { prod: { driver } } }),
      );
      expect(messages(checkIsolatedCache(context).warnings)).toEqual(warnings);
    },
  );
});
