import { describe, expect, it } from 'vitest';
import { planRegistryCleanup, type RegistryCacheTag } from '../../../src/cache/plan-registry-cleanup.js';
import { cacheTagForBranch, parseBranchRefs } from '../../../src/cache/branch-tags.js';
import { cacheCreatedAt } from '../../../src/cache/registry-cache-age.js';
import { decodeAuth } from '../../../src/cache/registry-credentials.js';
import { nextLink } from '../../../src/cache/registry-client.js';
import { parseRegistryPrefix } from '../../../src/cache/clean-registry-cache.js';

const NOW = new Date('2026-02-01T00:00:00Z');
const DAY = 86_400_000;
const tag = (name: string, daysOld: number | undefined, digest = `sha256:${name}`): RegistryCacheTag => ({
  repository: 'cache/app',
  tag: name,
  digest,
  createdAt: daysOld === undefined ? undefined : new Date(NOW.getTime() - daysOld * DAY),
});
const policy = { registryMaxAgeMs: 14 * DAY, keepBranches: ['main'] };

describe('planRegistryCleanup', () => {
  it.each([
    {
      name: 'live and fresh: kept',
      tags: [tag('feature-x', 1)],
      branches: ['feature/x'],
      action: 'keep',
      why: 'live branch',
    },
    {
      name: 'branch gone: deleted',
      tags: [tag('feature-y', 1)],
      branches: ['main'],
      action: 'delete',
      why: 'branch no longer exists',
    },
    {
      name: 'live but old: deleted',
      tags: [tag('feature-x', 20)],
      branches: ['feature/x'],
      action: 'delete',
      why: 'older than 14d',
    },
    {
      name: 'keepBranches: kept however old',
      tags: [tag('main', 400)],
      branches: [],
      action: 'keep',
      why: 'keepBranches',
    },
    {
      name: 'unknown age of a live branch: kept',
      tags: [tag('dev', undefined)],
      branches: ['dev'],
      action: 'keep',
      why: 'live branch (age unknown)',
    },
    {
      name: 'branches unknown: only age decides',
      tags: [tag('dev', 1)],
      branches: undefined,
      action: 'keep',
      why: 'branches unknown (not a git repository)',
    },
    {
      name: 'branches unknown and old: deleted',
      tags: [tag('dev', 30)],
      branches: undefined,
      action: 'delete',
      why: 'older than 14d',
    },
  ])('$name', ({ tags, branches, action, why }) => {
    expect(planRegistryCleanup(tags, policy, { now: NOW, branches })).toMatchObject([{ action, why }]);
  });

  it('never deletes a manifest a kept tag shares', () => {
    const decisions = planRegistryCleanup(
      [tag('main', 1, 'sha256:same'), tag('gone', 1, 'sha256:same')],
      policy,
      {
        now: NOW,
        branches: ['main'],
      },
    );
    expect(decisions.map((d) => d.action)).toEqual(['keep', 'keep']);
    expect(decisions[1]?.why).toMatch(/shared with a kept tag/);
  });
});

describe('branch tags', () => {
  it.each([
    ['feature/login', 'feature-login'],
    ['main', 'main'],
    ['.hidden', 'hidden'],
    ['Release_1.2', 'Release_1.2'],
  ])('%s → %s', (branch, expected) => expect(cacheTagForBranch(branch)).toBe(expected));

  it('reads local and remote-tracking branches', () => {
    const refs =
      'refs/heads/main\nrefs/heads/feature/x\nrefs/remotes/origin/HEAD\nrefs/remotes/origin/feature/y\n';
    expect(parseBranchRefs(refs)).toEqual(['feature/x', 'feature/y', 'main']);
  });
});

describe('registry details', () => {
  it('takes the newest buildkit/createdat of a cache manifest', () => {
    const manifest = {
      layers: [
        { annotations: { 'buildkit/createdat': '2026-11-21T12:58:05.004374238Z' } },
        { annotations: { 'buildkit/createdat': '2026-11-21T13:00:28.984254095Z' } },
        { annotations: {} },
      ],
    };
    expect(cacheCreatedAt(manifest)?.toISOString()).toBe('2026-11-21T13:00:28.984Z');
    expect(cacheCreatedAt({ manifests: [] })).toBeUndefined();
  });

  it('decodes docker config auths', () => {
    expect(decodeAuth(Buffer.from('user:pa:ss').toString('base64'))).toEqual({
      username: 'user',
      password: 'pa:ss',
    });
    expect(decodeAuth('')).toBeUndefined();
  });

  it('follows Link headers and splits prefixes', () => {
    expect(nextLink('</v2/_catalog?last=cache%2Fa&n=2>; rel="next"')).toBe('/v2/_catalog?last=cache%2Fa&n=2');
    expect(nextLink(null)).toBeUndefined();
    expect(parseRegistryPrefix('localhost:5000/cache/')).toEqual({ host: 'localhost:5000', path: 'cache' });
    expect(parseRegistryPrefix('https://r.example/a/b')).toEqual({
      host: 'r.example',
      path: 'a/b',
      scheme: 'https',
    });
  });
});
