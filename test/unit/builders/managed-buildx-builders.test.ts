import { describe, expect, it } from 'vitest';
import type { BuilderConfig } from '../../../src/config/types.js';
import { buildxBuilderName, createBuilderArgs, detectDrift } from '../../../src/builders/buildx-builders.js';
import { parseBuildxList } from '../../../src/builders/buildx-builder-list.js';
import { contextArgs, parseContextList } from '../../../src/builders/docker-context.js';

function builder(overrides: Partial<BuilderConfig> = {}): BuilderConfig {
  return {
    name: 'ci',
    driver: 'docker-container',
    context: undefined,
    endpoint: undefined,
    driverOpts: {},
    platforms: [],
    buildkitd: {
      gc: {
        reservedSpaceBytes: undefined,
        maxUsedSpaceBytes: undefined,
        minFreeSpaceBytes: undefined,
        keepDurationMs: undefined,
      },
      maxParallelism: undefined,
      mirrors: {},
      insecureRegistries: [],
      entitlements: [],
      historyMaxAgeMs: undefined,
      historyMaxEntries: undefined,
      debugAddress: undefined,
    },
    nodes: [],
    resources: { memoryBytes: undefined, cpus: undefined },
    rootless: false,
    ...overrides,
  };
}

// Recorded from buildx 0.29.1 against Docker 28.5.2 (docker driver), trimmed labels.
const DOCKER_DRIVER_LS =
  '{"Current":true,"Driver":"docker","Dynamic":false,"Name":"imageforge-prod","Nodes":[{"Endpoint":"imageforge-prod","GCPolicy":[{"all":false,"filter":["type==source.local,type==exec.cachemount,type==source.git.checkout"],"keepDuration":172800000000000,"maxUsedSpace":3592570859,"minFreeSpace":0,"reservedSpace":0},{"all":true,"filter":null,"keepDuration":0,"maxUsedSpace":202000000000,"minFreeSpace":51000000000,"reservedSpace":26000000000}],"IDs":["mw6rtfr7o8lwhpotkf71qy3or"],"Name":"imageforge-prod","Platforms":["linux/amd64","linux/amd64/v2","linux/arm64"],"Status":"running","Version":"v0.0.0+unknown"}]}';

// Shape of a docker-container builder in `buildx ls --format json` (buildx 0.29 store.Node fields).
const CONTAINER_LS =
  '{"Driver":"docker-container","Name":"ci","Nodes":[{"Name":"ci0","Endpoint":"unix:///var/run/docker.sock","DriverOpts":{"memory":"2g","image":"moby/buildkit:buildx-stable-1"},"Flags":["--allow-insecure-entitlement="],"Platforms":["linux/amd64"],"Status":"running","Version":"v0.25.1"}]}';

describe('createBuilderArgs', () => {
  it('builds one create per node, appending after the first', () => {
    const config = builder({
      driverOpts: { memory: '2g', 'cpu-quota': '50000' },
      platforms: ['linux/amd64'],
      nodes: [
        { name: 'amd', endpoint: 'unix:///run/a.sock', platforms: [], driverOpts: {} },
        {
          name: 'arm',
          endpoint: 'ssh://arm-box',
          platforms: ['linux/arm64'],
          driverOpts: { network: 'none' },
        },
      ],
    });
    expect(createBuilderArgs(config, { buildkitdConfigFile: '/h/buildkitd.toml' })).toEqual([
      [
        'buildx',
        'create',
        '--name',
        'ci',
        '--driver',
        'docker-container',
        '--driver-opt',
        'cpu-quota=50000',
        '--driver-opt',
        'memory=2g',
        '--platform',
        'linux/amd64',
        '--buildkitd-config',
        '/h/buildkitd.toml',
        '--node',
        'amd',
        'unix:///run/a.sock',
      ],
      [
        'buildx',
        'create',
        '--name',
        'ci',
        '--driver',
        'docker-container',
        '--driver-opt',
        'cpu-quota=50000',
        '--driver-opt',
        'memory=2g',
        '--driver-opt',
        'network=none',
        '--platform',
        'linux/arm64',
        '--buildkitd-config',
        '/h/buildkitd.toml',
        '--node',
        'arm',
        '--append',
        'ssh://arm-box',
      ],
    ]);
  });

  it('uses the builder endpoint without nodes, --config before buildx 0.13, and no config file for remote', () => {
    expect(
      createBuilderArgs(builder({ endpoint: 'tcp://b:1234', driver: 'remote' }), {
        buildkitdConfigFile: '/x.toml',
      }),
    ).toEqual([['buildx', 'create', '--name', 'ci', '--driver', 'remote', 'tcp://b:1234']]);
    expect(
      createBuilderArgs(builder(), { buildkitdConfigFile: '/x.toml', buildxVersion: 'v0.12.1' })[0],
    ).toContain('--config');
  });

  it('hardens production builders and refuses drivers that are docker contexts', () => {
    expect(createBuilderArgs(builder(), { production: true })[0]).toEqual([
      'buildx',
      'create',
      '--name',
      'ci',
      '--driver',
      'docker-container',
      '--buildkitd-flags',
      '--allow-insecure-entitlement=',
    ]);
    expect(() => createBuilderArgs(builder({ driver: 'managed' }))).toThrow(/not created with buildx create/);
  });

  it('names managed and docker builders after their context', () => {
    expect(buildxBuilderName(builder({ name: 'prod', driver: 'managed' }))).toBe('imageforge-prod');
    expect(buildxBuilderName(builder({ driver: 'docker', context: 'remote-box' }))).toBe('remote-box');
    expect(buildxBuilderName(builder({ driver: 'docker' }))).toBe('default');
  });
});

