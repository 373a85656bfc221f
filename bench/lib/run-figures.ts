// imageforge's own figures per run, and their medians: CPU time and peak RSS of its node process
// (written at exit by process-usage-preload.mjs), the children's CPU apart, and report.json's phase
// timings and counts. The shares answer "how much of the wall time is imageforge itself?".
import { readFile, rm } from 'node:fs/promises';
import { median } from './stats.js';
import type { RunFigures, Sample, ScenarioResult } from './types.js';

/** Environment variable naming the file the preload writes. */
export const USAGE_FILE_ENV = 'IMAGEFORGE_BENCH_USAGE_FILE';
/** `node` arguments that load the preload (relative to the repository root, the competitors' cwd). */
export const USAGE_PRELOAD_ARGS = ['--import', './bench/lib/process-usage-preload.mjs'] as const;

function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The preload's JSON → CPU ms, peak RSS bytes and children's CPU ms; undefined when unreadable. */
export function parseProcessUsage(text: string): RunFigures | undefined {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const user = finiteNumber(record.userCpuMicros);
  const system = finiteNumber(record.systemCpuMicros);
  const rss = finiteNumber(record.maxRssKilobytes);
  if (user === undefined || system === undefined || rss === undefined) return undefined;
  const children = finiteNumber(record.childrenCpuMicros);
  return {
    cpuMs: (user + system) / 1000,
    maxRssBytes: rss * 1024,
    ...(children === undefined ? {} : { childrenCpuMs: children / 1000 }),
  };
}

/** report.json → phase timings and built / up-to-date counts; undefined when it is not a report. */
export function parseReportFigures(text: string): RunFigures | undefined {
  let report: { summary?: Record<string, unknown>; timings?: Record<string, unknown> };
  try {
    report = JSON.parse(text) as typeof report;
  } catch {
    return undefined;
  }
  const built = finiteNumber(report.summary?.built);
  if (built === undefined) return undefined;
  const timings: Record<string, number> = {};
  for (const [phase, value] of Object.entries(report.timings ?? {})) {
    const ms = finiteNumber(value);
    if (ms !== undefined) timings[phase] = ms;
  }
  return { built, upToDate: finiteNumber(report.summary?.upToDate) ?? 0, timings };
}

export interface FigureFiles {
  /** Written by the preload at exit; deleted once read, so a later crash cannot reuse it. */
  usageFile: string;
  /** The run's report.json (e.g. `<project>/.imageforge/runs/latest/report.json`). */
  reportFile: string;
}

/** Reads both files of the run that just ended; whatever is missing stays undefined. */
export async function collectRunFigures(files: FigureFiles): Promise<RunFigures | undefined> {
  const usageText = await readFile(files.usageFile, 'utf8').catch(() => undefined);
  await rm(files.usageFile, { force: true });
  const reportText = await readFile(files.reportFile, 'utf8').catch(() => undefined);
  const usage = usageText === undefined ? undefined : parseProcessUsage(usageText);
  const report = reportText === undefined ? undefined : parseReportFigures(reportText);
  return usage === undefined && report === undefined ? undefined : { ...usage, ...report };
}

export interface FiguresSummary {
  /** Successful runs that carried figures. */
  runs: number;
  wallMs: number | undefined;
  cpuMs: number | undefined;
  childrenCpuMs: number | undefined;
  maxRssBytesMedian: number | undefined;
  maxRssBytesMax: number | undefined;
  /** Median over runs of imageforge CPU ÷ wall time. */
  cpuShare: number | undefined;
  /** Median over runs of (wall − report.timings.buildMs) ÷ wall: time spent outside the BuildKit phase. */
  outsideBuildShare: number | undefined;
  buildMs: number | undefined;
  /** `built/up to date` when every run agrees, else e.g. `12/0, 11/1`. */
  counts: string | undefined;
}

