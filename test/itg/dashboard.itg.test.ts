// The dashboard in a real browser (Debian chromium) under its own strict CSP: the runs list shows
// the recorded runs, a click opens a run with its images, another an image's trend charts; the cache
// and builders pages read the real engine. Not one CSP refusal; screenshots in test/artifacts/.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryStore } from '../../src/history/history-store.js';
import { engineLiveFacts } from '../../src/server/engine-live-facts.js';
import { startServer, type StartedServer } from '../../src/server/start-server.js';
import { startBrowserSession, type BrowserSession, type OpenedPage } from '../support/browser.js';
import { openSampleStore, recentRuns } from '../unit/server/server-fixture.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DAYS = 14;
const HOST_USAGE = {
  hostname: 'ci-runner-7',
  samples: 120,
  cpuPeakRatio: 0.93,
  cpuMeanRatio: 0.41,
  memoryPeakBytes: 6.2e9,
  memoryMeanBytes: 3.9e9,
  memoryTotalBytes: 16e9,
  diskPeakBytes: 41e9,
  diskMeanBytes: 39e9,
  diskTotalBytes: 100e9,
};

let dir: string;
let store: HistoryStore;
let server: StartedServer;
let browser: BrowserSession;

beforeAll(async () => {
  execFileSync('bash', [path.join(ROOT, 'scripts/browser.sh'), 'install'], { stdio: 'inherit' });
  dir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-dashboard-'));
  store = await openSampleStore(dir, recentRuns(DAYS), HOST_USAGE);
  server = await startServer({ store, live: engineLiveFacts({ env: process.env }), port: 0 });
  browser = await startBrowserSession();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function expectClean(opened: OpenedPage): void {
  expect(opened.cspViolations).toEqual([]);
  expect(opened.pageErrors).toEqual([]);
  expect(opened.failedRequests).toEqual([]);
}

describe('dashboard in chromium', () => {
  it('runs list → run detail → image trends, with no CSP violation', async () => {
    const opened = await browser.open(`${server.url}/`);
    const { page } = opened;
    expect(await page.locator('h1').textContent()).toBe('Runs');
    expect(await page.locator('table.runs tbody tr').count()).toBe(DAYS);
    const newest = page.locator('a.run-link').first();
    const runId = (await newest.textContent()) ?? '';
    expect(runId).toMatch(/-r013$/);
    await opened.screenshot('dashboard-runs.png');

    await newest.click();
    await page.waitForURL(`**/runs/${runId}`);
    const images = await page.locator('table.images tbody tr td:first-child').allTextContents();
    expect(images.sort()).toEqual(['agent', 'base', 'controller']);
    expect(await page.getByText('Host usage').isVisible()).toBe(true);
    await opened.screenshot('dashboard-run.png');

    await page.locator('table.images a', { hasText: 'controller' }).click();
    await page.waitForURL('**/images/controller');
    expect(await page.locator('h1').textContent()).toBe('controller');
    const charts = await page.locator('svg.chart').all();
    expect(charts).toHaveLength(3);
    for (const chart of charts) {
      expect(await chart.isVisible()).toBe(true);
      expect((await chart.boundingBox())?.height).toBeGreaterThan(100);
    }
    expect(await page.locator('svg.chart-lines circle.chart-dot').count()).toBe(DAYS * 2);
    expect(await page.locator('section', { hasText: 'Recent builds' }).locator('tbody tr').count()).toBe(
      DAYS,
    );
    await opened.screenshot('dashboard-image.png');

    expectClean(opened);
  });

  it('a failed run shows the failed image, its error code and its retry', async () => {
    const opened = await browser.open(`${server.url}/?status=failed`);
    await opened.page.locator('a.run-link').first().click();
    await opened.page.waitForURL('**/runs/**');
    const agent = opened.page.locator('table.images tbody tr', { hasText: 'agent' });
    expect(await agent.locator('.badge').first().textContent()).toBe('failed');
    expect(await agent.getByText('IMAGEFORGE_BUILD_FAILED').isVisible()).toBe(true);
    expect(await agent.locator('td.num').first().textContent()).toBe('2');
    expect(await opened.page.locator('svg.chart rect.is-failed').count()).toBe(1);
    await opened.screenshot('dashboard-run-failed.png');
    expectClean(opened);
  });

  it('filters the runs list by status from the form', async () => {
    const opened = await browser.open(`${server.url}/`);
    await opened.page.locator('select[name=status]').selectOption('failed');
    await opened.page.getByRole('button', { name: 'Filter' }).click();
    await opened.page.waitForURL('**/?status=failed**');
    const statuses = await opened.page.locator('table.runs tbody tr td:first-child').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['failed']));
    expectClean(opened);
  });

  it('cache and builders pages answer from the real engine', async () => {
    const cache = await browser.open(`${server.url}/cache`);
    expect(await cache.page.locator('h1').textContent()).toBe('Build cache');
    expect(await cache.page.locator('.card', { hasText: 'Total' }).isVisible()).toBe(true);
    await cache.screenshot('dashboard-cache.png');
    expectClean(cache);

    const builders = await browser.open(`${server.url}/builders`);
    expect(await builders.page.locator('h1').textContent()).toBe('Builders');
    expect(await builders.page.locator('table.data tbody tr').count()).toBeGreaterThan(0);
    await builders.screenshot('dashboard-builders.png');
    expectClean(builders);
  });
});
