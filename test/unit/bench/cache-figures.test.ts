import { describe, expect, it } from 'vitest';
import {
  cacheRow,
  cacheRunFigures,
  cacheVerdict,
  compareWithReference,
  formatBytes,
  parseReport,
  type CacheRunFigures,
  type CacheSample,
} from '../../../bench/lib/cache-figures.js';
import { emptyTraffic } from '../../../bench/lib/registry-traffic-proxy.js';
import { summarize } from '../../../bench/lib/stats.js';
import type { ScenarioResult } from '../../../bench/lib/types.js';
import { explainDiscrepancies, summarizeCacheSection } from '../../../bench/scenarios/cache-summary.js';

const imageCache = (bytesPulled: number, found: boolean) => ({
  totalSteps: 5,
  cachedSteps: found ? 5 : 0,
  hitRatio: found ? 1 : 0,
  vertexTotal: 17,
  vertexCached: found ? 5 : 0,
  bytesPulled,
  imports: [
    { ref: 'localhost:5000/bench-cache-x/api:bench', found },
    { ref: 'localhost:5000/bench-cache-x/api:main', found: false },
  ],
  exports: [{ name: 'exporting cache to registry' }],
});

/** The shape of a real `imageforge build --json` report (trimmed to one image). */
function reportJson(bytesPulled: number, found: boolean): string {
  const push = { status: 'not-requested', attempts: [], durationMs: 0 };
  const cache = imageCache(bytesPulled, found);
  return JSON.stringify({
    schemaVersion: 1,
    tool: { name: 'imageforge', version: '0.1.0' },
    runId: '20261121T130223Z-8466f1',
    status: 'succeeded',
    startedAt: '2026-11-21T13:02:23.000Z',
    finishedAt: '2026-11-21T13:02:31.000Z',
    durationMs: 8000,
    configFile: 'bench/work/cache-x/imageforge.yaml',
    options: { push: false, parallel: 2, failFast: false, legacy: false, selected: [] },
    environment: { buildkitAvailable: true },
    git: {},
    images: [
      {
        name: 'api',
        status: 'built',
        attempts: [],
        durationMs: 8000,
        tags: ['bench-cache-set/api:bench'],
        platforms: [],
        dependsOn: [],
        cache,
        steps: [],
        warnings: [],
        push,
      },
    ],
    summary: { built: 1, failed: 0, skipped: 0, cancelled: 0, upToDate: 0, cache },
    timings: { buildMs: 7000 },
    warnings: [],
  });
}

function figures(overrides: Partial<CacheRunFigures>): CacheRunFigures {
  return {
    hitRatio: 1,
    cachedSteps: 15,
    totalSteps: 15,
    reportedBytesPulled: 0,
    registry: emptyTraffic(),
    imageBytes: 6_400_000,
    built: 3,
    upToDate: 0,
    importsFound: 3,
    importsTried: 6,
    exportErrors: [],
    timings: {},
    ...overrides,
  };
}

function scenario(
  name: string,
  runs: { ms: number; cache?: CacheRunFigures; ok?: boolean }[],
): ScenarioResult {
  const samples: CacheSample[] = runs.map((run, index) => ({
    round: index + 1,
    durationMs: run.ms,
    ok: run.ok ?? true,
    exitCode: run.ok === false ? 1 : 0,
    timedOut: false,
    ...(run.cache ? { cache: run.cache } : {}),
  }));
  return {
    name,
    description: name,
    competitors: [
      { id: 'imageforge', label: 'imageforge', commandLine: 'node', samples, summary: summarize(samples) },
    ],
  };
}

const traffic = (bytesDownloaded: number) => ({ ...emptyTraffic(), bytesDownloaded });

describe('parseReport and cacheRunFigures', () => {
  it('reads the cache figures of a real report and counts imports that existed', () => {
    const parsed = parseReport(reportJson(41_947_875, true));
    if ('error' in parsed) throw new Error(parsed.error);
    const run = cacheRunFigures(parsed.report, traffic(41_950_776), 2_136_544);
    expect(run).toMatchObject({
      hitRatio: 1,
      reportedBytesPulled: 41_947_875,
      importsFound: 1,
      importsTried: 2,
      exportErrors: [],
      imageBytes: 2_136_544,
      timings: { buildMs: 7000 },
    });
    expect(run.registry.bytesDownloaded).toBe(41_950_776);
  });

  it('says why stdout is not a report', () => {
    const errorOf = (stdout: string): string => {
      const parsed = parseReport(stdout);
      return 'error' in parsed ? parsed.error : '';
    };
    expect(errorOf('building...')).toContain('not JSON');
    expect(errorOf('{"schemaVersion":1}')).toContain('not a report.json');
  });
});

