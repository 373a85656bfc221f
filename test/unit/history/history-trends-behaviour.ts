// Trends every HistoryStore must compute, on the trend data set of history-fixtures.ts (numbers
// worked out by hand there): part of describeHistoryStore (history-store-behaviour.ts).
import { describe, expect, it } from 'vitest';
import type { HistoryStore } from '../../../src/history/history-store.js';

const MAY_1 = new Date('2024-05-01T00:00:00.000Z');
const MAY_3 = new Date('2024-05-03T00:00:00.000Z');

export function describeTrends(harness: { withTrendData: () => Promise<HistoryStore> }): void {
  const { withTrendData } = harness;
  describe('trends', () => {
    it('computes success rate, percentiles, hit ratio and retries per image', async () => {
      const store = await withTrendData();
      const trends = await store.trends({ since: MAY_1, until: MAY_3 });
      expect(trends).toMatchObject({
        since: '2024-05-01T00:00:00.000Z',
        until: '2024-05-03T00:00:00.000Z',
        runs: 4,
        successRate: 0.75,
      });
      expect(trends.images).toEqual([
        // durations 1000..4000: p50 = 2500, p95 = 3000 + 0.85 * 1000
        {
          image: 'api',
          builds: 4,
          succeeded: 4,
          successRate: 1,
          p50DurationMs: 2500,
          p95DurationMs: 3850,
          hitRatio: 7 / 16,
          retries: 1,
        },
        // skipped builds are not builds; durations 2000, 4000, 6000: p95 = 4000 + 0.9 * 2000
        {
          image: 'web',
          builds: 3,
          succeeded: 2,
          successRate: 2 / 3,
          p50DurationMs: 4000,
          p95DurationMs: 5800,
          hitRatio: 5 / 12,
          retries: 3,
        },
      ]);
      expect(trends.mostRetried).toEqual([
        { image: 'web', retries: 3, builds: 3 },
        { image: 'api', retries: 1, builds: 4 },
      ]);
    });

    it('buckets the series by day or by hour', async () => {
      const store = await withTrendData();
      const daily = await store.trends({ since: MAY_1, until: MAY_3 });
      expect(daily.series).toEqual([
        {
          bucket: '2024-05-01T00:00:00.000Z',
          builds: 5,
          successRate: 0.8,
          p50DurationMs: 3000,
          hitRatio: 8 / 20,
        },
        {
          bucket: '2024-05-02T00:00:00.000Z',
          builds: 2,
          successRate: 1,
          p50DurationMs: 3000,
          hitRatio: 4 / 8,
        },
      ]);
      const hourly = await store.trends({ since: MAY_1, until: MAY_3, bucket: 'hour' });
      expect(hourly.series).toEqual([
        {
          bucket: '2024-05-01T10:00:00.000Z',
          builds: 4,
          successRate: 0.75,
          p50DurationMs: 3000,
          hitRatio: 7 / 16,
        },
        {
          bucket: '2024-05-01T14:00:00.000Z',
          builds: 1,
          successRate: 1,
          p50DurationMs: 3000,
          hitRatio: 1 / 4,
        },
        {
          bucket: '2024-05-02T09:00:00.000Z',
          builds: 2,
          successRate: 1,
          p50DurationMs: 3000,
          hitRatio: 4 / 8,
        },
      ]);
    });

    it('narrows to one image', async () => {
      const store = await withTrendData();
      const trends = await store.trends({ since: MAY_1, until: MAY_3, image: 'web' });
      expect(trends.runs).toBe(3);
      expect(trends.successRate).toBeCloseTo(2 / 3);
      expect(trends.images.map((image) => image.image)).toEqual(['web']);
      expect(trends.series.map((point) => [point.bucket, point.builds, point.p50DurationMs])).toEqual([
        ['2024-05-01T00:00:00.000Z', 2, 5000],
        ['2024-05-02T00:00:00.000Z', 1, 2000],
      ]);
      expect(trends.slowestSteps.map((step) => step.step)).toEqual(['RUN build', 'RUN npm ci']);
    });

    it('answers the same for whole days, partial days and mixed windows, ranking steps by p50', async () => {
      const store = await withTrendData();
      const expected = [
        { image: 'web', step: 'RUN build', count: 2, p50DurationMs: 4000, maxDurationMs: 5000 },
        { image: 'api', step: 'RUN npm ci', count: 3, p50DurationMs: 2000, maxDurationMs: 3000 },
        { image: 'web', step: 'RUN npm ci', count: 1, p50DurationMs: 500, maxDurationMs: 500 },
      ];
      const windows: Array<[string, string]> = [
        ['2024-05-01T00:00:00.000Z', '2024-05-03T00:00:00.000Z'], // whole days only
        ['2024-05-01T10:00:00.000Z', '2024-05-02T10:00:00.000Z'], // hours only
        ['2024-04-30T12:00:00.000Z', '2024-05-02T12:00:00.000Z'], // a whole day and two partial ones
      ];
      const wholeDays = await store.trends({ since: MAY_1, until: MAY_3 });
      for (const [since, until] of windows) {
        const trends = await store.trends({ since: new Date(since), until: new Date(until) });
        expect(trends.slowestSteps, `${since}..${until}`).toEqual(expected);
        // image figures and daily series come from daily rollups plus hourly ones at partial days
        expect(trends.images, `${since}..${until}`).toEqual(wholeDays.images);
        expect(trends.series, `${since}..${until}`).toEqual(wholeDays.series);
      }
      const topOne = await store.trends({ since: MAY_1, until: MAY_3, top: 1 });
      expect(topOne.slowestSteps).toEqual(expected.slice(0, 1));
      expect(topOne.mostRetried).toEqual([{ image: 'web', retries: 3, builds: 3 }]);
    });

    it('widens the window to whole hours and reports the window it used', async () => {
      const store = await withTrendData();
      const trends = await store.trends({
        since: new Date('2024-05-01T10:20:00.000Z'),
        until: new Date('2024-05-01T10:50:00.000Z'),
      });
      expect([trends.since, trends.until]).toEqual(['2024-05-01T10:00:00.000Z', '2024-05-01T11:00:00.000Z']);
      expect(trends.runs).toBe(2);
      const empty = await store.trends({
        since: new Date('2023-01-01T00:00:00Z'),
        until: new Date('2023-01-02T00:00:00Z'),
      });
      expect(empty).toMatchObject({
        runs: 0,
        successRate: 0,
        images: [],
        series: [],
        slowestSteps: [],
        mostRetried: [],
      });
    });
  });
}
