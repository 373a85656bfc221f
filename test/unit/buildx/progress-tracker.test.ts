// ProgressTracker over recorded real rawjson streams: steps, cache figures, counters, logs, failures.
import { describe, expect, it } from 'vitest';
import { isCacheableVertexName, ProgressTracker } from '../../../src/buildx/progress-tracker.js';
import { parseRawjsonLine } from '../../../src/buildx/rawjson.js';
import { fixtureStatuses, trackFixture } from './fixtures.js';

describe('isCacheableVertexName', () => {
  it.each([
    ['[builder 2/5] WORKDIR /src', true],
    ['[builder 3/5] COPY hello.txt .', true],
    ['[stage-1 3/3] RUN echo final && ls /app', true],
    ['[3/4] RUN echo "step output line 1" && exit 3', true],
    ['[stage-0 2/3] COPY --from=extra data.txt /data.txt', true],
    ['[linux/arm64 builder 2/2] RUN echo "arch $(uname -m)" > /arch.txt', true],
    ['[app 2/3] RUN echo "app says hi"', true],
    ['[builder 1/5] FROM localhost:5000/base/busybox:latest@sha256:e147775a', false],
    ['[1/4] FROM localhost:5000/base/busybox:latest', false],
    ['[internal] load build definition from Dockerfile', false],
    ['[internal] load metadata for localhost:5000/base/busybox:latest', false],
    ['[context extra] load from client', false],
    ['importing cache manifest from localhost:5000/imageforge-rec/cache:ms', false],
    ['exporting cache to registry', false],
    ['exporting to image', false],
    ['resolving provenance for metadata file', false],
    ['[app] exporting to image', false],
  ])('%s → %s', (name, expected) => {
    expect(isCacheableVertexName(name)).toBe(expected);
  });
});

describe('ProgressTracker on an uncached multi-stage build', () => {
  const { tracker, changes } = trackFixture('ms-uncached.rawjson');

  it('lists every started vertex once, in start order', () => {
    const names = tracker.steps().map((step) => step.name);
    expect(names).toHaveLength(13);
    expect(names[0]).toBe('[internal] load build definition from Dockerfile');
    expect(names.filter((name) => isCacheableVertexName(name))).toEqual([
      '[builder 2/5] WORKDIR /src',
      '[builder 3/5] COPY hello.txt .',
      '[builder 4/5] RUN echo "building $(cat hello.txt)" && echo "line two" && sleep 1 && cat hello.txt > out.txt',
      '[builder 5/5] RUN echo imageforge-rec-1 > marker.txt',
      '[stage-1 2/3] COPY --from=builder /src/out.txt /app/out.txt',
      '[stage-1 3/3] RUN echo final && ls /app',
    ]);
    expect(names.at(-1)).toBe('resolving provenance for metadata file');
  });

  it('reports no cache hits on cacheable steps', () => {
    expect(tracker.cacheFigures()).toEqual({
      totalSteps: 6,
      cachedSteps: 0,
      hitRatio: 0,
      vertexTotal: 13,
      vertexCached: 1, // the FROM, which is not a cacheable step
    });
  });

  it('measures durations from started/completed (the RUN sleeps 1s)', () => {
    const run = tracker.steps().find((step) => step.name.startsWith('[builder 4/5] RUN'));
    expect(run?.durationMs).toBeGreaterThanOrEqual(1000);
    expect(run?.durationMs).toBeLessThan(5000);
    expect(run).not.toHaveProperty('error');
    expect(run).not.toHaveProperty('logTail');
  });

  it('emits decoded log lines attributed to their step, before the step is done', () => {
    const logs = changes.filter((change) => change.kind === 'log');
    expect(logs.map((change) => change.line)).toEqual([
      'building hello-imageforge',
      'line two',
      'final',
      'out.txt',
    ]);
    expect(logs[0]?.step.name).toMatch(/^\[builder 4\/5\] RUN/);
    const finalStep = changes.filter((change) => change.step.name.startsWith('[stage-1 3/3] RUN'));
    expect(finalStep.map((change) => change.kind)).toEqual(['step-started', 'log', 'log', 'step-done']);
  });

  it('announces each cacheable step start and completion once', () => {
    const forWorkdir = changes.filter((change) => change.step.name === '[builder 2/5] WORKDIR /src');
    expect(forWorkdir.map((change) => change.kind)).toEqual(['step-started', 'step-done']);
  });

  it('counts finished steps against the whole graph', () => {
    expect(tracker.stepCounter()).toEqual({ current: 6, total: 6 });
  });

  it('has no errors and keeps the last log lines', () => {
    expect(tracker.errors()).toEqual([]);
    expect(tracker.logTail(2)).toEqual(['final', 'out.txt']);
  });
});

