// Section "history": how fast the history store answers on a big history. 100k synthetic runs (5
// images each, 90 days) are bulk-loaded into a fresh SQLite file, rollups built, then each query
// the dashboard, CLI and metrics use is timed ≥ 50 times. Target: trends p95 < 50 ms.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { HistoryDatabase } from '../../src/history/history-database.js';
import { KyselyHistoryStore } from '../../src/history/kysely-history-store.js';
import { refreshRollups } from '../../src/history/rollups.js';
import { toRunRows } from '../../src/history/run-rows.js';
import type { Report } from '../../src/report/report-types.js';
import { openSqliteDatabase } from '../../src/history/sqlite-database.js';
import { DAY_MS } from '../../src/history/time-buckets.js';
import { inImmediateSqliteTransaction } from '../../src/history/write-transaction.js';
import { renderMarkdownTable } from '../lib/markdown-table.js';
import type { BenchContext, BenchSection } from '../lib/section.js';
import { summarize } from '../lib/stats.js';
import type { CompetitorResult, Sample, SectionResult } from '../lib/types.js';
import { generateHistory } from '../workloads/history-workload.js';

const SECTION_ID = 'history';
const TARGET_P95_MS = 50;
const DAYS = 90;

export const historySection: BenchSection = {
  id: SECTION_ID,
  title: 'history store (SQLite): queries on 100k runs × 5 images',
  run: runHistorySection,
};

interface TimedQuery {
  id: string;
  label: string;
  /** Held to TARGET_P95_MS. */
  target: boolean;
  run: (store: KyselyHistoryStore) => Promise<unknown>;
}

function positiveEnv(context: BenchContext, name: string, fallback: number): number {
  const value = Number(context.env[name] ?? '');
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

async function runHistorySection(context: BenchContext): Promise<SectionResult> {
  const runs = positiveEnv(context, 'BENCH_HISTORY_RUNS', 100_000);
  const repetitions = Math.max(50, positiveEnv(context, 'BENCH_HISTORY_REPETITIONS', 50));
  const directory = await mkdtemp(path.join(os.tmpdir(), 'imageforge-bench-history-'));
  const file = path.join(directory, 'history.db');
  const endMs = Date.now();
  const notes: string[] = [];
  let db: Kysely<HistoryDatabase> | undefined;
  try {
    db = await openSqliteDatabase(file);
    const store = new KyselyHistoryStore({ kind: 'sqlite', location: file, db });
    await store.migrate();
    notes.push(await bulkLoad(context, { file, db, runs, endMs }));
    const queries = timedQueries(endMs);
    const samples = new Map<string, Sample[]>(queries.map((query) => [query.id, []]));
    for (const query of queries) await query.run(store); // warm the page cache and statement paths
    for (let round = 1; round <= repetitions; round++) {
      for (const query of queries) samples.get(query.id)?.push(await timeOnce(query, store, round));
    }
    notes.push(
      `database ${((await stat(file)).size / 1e6).toFixed(0)} MB; ${repetitions} repetitions per query, interleaved`,
    );
    const competitors = queries.map((query) => toCompetitor(query, samples.get(query.id) ?? []));
    return summarizeHistorySection(queries, competitors, notes);
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      id: SECTION_ID,
      title: historySection.title,
      scenarios: [],
      markdown: `## ${historySection.title}\n\naborted: ${message}`,
      failures: [`aborted: ${message}`],
      targetsMet: false,
    };
  } finally {
    await db?.destroy();
    if (context.env.BENCH_HISTORY_KEEP === undefined) await rm(directory, { recursive: true, force: true });
    else context.log(`history: kept ${file} (end ${endMs})`);
  }
}

function timedQueries(endMs: number): TimedQuery[] {
  let written = 0;
  return [
    {
      id: 'trends',
      label: 'trends() — all images, default 30 days',
      target: true,
      run: (store) => store.trends(),
    },
    {
      id: 'trends-image',
      label: "trends({ image: 'controller' })",
      target: true,
      run: (store) => store.trends({ image: 'controller' }),
    },
    {
      id: 'trends-90d',
      label: 'trends({ since: 90 days }) — every run',
      target: true,
      run: (store) => store.trends({ since: new Date(endMs - DAYS * DAY_MS - DAY_MS) }),
    },
    {
      id: 'trends-90d-hourly',
      label: 'trends({ since: 90 days, bucket: hour })',
      target: false,
      run: (store) => store.trends({ since: new Date(endMs - DAYS * DAY_MS), bucket: 'hour' }),
    },
    {
      id: 'list-runs',
      label: 'listRuns({ limit: 50 })',
      target: false,
      run: (store) => store.listRuns({ limit: 50 }),
    },
    {
      id: 'metrics',
      label: 'metricsSnapshot(11 buckets)',
      target: false,
      run: (store) => store.metricsSnapshot([1, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600]),
    },
    {
      id: 'record-run',
      label: 'recordRun (new run, rollups refreshed)',
      target: false,
      run: (store) => {
        const reports: Report[] = [];
        generateHistory({ runs: 1, days: 0.001, endMs: Date.now(), seed: ++written }, (report) =>
          reports.push(report),
        );
        const [report] = reports;
        if (report === undefined) throw new Error('no report generated');
        return store.recordRun({
          report: { ...report, runId: `bench-write-${written}` },
          host: { hostname: 'bench' },
        });
      },
    },
  ];
}

