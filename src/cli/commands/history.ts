// `imageforge history ls | show | trends`: what the history store knows about past runs — a list, one
// run in detail, and the trends a team watches (success rate, p50/p95, cache hit ratio, retries).
import { alignColumns } from '../../shared/align-columns.js';
import type { Command } from 'commander';
import type { HistoryStore, RunDetail, RunSummary, Trends } from '../../history/history-store.js';
import { formatBytes, formatDuration, formatPercent, shortDigest } from '../../report/human-format.js';
import type { CliIo } from '../io.js';
import {
  addConfigFlags,
  parseChoice,
  parseDurationFlag,
  parsePositiveInt,
  usageError,
  type ConfigFlags,
} from '../options.js';
import { loadOptionalConfig } from '../gates/standalone-target.js';

interface HistoryFlags extends ConfigFlags {
  history?: string;
  json?: boolean;
}

interface ListFlags extends HistoryFlags {
  limit: number;
  status?: 'succeeded' | 'failed' | 'cancelled';
  branch?: string;
  image?: string;
}

interface TrendFlags extends HistoryFlags {
  since: number;
  image?: string;
  bucket: 'hour' | 'day';
  top: number;
}

export function registerHistory(program: Command, io: CliIo): void {
  const history = program.command('history').description('past runs recorded in the history store');
  const common = (command: Command): Command =>
    addConfigFlags(command)
      .option('--history <url>', 'history store: a SQLite file or postgres://… (default: settings.history)')
      .option('--json', 'machine-readable output');
  common(history.command('ls').description('list runs, newest first'))
    .option('--limit <n>', 'how many', parsePositiveInt('--limit'), 20)
    .option(
      '--status <status>',
      'succeeded | failed | cancelled',
      parseChoice('--status', ['succeeded', 'failed', 'cancelled'] as const),
    )
    .option('--branch <name>', 'only this git branch')
    .option('--image <name>', 'only runs that built this image')
    .action((flags: ListFlags) => withStore(flags, io, (store) => listRuns(store, flags, io)));
  common(
    history
      .command('show')
      .description('one run in detail')
      .argument('<run-id>', 'a run id (see history ls)'),
  ).action((runId: string, flags: HistoryFlags) =>
    withStore(flags, io, (store) => showRun(store, runId, flags, io)),
  );
  common(
    history.command('trends').description('success rate, durations, cache hit ratio, slowest steps, retries'),
  )
    .option('--since <duration>', 'window, e.g. 7d, 24h', parseDurationFlag('--since'), 30 * 86_400_000)
    .option('--image <name>', 'one image')
    .option('--bucket <size>', 'hour | day', parseChoice('--bucket', ['hour', 'day'] as const), 'day')
    .option('--top <n>', 'slowest steps / most retried shown', parsePositiveInt('--top'), 10)
    .action((flags: TrendFlags) => withStore(flags, io, (store) => showTrends(store, flags, io)));
}

async function withStore(
  flags: HistoryFlags,
  io: CliIo,
  run: (store: HistoryStore) => Promise<void>,
): Promise<void> {
  const config = await loadOptionalConfig(flags);
  const { openHistoryStore } = await import('../../history/open-history.js');
  const store = await openHistoryStore({
    url: flags.history ?? config?.settings.history.url,
    projectDir: config?.projectDir ?? process.cwd(),
  });
  try {
    await run(store);
  } finally {
    await store.close();
  }
  io.setExitCode(0);
}

async function listRuns(store: HistoryStore, flags: ListFlags, io: CliIo): Promise<void> {
  const runs = await store.listRuns({
    limit: flags.limit,
    ...(flags.status ? { status: flags.status } : {}),
    ...(flags.branch ? { branch: flags.branch } : {}),
    ...(flags.image ? { image: flags.image } : {}),
  });
  if (flags.json) return write(io, JSON.stringify(runs, null, 2));
  if (runs.length === 0) return write(io, `no runs recorded in ${store.location}`);
  const rows = runs.map(runRow);
  write(io, table(['RUN', 'STATUS', 'STARTED', 'TIME', 'IMAGES', 'CACHE', 'BRANCH', 'HOST'], rows));
}

function runRow(run: RunSummary): string[] {
  const images = `${run.built} built${run.failed > 0 ? `, ${run.failed} failed` : ''}${run.upToDate > 0 ? `, ${run.upToDate} up to date` : ''}`;
  return [
    run.runId,
    run.status + (run.gatesFailed > 0 ? ' (gates)' : ''),
    run.startedAt.replace('T', ' ').slice(0, 19),
    formatDuration(run.durationMs),
    images,
    formatPercent(run.cacheHitRatio),
    run.gitBranch ?? '-',
    run.host,
  ];
}

