// buildkitd.toml rendering: parsed back with a real TOML parser, per BuildKit version and policy.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import type { BuilderConfig, BuildkitdSettings } from '../../../src/config/types.js';
import {
  hardenedCreateArgs,
  hardenedCreateProblems,
  renderBuildkitdConfig,
  renderBuildkitdToml,
} from '../../../src/builders/buildkitd-config.js';
import { resolveBuildkitVersion } from '../../../src/builders/config/buildkit-version.js';
import { isLoopbackHost } from '../../../src/builders/config/loopback.js';

const GB = 1_000_000_000;
const DAY = 86_400_000;

function builder(
  buildkitd: Partial<BuildkitdSettings> = {},
  extra: Partial<BuilderConfig> = {},
): BuilderConfig {
  return {
    name: 'ci',
    driver: 'remote',
    context: undefined,
    endpoint: 'unix:///run/buildkit/buildkitd.sock',
    driverOpts: {},
    platforms: [],
    nodes: [],
    resources: { memoryBytes: undefined, cpus: undefined },
    rootless: false,
    ...extra,
    buildkitd: {
      gc: {
        reservedSpaceBytes: 10 * GB,
        maxUsedSpaceBytes: 80 * GB,
        minFreeSpaceBytes: 20 * GB,
        keepDurationMs: 30 * DAY,
      },
      maxParallelism: 4,
      mirrors: {},
      insecureRegistries: [],
      entitlements: [],
      historyMaxAgeMs: undefined,
      historyMaxEntries: undefined,
      debugAddress: undefined,
      ...buildkitd,
    },
  };
}

type Table = Record<string, unknown>;
const render = (b: BuilderConfig, buildkitVersion: string | undefined, production = true) =>
  parse(renderBuildkitdToml(b, { buildkitVersion, production, imageforgeVersion: '9.9.9' })) as Table;
const oci = (doc: Table) => (doc.worker as Table).oci as Table & { gcpolicy?: Table[] };

describe('resolveBuildkitVersion', () => {
  it.each([
    ['v0.17.3', '0.17.3', true],
    ['0.16.0', '0.16.0', false],
    ['v0.12.5', '0.12.5', false],
    ['v0.17.0-rc1', '0.17.0', true],
    ['v0.0.0+unknown', undefined, true],
    [undefined, undefined, true],
    ['garbage', undefined, true],
  ])('%s → %s (new GC keys: %s)', (raw, version, spaceGcKeys) => {
    const info = resolveBuildkitVersion(raw);
    expect(info.version).toBe(version);
    expect(info.spaceGcKeys).toBe(spaceGcKeys);
  });
});

describe('renderBuildkitdToml GC policy', () => {
  it.each(['v0.17.3', '0.26.1', 'v0.0.0+unknown', undefined])(
    '%s uses reservedSpace/maxUsedSpace/minFreeSpace',
    (v) => {
      const rules = oci(render(builder(), v)).gcpolicy ?? [];
      expect(rules).toHaveLength(4);
      expect(rules[0]).toEqual({
        filters: ['type==exec.cachemount', 'type==source.git.checkout', 'type==source.local'],
        keepDuration: 172_800,
        maxUsedSpace: 512_000_000,
      });
      expect(rules[1]).toEqual({
        keepDuration: 2_592_000,
        reservedSpace: 10 * GB,
        maxUsedSpace: 80 * GB,
        minFreeSpace: 20 * GB,
      });
      expect(rules[3]).toEqual({
        all: true,
        reservedSpace: 10 * GB,
        maxUsedSpace: 80 * GB,
        minFreeSpace: 20 * GB,
      });
      expect(JSON.stringify(rules)).not.toContain('keepBytes');
    },
  );

  it('0.16 uses keepBytes derived from maxUsedSpace and reports minFreeSpace as ignored', () => {
    const result = renderBuildkitdConfig(builder(), { buildkitVersion: '0.16.0', production: true });
    const rules = oci(parse(result.toml)).gcpolicy ?? [];
    expect(rules.map((rule) => rule.keepBytes)).toEqual([512_000_000, 80 * GB, 80 * GB, 80 * GB]);
    expect(rules[3]).toEqual({ all: true, keepBytes: 80 * GB });
    expect(result.toml).not.toMatch(/reservedSpace|maxUsedSpace|minFreeSpace =/);
    expect(result.warnings).toEqual([
      'builders.ci.buildkitd.gc.minFreeSpaceBytes: ignored: BuildKit before 0.17 has no minFreeSpace',
    ]);
  });

  it('never writes a rule with neither an age nor a size (it would empty the cache)', () => {
    const gcs = [
      {
        reservedSpaceBytes: undefined,
        maxUsedSpaceBytes: undefined,
        minFreeSpaceBytes: 5 * GB,
        keepDurationMs: undefined,
      },
      {
        reservedSpaceBytes: undefined,
        maxUsedSpaceBytes: undefined,
        minFreeSpaceBytes: undefined,
        keepDurationMs: DAY,
      },
      {
        reservedSpaceBytes: 2 * GB,
        maxUsedSpaceBytes: undefined,
        minFreeSpaceBytes: undefined,
        keepDurationMs: undefined,
      },
    ];
    for (const gc of gcs) {
      for (const version of ['0.16.0', '0.17.0']) {
        for (const rule of oci(render(builder({ gc }), version)).gcpolicy ?? []) {
          const keys = Object.keys(rule);
          expect(
            keys.some((key) => /keepDuration|keepBytes|Space$/.test(key)),
            JSON.stringify({ gc, version, rule }),
          ).toBe(true);
        }
      }
    }
  });

  it('leaves BuildKit its disk-derived defaults when nothing is configured', () => {
    const gc = {
      reservedSpaceBytes: undefined,
      maxUsedSpaceBytes: undefined,
      minFreeSpaceBytes: undefined,
      keepDurationMs: undefined,
    };
    const worker = oci(render(builder({ gc }), 'v0.17.3'));
    expect(worker.gcpolicy).toBeUndefined();
    expect(worker).toMatchObject({ enabled: true, gc: true, 'max-parallelism': 4 });
  });

  it('runs one worker: oci on, containerd off; rootless when the builder is', () => {
    const doc = render(builder({}, { rootless: true }), undefined);
    expect((doc.worker as Table).containerd).toEqual({ enabled: false });
    expect(oci(doc).rootless).toBe(true);
  });
});

