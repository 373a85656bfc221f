// daemon.json for a managed Docker Engine: the keys dockerd 28.5.2 reads, in the forms it accepts.
import { describe, expect, it } from 'vitest';
import type { BuilderConfig, BuildkitdSettings, CachePolicy } from '../../../src/config/types.js';
import {
  managedDaemonFlags,
  renderManagedDaemonJson,
  resolveManagedDaemonConfig,
  type ManagedDaemonOptions,
} from '../../../src/builders/daemon-json.js';

const GB = 1_000_000_000;
const DAY = 86_400_000;
const noGc = {
  reservedSpaceBytes: undefined,
  maxUsedSpaceBytes: undefined,
  minFreeSpaceBytes: undefined,
  keepDurationMs: undefined,
};

function builder(buildkitd: Partial<BuildkitdSettings> = {}): BuilderConfig {
  return {
    name: 'managed',
    driver: 'managed',
    context: undefined,
    endpoint: undefined,
    driverOpts: {},
    platforms: [],
    nodes: [],
    resources: { memoryBytes: undefined, cpus: undefined },
    rootless: false,
    buildkitd: {
      gc: {
        reservedSpaceBytes: 10 * GB,
        maxUsedSpaceBytes: 80 * GB,
        minFreeSpaceBytes: 20 * GB,
        keepDurationMs: 30 * DAY,
      },
      maxParallelism: undefined,
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

const options: ManagedDaemonOptions = {
  dataRoot: '/var/lib/imageforge/managed/data',
  execRoot: '/run/imageforge/managed',
  host: 'unix:///run/imageforge/managed/docker.sock',
  production: true,
};

type Json = Record<string, unknown>;
const builderKey = (json: Json) => json.builder as Json;

describe('renderManagedDaemonJson', () => {
  it('turns on the containerd snapshotter and leaves the host firewall alone', () => {
    const json = renderManagedDaemonJson(builder(), options);
    expect(json).toMatchObject({
      features: { 'containerd-snapshotter': true },
      iptables: false,
      'ip-forward': false,
    });
  });

  it('never writes keys that duplicate dockerd flags; those come from managedDaemonFlags', () => {
    const json = renderManagedDaemonJson(builder(), options);
    for (const key of ['hosts', 'data-root', 'exec-root', 'pidfile']) expect(json).not.toHaveProperty(key);
    expect(managedDaemonFlags(options)).toEqual([
      '--data-root',
      options.dataRoot,
      '--exec-root',
      options.execRoot,
      '--host',
      options.host,
    ]);
  });

  it('production: both entitlements explicitly off (dockerd allows network-host by default)', () => {
    const config = resolveManagedDaemonConfig(builder({ entitlements: ['network.host'] }), options);
    expect(builderKey(config.daemonJson).entitlements).toEqual({
      'network-host': false,
      'security-insecure': false,
    });
    expect(config.warnings).toEqual([expect.stringMatching(/entitlements: network.host dropped/)]);
    const open = renderManagedDaemonJson(builder({ entitlements: ['network.host'] }), {
      ...options,
      production: false,
    });
    expect(builderKey(open).entitlements).toEqual({ 'network-host': true, 'security-insecure': false });
  });

  it('writes the GC policy with one value per filter key, ages as unused-for, sizes as byte strings', () => {
    const gc = builderKey(renderManagedDaemonJson(builder(), options)).gc as {
      enabled: boolean;
      policy: Json[];
    };
    const limits = { reservedSpace: '10000000000', maxUsedSpace: '80000000000', minFreeSpace: '20000000000' };
    expect(gc).toEqual({
      enabled: true,
      policy: [
        { filter: ['type=exec.cachemount', 'unused-for=48h'], maxUsedSpace: '512000000' },
        { filter: ['type=source.git.checkout', 'unused-for=48h'], maxUsedSpace: '512000000' },
        { filter: ['type=source.local', 'unused-for=48h'], maxUsedSpace: '512000000' },
        { filter: ['unused-for=720h'], ...limits },
        { ...limits },
        { all: true, ...limits },
      ],
    });
    for (const rule of gc.policy) {
      const keys = ((rule.filter ?? []) as string[]).map((filter) => filter.split('=')[0]);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('fills GC limits the builder leaves unset from the engine cache policy', () => {
    const cachePolicy: CachePolicy = {
      maxSizeBytes: 50 * GB,
      maxAgeMs: 14 * DAY,
      minFreeSpaceBytes: 5 * GB,
      reservedSpaceBytes: undefined,
      enforce: 'off',
      registryMaxAgeMs: 30 * DAY,
      keepBranches: [],
    };
    const gc = builderKey(renderManagedDaemonJson(builder({ gc: noGc }), { ...options, cachePolicy })).gc as {
      policy: Json[];
    };
    expect(gc.policy.at(-1)).toEqual({ all: true, maxUsedSpace: '50000000000', minFreeSpace: '5000000000' });
    expect(gc.policy[3]).toMatchObject({ filter: ['unused-for=336h'] });
  });

  it('leaves dockerd its default GC policy when nothing is configured', () => {
    expect(builderKey(renderManagedDaemonJson(builder({ gc: noGc }), options)).gc).toEqual({ enabled: true });
  });

  it('writes history limits as a Go duration and an integer', () => {
    const json = renderManagedDaemonJson(
      builder({ historyMaxAgeMs: 2 * DAY, historyMaxEntries: 50 }),
      options,
    );
    expect(builderKey(json).history).toEqual({ maxAge: '48h', maxEntries: 50 });
  });

  it('mirrors Docker Hub only, as URLs; plain HTTP for loopback registries only in production', () => {
    const settings = {
      mirrors: {
        'docker.io': ['mirror.gcr.io', 'localhost:5001', 'harbor.local/proxy'],
        'ghcr.io': ['ghcr-mirror.local'],
      },
      insecureRegistries: ['localhost:5001', 'registry.internal:5000'],
    };
    const config = resolveManagedDaemonConfig(builder(settings), options);
    expect(config.daemonJson['registry-mirrors']).toEqual(['https://mirror.gcr.io', 'http://localhost:5001']);
    expect(config.daemonJson['insecure-registries']).toEqual(['localhost:5001']);
    expect(config.warnings).toEqual([
      expect.stringMatching(/insecureRegistries: plain HTTP to "registry.internal:5000" refused/),
      expect.stringMatching(/mirrors.docker.io: "harbor.local\/proxy" not applied/),
      expect.stringMatching(/mirrors.ghcr.io: not applied/),
    ]);
    const open = renderManagedDaemonJson(builder(settings), { ...options, production: false });
    expect(open['insecure-registries']).toEqual(['localhost:5001', 'registry.internal:5000']);
  });

  it('exposes metrics on the debug address, loopback only in production', () => {
    expect(renderManagedDaemonJson(builder({ debugAddress: '0.0.0.0:9323' }), options)['metrics-addr']).toBe(
      '127.0.0.1:9323',
    );
    expect(
      renderManagedDaemonJson(builder({ debugAddress: '127.0.0.1:9323' }), options)['metrics-addr'],
    ).toBe('127.0.0.1:9323');
    expect(renderManagedDaemonJson(builder(), options)).not.toHaveProperty('metrics-addr');
  });
});
