import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProject, FIXED_NOW, load } from './project-fixture.js';

describe('loadConfig: resolved result', () => {
  it('fills documented defaults and resolves paths against the config directory', async () => {
    const dir = await createProject(['version: 1', 'images:', '  app:'], ['Dockerfile']);
    const config = await load(dir);
    expect(config.file).toBe(path.join(dir, 'imageforge.yaml'));
    expect(config.projectDir).toBe(dir);
    expect(config.version).toBe(1);
    expect(config.profile).toBeUndefined();
    expect(config.settings.parallel).toBeGreaterThanOrEqual(1);
    expect(config.settings.timeoutMs).toBeUndefined();
    expect(config.settings.builder).toBeUndefined();
    expect(config.images.app).toEqual({
      name: 'app',
      context: dir,
      dockerfile: path.join(dir, 'Dockerfile'),
      target: undefined,
      args: {},
      tags: ['app:latest'],
      labels: {
        'org.opencontainers.image.created': '2025-01-02T03:04:05Z',
        'org.opencontainers.image.title': 'app',
      },
      platforms: [],
      dependsOn: [],
      secrets: {},
      pull: false,
      noCache: false,
      retry: { attempts: 3, initialDelayMs: 2000, factor: 2, maxDelayMs: 30_000, jitter: 0.2 },
      timeoutMs: undefined,
      legacy: { degradeCacheMounts: false },
      line: 3,
      sign: true,
    });
  });

  it('resolves a full image: dockerfile relative to context, durations, secrets, settings', async () => {
    const dir = await createProject(
      [
        'version: 1',
        'settings: {parallel: 3, timeout: 1h30m, builder: ci-builder}',
        'images:',
        '  base:',
        '    context: base',
        '  controller:',
        '    context: controller',
        '    dockerfile: docker/Dockerfile.prod',
        '    target: runtime',
        '    args: {JENKINS_VERSION: 2.40, DEBUG: true, PORT: 8080}',
        '    tags: [localhost:5000/jenkins/controller:2.4]',
        '    labels: {team: ci}',
        '    platforms: [linux/amd64, linux/arm64/v8]',
        '    dependsOn: [base]',
        '    secrets: {npmrc: {file: ./secrets/npmrc}, token: env:GH_TOKEN, key: "file:/etc/key"}',
        '    pull: true',
        '    noCache: true',
        '    retry: {attempts: 5, initialDelay: 500ms, maxDelay: 1m, factor: 3, jitter: 0}',
        '    timeout: 5m',
        '    legacy: {degradeCacheMounts: true}',
      ],
      ['base/Dockerfile', 'controller/docker/Dockerfile.prod'],
    );
    const config = await load(dir);
    expect(config.settings).toEqual({
      parallel: 3,
      timeoutMs: 5_400_000,
      builder: 'ci-builder',
      batch: true,
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest's asymmetric matcher
      cache: expect.objectContaining({
        maxSizeBytes: 10e9,
        maxAgeMs: 72 * 3_600_000,
        enforce: 'before-build',
      }),
      policy: 'none',
      handoffRegistry: undefined,
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest's asymmetric matcher
      scan: expect.objectContaining({ onError: 'warn', timeoutMs: 300_000 }),
      sign: undefined,
      history: {
        enabled: true,
        url: path.join(dir, '.imageforge', 'history.db'),
        retention: { maxAgeMs: 90 * 86_400_000, maxRuns: 100_000 },
      },
      metrics: { textfile: undefined, pushgateway: undefined, job: 'imageforge' },
    });
    const controller = config.images.controller;
    expect(controller?.context).toBe(path.join(dir, 'controller'));
    expect(controller?.dockerfile).toBe(path.join(dir, 'controller/docker/Dockerfile.prod'));
    expect(controller?.args).toEqual({ JENKINS_VERSION: '2.40', DEBUG: 'true', PORT: '8080' });
    expect(controller?.secrets).toEqual({
      npmrc: { file: path.join(dir, 'secrets/npmrc') },
      token: { env: 'GH_TOKEN' },
      key: { file: '/etc/key' },
    });
    expect(controller?.retry).toEqual({
      attempts: 5,
      initialDelayMs: 500,
      factor: 3,
      maxDelayMs: 60_000,
      jitter: 0,
    });
    expect(controller?.timeoutMs).toBe(300_000);
    expect(controller?.labels.team).toBe('ci');
    expect(controller).toMatchObject({
      target: 'runtime',
      platforms: ['linux/amd64', 'linux/arm64/v8'],
      dependsOn: ['base'],
      pull: true,
      noCache: true,
      legacy: { degradeCacheMounts: true },
      line: 6,
    });
  });

  it('accepts --file relative to cwd and reports the absolute path', async () => {
    const dir = await createProject(['version: 1', 'images: {app: {}}']);
    const config = await load(path.dirname(dir), { file: path.join(path.basename(dir), 'imageforge.yaml') });
    expect(config.file).toBe(path.join(dir, 'imageforge.yaml'));
    expect(config.images.app?.context).toBe(dir);
  });

  it('lets user labels win over the OCI labels it fills in', async () => {
    const dir = await createProject([
      'version: 1',
      'images:',
      '  app: {labels: {org.opencontainers.image.title: "My App"}}',
    ]);
    const config = await load(dir, { now: FIXED_NOW });
    expect(config.images.app?.labels['org.opencontainers.image.title']).toBe('My App');
  });

  it('uses SOURCE_DATE_EPOCH for the created label when set', async () => {
    const dir = await createProject(['version: 1', 'images: {app: {}}']);
    const config = await load(dir, { env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(config.images.app?.labels['org.opencontainers.image.created']).toBe('2023-11-14T22:13:20Z');
  });
});

describe('loadConfig: merge semantics', () => {
  it('deep-merges defaults into images: maps merge, lists and scalars replace', async () => {
    const dir = await createProject([
      'version: 1',
      'defaults:',
      '  args: {A: "1", B: "2"}',
      '  labels: {team: platform}',
      '  platforms: [linux/amd64, linux/arm64]',
      '  retry: {attempts: 4, maxDelay: 10s}',
      '  timeout: 10m',
      '  pull: true',
      'images:',
      '  app:',
      '    args: {B: "20", C: "3"}',
      '    platforms: [linux/arm64]',
      '    retry: {attempts: 2}',
      '    pull: false',
      '  other: {}',
    ]);
    const config = await load(dir);
    expect(config.images.app?.args).toEqual({ A: '1', B: '20', C: '3' });
    expect(config.images.app?.platforms).toEqual(['linux/arm64']);
    expect(config.images.app?.retry).toMatchObject({ attempts: 2, maxDelayMs: 10_000 });
    expect(config.images.app?.pull).toBe(false);
    expect(config.images.app?.timeoutMs).toBe(600_000);
    expect(config.images.app?.labels.team).toBe('platform');
    expect(config.images.other?.args).toEqual({ A: '1', B: '2' });
    expect(config.images.other?.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(config.images.other?.pull).toBe(true);
  });

  it('treats an empty value as "not set" so defaults apply', async () => {
    const dir = await createProject([
      'version: 1',
      'defaults: {target: build}',
      'images:',
      '  app:',
      '    target:',
    ]);
    const config = await load(dir);
    expect(config.images.app?.target).toBe('build');
  });

  it('supports YAML anchors and merge keys, with x- keys to hold shared blocks', async () => {
    const dir = await createProject([
      'version: 1',
      'x-common: &common {args: {A: "1"}, platforms: [linux/amd64]}',
      'images:',
      '  base: &base {target: t}',
      '  app: {<<: [*common, *base], args: {B: "2"}}',
    ]);
    const config = await load(dir);
    expect(config.images.app).toMatchObject({ args: { B: '2' }, target: 't', platforms: ['linux/amd64'] });
  });
});