export function summarizeFigures(samples: readonly Sample[]): FiguresSummary {
  const measured = samples.filter((sample) => sample.round > 0 && sample.ok && sample.figures);
  const pick = (read: (sample: Sample, figures: RunFigures) => number | undefined): number[] =>
    measured.flatMap((sample) => {
      const value = sample.figures ? read(sample, sample.figures) : undefined;
      return value === undefined ? [] : [value];
    });
  const rss = pick((_, figures) => figures.maxRssBytes);
  const counts = [
    ...new Set(
      measured.flatMap(({ figures }) =>
        figures?.built === undefined ? [] : [`${figures.built}/${figures.upToDate ?? 0}`],
      ),
    ),
  ];
  return {
    runs: measured.length,
    wallMs: median(measured.map((sample) => sample.durationMs)),
    cpuMs: median(pick((_, figures) => figures.cpuMs)),
    childrenCpuMs: median(pick((_, figures) => figures.childrenCpuMs)),
    maxRssBytesMedian: median(rss),
    maxRssBytesMax: rss.length > 0 ? Math.max(...rss) : undefined,
    cpuShare: median(
      pick((sample, figures) =>
        figures.cpuMs === undefined || sample.durationMs <= 0 ? undefined : figures.cpuMs / sample.durationMs,
      ),
    ),
    outsideBuildShare: median(
      pick((sample, figures) => {
        const build = figures.timings?.buildMs;
        if (build === undefined || sample.durationMs <= 0) return undefined;
        return Math.max(0, sample.durationMs - build) / sample.durationMs;
      }),
    ),
    buildMs: median(pick((_, figures) => figures.timings?.buildMs)),
    counts: counts.length === 0 ? undefined : counts.join(', '),
  };
}

/** Median of each report.json phase over the successful runs, plus `otherMs`: wall minus all phases. */
export function medianTimings(samples: readonly Sample[]): Record<string, number> {
  const measured = samples.filter((sample) => sample.round > 0 && sample.ok && sample.figures?.timings);
  const phases = [...new Set(measured.flatMap((sample) => Object.keys(sample.figures?.timings ?? {})))];
  const result: Record<string, number> = {};
  for (const phase of phases) {
    const value = median(measured.flatMap((sample) => sample.figures?.timings?.[phase] ?? []));
    if (value !== undefined) result[phase] = value;
  }
  const other = median(
    measured.map((sample) => {
      const phaseSum = Object.values(sample.figures?.timings ?? {}).reduce((sum, ms) => sum + ms, 0);
      return Math.max(0, sample.durationMs - phaseSum);
    }),
  );
  if (other !== undefined) result.otherMs = other;
  return result;
}

/** `{ planMs: 61, buildMs: 42377 }` → `plan 0.06 s, build 42.38 s`. */
export function formatTimings(timings: Record<string, number>): string {
  const entries = Object.entries(timings);
  if (entries.length === 0) return '—';
  return entries.map(([phase, ms]) => `${phase.replace(/Ms$/, '')} ${(ms / 1000).toFixed(2)} s`).join(', ');
}

/** What the phase bullets mean, followed by one bullet per scenario × measured competitor. */
export function renderPhaseNotes(scenarios: readonly ScenarioResult[]): string[] {
  return [
    '- _phases_: report.json `timings` (plan, preflight, check = up-to-date check, build = BuildKit,' +
      ' gates, publish) and _other_ = wall − all phases (node start-up, writing reports, build state and history).',
    ...renderPhaseLines(scenarios),
  ];
}

/** One markdown bullet per scenario × measured competitor: where imageforge's wall time went. */
export function renderPhaseLines(
  scenarios: readonly ScenarioResult[],
  ids: readonly string[] = ['imageforge', 'imageforge-force'],
): string[] {
  return scenarios.flatMap((scenario) =>
    scenario.competitors
      .filter((competitor) => ids.includes(competitor.id))
      .flatMap((competitor) => {
        const timings = medianTimings(competitor.samples);
        if (Object.keys(timings).length === 0) return [];
        return [`- phases, ${scenario.name}, ${competitor.label} (medians): ${formatTimings(timings)}`];
      }),
  );
}

/** `0.0312` → `3.1%`; undefined → `—`. */
export function formatShare(share: number | undefined): string {
  return share === undefined ? '—' : `${(share * 100).toFixed(1)}%`;
}

/** Bytes → `123.4 MB` (10^6); undefined → `—`. */
export function formatMegabytes(bytes: number | undefined): string {
  return bytes === undefined ? '—' : `${(bytes / 1e6).toFixed(1)} MB`;
}
