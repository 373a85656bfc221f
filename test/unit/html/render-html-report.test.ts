// What report.html contains and what it must never contain: markup that would run or need inline
// styles under Jenkins' CSP. (The browser-level check is test/itg/html-report.itg.test.ts.)
import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../../src/report/html/render-html-report.js';
import { sampleImage, sampleReport } from '../report/sample-report.js';
import { ATTRIBUTE_PAYLOAD, IMG_PAYLOAD, SCRIPT_PAYLOAD, htmlSampleReport } from './html-sample-report.js';
import { markupProblems } from './well-formed.js';

const { html, css } = renderHtmlReport(htmlSampleReport());

/** The opening tags of the page, e.g. `<rect class="chart-bar" ...>`. */
function tags(markup: string): string[] {
  return [...markup.matchAll(/<[a-zA-Z][^>]*>/g)].map(([tag]) => tag);
}

/** The markup of one image's section. */
function section(markup: string, imageName: string): string {
  const sections = markup.split('<details class="panel image"').slice(1);
  return sections.find((part) => part.includes(`<h2>${imageName}</h2>`)) ?? '';
}

describe('renderHtmlReport: safe under a script- and inline-style-free CSP', () => {
  it('is well-formed markup', () => {
    expect(markupProblems(html)).toEqual([]);
  });

  it('has no script, no inline style, no event handler and no external resource', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<style/i);
    expect(tags(html).filter((tag) => /\sstyle=/i.test(tag))).toEqual([]);
    expect(tags(html).filter((tag) => /\son[a-z]+=/i.test(tag))).toEqual([]);
    expect(tags(html).filter((tag) => /\ssrc=/i.test(tag))).toEqual([]);
    expect(tags(html).filter((tag) => tag.startsWith('<link'))).toEqual([
      '<link rel="stylesheet" href="report.css">',
    ]);
  });

  it('shows log lines, check messages and warnings that contain markup as escaped text', () => {
    expect(html).toContain('main.c:3: error: &lt;script&gt;window.__xss=1&lt;/script&gt;');
    expect(html).toContain('SEVERE: &lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=&quot;window.__xss=3&quot;&gt;');
    expect(html).not.toContain(SCRIPT_PAYLOAD);
    expect(html).not.toContain(IMG_PAYLOAD);
    expect(html).not.toContain(ATTRIBUTE_PAYLOAD);
  });

  it('strips ANSI colour codes from log lines', () => {
    expect(html).not.toContain('\u001b');
    expect(html).not.toContain('[31m');
  });

  it('returns the shared stylesheet as report.css, which styles badges and chart bars', () => {
    expect(css).toContain('.badge');
    expect(css).toContain('.chart .step-cached');
    expect(css).not.toContain('@import');
  });
});