async function timeOnce(query: TimedQuery, store: KyselyHistoryStore, round: number): Promise<Sample> {
  const started = performance.now();
  try {
    await query.run(store);
    return {
      round,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      ok: true,
      exitCode: 0,
      timedOut: false,
    };
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      round,
      durationMs: performance.now() - started,
      ok: false,
      exitCode: undefined,
      timedOut: false,
      error: message,
    };
  }
}

/** Raw rows through better-sqlite3 in one transaction (as recordRun would write them), then rollups. */
async function bulkLoad(
  context: BenchContext,
  target: { file: string; db: Kysely<HistoryDatabase>; runs: number; endMs: number },
): Promise<string> {
  const started = performance.now();
  context.log(`history: generating and loading ${target.runs} runs`);
  const raw = new Database(target.file);
  let images = 0;
  let steps = 0;
  try {
    const insert = insertStatements(raw);
    raw.transaction(() => {
      generateHistory({ runs: target.runs, days: DAYS, endMs: target.endMs }, (report) => {
        const rows = toRunRows({
          report,
          host: { hostname: `controller-${report.runId.charCodeAt(report.runId.length - 1) % 3}` },
        });
        insert.runs.run(rows.run);
        for (const row of rows.imageBuilds) insert.imageBuilds.run(row);
        for (const row of rows.steps) insert.steps.run(row);
        images += rows.imageBuilds.length;
        steps += rows.steps.length;
      });
    })();
  } finally {
    raw.close();
  }
  const loadedMs = performance.now() - started;
  context.log('history: building rollups');
  await inImmediateSqliteTransaction(target.db, async (db) => {
    for (let day = target.endMs - DAYS * DAY_MS - DAY_MS; day < target.endMs + DAY_MS; day += DAY_MS) {
      await refreshRollups(db, { fromMs: day, toMs: day + DAY_MS });
    }
  });
  const rollupMs = performance.now() - started - loadedMs;
  return `${target.runs} runs, ${images} image builds, ${steps} step rows over ${DAYS} days: loaded in ${(loadedMs / 1000).toFixed(1)} s, rollups built in ${(rollupMs / 1000).toFixed(1)} s`;
}

function insertStatements(
  raw: Database.Database,
): Record<'runs' | 'imageBuilds' | 'steps', Database.Statement> {
  const columns = (table: string): string[] =>
    raw.prepare(`select name from pragma_table_info('${table}')`).pluck().all() as string[];
  const statement = (table: string): Database.Statement => {
    const names = columns(table);
    return raw.prepare(
      `insert into ${table} (${names.join(', ')}) values (${names.map((name) => `@${name}`).join(', ')})`,
    );
  };
  return { runs: statement('runs'), imageBuilds: statement('image_builds'), steps: statement('build_steps') };
}

function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

function toCompetitor(query: TimedQuery, samples: Sample[]): CompetitorResult {
  return {
    id: query.id,
    label: query.label,
    commandLine: `store.${query.label}`,
    samples,
    summary: summarize(samples),
  };
}

export function summarizeHistorySection(
  queries: TimedQuery[],
  competitors: CompetitorResult[],
  notes: string[],
): SectionResult {
  const ms = (value: number | undefined): string => (value === undefined ? '—' : value.toFixed(1));
  const verdicts: boolean[] = [];
  const rows = competitors.map((competitor) => {
    const durations = competitor.samples.filter((sample) => sample.ok).map((sample) => sample.durationMs);
    const p95 = percentile(durations, 0.95);
    const target = queries.find((query) => query.id === competitor.id)?.target === true;
    const met = p95 !== undefined && p95 < TARGET_P95_MS;
    if (target) verdicts.push(met);
    return [
      competitor.label,
      ms(percentile(durations, 0.5)),
      ms(p95),
      ms(competitor.summary.maxMs),
      target ? `p95 < ${TARGET_P95_MS} ms: ${met ? 'met' : 'MISSED'}` : '',
    ];
  });
  const failures = competitors
    .filter((competitor) => competitor.summary.failedRuns > 0)
    .map(
      (competitor) =>
        `${competitor.id}: ${competitor.summary.failedRuns} failed — ${competitor.samples.find((s) => !s.ok)?.error ?? ''}`,
    );
  const markdown = [
    `## ${historySection.title}`,
    '',
    renderMarkdownTable(['query', 'p50 ms', 'p95 ms', 'max ms', 'target'], rows, [
      'left',
      'right',
      'right',
      'right',
      'left',
    ]),
    '',
    ...notes.map((note) => `- ${note}`),
    `- ${os.availableParallelism()} CPUs, 1-minute load average ${(os.loadavg()[0] ?? 0).toFixed(1)} at the end`,
  ].join('\n');
  return {
    id: SECTION_ID,
    title: historySection.title,
    scenarios: [
      { name: '100k-runs', description: 'synthetic 90-day history, fresh SQLite file', competitors },
    ],
    markdown,
    failures,
    targetsMet: verdicts.length === 0 ? undefined : verdicts.every(Boolean),
  };
}