describe('ProgressTracker on the same build fully cached', () => {
  const { tracker, changes } = trackFixture('ms-cached.rawjson');

  it('counts every cacheable step as a cache hit', () => {
    expect(tracker.cacheFigures()).toEqual({
      totalSteps: 6,
      cachedSteps: 6,
      hitRatio: 1,
      vertexTotal: 13,
      vertexCached: 6,
    });
    expect(changes.filter((change) => change.kind === 'step-cached')).toHaveLength(6);
    expect(changes.filter((change) => change.kind === 'log')).toEqual([]);
  });

  it('knows the total before anything ran', () => {
    const tracker = new ProgressTracker();
    const statuses = fixtureStatuses('ms-cached.rawjson');
    const announced = statuses.findIndex((status) => status.vertexes.some((v) => v.name.includes('FROM')));
    for (const status of statuses.slice(0, announced + 1)) tracker.update(status);
    expect(tracker.stepCounter()).toEqual({ current: 0, total: 6 });
  });
});

describe('ProgressTracker on a failing RUN (exit 3)', () => {
  const { tracker, changes } = trackFixture('run-exit3.rawjson');
  const failed = tracker.steps().find((step) => step.error !== undefined);

  it('marks the step failed with BuildKit error and its own output', () => {
    expect(failed?.name).toMatch(/^\[3\/4\] RUN echo "step output line 1"/);
    expect(failed?.error).toMatch(/did not complete successfully: exit code: 3$/);
    expect(failed?.logTail).toEqual(['something went wrong', 'step output line 1', 'step output line 2']);
    expect(changes.some((change) => change.kind === 'step-failed' && change.step.name === failed?.name)).toBe(
      true,
    );
  });

  it('does not list the step that never started, nor count it', () => {
    expect(tracker.steps().some((step) => step.name.startsWith('[4/4]'))).toBe(false);
    expect(tracker.cacheFigures()).toMatchObject({ totalSteps: 2, cachedSteps: 0 });
    expect(tracker.stepCounter()).toEqual({ current: 1, total: 3 });
  });

  it('reports the vertex error and the overall log tail', () => {
    expect(tracker.errors()).toEqual([failed?.error]);
    expect(tracker.logTail()).toEqual([
      'preparing',
      'something went wrong',
      'step output line 1',
      'step output line 2',
    ]);
  });

  it('limits log tails to logTailLines', () => {
    const small = trackFixture('run-exit3.rawjson', { logTailLines: 2 }).tracker;
    expect(small.steps().find((step) => step.error)?.logTail).toEqual([
      'step output line 1',
      'step output line 2',
    ]);
    expect(small.logTail()).toEqual(['step output line 1', 'step output line 2']);
    expect(small.logTail(3)).toEqual(['something went wrong', 'step output line 1', 'step output line 2']);
  });
});