describe('renderHtmlReport: content', () => {
  it('heads the page with run id, status, duration, git, builder, engine and start time', () => {
    expect(html).toContain('<title>imageforge failed: run 20240501T120000Z-abc123</title>');
    expect(html).toContain('<span class="badge tone-failure">failed</span>');
    expect(html).toContain('>0a1b2c3d4e5f</code>');
    for (const text of [
      '25.4s',
      'main',
      'imageforge (docker-container)',
      'Docker 27.3.1, buildx 0.19.2',
      '2024-05-01 12:00:00 UTC',
    ]) {
      expect(html).toContain(`<dd>${text}`);
    }
  });

  it('summarises built, failed, skipped and up-to-date images and the overall cache ratio', () => {
    const summary = html.slice(html.indexOf('<section class="cards"'), html.indexOf('</section>'));

    expect(summary).toMatch(/>1<\/span><span class="stat-label">built</);
    expect(summary).toMatch(/>2<\/span><span class="stat-label">failed</);
    expect(summary).toMatch(/>1<\/span><span class="stat-label">skipped</);
    expect(summary).toMatch(/>0<\/span><span class="stat-label">up to date</);
    expect(summary).toContain('>65%<');
    expect(summary).toContain('11 of 17 steps');
  });

  it('draws one timeline bar per step, classed by what happened to the step, with a legend', () => {
    const agent = section(html, 'agent');
    const bars = [...agent.matchAll(/<rect class="chart-bar (step-[^"]+)"/g)].map(([, kind]) => kind);

    expect(bars).toEqual(['step-other', 'step-other', 'step-cached', 'step-executed', 'step-failed']);
    expect(agent).toContain('aria-label="Build steps of agent"');
    expect(agent).toContain('Steps are drawn one after another in build order');
    expect(agent).toContain('<span class="swatch step-cached"></span>from cache');
  });

  it('shows cache bars, hit ratio and cache imports per image', () => {
    const agent = section(html, 'agent');

    expect(agent).toContain('<span class="big-figure">33%</span>');
    expect(agent).toContain('aria-label="Cache use of agent"');
    expect(agent).toContain('>1 of 3<');
    expect(agent).toContain('>missing</span> import <code>registry.example.com/cache:agent</code>');
    expect(agent).toContain('48.3 MB');
  });

  it('shows the failing step, its error and its log tail', () => {
    const agent = section(html, 'agent');

    expect(agent).toContain('<h3>Failing log excerpts</h3>');
    expect(agent).toContain('<code>[4/4] RUN make</code>');
    expect(agent).toContain('exit code: 2');
    expect(agent).toMatch(/<pre class="log">cc -o agent main.c\n/);
    expect(agent).toContain('Hint: Fix the failing command in images/agent/Dockerfile.');
  });

  it('shows gates: checks with the failing message and logs, severity counts, blocking findings, SBOM and signature', () => {
    const controller = section(html, 'controller');

    expect(controller).toContain('2 of 3 checks passed');
    expect(controller).toContain('expected status 200, got 503');
    expect(controller).toContain('<pre class="log">Running from: /usr/share/jenkins/jenkins.war');
    expect(controller).toContain('<span class="chip severity-critical"><strong>1</strong> CRITICAL</span>');
    expect(controller).toContain(
      '<span class="chip severity-unknown is-zero"><strong>0</strong> UNKNOWN</span>',
    );
    expect(controller).toContain(
      '<a href="https://avd.aquasec.com/nvd/cve-2019-1549" rel="noopener noreferrer">CVE-2019-1549</a>',
    );
    expect(controller).toContain(
      '<a href="gates/controller/sbom.cdx.json"><code>gates/controller/sbom.cdx.json</code></a>',
    );
    expect(controller).toContain('registry.example.com/controller@sha256:0123456789ab…');
    expect(controller).toContain('1 ignored');
  });

  it('opens failed and built images and leaves skipped ones collapsed', () => {
    expect(html).toMatch(/<details class="panel image" id="image-3-agent" open>/);
    expect(html).toMatch(/<details class="panel image" id="image-4-agent-x">/);
    expect(html).toContain('<a href="#image-4-agent-x">agent-x</a>');
  });

  it('links only relative files: SBOM paths with a scheme or an absolute path are shown as text', () => {
    const report = sampleReport({
      images: [
        sampleImage('app', {
          gates: {
            status: 'passed',
            sboms: [
              { format: 'cyclonedx', file: 'javascript:alert(1)' },
              { format: 'spdx-json', file: '/etc/passwd' },
            ],
          },
        }),
      ],
    });
    const page = renderHtmlReport(report).html;

    expect(page).not.toContain('href="javascript');
    expect(page).not.toContain('href="/etc');
    expect(page).toContain('<code>javascript:alert(1)</code>');
  });

  it('renders a plain successful run without gates, timings or warnings', () => {
    const page = renderHtmlReport(sampleReport({ images: [sampleImage('base')] })).html;

    expect(markupProblems(page)).toEqual([]);
    expect(page).toContain('<span class="badge tone-success">succeeded</span>');
    expect(page).not.toContain('Phases');
    expect(page).not.toContain('<h3>Gates');
  });
});
