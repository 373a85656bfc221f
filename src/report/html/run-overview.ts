// The top of report.html: which run this was and how it went (header facts, summary figures, run
// errors and policy findings), then every image in one table linking to its section.
import { markup, trustedHtml, type SafeHtml } from '../../html/html-template.js';
import { barsSvg } from '../../html/svg-charts.js';
import { formatCacheFigures, formatDuration, shortDigest } from '../human-format.js';
import type { Report } from '../report-types.js';
import { cacheBars, hitRatioText } from './cache-panel.js';
import { alert, badge, facts, formatTimestamp, table } from './html-fragments.js';
import { imageAnchor } from './image-section.js';

export function runHeader(report: Report): SafeHtml {
  const { git, environment } = report;
  const commit =
    git.commit === undefined
      ? undefined
      : markup`<code title="${git.commit}">${git.commit.slice(0, 12)}</code>${git.dirty === true ? ' (dirty)' : ''}`;
  const builder = [environment.builder, environment.driver && `(${environment.driver})`]
    .filter(Boolean)
    .join(' ');
  const engine = [
    environment.engineVersion && `Docker ${environment.engineVersion}`,
    environment.buildxVersion && `buildx ${environment.buildxVersion}`,
    environment.buildkitAvailable ? undefined : 'no BuildKit',
  ].filter(Boolean);
  return markup`<header class="page-header"><div class="page">
<p class="eyebrow">imageforge build report</p>
<div class="title-row"><h1>Run <span class="mono">${report.runId}</span></h1>${badge(report.status)}</div>
${facts([
  ['Started', formatTimestamp(report.startedAt)],
  ['Duration', formatDuration(report.durationMs)],
  ['Branch', git.branch],
  ['Commit', commit],
  ['Builder', builder],
  ['Engine', engine.join(', ')],
  [
    'Config',
    markup`<code>${report.configFile}</code>${report.profile === undefined ? '' : ` (profile ${report.profile})`}`,
  ],
])}
</div></header>`;
}

export function summaryCards(report: Report): SafeHtml {
  const { summary } = report;
  const stat = (value: number, label: string, tone = 'neutral'): SafeHtml =>
    markup`<div class="card"><span class="stat-value tone-${value > 0 ? tone : 'neutral'}">${value}</span><span class="stat-label">${label}</span></div>`;
  const gates = summary.gates;
  return markup`<section class="cards" aria-label="Summary">
${stat(summary.built, 'built', 'success')}${stat(summary.failed, 'failed', 'failure')}${stat(summary.skipped, 'skipped')}${stat(summary.upToDate, 'up to date', 'success')}
${summary.cancelled > 0 ? stat(summary.cancelled, 'cancelled', 'warning') : ''}
${gates === undefined ? '' : stat(gates.failed, 'failed their gates', 'failure')}
<div class="card card-wide"><span class="stat-value">${hitRatioText(summary.cache)}</span><span class="stat-label">cache hit ratio, ${summary.cache.cachedSteps} of ${summary.cache.totalSteps} steps</span>${cacheBars(summary.cache, 'Cache use of the run', 300)}</div>
</section>`;
}

export function runAlerts(report: Report): SafeHtml {
  const error = report.error;
  const policy = report.policy;
  return markup`${error === undefined ? '' : alert('failure', error.message, [markup`<code>${error.code}</code> (${error.kind})`], error.hint)}
${
  policy !== undefined && policy.violations.length > 0
    ? alert(
        'failure',
        `Policy ${policy.name}: ${policy.violations.length} violations`,
        policy.violations.map((v) => markup`<code>${v.rule}</code> ${v.message}`),
      )
    : ''
}
${
  policy !== undefined && policy.warnings.length > 0
    ? alert(
        'warning',
        `Policy ${policy.name}: ${policy.warnings.length} warnings`,
        policy.warnings.map((w) => markup`<code>${w.rule}</code> ${w.message}`),
      )
    : ''
}`;
}

export function imagesTable(report: Report): SafeHtml {
  const rows = report.images.map(
    (image, index) =>
      markup`<tr><td><a href="#${imageAnchor(image, index)}">${image.name}</a></td><td>${badge(image.upToDate === true ? 'up to date' : image.status)}</td><td class="num">${image.durationMs > 0 ? formatDuration(image.durationMs) : '-'}</td><td class="num">${formatCacheFigures(image.cache)}</td><td class="num">${image.attempts.length}</td><td>${image.gates === undefined ? '-' : badge(image.gates.status)}</td><td>${image.push.status === 'not-requested' ? '-' : badge(image.push.status)}</td><td><code>${shortDigest(image.digest)}</code></td></tr>`,
  );
  return markup`<section class="panel"><h2>Images</h2>${table(['Image', 'Status', ['Time', 'num'], ['Cache', 'num'], ['Attempts', 'num'], 'Gates', 'Push', 'Digest'], rows)}</section>`;
}

/** Wall time per phase (plan, preflight, build, publish), when the run recorded it. */
export function phasesPanel(report: Report): SafeHtml | undefined {
  const timings = Object.entries(report.timings ?? {});
  if (timings.length === 0) return undefined;
  const max = Math.max(report.durationMs, ...timings.map(([, ms]) => ms));
  const bars = timings.map(([phase, ms]) => ({ label: phase.replace(/Ms$/, ''), value: ms, max }));
  const svg = barsSvg(bars, { width: 560, title: 'Time per phase', format: formatDuration });
  return markup`<section class="panel"><h2>Phases</h2><div class="chart-scroll">${trustedHtml(svg)}</div></section>`;
}