describe('ProgressTracker on other recorded builds', () => {
  it('keeps follow-on errors (context canceled) after the root cause', () => {
    const { tracker } = trackFixture('copy-missing.rawjson');
    expect(tracker.errors()).toEqual([
      expect.stringMatching(/failed to calculate checksum of ref .*"\/does-not-exist.txt": not found$/),
      expect.stringMatching(/context canceled$/),
    ]);
  });

  it('records a failed cache import without failing any cacheable step', () => {
    const { tracker } = trackFixture('cache-export.rawjson');
    const names = tracker.steps().map((step) => step.name);
    expect(names).toContain('importing cache manifest from localhost:5000/imageforge-rec/cache:ms');
    expect(names).toContain('exporting cache to registry');
    expect(tracker.errors()).toEqual([
      'failed to configure registry cache importer: localhost:5000/imageforge-rec/cache:ms: not found',
    ]);
    expect(tracker.cacheFigures()).toMatchObject({
      totalSteps: 6,
      cachedSteps: 6,
      hitRatio: 1,
      vertexTotal: 15,
    });
  });

  it('counts steps of both platforms in a multi-platform build', () => {
    const { tracker } = trackFixture('multiplatform.rawjson');
    expect(tracker.cacheFigures()).toMatchObject({ totalSteps: 4, cachedSteps: 0 });
    expect(tracker.stepCounter()).toEqual({ current: 4, total: 4 });
  });

  it('treats named build contexts as non-cacheable loads', () => {
    const { tracker } = trackFixture('build-context.rawjson');
    expect(tracker.steps().map((step) => step.name)).toContain('[context extra] load from client');
    expect(tracker.cacheFigures()).toMatchObject({ totalSteps: 2 });
    expect(tracker.logTail()).toEqual(['from-extra-context']);
  });

  it('decodes build warnings', () => {
    expect(trackFixture('warn.rawjson').tracker.warnings()).toEqual([
      "FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)",
      'SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ENV "PASSWORD") (line 2)',
    ]);
  });

  it('marks a step interrupted by cancellation as failed', () => {
    const { tracker } = trackFixture('cancel-sigint.rawjson');
    expect(tracker.steps().at(-1)?.error).toMatch(/exit code: 137: context canceled/);
    expect(tracker.steps().at(-1)?.logTail).toEqual(['long step start']);
  });
});

describe('ProgressTracker log reassembly', () => {
  const vertex = 'sha256:68de3cd74aac4b6e6acd67647d705a03c476d152588018f13b37c0aad5bd6ada';
  const line = (data: string, extra = '') =>
    parseRawjsonLine(
      `{"logs":[{"vertex":"${vertex}","stream":1,"data":"${Buffer.from(data).toString('base64')}"${extra}}]}`,
    );

  it('joins a line split across chunks and flushes an unterminated one when the step ends', () => {
    const tracker = new ProgressTracker();
    const started = `{"vertexes":[{"digest":"${vertex}","name":"[builder 4/5] RUN make","started":"2026-11-21T12:21:21.5Z"}]}`;
    const done = `{"vertexes":[{"digest":"${vertex}","name":"[builder 4/5] RUN make","started":"2026-11-21T12:21:21.5Z","completed":"2026-11-21T12:21:22.75Z"}]}`;
    const lines = [started, line('build'), line('ing hello\nlast'), done].map((text) =>
      typeof text === 'string' ? parseRawjsonLine(text) : text,
    );
    const changes = lines.flatMap((status) => (status ? tracker.update(status) : []));
    expect(changes.map((change) => (change.kind === 'log' ? change.line : change.kind))).toEqual([
      'step-started',
      'building hello',
      'last',
      'step-done',
    ]);
    expect(tracker.steps()[0]?.durationMs).toBe(1250);
  });

  it('keeps only what stays visible after carriage returns (progress bars)', () => {
    const tracker = new ProgressTracker();
    const status = line('10%\r50%\r100%\r\n');
    const changes = status ? tracker.update(status) : [];
    expect(changes.map((change) => (change.kind === 'log' ? change.line : ''))).toEqual(['100%']);
  });
});