async function showRun(store: HistoryStore, runId: string, flags: HistoryFlags, io: CliIo): Promise<void> {
  const run = await store.getRun(runId);
  if (run === undefined)
    throw usageError(`no run ${runId} in ${store.location}`, 'list runs with `imageforge history ls`');
  if (flags.json) return write(io, JSON.stringify(run, null, 2));
  write(io, describeRun(run));
}

function describeRun(run: RunDetail): string {
  const lines = [
    `run ${run.runId}: ${run.status} in ${formatDuration(run.durationMs)} (started ${run.startedAt})`,
    `host ${run.host}${run.builder ? ` · builder ${run.builder}` : ''}${run.gitBranch ? ` · ${run.gitBranch}@${(run.gitCommit ?? '').slice(0, 12)}` : ''}`,
  ];
  const usage = run.hostUsage;
  if (usage !== undefined) {
    lines.push(
      `host usage: CPU peak ${formatPercent(usage.cpuPeakRatio)} mean ${formatPercent(usage.cpuMeanRatio)} · memory peak ${formatBytes(usage.memoryPeakBytes)} of ${formatBytes(usage.memoryTotalBytes)}` +
        (usage.diskPeakBytes === undefined
          ? ''
          : ` · disk peak ${formatBytes(usage.diskPeakBytes)} of ${formatBytes(usage.diskTotalBytes ?? 0)}`),
    );
  }
  lines.push('');
  const rows = run.imageBuilds.map((build) => [
    build.image,
    build.status,
    formatDuration(build.durationMs),
    String(build.attempts),
    `${build.cachedSteps}/${build.totalSteps}`,
    build.gatesStatus ?? '-',
    `${build.findings.CRITICAL}C ${build.findings.HIGH}H`,
    shortDigest(build.digest),
  ]);
  lines.push(table(['IMAGE', 'STATUS', 'TIME', 'ATTEMPTS', 'CACHED', 'GATES', 'FINDINGS', 'DIGEST'], rows));
  for (const build of run.imageBuilds) {
    const slow = build.slowestSteps
      .slice(0, 3)
      .map((step) => `${formatDuration(step.durationMs)} ${step.name}`);
    if (slow.length > 0) lines.push(`${build.image} slowest: ${slow.join(' · ')}`);
  }
  return lines.join('\n');
}

async function showTrends(store: HistoryStore, flags: TrendFlags, io: CliIo): Promise<void> {
  const trends = await store.trends({
    since: new Date(Date.now() - flags.since),
    bucket: flags.bucket,
    top: flags.top,
    ...(flags.image ? { image: flags.image } : {}),
  });
  if (flags.json) return write(io, JSON.stringify(trends, null, 2));
  write(io, describeTrends(trends));
}

function describeTrends(trends: Trends): string {
  const lines = [
    `${trends.runs} runs from ${trends.since.slice(0, 10)} to ${trends.until.slice(0, 10)}: ${formatPercent(trends.successRate)} succeeded`,
    '',
    table(
      ['IMAGE', 'BUILDS', 'SUCCESS', 'P50', 'P95', 'CACHE HIT', 'RETRIES'],
      trends.images.map((image) => [
        image.image,
        String(image.builds),
        formatPercent(image.successRate),
        formatDuration(image.p50DurationMs),
        formatDuration(image.p95DurationMs),
        formatPercent(image.hitRatio),
        String(image.retries),
      ]),
    ),
    '',
    'cache hit ratio over time:',
    ...trends.series.map(
      (point) =>
        `  ${point.bucket.slice(0, 16).replace('T', ' ')}  ${formatPercent(point.hitRatio).padStart(5)}  ${point.builds} builds, p50 ${formatDuration(point.p50DurationMs)}`,
    ),
  ];
  if (trends.slowestSteps.length > 0) {
    lines.push('', 'slowest steps (p50 / max):');
    for (const step of trends.slowestSteps) {
      lines.push(
        `  ${formatDuration(step.p50DurationMs)} / ${formatDuration(step.maxDurationMs)}  ${step.image}: ${step.step}`,
      );
    }
  }
  const retried = trends.mostRetried.filter((item) => item.retries > 0);
  if (retried.length > 0) {
    lines.push('', 'most retried:');
    for (const item of retried)
      lines.push(`  ${item.image}: ${item.retries} retries in ${item.builds} builds`);
  }
  return lines.join('\n');
}

function table(header: string[], rows: string[][]): string {
  return alignColumns([header, ...rows]);
}

function write(io: CliIo, text: string): void {
  io.stdout.write(`${text}\n`);
}