describe('renderBuildkitdToml policy', () => {
  it('production: empty insecure-entitlements whatever is configured, and says what it dropped', () => {
    const b = builder({ entitlements: ['security.insecure', 'network.host'] });
    const result = renderBuildkitdConfig(b, { buildkitVersion: undefined, production: true });
    expect((parse(result.toml) as Table)['insecure-entitlements']).toEqual([]);
    expect(result.warnings[0]).toMatch(/entitlements: network.host, security.insecure dropped/);
    expect(render(b, undefined, false)['insecure-entitlements']).toEqual([
      'network.host',
      'security.insecure',
    ]);
  });

  it('production: plain HTTP for loopback registries only; refused hosts are reported', () => {
    const b = builder({
      insecureRegistries: ['registry.internal:5000', 'localhost:5000', '127.0.0.1:5001', '[::1]:5002'],
    });
    const result = renderBuildkitdConfig(b, { buildkitVersion: undefined, production: true });
    const registry = (parse(result.toml) as Table).registry as Table;
    expect(Object.keys(registry)).toEqual(['127.0.0.1:5001', '[::1]:5002', 'localhost:5000']);
    expect(registry['localhost:5000']).toEqual({ http: true });
    expect(result.warnings).toEqual([
      expect.stringMatching(/insecureRegistries: plain HTTP to "registry.internal:5000" refused/),
    ]);
    expect(result.toml).toContain(
      '# NOTE: builders.ci.buildkitd.insecureRegistries: plain HTTP to "registry.internal:5000"',
    );
    expect(Object.keys(render(b, undefined, false).registry as Table)).toContain('registry.internal:5000');
  });

  it('writes mirrors in their given order, merged with http where the host is plain HTTP', () => {
    const b = builder({
      mirrors: {
        'docker.io': ['https://mirror.gcr.io/', 'core.harbor.domain/proxy.docker.io'],
        'localhost:5000': ['localhost:5001'],
      },
      insecureRegistries: ['localhost:5000'],
    });
    const registry = render(b, undefined).registry as Table;
    expect(registry['docker.io']).toEqual({
      mirrors: ['mirror.gcr.io', 'core.harbor.domain/proxy.docker.io'],
    });
    expect(registry['localhost:5000']).toEqual({ mirrors: ['localhost:5001'], http: true });
  });

  it('writes history limits in seconds', () => {
    const doc = render(builder({ historyMaxAgeMs: 7 * DAY, historyMaxEntries: 100 }), 'v0.17.3');
    expect(doc.history).toEqual({ maxAge: 604_800, maxEntries: 100 });
  });

  it.each([
    ['127.0.0.1:6060', true, '127.0.0.1:6060'],
    ['[::1]:7070', true, '[::1]:7070'],
    ['localhost:6060', true, 'localhost:6060'],
    ['0.0.0.0:6061', true, '127.0.0.1:6061'],
    [':6062', true, '127.0.0.1:6062'],
    ['10.0.0.5:6060', false, '10.0.0.5:6060'],
  ])('debugAddress %s (production %s) → %s', (address, production, expected) => {
    expect(
      (render(builder({ debugAddress: address }), undefined, production).grpc as Table).debugAddress,
    ).toBe(expected);
  });

  it('is deterministic and names the imageforge and BuildKit versions in its header', () => {
    const b = builder({
      mirrors: { 'b.io': ['m2'], 'a.io': ['m1'] },
      insecureRegistries: ['localhost:2', 'localhost:1'],
    });
    const options = { buildkitVersion: 'v0.17.3', production: true, imageforgeVersion: '9.9.9' };
    const text = renderBuildkitdToml(b, options);
    expect(renderBuildkitdToml(structuredClone(b), options)).toBe(text);
    expect(text.split('\n')[1]).toBe(
      '# Rendered by imageforge 9.9.9 for BuildKit v0.17.3: GC limits use reservedSpace/maxUsedSpace/minFreeSpace.',
    );
    expect(Object.keys(parse(text).registry as Table)).toEqual([
      'a.io',
      'b.io',
      'localhost:1',
      'localhost:2',
    ]);
  });

  it('quotes registry keys and strings TOML would misread', () => {
    const doc = render(builder({ mirrors: { 'weird"host\\x': ['m\u007fx'] } }), undefined);
    expect((doc.registry as Table)['weird"host\\x']).toEqual({ mirrors: ['m\u007fx'] });
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['localhost:5000', true],
    ['127.0.0.1:5000', true],
    ['127.10.0.3', true],
    ['[::1]:5000', true],
    ['::1', true],
    ['0.0.0.0:5000', false],
    ['127.0.0.1.nip.io:5000', false],
    ['registry.local:5000', false],
    [':6060', false],
  ])('%s → %s', (host, expected) => expect(isLoopbackHost(host)).toBe(expected));
});

