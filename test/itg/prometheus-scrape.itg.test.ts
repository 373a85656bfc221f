// A real Prometheus scrapes `imageforge serve`'s /metrics every second: the build counters arrive
// with their labels, which is what dashboards and alert rules query.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { HistoryStore } from '../../src/history/history-store.js';
import { engineLiveFacts } from '../../src/server/engine-live-facts.js';
import { startServer, type StartedServer } from '../../src/server/start-server.js';
import { openSampleStore, recentRuns } from '../unit/server/server-fixture.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PROMETHEUS = '/usr/bin/prometheus';
const WAIT_MS = 30_000;

let dir: string;
let store: HistoryStore;
let server: StartedServer;
let prometheus: ChildProcess | undefined;
let prometheusLog = '';
let prometheusUrl: string;

const queryResponseSchema = z.object({
  status: z.string(),
  data: z.object({
    result: z.array(
      z.object({ metric: z.record(z.string(), z.string()), value: z.tuple([z.number(), z.string()]) }),
    ),
  }),
});

type QueryResponse = z.infer<typeof queryResponseSchema>;

beforeAll(async () => {
  execFileSync('bash', [path.join(ROOT, 'scripts/observability.sh'), 'install'], { stdio: 'inherit' });
  dir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-prometheus-'));
  store = await openSampleStore(dir, recentRuns(6));
  server = await startServer({ store, live: engineLiveFacts({ env: process.env }), port: 0 });
  const port = await freePort();
  prometheusUrl = `http://127.0.0.1:${port}`;
  await writeFile(
    path.join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: imageforge',
      '    scrape_interval: 1s',
      '    scrape_timeout: 1s',
      '    static_configs:',
      `      - targets: ['127.0.0.1:${server.port}']`,
      '',
    ].join('\n'),
  );
  prometheus = spawn(
    PROMETHEUS,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  prometheus.stdout?.on('data', (chunk: Buffer) => (prometheusLog += chunk.toString()));
  prometheus.stderr?.on('data', (chunk: Buffer) => (prometheusLog += chunk.toString()));
});

afterAll(async () => {
  if (prometheus?.pid !== undefined) await stopProcess(prometheus);
  await server?.close();
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Prometheus scraping imageforge serve', () => {
  it('stores imageforge_builds_total with image, builder, method and status labels', async () => {
    const series = await waitForSeries('imageforge_builds_total');
    const agentFailed = series.find(
      (sample) => sample.metric.image === 'agent' && sample.metric.status === 'failed',
    );
    expect(agentFailed?.metric).toMatchObject({
      __name__: 'imageforge_builds_total',
      job: 'imageforge',
      instance: `127.0.0.1:${server.port}`,
      method: 'buildkit',
    });
    expect(agentFailed?.metric.builder).toBeDefined();
    // recentRuns(6): agent fails on days 1 and 4 before today.
    expect(Number(agentFailed?.value[1])).toBe(2);
    const images = new Set(series.map((sample) => sample.metric.image));
    expect(images).toEqual(new Set(['base', 'controller', 'agent']));

    const up = await query('up{job="imageforge"}');
    expect(up.data.result[0]?.value[1]).toBe('1');
  });
});

async function waitForSeries(promql: string): Promise<QueryResponse['data']['result']> {
  const deadline = Date.now() + WAIT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (prometheus?.exitCode !== null && prometheus?.exitCode !== undefined)
      throw new Error(`prometheus exited with ${prometheus.exitCode}:\n${prometheusLog}`);
    try {
      const answer = await query(promql);
      if (answer.status === 'success' && answer.data.result.length > 0) return answer.data.result;
      last = JSON.stringify(answer);
    } catch (error: unknown) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${promql} had no series after ${WAIT_MS}ms (last answer: ${last})\n${prometheusLog}`);
}

async function query(promql: string): Promise<QueryResponse> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
  return queryResponseSchema.parse(await response.json());
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** SIGTERM to the pid we started, SIGKILL after 10 s; resolves once it has exited. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
