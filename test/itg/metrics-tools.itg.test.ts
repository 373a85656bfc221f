// The real Prometheus tools judge what imageforge ships: promtool checks the alert rules, runs their
// unit tests, lints the rendered exposition and parses every dashboard query; a real Pushgateway
// accepts a push and serves it back with the grouping labels. No Docker needed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { exec, type ExecResult } from '../../src/exec/exec.js';
import { pushMetrics } from '../../src/metrics/push-metrics.js';
import { openHistoryStore } from '../../src/history/open-history.js';
import { collectMetrics, renderMetrics } from '../../src/metrics/render-metrics.js';
import { freePort } from '../support/registry.js';
import { sampleReport } from '../unit/report/sample-report.js';
import { parseExposition, samplesOf } from '../unit/metrics/parse-exposition.js';
import { emptySnapshot, sampleLiveFacts, sampleSnapshot } from '../unit/metrics/sample-snapshot.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PROMETHEUS_DIR = path.join(ROOT, 'deploy/prometheus');

let dir: string;

beforeAll(async () => {
  const install = await exec('bash', [path.join(ROOT, 'scripts/observability.sh'), 'install'], {
    timeoutMs: 280_000,
  });
  if (install.exitCode !== 0) throw new Error(`scripts/observability.sh install failed:\n${install.stderr}`);
  dir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-metrics-tools-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function promtool(args: string[], options: { cwd?: string; input?: string } = {}): Promise<ExecResult> {
  return exec('promtool', args, {
    cwd: options.cwd ?? PROMETHEUS_DIR,
    input: options.input,
    timeoutMs: 60_000,
  });
}

describe('promtool', () => {
  it('accepts the alert rules', async () => {
    const result = await promtool(['check', 'rules', 'imageforge-alerts.yml']);

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('SUCCESS: 5 rules found');
  });

  it('passes the alert rules unit tests', async () => {
    const result = await promtool(['test', 'rules', 'imageforge-alerts.test.yml']);

    expect(result.stdout + result.stderr).toContain('SUCCESS');
    expect(result.exitCode).toBe(0);
  });

  it('accepts the example Prometheus configuration with its rule file', async () => {
    const result = await promtool(['check', 'config', 'prometheus.example.yml']);

    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
  });

  it.each([
    ['a populated history', renderMetrics(sampleSnapshot(), sampleLiveFacts())],
    ['an empty history', renderMetrics(emptySnapshot(), {})],
  ])('finds no problem in the metrics rendered from %s', async (_name, metrics) => {
    const result = await promtool(['check', 'metrics'], { input: metrics.body });

    expect(result.stdout + result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('finds no problem in the metrics collected from a real SQLite history', async () => {
    const store = await openHistoryStore({ projectDir: dir });
    try {
      await store.recordRun({ report: sampleReport(), host: { hostname: 'ci-1' } });
      const metrics = await collectMetrics(store, sampleLiveFacts());
      const result = await promtool(['check', 'metrics'], { input: metrics.body });

      expect(result.stdout + result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      expect(metrics.body).toContain('imageforge_builds_total{image="agent"');
    } finally {
      await store.close();
    }
  });

  it('parses every Grafana dashboard query as PromQL', async () => {
    const dashboard = JSON.parse(
      await readFile(path.join(ROOT, 'deploy/grafana/imageforge.json'), 'utf8'),
    ) as {
      panels: Array<{ targets?: Array<{ expr: string }> }>;
    };
    const exprs = dashboard.panels.flatMap((panel) => panel.targets ?? []).map((target) => target.expr);
    // Grafana substitutes its variables before Prometheus sees a query.
    const rules = exprs.map((expr, index) => ({
      record: `imageforge:dashboard_query_${index}`,
      expr: expr.replaceAll('$__rate_interval', '5m').replaceAll('$__range', '1d').replaceAll('$image', '.*'),
    }));
    const file = path.join(dir, 'dashboard-queries.yml');
    await writeFile(file, stringify({ groups: [{ name: 'dashboard', rules }] }));

    const result = await promtool(['check', 'rules', file]);

    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`SUCCESS: ${exprs.length} rules found`);
  });
});

interface Pushgateway {
  url: string;
  stop(): Promise<void>;
}

/** A real Pushgateway on a free loopback port, without persistence; stopped by its pid. */
async function startPushgateway(): Promise<Pushgateway> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    'prometheus-pushgateway',
    [`--web.listen-address=127.0.0.1:${port}`, '--persistence.file='],
    { cwd: dir, stdio: 'ignore' },
  );
  const stop = async (): Promise<void> => {
    if (child.pid === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(child.pid, 'SIGTERM');
    await exited;
  };
  for (let i = 0; i < 100; i++) {
    const ready = await fetch(`${url}/-/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`prometheus-pushgateway did not become ready on ${url} within 10000ms`);
}

async function scrape(url: string): Promise<ReturnType<typeof parseExposition>> {
  const response = await fetch(`${url}/metrics`);
  return parseExposition(await response.text());
}

describe('Pushgateway', () => {
  let gateway: Pushgateway;

  beforeAll(async () => {
    gateway = await startPushgateway();
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  it('receives a push and serves it with the job and grouping labels', async () => {
    await pushMetrics({
      url: gateway.url,
      job: 'imageforge',
      grouping: { instance: 'ci-1', branch: 'feature/metrics' },
      metrics: renderMetrics(sampleSnapshot(), sampleLiveFacts()),
    });

    const scraped = await scrape(gateway.url);
    const grouping = { job: 'imageforge', instance: 'ci-1', branch: 'feature/metrics' };

    expect(scraped.types.get('imageforge_builds_total')).toBe('counter');
    expect(samplesOf(scraped, 'imageforge_builds_total')).toContainEqual({
      name: 'imageforge_builds_total',
      labels: { ...grouping, image: 'api', builder: 'imageforge', method: 'buildkit', status: 'built' },
      value: 4,
    });
    expect(scraped.types.get('imageforge_build_duration_seconds')).toBe('histogram');
    expect(samplesOf(scraped, 'imageforge_build_duration_seconds_count')).toContainEqual(
      expect.objectContaining({
        labels: expect.objectContaining({ ...grouping, image: 'api' }) as unknown,
        value: 4,
      }),
    );
  });

  it('replaces the whole group on the next push', async () => {
    const push = (snapshot: ReturnType<typeof sampleSnapshot>): Promise<void> =>
      pushMetrics({
        url: gateway.url,
        job: 'imageforge',
        grouping: { instance: 'ci-2' },
        metrics: renderMetrics(snapshot, {}),
      });
    const retriesOfCi2 = async (): Promise<number[]> =>
      samplesOf(await scrape(gateway.url), 'imageforge_build_retries_total')
        .filter((sample) => sample.labels.instance === 'ci-2')
        .map((sample) => sample.value);

    await push(sampleSnapshot());
    expect(await retriesOfCi2()).toEqual([3]);

    await push(sampleSnapshot({ retries: [] }));
    expect(await retriesOfCi2()).toEqual([]);
  });

  it('fails with IMAGEFORGE_PUSHGATEWAY_FAILED when nothing listens', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;

    await expect(
      pushMetrics({ url, job: 'imageforge', metrics: renderMetrics(emptySnapshot(), {}), timeoutMs: 5000 }),
    ).rejects.toMatchObject({
      code: 'IMAGEFORGE_PUSHGATEWAY_FAILED',
      message: `cannot push metrics to ${url}/metrics/job/imageforge: connection refused (ECONNREFUSED)`,
    });
  });
});