describe('hardenedCreateArgs', () => {
  it('passes an empty entitlement flag so buildx adds no network.host (docker/buildx#2266)', () => {
    expect(hardenedCreateArgs(builder({}, { driver: 'docker-container' }))).toEqual([
      '--buildkitd-flags',
      '--allow-insecure-entitlement=',
    ]);
    expect(
      hardenedCreateArgs(builder({}, { driver: 'kubernetes' }), [
        '--debug',
        '--oci-worker-gc-keepstorage=1 0',
      ]),
    ).toEqual([
      '--buildkitd-flags',
      "--debug '--oci-worker-gc-keepstorage=1 0' --allow-insecure-entitlement=",
    ]);
    expect(hardenedCreateArgs(builder({}, { driver: 'remote' }))).toEqual([]);
    expect(hardenedCreateArgs(builder({}, { driver: 'docker' }))).toEqual([]);
  });

  it('reports driver-opt network=host, which makes buildx always allow network.host', () => {
    const b = builder({}, { driver: 'docker-container', driverOpts: { network: 'host' } });
    expect(hardenedCreateProblems(b)).toEqual([
      expect.stringMatching(/^builders\.ci\.driverOpts\.network: "host"/),
    ]);
    expect(hardenedCreateProblems(builder({}, { driver: 'docker-container' }))).toEqual([]);
  });
});

describe('deploy/buildkit/buildkitd.example.toml', () => {
  const file = path.join(import.meta.dirname, '../../../deploy/buildkit/buildkitd.example.toml');
  const example = builder(
    {
      mirrors: { 'docker.io': ['mirror.gcr.io'] },
      insecureRegistries: ['localhost:5000'],
      historyMaxAgeMs: 7 * DAY,
      historyMaxEntries: 200,
      debugAddress: '127.0.0.1:6060',
    },
    { name: 'production' },
  );

  it('is what renderBuildkitdToml renders for a production builder (IMAGEFORGE_UPDATE_EXAMPLES=1 rewrites it)', () => {
    const rendered = renderBuildkitdToml(example, { buildkitVersion: undefined, production: true });
    if (process.env.IMAGEFORGE_UPDATE_EXAMPLES === '1') writeFileSync(file, rendered);
    expect(readFileSync(file, 'utf8')).toBe(rendered);
    expect(parse(rendered)['insecure-entitlements']).toEqual([]);
  });
});
