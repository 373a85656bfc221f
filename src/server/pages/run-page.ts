// `/runs/:runId`: one run in detail — its facts, what the host went through, and per image the
// outcome, attempts, cache use, gates, findings and the slowest steps.
import { markup, trustedHtml, type SafeHtml } from '../../html/html-template.js';
import { barsSvg } from '../../html/svg-charts.js';
import type { HostUsage, ImageBuildRecord, RunDetail } from '../../history/history-store.js';
import { SEVERITIES } from '../../gates/scan/findings.js';
import {
  formatBytes,
  formatDuration,
  formatPercent,
  ratioMeter,
  shortCommit,
  statusBadge,
  timeElement,
} from './format.js';
import { dataTable, pageTitle, panel, renderPage, statCard } from './page-layout.js';

export function renderRunPage(run: RunDetail, historyLocation: string): string {
  const body = markup`${pageTitle(
    markup`<a href="/">Runs</a> / run`,
    markup`<span class="mono">${run.runId}</span> ${statusBadge(run.status)}`,
  )}
${facts(run)}
<div class="cards">
${statCard('Duration', formatDuration(run.durationMs), markup`started ${timeElement(run.startedAt)}`)}
${statCard('Images', run.images, `${run.built} built · ${run.upToDate} up to date`)}
${statCard('Failed', markup`<span class="${run.failed > 0 ? 'text-failure' : ''}">${run.failed}</span>`, run.gatesFailed > 0 ? `${run.gatesFailed} gate failures` : 'no gate failures')}
${statCard('Cache hits', formatPercent(run.cacheHitRatio), 'of cacheable steps')}
</div>
${run.hostUsage ? hostUsage(run.hostUsage) : ''}
${panel('Images', imagesTable(run.imageBuilds))}
${durationChart(run.imageBuilds)}
${slowestSteps(run.imageBuilds)}`;
  return renderPage({ title: `Run ${run.runId}`, section: 'runs', historyLocation, body });
}

function facts(run: RunDetail): SafeHtml {
  const rows: Array<[string, SafeHtml | string]> = [
    ['Started', timeElement(run.startedAt)],
    ['Finished', timeElement(run.finishedAt)],
    ['Branch', run.gitBranch ?? '–'],
    ['Commit', markup`<code>${shortCommit(run.gitCommit)}</code>`],
    ['Host', run.host],
    ['Profile', run.profile ?? '–'],
    ['Config', run.configFile],
    ['Builder', run.builder ?? 'current buildx builder'],
    ['Engine', run.engineVersion ?? '–'],
  ];
  return markup`<dl class="facts run-facts">${rows.map(([term, value]) => markup`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>`;
}

function hostUsage(usage: HostUsage): SafeHtml {
  const ofTotal = (bytes: number): string =>
    usage.memoryTotalBytes > 0
      ? `${formatPercent(bytes / usage.memoryTotalBytes)} of ${formatBytes(usage.memoryTotalBytes)}`
      : '';
  const disk =
    usage.diskPeakBytes === undefined
      ? statCard('Disk (engine data root)', '–', 'not measured')
      : statCard(
          'Disk peak (engine data root)',
          formatBytes(usage.diskPeakBytes),
          `mean ${formatBytes(usage.diskMeanBytes)}${usage.diskTotalBytes ? ` of ${formatBytes(usage.diskTotalBytes)}` : ''}`,
        );
  return panel(
    markup`Host usage <span class="muted summary-meta">${usage.hostname} · ${usage.samples} samples</span>`,
    markup`<div class="cards">
${statCard('CPU peak', formatPercent(usage.cpuPeakRatio), `mean ${formatPercent(usage.cpuMeanRatio)}`)}
${statCard('Memory peak', formatBytes(usage.memoryPeakBytes), ofTotal(usage.memoryPeakBytes))}
${statCard('Memory mean', formatBytes(usage.memoryMeanBytes), ofTotal(usage.memoryMeanBytes))}
${disk}
</div>`,
  );
}

function imagesTable(images: ImageBuildRecord[]): SafeHtml {
  const head = markup`<th>Image</th><th>Status</th><th>Method</th><th class="num">Attempts</th><th class="num">Duration</th>
<th>Cache</th><th>Gates</th><th>Findings</th><th>Push</th><th>Error</th>`;
  const rows = images.map(
    (image) => markup`<tr>
<td><a href="/images/${encodeURIComponent(image.image)}"><strong>${image.image}</strong></a></td>
<td>${statusBadge(image.status)}</td>
<td>${image.method ?? '–'}</td>
<td class="num${image.attempts > 1 ? ' text-warning' : ''}">${image.attempts}</td>
<td class="num">${formatDuration(image.durationMs)}</td>
<td class="nowrap">${ratioMeter(image.hitRatio)} <span class="muted">${image.cachedSteps}/${image.totalSteps}</span></td>
<td>${image.gatesStatus === undefined ? markup`<span class="muted">–</span>` : statusBadge(image.gatesStatus)}</td>
<td>${findings(image.findings)}</td>
<td>${statusBadge(image.pushStatus)}</td>
<td>${image.errorCode ? markup`<code class="text-failure">${image.errorCode}</code>` : ''}</td>
</tr>`,
  );
  return dataTable(head, rows, 'images');
}

function findings(counts: ImageBuildRecord['findings']): SafeHtml {
  const present = SEVERITIES.filter((severity) => (counts[severity] ?? 0) > 0);
  if (present.length === 0) return markup`<span class="muted">none</span>`;
  return markup`<span class="chips">${present.map(
    (severity) =>
      markup`<span class="chip severity-${severity.toLowerCase()}" title="${severity}"><strong>${counts[severity]}</strong> ${severity.toLowerCase()}</span>`,
  )}</span>`;
}

function durationChart(images: ImageBuildRecord[]): SafeHtml {
  const built = images.filter((image) => image.durationMs > 0);
  if (built.length === 0) return markup``;
  const bars = [...built]
    .sort((a, b) => b.durationMs - a.durationMs)
    .map((image) => ({
      label: image.image,
      value: image.durationMs,
      className: image.status === 'failed' ? 'is-failed' : image.hitRatio >= 1 ? 'is-cached' : 'is-executed',
    }));
  const svg = barsSvg(bars, { width: 1030, title: 'Build duration by image', format: formatDuration });
  return panel(
    'Duration by image',
    markup`${trustedHtml(svg)}<ul class="legend">
<li><span class="swatch step-cached"></span>fully cached</li>
<li><span class="swatch step-executed"></span>built</li>
<li><span class="swatch step-failed"></span>failed</li>
</ul>`,
  );
}

function slowestSteps(images: ImageBuildRecord[]): SafeHtml {
  const withSteps = images.filter((image) => image.slowestSteps.length > 0);
  if (withSteps.length === 0) return markup``;
  const blocks = withSteps.map(
    (image) => markup`<div class="block">
<h3><a href="/images/${encodeURIComponent(image.image)}">${image.image}</a></h3>
<ul class="plain steps">${image.slowestSteps.map(
      (step) =>
        markup`<li><span class="step-name mono">${step.name}</span><span class="step-time">${formatDuration(step.durationMs)}${
          step.cached ? markup` <span class="badge tone-success">cached</span>` : ''
        }</span></li>`,
    )}</ul>
</div>`,
  );
  return panel('Slowest steps', markup`<div class="grid-2">${blocks}</div>`);
}
