// Valid Report objects for tests: a four-image run (built from cache, built, failed after retries,
// skipped because of the failure). Tests override single fields instead of building reports by hand.
import type { Attempt, CacheFigures, ImageResult, Report } from '../../../src/report/report-types.js';

export const SAMPLE_STARTED_AT = '2024-05-01T12:00:00.000Z';

export function sampleCache(cachedSteps: number, totalSteps: number): CacheFigures {
  return {
    totalSteps,
    cachedSteps,
    hitRatio: totalSteps === 0 ? 0 : cachedSteps / totalSteps,
    vertexTotal: totalSteps === 0 ? 0 : totalSteps + 3,
    vertexCached: cachedSteps,
  };
}

export function sampleAttempt(number: number, overrides: Partial<Attempt> = {}): Attempt {
  return { number, outcome: 'succeeded', startedAt: SAMPLE_STARTED_AT, durationMs: 1000, ...overrides };
}

/** A built image with sensible defaults; pass overrides for what the test is about. */
export function sampleImage(name: string, overrides: Partial<ImageResult> = {}): ImageResult {
  return {
    name,
    status: 'built',
    method: 'buildkit',
    attempts: [sampleAttempt(1, { durationMs: 4100 })],
    durationMs: 4100,
    imageId: `sha256:${'a'.repeat(64)}`,
    digest: `sha256:${'0123456789ab'.padEnd(64, 'f')}`,
    tags: [`registry.example.com/${name}:1.0`],
    platforms: ['linux/amd64'],
    dependsOn: [],
    cache: sampleCache(7, 7),
    steps: [
      { name: '[1/2] COPY . /src', cacheable: true, cached: true, durationMs: 10 },
      { name: '[2/2] RUN make', cacheable: true, cached: true, durationMs: 10 },
    ],
    warnings: [],
    push: { status: 'not-requested', attempts: [], durationMs: 0 },
    ...overrides,
  };
}

export const sampleFailure = {
  code: 'IMAGEFORGE_BUILD_FAILED',
  kind: 'deterministic',
  message: 'RUN make exited with code 2',
  hint: 'Fix the failing command in images/agent/Dockerfile.',
} as const;

export function sampleImages(): ImageResult[] {
  return [
    sampleImage('base'),
    sampleImage('controller', { dependsOn: ['base'], cache: sampleCache(3, 7), durationMs: 12_300 }),
    sampleImage('agent', {
      status: 'failed',
      dependsOn: ['base'],
      durationMs: 9000,
      attempts: [
        sampleAttempt(1, {
          outcome: 'failed',
          error: { ...sampleFailure, kind: 'transient', message: 'EOF' },
        }),
        sampleAttempt(2, { outcome: 'failed', error: { ...sampleFailure } }),
      ],
      imageId: undefined,
      digest: undefined,
      cache: sampleCache(1, 4),
      steps: [
        { name: '[1/2] COPY . /src', cacheable: true, cached: true },
        {
          name: '[2/2] RUN make',
          cacheable: true,
          cached: false,
          durationMs: 3000,
          error: 'process "/bin/sh -c make" did not complete successfully: exit code: 2',
          logTail: [
            'cc -o agent main.c',
            'main.c:3: error: expected ; before }',
            'make: *** [agent] Error 1',
          ],
        },
      ],
      error: { ...sampleFailure },
    }),
    sampleImage('agent-x', {
      status: 'skipped',
      reason: 'dependency failed: agent',
      method: undefined,
      dependsOn: ['agent'],
      attempts: [],
      durationMs: 0,
      imageId: undefined,
      digest: undefined,
      tags: [],
      cache: sampleCache(0, 0),
      steps: [],
    }),
  ];
}

export function sampleReport(overrides: Partial<Report> = {}): Report {
  const images = overrides.images ?? sampleImages();
  const count = (status: ImageResult['status']): number => images.filter((i) => i.status === status).length;
  const cachedSteps = images.reduce((sum, i) => sum + i.cache.cachedSteps, 0);
  const totalSteps = images.reduce((sum, i) => sum + i.cache.totalSteps, 0);
  return {
    schemaVersion: 1,
    tool: { name: 'imageforge', version: '0.1.0' },
    runId: '20240501T120000Z-abc123',
    status: count('failed') > 0 ? 'failed' : 'succeeded',
    startedAt: SAMPLE_STARTED_AT,
    finishedAt: '2024-05-01T12:00:25.400Z',
    durationMs: 25_400,
    configFile: 'imageforge.yaml',
    profile: 'ci',
    options: { push: false, parallel: 2, failFast: false, legacy: false, selected: [] },
    environment: {
      engineVersion: '27.3.1',
      buildxVersion: '0.19.2',
      builder: 'imageforge',
      driver: 'docker-container',
      buildkitAvailable: true,
    },
    git: { commit: '0a1b2c3d4e5f', branch: 'main', dirty: false },
    images,
    summary: {
      built: count('built'),
      failed: count('failed'),
      skipped: count('skipped'),
      cancelled: count('cancelled'),
      upToDate: images.filter((image) => image.upToDate === true).length,
      cache: sampleCache(cachedSteps, totalSteps),
    },
    warnings: [],
    ...overrides,
  };
}
