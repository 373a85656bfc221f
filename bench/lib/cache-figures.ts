// The cache section's numbers: per run, what report.json says the cache did (hit ratio, bytes
// pulled) next to what the registry really served (the counting proxy) and the size of the built
// images; per scenario, medians and the savings against the uncached reference; the goal verdict.
import { reportSchema, type Report } from '../../src/report/report-types.js';
import { formatSeconds, renderMarkdownTable, type Alignment } from './markdown-table.js';
import type { RegistryTraffic } from './registry-traffic-proxy.js';
import { median } from './stats.js';
import type { Sample, ScenarioResult } from './types.js';

export interface CacheRunFigures {
  /** summary.cache.hitRatio: cached ÷ cacheable steps. */
  hitRatio: number;
  cachedSteps: number;
  totalSteps: number;
  /** summary.cache.bytesPulled as imageforge reports it. */
  reportedBytesPulled: number;
  /** What the registry served and received during the run (measured at the proxy). */
  registry: RegistryTraffic;
  /** Sum of `docker image inspect --format {{.Size}}` over the built images. */
  imageBytes: number;
  built: number;
  upToDate: number;
  /** Cache refs imported that existed / that were tried. */
  importsFound: number;
  importsTried: number;
  /** Errors of cache exports (they never fail a build). */
  exportErrors: string[];
  timings: Record<string, number>;
}

/** A timed run plus its cache figures (missing when the run failed before a report existed). */
export interface CacheSample extends Sample {
  cache?: CacheRunFigures;
}

/** Goals of issue 3 for the registry-cached cold build, each compared with the uncached build. */
export const CACHE_GOALS = { minHitRatio: 0.95, minTimeSaved: 0.75, minBytesSaved: 0.7 } as const;

