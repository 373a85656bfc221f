// Metrics from a real SQLite history store: the sample run (base and controller built, agent failed
// after a retry, agent-x skipped) recorded, then rendered as Prometheus would scrape it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryStore } from '../../../src/history/history-store.js';
import { openHistoryStore } from '../../../src/history/open-history.js';
import { DURATION_BUCKETS_SECONDS } from '../../../src/metrics/metrics-contract.js';
import { collectMetrics } from '../../../src/metrics/render-metrics.js';
import { sampleReport } from '../report/sample-report.js';
import { parseExposition, samplesOf, type ParsedExposition } from './parse-exposition.js';
import { sampleLiveFacts } from './sample-snapshot.js';

let dir: string;
let store: HistoryStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'imageforge-collect-metrics-'));
  store = await openHistoryStore({ projectDir: dir });
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function scrape(): Promise<ParsedExposition> {
  return parseExposition((await collectMetrics(store, sampleLiveFacts())).body);
}

function valuesBy(parsed: ParsedExposition, name: string, label: string): Record<string, number> {
  const entries = samplesOf(parsed, name).map((sample): [string, number] => [
    sample.labels[label] ?? '',
    sample.value,
  ]);
  return Object.fromEntries(entries);
}

describe('collectMetrics', () => {
  it('renders what the history store recorded', async () => {
    await store.recordRun({ report: sampleReport(), host: { hostname: 'ci-1' } });
    const parsed = await scrape();

    const builds = samplesOf(parsed, 'imageforge_builds_total').filter((sample) => sample.value > 0);
    expect(builds.map((sample) => [sample.labels.image, sample.labels.status, sample.value]).sort()).toEqual([
      ['agent', 'failed', 1],
      ['agent-x', 'skipped', 1],
      ['base', 'built', 1],
      ['controller', 'built', 1],
    ]);
    expect(valuesBy(parsed, 'imageforge_build_retries_total', 'image')).toMatchObject({ agent: 1, base: 0 });
    expect(valuesBy(parsed, 'imageforge_build_cache_hit_ratio', 'image')).toMatchObject({
      base: 1,
      controller: 3 / 7,
      agent: 0.25,
    });
    expect(valuesBy(parsed, 'imageforge_runs_total', 'status')).toEqual({
      succeeded: 0,
      failed: 1,
      cancelled: 0,
    });
    expect(samplesOf(parsed, 'imageforge_last_run_success')[0]?.value).toBe(0);
    const lastRun = samplesOf(parsed, 'imageforge_last_run_timestamp_seconds')[0]?.value ?? 0;
    expect(lastRun).toBeGreaterThanOrEqual(Date.parse(sampleReport().startedAt) / 1000);
    expect(lastRun).toBeLessThanOrEqual(Date.parse(sampleReport().finishedAt) / 1000);
    expect(valuesBy(parsed, 'imageforge_builder_up', 'builder')).toEqual({ imageforge: 1, remote: 0 });
  });

  it('asks for imageforge duration buckets and writes them cumulative up to +Inf', async () => {
    await store.recordRun({ report: sampleReport(), host: { hostname: 'ci-1' } });
    const parsed = await scrape();

    const controller = samplesOf(parsed, 'imageforge_build_duration_seconds_bucket').filter(
      (sample) => sample.labels.image === 'controller',
    );
    expect(controller.map((sample) => sample.labels.le)).toEqual([
      ...DURATION_BUCKETS_SECONDS.map(String),
      '+Inf',
    ]);
    // 12.3 s: above the 10 s bucket, inside every later one.
    expect(controller.map((sample) => sample.value)).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(valuesBy(parsed, 'imageforge_build_duration_seconds_sum', 'image').controller).toBeCloseTo(12.3);
  });

  it('adds up runs: counters are totals over the recorded history', async () => {
    await store.recordRun({ report: sampleReport(), host: { hostname: 'ci-1' } });
    await store.recordRun({
      report: sampleReport({
        runId: '20240501T130000Z-def456',
        startedAt: '2024-05-01T13:00:00.000Z',
        finishedAt: '2024-05-01T13:00:25.400Z',
      }),
      host: { hostname: 'ci-1' },
    });
    const parsed = await scrape();

    expect(valuesBy(parsed, 'imageforge_runs_total', 'status').failed).toBe(2);
    expect(valuesBy(parsed, 'imageforge_build_retries_total', 'image').agent).toBe(2);
    const baseBuilt = samplesOf(parsed, 'imageforge_builds_total').filter(
      (sample) => sample.labels.image === 'base' && sample.labels.status === 'built',
    );
    expect(baseBuilt.map((sample) => sample.value)).toEqual([2]);
  });
});
