// Reports for history tests, described by what the history cares about (image, status, duration,
// attempts, cache figures, executed steps, scan counts) and built on the shared sample report.
import type { ImageGates } from '../../../src/gates/gate-report.js';
import type { Severity } from '../../../src/gates/scan/findings.js';
import type { HostUsage } from '../../../src/history/history-store.js';
import type { ImageResult, Report } from '../../../src/report/report-types.js';
import { sampleAttempt, sampleCache, sampleImage, sampleReport } from '../report/sample-report.js';

export interface BuildSpec {
  name: string;
  status?: ImageResult['status'];
  durationMs: number;
  attempts?: number;
  cached?: number;
  total?: number;
  /** Executed (not cached) steps: [name, ms]. */
  steps?: Array<[string, number]>;
  builder?: string;
  method?: ImageResult['method'];
  scan?: Partial<Record<Severity, number>>;
}

export function buildResult(spec: BuildSpec): ImageResult {
  const status = spec.status ?? 'built';
  const attempts = status === 'skipped' ? 0 : (spec.attempts ?? 1);
  return sampleImage(spec.name, {
    status,
    durationMs: spec.durationMs,
    method: status === 'skipped' ? undefined : (spec.method ?? 'buildkit'),
    builder: spec.builder,
    attempts: Array.from({ length: attempts }, (_, index) =>
      sampleAttempt(index + 1, {
        outcome: index + 1 < attempts || status === 'failed' ? 'failed' : 'succeeded',
      }),
    ),
    cache: sampleCache(spec.cached ?? 0, spec.total ?? 0),
    steps: [
      { name: '[1/9] COPY . /src', cacheable: true, cached: true, durationMs: 1 },
      ...(spec.steps ?? []).map(([name, durationMs]) => ({
        name,
        cacheable: true,
        cached: false,
        durationMs,
      })),
    ],
    error:
      status === 'failed'
        ? { code: 'IMAGEFORGE_BUILD_FAILED', kind: 'deterministic', message: 'RUN make exited with code 2' }
        : undefined,
    gates: spec.scan === undefined ? undefined : scannedGates(spec.scan),
  });
}

function scannedGates(counts: Partial<Record<Severity, number>>): ImageGates {
  return {
    status: 'passed',
    scans: [
      {
        kind: 'vulnerabilities',
        status: 'passed',
        durationMs: 10,
        scanner: { name: 'trivy' },
        failOn: 'CRITICAL',
        ignoreUnfixed: false,
        counts: { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0, ...counts },
        blocking: [],
        ignored: [],
        expiredIgnores: [],
        findings: [],
        summary: '',
      },
    ],
  };
}

export function runReport(
  runId: string,
  startedAt: string,
  builds: BuildSpec[],
  overrides: Partial<Report> = {},
): Report {
  const durationMs = 60_000;
  return sampleReport({
    runId,
    startedAt,
    finishedAt: new Date(Date.parse(startedAt) + durationMs).toISOString(),
    durationMs,
    images: builds.map(buildResult),
    ...overrides,
  });
}

export const SAMPLE_HOST: HostUsage = {
  hostname: 'ci-controller-1',
  samples: 12,
  cpuPeakRatio: 0.9,
  cpuMeanRatio: 0.4,
  memoryPeakBytes: 8e9,
  memoryMeanBytes: 6e9,
  memoryTotalBytes: 16e9,
  diskPeakBytes: 1e11,
  diskMeanBytes: 9e10,
  diskTotalBytes: undefined,
};

/**
 * The trend data set (durations chosen so percentiles are easy to check by hand):
 * api builds 1000/2000/3000/4000 ms on May 1-2, web 4000 (2 attempts), 6000 (failed, 3 attempts),
 * skipped, 2000; plus one old run on April 20 outside the usual window.
 */
export function trendReports(): Report[] {
  return [
    runReport('r1', '2024-05-01T10:15:00.000Z', [
      {
        name: 'api',
        durationMs: 1000,
        cached: 2,
        total: 4,
        steps: [['RUN npm ci', 800]],
        builder: 'pool-a',
        scan: { CRITICAL: 1, HIGH: 2 },
      },
      {
        name: 'web',
        durationMs: 4000,
        attempts: 2,
        cached: 0,
        total: 4,
        steps: [
          ['RUN build', 3000],
          ['RUN npm ci', 500],
        ],
      },
    ]),
    runReport('r2', '2024-05-01T10:45:00.000Z', [
      { name: 'api', durationMs: 2000, cached: 4, total: 4, builder: 'pool-a' },
      {
        name: 'web',
        status: 'failed',
        durationMs: 6000,
        attempts: 3,
        cached: 1,
        total: 4,
        steps: [['RUN build', 5000]],
        scan: { LOW: 3 },
      },
    ]),
    runReport('r3', '2024-05-01T14:05:00.000Z', [
      {
        name: 'api',
        durationMs: 3000,
        cached: 1,
        total: 4,
        steps: [['RUN npm ci', 2000]],
        builder: 'pool-a',
      },
      { name: 'web', status: 'skipped', durationMs: 0 },
    ]),
    runReport(
      'r4',
      '2024-05-02T09:00:00.000Z',
      [
        {
          name: 'api',
          durationMs: 4000,
          attempts: 2,
          cached: 0,
          total: 4,
          steps: [['RUN npm ci', 3000]],
          builder: 'pool-a',
          scan: { HIGH: 5 },
        },
        { name: 'web', durationMs: 2000, cached: 4, total: 4 },
      ],
      { git: { commit: 'feedbeef', branch: 'release', dirty: false } },
    ),
    runReport('r5', '2024-04-20T08:00:00.000Z', [
      { name: 'api', durationMs: 100_000, cached: 0, total: 4, builder: 'pool-a' },
    ]),
  ];
}

/** Run `index` of concurrent writer `worker`: distinct ids, spread over two days (up to four writers). */
export function writerReport(worker: number, index: number): Report {
  const sequence = index * 4 + worker;
  const startedAt = new Date(Date.parse('2024-06-01T00:00:00.000Z') + sequence * 15 * 60_000);
  return runReport(`writer-${worker}-${index}`, startedAt.toISOString(), [
    {
      name: 'api',
      durationMs: 1000 + index * 10,
      cached: index % 5,
      total: 4,
      steps: [['RUN npm ci', 500 + index]],
    },
    { name: 'web', durationMs: 2000 + worker * 100, attempts: 1 + (index % 3), cached: 2, total: 4 },
  ]);
}
