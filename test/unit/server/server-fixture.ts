// A dashboard over a real SQLite history store in a temp dir, filled with sample runs; tests inject
// requests into it and look at the responses.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openHistoryStore } from '../../../src/history/open-history.js';
import type { HistoryStore, RecordRunInput } from '../../../src/history/history-store.js';
import type { Report } from '../../../src/report/report-types.js';
import { createServer } from '../../../src/server/create-server.js';
import type { BuildersReading, CacheReading, LiveFactsProvider } from '../../../src/server/live-facts.js';
import { sampleCache, sampleImage, sampleImages, sampleReport } from '../report/sample-report.js';

export const HOSTILE = '<script>alert(1)</script>';

export interface ServerFixture {
  app: FastifyInstance;
  store: HistoryStore;
  dir: string;
  /** Closes the history store (once), e.g. to see how the server answers without it. */
  closeStore(): Promise<void>;
  close(): Promise<void>;
}

export interface FixtureOptions {
  token?: string;
  live?: LiveFactsProvider;
  reports?: Report[];
}

/** Three runs: a failed one (May 1st), a green one on a feature branch (May 2nd), a hostile one (May 3rd). */
export function sampleRuns(): Report[] {
  const green = sampleImages()
    .slice(0, 2)
    .map((image) => ({ ...image }));
  return [
    sampleReport({ runId: '20240501T120000Z-aaa111' }),
    sampleReport({
      runId: '20240502T120000Z-bbb222',
      startedAt: '2024-05-02T12:00:00.000Z',
      finishedAt: '2024-05-02T12:00:20.000Z',
      durationMs: 20_000,
      status: 'succeeded',
      images: green,
      git: { commit: 'feedfacecafe', branch: 'feature/x', dirty: false },
    }),
    sampleReport({
      runId: '20240503T120000Z-ccc333',
      startedAt: '2024-05-03T12:00:00.000Z',
      finishedAt: '2024-05-03T12:00:10.000Z',
      durationMs: 10_000,
      status: 'succeeded',
      images: [sampleImage(HOSTILE)],
      git: { commit: 'c0ffee', branch: `<b>${HOSTILE}</b>`, dirty: false },
      warnings: [HOSTILE],
    }),
  ];
}

/**
 * One run a day for `days` days up to `now`: base and controller always build (slower, less cached
 * on some days), agent fails every third day after a retry — enough history for trend charts.
 */
export function recentRuns(days: number, now = new Date()): Report[] {
  return Array.from({ length: days }, (_, index) => {
    const day = days - 1 - index;
    const started = new Date(now.getTime() - day * 86_400_000 - 3_600_000);
    const stamp = started.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    const agentFails = day % 3 === 1;
    const wobble = (index * 7919) % 10;
    const images = [
      sampleImage('base', {
        durationMs: 3000 + wobble * 400,
        cache: sampleCache(7 - (wobble % 3), 7),
        steps: [
          {
            name: '[1/2] RUN apk add --no-cache ca-certificates',
            cacheable: true,
            cached: false,
            durationMs: 1800 + wobble * 300,
          },
          { name: '[2/2] COPY rootfs/ /', cacheable: true, cached: true, durationMs: 5 },
        ],
      }),
      sampleImage('controller', {
        dependsOn: ['base'],
        durationMs: 20_000 + wobble * 2500,
        cache: sampleCache(2 + (wobble % 5), 7),
        steps: [
          { name: '[1/4] COPY go.mod go.sum ./', cacheable: true, cached: true, durationMs: 4 },
          {
            name: '[2/4] RUN go mod download',
            cacheable: true,
            cached: false,
            durationMs: 6000 + wobble * 500,
          },
          {
            name: '[3/4] RUN go build -o /out/controller ./cmd/controller',
            cacheable: true,
            cached: false,
            durationMs: 12_000 + wobble * 1800,
          },
          { name: '[4/4] RUN go test ./...', cacheable: true, cached: false, durationMs: 1500 },
        ],
      }),
      agentFails
        ? sampleImages()[2]!
        : sampleImage('agent', {
            dependsOn: ['base'],
            durationMs: 9000 + wobble * 900,
            cache: sampleCache(3, 4),
          }),
    ];
    const durationMs = images.reduce((sum, image) => sum + image.durationMs, 0);
    return sampleReport({
      runId: `${stamp}-r${String(index).padStart(3, '0')}`,
      startedAt: started.toISOString(),
      finishedAt: new Date(started.getTime() + durationMs).toISOString(),
      durationMs,
      status: agentFails ? 'failed' : 'succeeded',
      images,
      git: {
        commit: `${index}`.padStart(12, 'a'),
        branch: index % 4 === 0 ? 'feature/cache' : 'main',
        dirty: false,
      },
    });
  });
}

