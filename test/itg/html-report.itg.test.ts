// report.html as Jenkins shows an archived artifact: served with Jenkins' default CSP and opened in
// headless Chromium. The page must render fully (styles, charts) while nothing in it can run.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHtmlReport } from '../../src/report/html/write-html-report.js';
import {
  JENKINS_CSP,
  computedStyles,
  pageGlobal,
  startBrowserSession,
  type BrowserSession,
  type OpenedPage,
} from '../support/browser.js';
import { IMG_PAYLOAD, SCRIPT_PAYLOAD, htmlSampleReport } from '../unit/html/html-sample-report.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

let dir: string;
let session: BrowserSession;
let opened: OpenedPage;

beforeAll(async () => {
  execFileSync('bash', [path.join(ROOT, 'scripts/browser.sh'), 'install'], { stdio: 'inherit' });
  dir = await mkdtemp(path.join(tmpdir(), 'imageforge-html-report-'));
  await writeHtmlReport(htmlSampleReport(), dir);
  session = await startBrowserSession();
  const base = await session.serve(dir, { csp: JENKINS_CSP });
  opened = await session.open(`${base}report.html`);
  await opened.screenshot('report-html.png');
});

afterAll(async () => {
  await session?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('report.html under the Jenkins CSP', () => {
  it('is served with that policy and loads without any refusal, error, dialog or missing file', async () => {
    const response = await opened.page.request.get(opened.page.url());

    expect(response.headers()['content-security-policy']).toBe(JENKINS_CSP);
    expect(opened.cspViolations).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
    expect(opened.dialogs).toEqual([]);
    expect(opened.failedRequests).toEqual([]);
  });

  it('runs none of the markup the build printed', async () => {
    expect(await pageGlobal(opened.page, '__xss')).toBeUndefined();
    expect(await opened.page.locator('img').count()).toBe(0);
    expect(await opened.page.locator('script').count()).toBe(0);
  });

  it('shows the failing log lines as text, without ANSI codes', async () => {
    const logs = await opened.page.locator('pre.log').allTextContents();

    expect(await opened.page.textContent('body')).toContain(SCRIPT_PAYLOAD);
    expect(logs.join('\n')).toContain(`main.c:3: error: ${SCRIPT_PAYLOAD}`);
    expect(logs.join('\n')).toContain(`echo '${IMG_PAYLOAD}'`);
    expect(logs.join('\n')).not.toContain('\u001b');
  });

  it('applies report.css: badges are coloured pills, not plain text', async () => {
    const badge = opened.page.locator('.page-header .badge');
    const [look] = await computedStyles(badge, ['backgroundColor', 'borderTopLeftRadius', 'color']);

    expect(await badge.textContent()).toBe('failed');
    expect(look?.backgroundColor).not.toBe('rgba(0, 0, 0, 0)');
    expect(look?.borderTopLeftRadius).not.toBe('0px');
    expect(look?.color).not.toBe('rgb(0, 0, 0)');
  });

  it('draws a step timeline with one bar per step, cached steps in their own colour', async () => {
    const timeline = opened.page.getByRole('img', { name: 'Build steps of agent' });
    const fills = (await computedStyles(timeline.locator('rect.chart-bar'), ['fill'])).map((bar) => bar.fill);
    const [internal, from, cached, executed, failed] = fills;

    expect(await timeline.isVisible()).toBe(true);
    expect(fills).toHaveLength(5);
    expect(internal).toBe(from);
    expect(new Set([from, cached, executed, failed]).size).toBe(4);
    expect(await opened.page.locator('.timeline').first().textContent()).toContain('one after another');
  });

  it('shows gate results: the failing check message, counts per severity, SBOM link', async () => {
    const body = (await opened.page.textContent('body')) ?? '';

    expect(body).toContain('expected status 200, got 503');
    expect(await opened.page.locator('.chip.severity-critical').first().textContent()).toBe('1 CRITICAL');
    expect(
      await opened.page.getByRole('link', { name: 'gates/controller/sbom.cdx.json' }).getAttribute('href'),
    ).toBe('gates/controller/sbom.cdx.json');
  });
});

describe('the browser harness', () => {
  it('does see refusals when a page breaks the policy, so "no refusals" above means something', async () => {
    const bad = path.join(dir, 'bad');
    await mkdir(bad, { recursive: true });
    await writeFile(
      path.join(bad, 'index.html'),
      `<!doctype html><p style="color:red">x</p><script>window.__xss=1</script>`,
    );
    const base = await session.serve(bad, { csp: JENKINS_CSP });

    const page = await session.open(`${base}index.html`);

    expect(page.cspViolations.some((message) => message.includes('inline style'))).toBe(true);
    expect(page.cspViolations.some((message) => message.includes('Blocked script execution'))).toBe(true);
    expect(await pageGlobal(page.page, '__xss')).toBeUndefined();
  });
});
