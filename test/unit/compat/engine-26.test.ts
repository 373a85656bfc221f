// Docker Engine version gates (src/docker/engine-features.ts) and what they change, checked against
// what dockerd 26.1.5 (Debian trixie) really did: test/fixtures/trixie.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  engineFeatures,
  engineSupports,
  requiredEngineVersion,
} from '../../../src/docker/engine-features.js';
import { gcBlock, resolveManagedDaemonConfig, usesLegacyGcKeys } from '../../../src/builders/daemon-json.js';
import { parseDockerdVersion } from '../../../src/builders/managed/dockerd-version.js';
import { gcConfigWarnings, renderGcConfig } from '../../../src/cache/gc-config.js';
import { pinnedContexts, type PlannedImage } from '../../../src/plan/plan.js';
import type { BuilderConfig } from '../../../src/config/types.js';

const fixture = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/trixie/${name}`, import.meta.url)), 'utf8');

const OLD = parseDockerdVersion(fixture('dockerd-version.txt'));
const CURRENT = '28.5.2+dfsg4';
const GB = 1_000_000_000;
const DAY = 86_400_000;

describe('engine version gates', () => {
  it('reads the version `dockerd --version` prints (Debian suffix kept)', () => {
    expect(OLD).toBe('26.1.5+dfsg1');
    expect(parseDockerdVersion('Docker version 28.5.2+dfsg4, build 3ef3c07c')).toBe(CURRENT);
    expect(parseDockerdVersion('dockerd: command not found')).toBeUndefined();
  });

  it.each([
    ['localDigestLookup', false, true],
    ['gcSpaceKeys', false, true],
    ['cacheImageManifest', true, true],
  ] as const)('%s: 26.1.5 → %s, 28.5.2 → %s', (feature, old, current) => {
    expect(engineSupports(OLD, feature)).toBe(old);
    expect(engineSupports(CURRENT, feature)).toBe(current);
  });

  it('names the first version with a feature, for messages', () => {
    expect(requiredEngineVersion('gcSpaceKeys')).toBe('28.0.0');
    expect(Object.keys(engineFeatures)).toContain('localDigestLookup');
  });
});

describe('GC rules for dockerd before 28.0', () => {
  const settings = {
    reservedSpaceBytes: 10 * GB,
    maxUsedSpaceBytes: 80 * GB,
    minFreeSpaceBytes: 20 * GB,
    keepDurationMs: 30 * DAY,
  };

  it('dockerd 26 refuses to start on a rule without keepStorage (recorded)', () => {
    expect(fixture('dockerd-gc-without-keepstorage.txt')).toContain("invalid size: ''");
  });

  it('gives every rule a keepStorage and none of the newer keys', () => {
    const block = gcBlock(settings, { legacyKeys: true }) as { policy: Array<Record<string, unknown>> };
    expect(block.policy.length).toBeGreaterThan(0);
    for (const rule of block.policy) {
      expect(rule.keepStorage).toMatch(/^\d+$/);
      expect(rule).not.toHaveProperty('reservedSpace');
      expect(rule).not.toHaveProperty('maxUsedSpace');
      expect(rule).not.toHaveProperty('minFreeSpace');
    }
    // the cap (maxUsedSpace) is what older BuildKit's keepBytes meant; age-only rules keep no floor
    expect(block.policy.map((rule) => rule.keepStorage)).toEqual([
      '512000000',
      '512000000',
      '512000000',
      String(80 * GB),
      String(80 * GB),
      String(80 * GB),
    ]);
  });

  it('writes an age-only rule with keepStorage "0" (accepted by dockerd 26.1.5)', () => {
    const block = gcBlock(
      {
        reservedSpaceBytes: undefined,
        maxUsedSpaceBytes: undefined,
        minFreeSpaceBytes: undefined,
        keepDurationMs: 3 * DAY,
      },
      { legacyKeys: true },
    ) as { policy: Array<Record<string, unknown>> };
    expect(block.policy.at(-1)).toEqual({ filter: ['unused-for=72h'], keepStorage: '0' });
  });

  it('keeps the current keys for current and unknown engines', () => {
    expect(usesLegacyGcKeys(CURRENT)).toBe(false);
    expect(usesLegacyGcKeys(undefined)).toBe(false);
    expect(usesLegacyGcKeys(OLD)).toBe(true);
    const block = gcBlock(settings) as { policy: Array<Record<string, unknown>> };
    expect(block.policy.some((rule) => 'keepStorage' in rule)).toBe(false);
  });

  it('tells a managed builder what its engine cannot apply', () => {
    const config = resolveManagedDaemonConfig(managedBuilder(settings), {
      dataRoot: '/d',
      execRoot: '/e',
      host: 'unix:///s.sock',
      production: false,
      engineVersion: OLD,
    });
    expect(config.warnings).toEqual([
      'builders.old.buildkitd.gc: minFreeSpace, reservedSpace not applied: Docker Engine 26.1.5+dfsg1 knows only keepStorage (the new GC keys need 28.0.0)',
    ]);
    const gc = (config.daemonJson.builder as { gc: { policy: Array<Record<string, unknown>> } }).gc;
    expect(gc.policy.every((rule) => typeof rule.keepStorage === 'string')).toBe(true);
  });

  it('renders `cache gc-config` for the engine it is meant for', () => {
    const policy = {
      maxSizeBytes: 5 * GB,
      maxAgeMs: 7 * DAY,
      minFreeSpaceBytes: GB,
      reservedSpaceBytes: undefined,
    };
    const old = renderGcConfig(policy, { engineVersion: OLD }).builder.gc as {
      policy: Array<Record<string, unknown>>;
    };
    expect(old.policy.every((rule) => typeof rule.keepStorage === 'string')).toBe(true);
    expect(gcConfigWarnings(policy, { engineVersion: OLD })).toEqual([
      'builder.gc: minFreeSpace not applied: Docker Engine 26.1.5+dfsg1 knows only keepStorage (the new GC keys need 28.0.0)',
    ]);
    expect(gcConfigWarnings(policy, { engineVersion: CURRENT })).toEqual([]);
    const current = renderGcConfig(policy, { engineVersion: CURRENT }).builder.gc as {
      policy: Array<Record<string, unknown>>;
    };
    expect(current.policy.some((rule) => rule.minFreeSpace === String(GB))).toBe(true);
  });
});

describe('dependency pinning where the engine cannot find a loaded image by digest', () => {
  const planned = {
    name: 'app',
    baseImageLinks: [{ ref: 'localhost:5000/jenkins/base:dev', line: 1, image: 'base' }],
  } as unknown as PlannedImage;
  const digests = { base: 'sha256:e85c101f459c61122c3279ea308fbfe62e096518b49bc23305cd0481e264174b' };

  it('pins by digest by default', () => {
    expect(pinnedContexts(planned, digests)).toEqual([
      {
        name: 'localhost:5000/jenkins/base:dev',
        value: `docker-image://localhost:5000/jenkins/base:dev@${digests.base}`,
      },
    ]);
  });

  it('names the dependency by its tag with byDigest: false', () => {
    expect(pinnedContexts(planned, digests, { byDigest: false })).toEqual([
      { name: 'localhost:5000/jenkins/base:dev', value: 'docker-image://localhost:5000/jenkins/base:dev' },
    ]);
  });
});

function managedBuilder(gc: BuilderConfig['buildkitd']['gc']): BuilderConfig {
  return {
    name: 'old',
    driver: 'managed',
    context: undefined,
    endpoint: undefined,
    driverOpts: {},
    platforms: [],
    nodes: [],
    resources: { memoryBytes: undefined, cpus: undefined },
    rootless: false,
    buildkitd: {
      gc,
      maxParallelism: undefined,
      mirrors: {},
      insecureRegistries: [],
      entitlements: [],
      historyMaxAgeMs: undefined,
      historyMaxEntries: undefined,
      debugAddress: undefined,
    },
  };
}