describe('cacheRow and compareWithReference', () => {
  const uncached = scenario('uncached', [
    {
      ms: 8500,
      cache: figures({ hitRatio: 0, reportedBytesPulled: 125_843_625, registry: traffic(41_950_776) }),
    },
    {
      ms: 8700,
      cache: figures({ hitRatio: 0, reportedBytesPulled: 125_843_625, registry: traffic(41_950_000) }),
    },
    {
      ms: 8300,
      cache: figures({ hitRatio: 0, reportedBytesPulled: 125_843_625, registry: traffic(41_951_000) }),
    },
  ]);
  const cold = scenario('cached-cold', [
    { ms: 1500, cache: figures({ reportedBytesPulled: 3_149_979, registry: traffic(3_200_000) }) },
    { ms: 300, ok: false },
    { ms: 1700, cache: figures({ reportedBytesPulled: 3_149_979, registry: traffic(3_300_000) }) },
  ]);

  it('takes medians of the successful runs and the savings against uncached', () => {
    const [base, row] = compareWithReference([cacheRow(uncached), cacheRow(cold)], 'uncached');
    expect(base?.timeSaved).toBeUndefined();
    expect(row).toMatchObject({ okRuns: 2, failedRuns: 1, medianMs: 1600, hitRatio: 1 });
    expect(row?.timeSaved).toBeCloseTo(1 - 1600 / 8500);
    expect(row?.bytesSaved).toBeCloseTo(1 - 3_250_000 / 41_950_776);
    expect(row?.reportedBytesSaved).toBeCloseTo(1 - 3_149_979 / 125_843_625);
    expect(cacheVerdict(row)).toEqual({ hits: true, time: true, bytes: true, met: true });
  });

  it('misses the time goal when the cached build saves less than 75%', () => {
    const slow = scenario('cached-cold', [{ ms: 3000, cache: figures({ registry: traffic(3_000_000) }) }]);
    const [, row] = compareWithReference([cacheRow(uncached), cacheRow(slow)], 'uncached');
    expect(cacheVerdict(row)).toEqual({ hits: true, time: false, bytes: true, met: false });
  });

  it('has no hit ratio for up-to-date runs, where BuildKit never ran', () => {
    const skipped = scenario('warm-up-to-date', [
      { ms: 600, cache: figures({ totalSteps: 0, hitRatio: 0, upToDate: 3, built: 0 }) },
    ]);
    expect(cacheRow(skipped).hitRatio).toBeUndefined();
  });

  it('has no verdict without an uncached reference', () => {
    expect(cacheVerdict(compareWithReference([cacheRow(cold)], 'uncached')[0])).toBeUndefined();
  });
});

describe('summarizeCacheSection', () => {
  it('explains a bytesPulled that counts a shared layer once per image', () => {
    const uncached = scenario('uncached', [
      {
        ms: 8500,
        cache: figures({ hitRatio: 0, reportedBytesPulled: 125_843_625, registry: traffic(41_950_776) }),
      },
    ]);
    const [note] = explainDiscrepancies([cacheRow(uncached)]);
    expect(note).toContain('125.84 MB');
    expect(note).toContain('3.00×');
  });

  it('reports failed runs and setup problems, and n/a targets without a cold row', () => {
    const result = summarizeCacheSection([scenario('uncached', [{ ms: 10, ok: false }])], {
      notes: [],
      problems: ['aborted: engine bench-cache-a did not start'],
    });
    expect(result.failures).toEqual([
      'aborted: engine bench-cache-a did not start',
      'uncached: 1/1 runs failed — ',
    ]);
    expect(result.targetsMet).toBeUndefined();
    expect(result.markdown).toContain('Goals: n/a');
  });

  it('formats bytes in decimal units', () => {
    expect([formatBytes(undefined), formatBytes(512), formatBytes(86_000), formatBytes(41_947_875)]).toEqual([
      '—',
      '512 B',
      '86.0 kB',
      '41.95 MB',
    ]);
  });
});