export const FIXED_LIVE_FACTS: LiveFactsProvider = {
  readCache: (): Promise<CacheReading> =>
    Promise.resolve({
      builder: 'ci',
      limitBytes: 5e9,
      usage: {
        version: 1,
        source: 'engine-api',
        measuredAt: '2024-05-03T12:00:00.000Z',
        totalBytes: 2_500_000_000,
        reclaimableBytes: 2_000_000_000,
        inUseBytes: 500_000_000,
        count: 1,
        byType: { regular: { count: 1, bytes: 2_500_000_000, reclaimableBytes: 2_000_000_000 } },
        byAge: {
          '<1h': { count: 1, bytes: 2_500_000_000, reclaimableBytes: 2_000_000_000 },
          '<24h': { count: 0, bytes: 0, reclaimableBytes: 0 },
          '<72h': { count: 0, bytes: 0, reclaimableBytes: 0 },
          '<7d': { count: 0, bytes: 0, reclaimableBytes: 0 },
          older: { count: 0, bytes: 0, reclaimableBytes: 0 },
        },
        entries: [
          {
            id: 'abcdef0123456789',
            parents: [],
            type: 'regular',
            description: `mount / from exec ${HOSTILE}`,
            inUse: false,
            shared: false,
            sizeBytes: 2_500_000_000,
            createdAt: '2024-05-03T11:00:00.000Z',
            lastUsedAt: '2024-05-03T11:30:00.000Z',
            usageCount: 3,
          },
        ],
      },
      error: undefined,
      hint: undefined,
    }),
  readBuilders: (): Promise<BuildersReading> =>
    Promise.resolve({
      source: 'config',
      error: undefined,
      builders: [
        {
          name: 'ci',
          current: true,
          driver: 'docker-container',
          up: true,
          status: 'running',
          buildkitVersion: 'v0.18.1',
          platforms: ['linux/amd64', 'linux/arm64'],
        },
        {
          name: HOSTILE,
          current: false,
          driver: 'remote',
          up: false,
          status: 'error: connection refused',
          buildkitVersion: undefined,
          platforms: [],
        },
      ],
    }),
};

/** A fresh SQLite store in `dir` holding `reports`, recorded as run on `host` (default: hostname test). */
export async function openSampleStore(
  dir: string,
  reports: Report[],
  host: RecordRunInput['host'] = { hostname: 'test' },
): Promise<HistoryStore> {
  const store = await openHistoryStore({ url: path.join(dir, 'history.db'), projectDir: dir });
  await store.migrate();
  for (const report of reports) await store.recordRun({ report, host });
  return store;
}

export async function startFixture(options: FixtureOptions = {}): Promise<ServerFixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-serve-'));
  const store = await openSampleStore(dir, options.reports ?? sampleRuns());
  const app = createServer({ store, token: options.token, live: options.live ?? FIXED_LIVE_FACTS });
  await app.ready();
  let storeOpen = true;
  const closeStore = async (): Promise<void> => {
    if (!storeOpen) return;
    storeOpen = false;
    await store.close();
  };
  return {
    app,
    store,
    dir,
    closeStore,
    close: async () => {
      await app.close();
      await closeStore();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