describe('parseBuildxList', () => {
  it('reads status, version, platforms and GC policy of a real docker-driver builder', () => {
    const [parsed] = parseBuildxList(`${DOCKER_DRIVER_LS}\n`);
    expect(parsed?.driver).toBe('docker');
    expect(parsed?.nodes[0]).toMatchObject({
      status: 'running',
      buildkitVersion: 'v0.0.0+unknown',
      driverOpts: undefined,
    });
    expect(parsed?.nodes[0]?.gcPolicy[0]).toEqual({
      all: false,
      filters: ['type==source.local', 'type==exec.cachemount', 'type==source.git.checkout'],
      keepDurationMs: 172_800_000,
      reservedSpaceBytes: 0,
      maxUsedSpaceBytes: 3_592_570_859,
      minFreeSpaceBytes: 0,
    });
  });
});

describe('detectDrift', () => {
  const [live] = parseBuildxList(CONTAINER_LS);
  if (!live) throw new Error('fixture did not parse');

  it('finds nothing when the live builder matches', () => {
    const config = builder({
      driverOpts: { memory: '2g' },
      platforms: ['linux/amd64'],
      endpoint: 'unix:///var/run/docker.sock',
    });
    expect(detectDrift(config, live)).toEqual([]);
  });

  it('reports driver, platforms, endpoint, driver options and node count', () => {
    const config = builder({
      driver: 'kubernetes',
      driverOpts: { memory: '4g', network: 'none' },
      platforms: ['linux/arm64'],
      nodes: [
        { name: 'ci0', endpoint: 'tcp://other:1234', platforms: [], driverOpts: {} },
        { name: 'ci1', endpoint: undefined, platforms: [], driverOpts: {} },
      ],
    });
    expect(
      detectDrift(config, live).map((drift) => `${drift.field}:${drift.expected}/${drift.actual}`),
    ).toEqual([
      'driver:kubernetes/docker-container',
      'nodes:2/1',
      'endpoint:tcp://other:1234/unix:///var/run/docker.sock',
      'platforms:linux/arm64/linux/amd64',
      'driverOpts:memory=4g/memory=2g',
      'driverOpts:network=none/network unset',
      'nodes:node ci1/missing',
    ]);
  });

  it('expects the docker driver for a managed builder', () => {
    const [managed] = parseBuildxList(DOCKER_DRIVER_LS);
    if (!managed) throw new Error('fixture did not parse');
    expect(detectDrift(builder({ name: 'prod', driver: 'managed' }), managed)).toEqual([]);
  });
});

describe('docker contexts', () => {
  // Recorded: `docker context ls --format json` (client 28.2)
  const listed = parseContextList(
    '{"Current":true,"Description":"","DockerEndpoint":"unix:///var/run/docker.sock","Error":"","Name":"default"}\n' +
      '{"Current":false,"Description":"imageforge builder","DockerEndpoint":"unix:///h/builders/prod/docker.sock","Error":"","Name":"imageforge-prod"}\n',
  );

  it('creates, updates or leaves a context', () => {
    expect(contextArgs('imageforge-prod', 'unix:///h/builders/prod/docker.sock', listed)).toEqual({
      action: 'unchanged',
      args: [],
    });
    expect(contextArgs('imageforge-prod', 'unix:///new/docker.sock', listed).args).toEqual([
      'context',
      'update',
      'imageforge-prod',
      '--description',
      'imageforge builder',
      '--docker',
      'host=unix:///new/docker.sock',
    ]);
    expect(contextArgs('imageforge-dev', 'unix:///d.sock', listed)).toMatchObject({
      action: 'created',
      args: [
        'context',
        'create',
        'imageforge-dev',
        '--description',
        'imageforge builder',
        '--docker',
        'host=unix:///d.sock',
      ],
    });
  });
});
