// Hand-built history aggregates and live facts for metrics tests: two images, one of them failing
// and retried, scanned with findings, on two builders (one without a cache limit, one down).
import type { LiveFacts, MetricsSnapshot } from '../../../src/metrics/metrics-contract.js';

export function sampleSnapshot(overrides: Partial<MetricsSnapshot> = {}): MetricsSnapshot {
  return {
    builds: [
      {
        image: 'api',
        builder: 'imageforge',
        method: 'buildkit',
        status: 'built',
        count: 4,
        durationSumSeconds: 95.5,
        buckets: [
          { le: 1, count: 0 },
          { le: 5, count: 1 },
          { le: 10, count: 2 },
          { le: 30, count: 3 },
          { le: 60, count: 4 },
        ],
      },
      {
        image: 'worker',
        builder: 'imageforge',
        method: 'buildkit',
        status: 'failed',
        count: 2,
        durationSumSeconds: 130,
        buckets: [
          { le: 1, count: 0 },
          { le: 5, count: 0 },
          { le: 10, count: 0 },
          { le: 30, count: 0 },
          { le: 60, count: 1 },
        ],
      },
    ],
    steps: [
      { image: 'api', cached: true, count: 20 },
      { image: 'api', cached: false, count: 8 },
      { image: 'worker', cached: false, count: 6 },
    ],
    retries: [{ image: 'worker', count: 3 }],
    cacheHitRatio: [
      { image: 'api', ratio: 0.75 },
      { image: 'worker', ratio: 0 },
    ],
    findings: [
      { image: 'api', severity: 'CRITICAL', count: 1 },
      { image: 'api', severity: 'HIGH', count: 4 },
    ],
    runs: [
      { status: 'succeeded', count: 5 },
      { status: 'failed', count: 2 },
    ],
    lastRun: { timestampSeconds: 1_714_564_800, status: 'failed' },
    ...overrides,
  };
}

export function emptySnapshot(): MetricsSnapshot {
  return {
    builds: [],
    steps: [],
    retries: [],
    cacheHitRatio: [],
    findings: [],
    runs: [],
    lastRun: undefined,
  };
}

export function sampleLiveFacts(): LiveFacts {
  return {
    cache: [
      { builder: 'imageforge', bytes: 3_221_225_472, limitBytes: 2_147_483_648 },
      { builder: 'remote', bytes: 1_000_000, limitBytes: undefined },
    ],
    builders: [
      { builder: 'imageforge', up: true },
      { builder: 'remote', up: false },
    ],
  };
}
