// What every HistoryStore must do, whichever database holds it: the same suite runs on SQLite (unit)
// and PostgreSQL (integration). Expected numbers are worked out by hand from history-fixtures.ts;
// the trends part is in history-trends-behaviour.ts.
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryStore } from '../../../src/history/history-store.js';
import { sampleReport } from '../report/sample-report.js';
import { SAMPLE_HOST, runReport, trendReports } from './history-fixtures.js';
import { describeTrends } from './history-trends-behaviour.js';

const MAY_1 = new Date('2024-05-01T00:00:00.000Z');
const MAY_3 = new Date('2024-05-03T00:00:00.000Z');

export function describeHistoryStore(openFresh: () => Promise<HistoryStore>): void {
  const open: HistoryStore[] = [];
  async function fresh(): Promise<HistoryStore> {
    const store = await openFresh();
    open.push(store);
    return store;
  }
  async function withTrendData(): Promise<HistoryStore> {
    const store = await fresh();
    for (const report of trendReports()) await store.recordRun({ report, host: { hostname: 'ci-1' } });
    return store;
  }
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });

  describe('recording runs', () => {
    it('reads back a recorded run with its image builds, slowest steps and host usage', async () => {
      const store = await fresh();
      await store.recordRun({ report: sampleReport(), host: SAMPLE_HOST });
      const run = await store.getRun('20240501T120000Z-abc123');
      expect(run).toMatchObject({
        runId: '20240501T120000Z-abc123',
        status: 'failed',
        startedAt: '2024-05-01T12:00:00.000Z',
        finishedAt: '2024-05-01T12:00:25.400Z',
        durationMs: 25_400,
        host: 'ci-controller-1',
        gitBranch: 'main',
        gitCommit: '0a1b2c3d4e5f',
        profile: 'ci',
        configFile: 'imageforge.yaml',
        builder: 'imageforge',
        engineVersion: '27.3.1',
        images: 4,
        built: 2,
        failed: 1,
        upToDate: 0,
        cacheHitRatio: 11 / 18,
        gatesFailed: 0,
        hostUsage: SAMPLE_HOST,
      });
      expect(run?.imageBuilds.map((build) => build.image)).toEqual([
        'agent',
        'agent-x',
        'base',
        'controller',
      ]);
      expect(run?.imageBuilds[0]).toEqual({
        image: 'agent',
        status: 'failed',
        method: 'buildkit',
        attempts: 2,
        durationMs: 9000,
        cachedSteps: 1,
        totalSteps: 4,
        hitRatio: 0.25,
        bytesPulled: undefined,
        digest: undefined,
        builder: undefined,
        node: undefined,
        pushStatus: 'not-requested',
        gatesStatus: undefined,
        findings: { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 },
        errorCode: 'IMAGEFORGE_BUILD_FAILED',
        slowestSteps: [{ name: '[2/2] RUN make', durationMs: 3000, cached: false }],
      });
      expect(await store.getRun('no-such-run')).toBeUndefined();
    });

    it('keeps only the ten slowest executed steps of an image', async () => {
      const store = await fresh();
      const steps = Array.from({ length: 14 }, (_, index): [string, number] => [
        `RUN step-${index}`,
        (index + 1) * 100,
      ]);
      await store.recordRun({
        report: runReport('many-steps', '2024-05-01T10:00:00.000Z', [
          { name: 'api', durationMs: 9000, steps },
        ]),
        host: { hostname: 'ci-1' },
      });
      const run = await store.getRun('many-steps');
      expect(run?.imageBuilds[0]?.slowestSteps.map((step) => step.durationMs)).toEqual([
        1400, 1300, 1200, 1100, 1000, 900, 800, 700, 600, 500,
      ]);
      expect(run?.hostUsage).toBeUndefined();
    });

    it('replaces a run recorded again under the same run id', async () => {
      const store = await fresh();
      const first = runReport('again', '2024-05-01T10:00:00.000Z', [
        { name: 'api', status: 'failed', durationMs: 1000 },
      ]);
      const second = runReport('again', '2024-05-02T10:00:00.000Z', [
        { name: 'api', durationMs: 3000 },
        { name: 'web', durationMs: 5000 },
      ]);
      await store.recordRun({ report: first, host: { hostname: 'ci-1' } });
      await store.recordRun({ report: second, host: { hostname: 'ci-2' } });
      await store.recordRun({ report: second, host: { hostname: 'ci-2' } });
      const runs = await store.listRuns();
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ runId: 'again', status: 'succeeded', host: 'ci-2', images: 2 });
      const trends = await store.trends({ since: MAY_1, until: MAY_3 });
      expect(trends.runs).toBe(1);
      expect(trends.images.map((image) => [image.image, image.builds, image.p50DurationMs])).toEqual([
        ['api', 1, 3000],
        ['web', 1, 5000],
      ]);
      expect(trends.series.map((point) => point.bucket)).toEqual(['2024-05-02T00:00:00.000Z']);
    });
  });

  describe('listing runs', () => {
    it('lists newest first, pages with `before`, and filters by status, branch and image', async () => {
      const store = await withTrendData();
      const ids = async (query: Parameters<HistoryStore['listRuns']>[0]): Promise<string[]> =>
        (await store.listRuns(query)).map((run) => run.runId);
      expect(await ids({})).toEqual(['r4', 'r3', 'r2', 'r1', 'r5']);
      expect(await ids({ limit: 2 })).toEqual(['r4', 'r3']);
      expect(await ids({ limit: 2, before: 'r3' })).toEqual(['r2', 'r1']);
      expect(await ids({ before: 'unknown-run' })).toEqual([]);
      expect(await ids({ status: 'failed' })).toEqual(['r2']);
      expect(await ids({ branch: 'release' })).toEqual(['r4']);
      expect(await ids({ image: 'web' })).toEqual(['r4', 'r3', 'r2', 'r1']);
      const [r4] = await store.listRuns({ limit: 1 });
      expect(r4).toMatchObject({ cacheHitRatio: 4 / 8, built: 2, failed: 0, gitCommit: 'feedbeef' });
    });
  });

  describeTrends({ withTrendData });

  describe('metrics snapshot', () => {
    it('aggregates builds per label set with cumulative duration buckets', async () => {
      const store = await withTrendData();
      const snapshot = await store.metricsSnapshot([5, 1]);
      expect(snapshot.builds).toEqual([
        {
          image: 'api',
          builder: 'pool-a',
          method: 'buildkit',
          status: 'built',
          count: 5,
          durationSumSeconds: 110,
          buckets: [
            { le: 1, count: 1 },
            { le: 5, count: 4 },
          ],
        },
        {
          image: 'web',
          builder: 'unknown',
          method: 'buildkit',
          status: 'built',
          count: 2,
          durationSumSeconds: 6,
          buckets: [
            { le: 1, count: 0 },
            { le: 5, count: 2 },
          ],
        },
        {
          image: 'web',
          builder: 'unknown',
          method: 'buildkit',
          status: 'failed',
          count: 1,
          durationSumSeconds: 6,
          buckets: [
            { le: 1, count: 0 },
            { le: 5, count: 0 },
          ],
        },
        {
          image: 'web',
          builder: 'unknown',
          method: 'unknown',
          status: 'skipped',
          count: 1,
          durationSumSeconds: 0,
          buckets: [
            { le: 1, count: 1 },
            { le: 5, count: 1 },
          ],
        },
      ]);
      expect(snapshot.steps).toEqual([
        { image: 'api', cached: true, count: 7 },
        { image: 'api', cached: false, count: 13 },
        { image: 'web', cached: true, count: 5 },
        { image: 'web', cached: false, count: 7 },
      ]);
      expect(snapshot.retries).toEqual([
        { image: 'api', count: 1 },
        { image: 'web', count: 3 },
      ]);
      expect(snapshot.runs).toEqual([
        { status: 'failed', count: 1 },
        { status: 'succeeded', count: 4 },
      ]);
      expect(snapshot.lastRun).toEqual({
        timestampSeconds: Date.parse('2024-05-02T09:01:00.000Z') / 1000,
        status: 'succeeded',
      });
    });

    it('reports hit ratio of the latest build and findings of the latest scanned build', async () => {
      const store = await withTrendData();
      const snapshot = await store.metricsSnapshot([]);
      expect(snapshot.cacheHitRatio).toEqual([
        { image: 'api', ratio: 0 },
        { image: 'web', ratio: 1 },
      ]);
      const findings = Object.fromEntries(
        snapshot.findings.map((f) => [`${f.image} ${f.severity}`, f.count]),
      );
      expect(findings).toEqual({
        'api CRITICAL': 0,
        'api HIGH': 5,
        'api MEDIUM': 0,
        'api LOW': 0,
        'api UNKNOWN': 0,
        'web CRITICAL': 0,
        'web HIGH': 0,
        'web MEDIUM': 0,
        'web LOW': 3,
        'web UNKNOWN': 0,
      });
    });

    it('is empty for an empty history', async () => {
      const store = await fresh();
      expect(await store.metricsSnapshot([1])).toEqual({
        builds: [],
        steps: [],
        retries: [],
        cacheHitRatio: [],
        findings: [],
        runs: [],
        lastRun: undefined,
      });
    });
  });

  describe('retention', () => {
    it('prunes by age, then by count, and trends see only what is kept', async () => {
      const store = await withTrendData();
      const now = new Date('2024-05-02T12:00:00.000Z');
      expect(await store.prune({ maxAgeMs: 2 * 86_400_000, maxRuns: undefined }, now)).toEqual({
        runsDeleted: 1,
      });
      expect(await store.prune({ maxAgeMs: undefined, maxRuns: 2 }, now)).toEqual({ runsDeleted: 2 });
      expect(await store.prune({ maxAgeMs: 30 * 86_400_000, maxRuns: 10 }, now)).toEqual({ runsDeleted: 0 });
      expect((await store.listRuns()).map((run) => run.runId)).toEqual(['r4', 'r3']);
      expect(await store.getRun('r1')).toBeUndefined();

      const reference = await fresh();
      for (const report of trendReports().filter((r) => ['r3', 'r4'].includes(r.runId))) {
        await reference.recordRun({ report, host: { hostname: 'ci-1' } });
      }
      const window = { since: new Date('2024-04-01T00:00:00Z'), until: MAY_3 };
      for (const bucket of ['day', 'hour'] as const) {
        expect(await store.trends({ ...window, bucket })).toEqual(
          await reference.trends({ ...window, bucket }),
        );
      }
      expect(await store.metricsSnapshot([1, 5])).toEqual(await reference.metricsSnapshot([1, 5]));
      expect((await store.trends(window)).images.find((image) => image.image === 'api')).toMatchObject({
        builds: 2,
        p50DurationMs: 3500,
      });
    });

    it('prunes everything when nothing is to be kept', async () => {
      const store = await withTrendData();
      expect(await store.prune({ maxAgeMs: undefined, maxRuns: 0 })).toEqual({ runsDeleted: 5 });
      expect(await store.listRuns()).toEqual([]);
      expect((await store.trends({ since: new Date('2024-01-01T00:00:00Z'), until: MAY_3 })).series).toEqual(
        [],
      );
    });
  });
}