/** `--json` stdout → the validated report, or why it is not one. */
export function parseReport(stdout: string): { report: Report } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch (error: unknown) {
    return { error: `stdout is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) return { error: `stdout is not a report.json: ${parsed.error.message}` };
  return { report: parsed.data };
}

export function cacheRunFigures(
  report: Report,
  registry: RegistryTraffic,
  imageBytes: number,
): CacheRunFigures {
  const cache = report.summary.cache;
  const imports = report.images.flatMap((image) => image.cache.imports ?? []);
  const exportErrors = report.images.flatMap((image) =>
    (image.cache.exports ?? []).flatMap((entry) =>
      entry.error === undefined ? [] : [`${image.name}: ${entry.name}: ${entry.error}`],
    ),
  );
  return {
    hitRatio: cache.hitRatio,
    cachedSteps: cache.cachedSteps,
    totalSteps: cache.totalSteps,
    reportedBytesPulled: cache.bytesPulled ?? 0,
    registry,
    imageBytes,
    built: report.summary.built,
    upToDate: report.summary.upToDate,
    importsFound: imports.filter((entry) => entry.found).length,
    importsTried: imports.length,
    exportErrors,
    timings: report.timings ?? {},
  };
}

/** Medians over a scenario's successful measured runs; savings are filled in against uncached. */
export interface CacheRow {
  scenario: string;
  okRuns: number;
  failedRuns: number;
  medianMs: number | undefined;
  hitRatio: number | undefined;
  reportedBytesPulled: number | undefined;
  registryBytesDownloaded: number | undefined;
  registryBytesUploaded: number | undefined;
  imageBytes: number | undefined;
  built: number | undefined;
  upToDate: number | undefined;
  /** 1 − time ÷ uncached time. */
  timeSaved?: number;
  /** 1 − registry download ÷ uncached registry download (measured). */
  bytesSaved?: number;
  /** 1 − bytesPulled ÷ uncached bytesPulled (as report.json states them). */
  reportedBytesSaved?: number;
}

export function cacheRow(scenario: ScenarioResult): CacheRow {
  const samples = scenario.competitors.flatMap((competitor) => competitor.samples as CacheSample[]);
  const measured = samples.filter((sample) => sample.round > 0);
  const ok = measured.filter((sample) => sample.ok);
  const figures = ok.flatMap((sample) => (sample.cache ? [sample.cache] : []));
  const medianOf = (pick: (figures: CacheRunFigures) => number): number | undefined =>
    median(figures.map(pick));
  return {
    scenario: scenario.name,
    okRuns: ok.length,
    failedRuns: measured.length - ok.length,
    medianMs: median(ok.map((sample) => sample.durationMs)),
    // an up-to-date run has no cacheable steps (BuildKit never ran): no hit ratio, not 0%
    hitRatio: median(figures.filter((f) => f.totalSteps > 0).map((f) => f.hitRatio)),
    reportedBytesPulled: medianOf((f) => f.reportedBytesPulled),
    registryBytesDownloaded: medianOf((f) => f.registry.bytesDownloaded),
    registryBytesUploaded: medianOf((f) => f.registry.bytesUploaded),
    imageBytes: medianOf((f) => f.imageBytes),
    built: medianOf((f) => f.built),
    upToDate: medianOf((f) => f.upToDate),
  };
}

function saved(value: number | undefined, reference: number | undefined): number | undefined {
  if (value === undefined || reference === undefined || reference <= 0) return undefined;
  return 1 - value / reference;
}

/** Adds time and bytes saved against the `reference` row (the uncached build) to every row. */
export function compareWithReference(rows: readonly CacheRow[], reference: string): CacheRow[] {
  const base = rows.find((row) => row.scenario === reference);
  return rows.map((row) => {
    if (!base || row === base) return { ...row };
    return {
      ...row,
      timeSaved: saved(row.medianMs, base.medianMs),
      bytesSaved: saved(row.registryBytesDownloaded, base.registryBytesDownloaded),
      reportedBytesSaved: saved(row.reportedBytesPulled, base.reportedBytesPulled),
    };
  });
}

export interface CacheVerdict {
  hits: boolean;
  time: boolean;
  bytes: boolean;
  met: boolean;
}

/** Undefined when a figure is missing (the row or its reference failed every run). */
export function cacheVerdict(row: CacheRow | undefined): CacheVerdict | undefined {
  if (!row || row.hitRatio === undefined || row.timeSaved === undefined || row.bytesSaved === undefined)
    return undefined;
  const hits = row.hitRatio >= CACHE_GOALS.minHitRatio;
  const time = row.timeSaved >= CACHE_GOALS.minTimeSaved;
  const bytes = row.bytesSaved >= CACHE_GOALS.minBytesSaved;
  return { hits, time, bytes, met: hits && time && bytes };
}

/** `41943040` → `41.94 MB` (decimal units, like BuildKit's progress). */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '—';
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(2)} MB`;
}

export function formatPercent(ratio: number | undefined): string {
  return ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)}%`;
}

export function renderCacheTable(rows: readonly CacheRow[]): string {
  const header = [
    'scenario',
    'ok runs',
    'median time',
    'time saved',
    'hit ratio',
    'pulled (report.json)',
    'pulled (registry)',
    'bytes saved (registry / report)',
    'pushed (registry)',
    'image size',
    'built / up to date',
  ];
  const body = rows.map((row) => [
    row.scenario,
    `${row.okRuns}/${row.okRuns + row.failedRuns}`,
    row.medianMs === undefined ? '—' : formatSeconds(row.medianMs),
    formatPercent(row.timeSaved),
    formatPercent(row.hitRatio),
    formatBytes(row.reportedBytesPulled),
    formatBytes(row.registryBytesDownloaded),
    row.bytesSaved === undefined && row.reportedBytesSaved === undefined
      ? '—'
      : `${formatPercent(row.bytesSaved)} / ${formatPercent(row.reportedBytesSaved)}`,
    formatBytes(row.registryBytesUploaded),
    formatBytes(row.imageBytes),
    row.built === undefined ? '—' : `${row.built} / ${row.upToDate ?? 0}`,
  ]);
  const align = header.map((_, index): Alignment => (index === 0 ? 'left' : 'right'));
  return renderMarkdownTable(header, body, align);
}

/** One sentence per goal for the cached cold row: `hits 100.0% ≥ 95%: yes`. */
export function renderVerdict(row: CacheRow | undefined): string {
  const verdict = cacheVerdict(row);
  if (!row || !verdict)
    return 'Goals: n/a (the uncached or the registry-cached cold scenario did not complete).';
  const yes = (ok: boolean): string => (ok ? 'met' : 'MISSED');
  return [
    `Goals for \`${row.scenario}\` (vs uncached): ${verdict.met ? '**met**' : '**not met**'} —`,
    `hit ratio ${formatPercent(row.hitRatio)} ≥ ${CACHE_GOALS.minHitRatio * 100}% ${yes(verdict.hits)};`,
    `time saved ${formatPercent(row.timeSaved)} ≥ ${CACHE_GOALS.minTimeSaved * 100}% ${yes(verdict.time)};`,
    `bytes pulled from the registry saved ${formatPercent(row.bytesSaved)} ≥ ${CACHE_GOALS.minBytesSaved * 100}% ${yes(verdict.bytes)}.`,
  ].join(' ');
}
