// `/images/:image`: how one image builds over time — median duration and cache hit ratio per day,
// success rate, and its recent builds.
import { markup, trustedHtml, type SafeHtml } from '../../html/html-template.js';
import { barsSvg, lineChartSvg } from '../../html/svg-charts.js';
import type { ImageBuildRecord, RunSummary, Trends } from '../../history/history-store.js';
import { formatDuration, formatPercent, formatTime, ratioMeter, statusBadge, timeElement } from './format.js';
import { dataTable, notice, pageTitle, panel, renderPage, statCard } from './page-layout.js';

export interface ImageBuildRow {
  run: RunSummary;
  build: ImageBuildRecord;
}

export interface ImagePageData {
  image: string;
  trends: Trends;
  recent: ImageBuildRow[];
  historyLocation: string;
}

const CHART = { width: 520, height: 200 };

export function renderImagePage(data: ImagePageData): string {
  const trend = data.trends.images.find((candidate) => candidate.image === data.image);
  const window = `${formatTime(data.trends.since)} – ${formatTime(data.trends.until)}`;
  const title = pageTitle(
    markup`<a href="/">Runs</a> / image`,
    markup`<span class="mono">${data.image}</span>`,
    markup`${window} · <a href="/?image=${encodeURIComponent(data.image)}">runs with this image</a>`,
  );
  if (trend === undefined && data.recent.length === 0) {
    const body = markup`${title}${notice('info', 'No builds of this image are recorded.', 'Check the name, or build it once.')}`;
    return renderPage({ title: data.image, section: 'runs', historyLocation: data.historyLocation, body });
  }
  const body = markup`${title}
<div class="cards">
${statCard('Builds', trend?.builds ?? 0, `${trend?.retries ?? 0} retries`)}
${statCard('Success rate', formatPercent(trend?.successRate), `${trend?.succeeded ?? 0} succeeded`)}
${statCard('Median duration', formatDuration(trend?.p50DurationMs ?? Number.NaN), `p95 ${formatDuration(trend?.p95DurationMs ?? Number.NaN)}`)}
${statCard('Cache hit ratio', formatPercent(trend?.hitRatio), 'of cacheable steps')}
</div>
${charts(data.trends)}
${recentBuilds(data.recent)}`;
  return renderPage({ title: data.image, section: 'runs', historyLocation: data.historyLocation, body });
}

function charts(trends: Trends): SafeHtml {
  const hourly = trends.series.some((point) => !point.bucket.slice(11).startsWith('00:00'));
  const when = (bucket: string): string =>
    hourly ? `${bucket.slice(5, 13).replace('T', ' ')}h` : bucket.slice(0, 10);
  const per = hourly ? 'hour' : 'day';
  const duration = lineChartSvg(
    trends.series.map((point) => ({ x: when(point.bucket), y: point.p50DurationMs })),
    {
      ...CHART,
      title: `Median build duration per ${per}`,
      format: formatDuration,
      className: 'chart-duration',
    },
  );
  const cache = lineChartSvg(
    trends.series.map((point) => ({ x: when(point.bucket), y: point.hitRatio })),
    { ...CHART, title: `Cache hit ratio per ${per}`, format: formatPercent, className: 'chart-cache' },
  );
  const success = barsSvg(
    trends.series.map((point) => ({
      label: `${when(point.bucket)} · ${point.builds} build${point.builds === 1 ? '' : 's'}`,
      value: point.successRate,
      max: 1,
      className: point.successRate < 1 ? 'is-failed' : 'is-cached',
    })),
    { width: 1060, title: `Success rate per ${per}`, format: formatPercent },
  );
  return markup`<div class="grid-2">
${panel(`Median duration (p50) per ${per}`, trustedHtml(duration))}
${panel(`Cache hit ratio per ${per}`, trustedHtml(cache))}
</div>
${panel(`Success rate per ${per}`, trustedHtml(success))}`;
}

function recentBuilds(rows: ImageBuildRow[]): SafeHtml {
  if (rows.length === 0) return markup``;
  const head = markup`<th>Status</th><th>Run</th><th>Started</th><th>Branch</th><th class="num">Duration</th>
<th class="num">Attempts</th><th>Cache hits</th><th>Error</th>`;
  const body = rows.map(
    ({ run, build }) => markup`<tr>
<td>${statusBadge(build.status)}</td>
<td><a class="mono" href="/runs/${encodeURIComponent(run.runId)}">${run.runId}</a></td>
<td class="nowrap">${timeElement(run.startedAt)}</td>
<td>${run.gitBranch ?? '–'}</td>
<td class="num">${formatDuration(build.durationMs)}</td>
<td class="num${build.attempts > 1 ? ' text-warning' : ''}">${build.attempts}</td>
<td>${ratioMeter(build.hitRatio)}</td>
<td>${build.errorCode ? markup`<code class="text-failure">${build.errorCode}</code>` : ''}</td>
</tr>`,
  );
  return panel('Recent builds', dataTable(head, body));
}
