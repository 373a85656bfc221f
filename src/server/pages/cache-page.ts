// `/cache`: the engine's build cache the way `imageforge cache du` sees it — total against the
// policy's limit, by record type and by last use — or, when the engine does not answer, why.
import { markup, trustedHtml, type SafeHtml } from '../../html/html-template.js';
import { barsSvg } from '../../html/svg-charts.js';
import type { CacheUsage, UsageGroup } from '../../cache/cache-usage.js';
import type { CacheReading } from '../live-facts.js';
import { formatBytes, formatPercent, formatTime } from './format.js';
import { dataTable, notice, pageTitle, panel, renderPage, statCard } from './page-layout.js';

const LARGEST_ENTRIES = 15;
const DESCRIPTION_CHARS = 120;

export function renderCachePage(reading: CacheReading, historyLocation: string): string {
  const target = reading.builder ?? 'the current buildx builder';
  const title = pageTitle(undefined, 'Build cache', markup`Builder: <strong>${target}</strong>`);
  const body = reading.usage
    ? markup`${title}${usageSections(reading.usage, reading.limitBytes)}`
    : markup`${title}${notice(
        'error',
        'Engine unreachable: build cache usage is unavailable.',
        markup`<p>${reading.error ?? 'no answer'}</p>${reading.hint ? markup`<p>${reading.hint}</p>` : ''}`,
      )}`;
  return renderPage({ title: 'Build cache', section: 'cache', historyLocation, body });
}

function usageSections(usage: CacheUsage, limitBytes: number | undefined): SafeHtml {
  const overLimit = limitBytes !== undefined && usage.totalBytes > limitBytes;
  const limitNote =
    limitBytes === undefined
      ? 'no size limit configured'
      : markup`<meter min="0" max="${limitBytes}" value="${Math.min(usage.totalBytes, limitBytes)}"></meter> ${formatPercent(
          usage.totalBytes / limitBytes,
        )} of ${formatBytes(limitBytes)} limit`;
  return markup`<div class="cards">
${statCard('Total', markup`<span class="${overLimit ? 'text-failure' : ''}">${formatBytes(usage.totalBytes)}</span>`, limitNote)}
${statCard('Reclaimable', formatBytes(usage.reclaimableBytes), 'not in use: a prune frees this')}
${statCard('In use', formatBytes(usage.inUseBytes))}
${statCard('Records', usage.count, `measured ${formatTime(usage.measuredAt)} via ${usage.source}`)}
</div>
<div class="grid-2">
${panel('By last use', markup`${groupChart(usage.byAge, 'Cache by last use')}${groupTable(usage.byAge, 'Last used')}`)}
${panel('By record type', markup`${groupChart(usage.byType, 'Cache by record type')}${groupTable(usage.byType, 'Type')}`)}
</div>
${largestEntries(usage)}`;
}

function groupChart(groups: Record<string, UsageGroup>, title: string): SafeHtml {
  const bars = Object.entries(groups).map(([name, group]) => ({ label: name, value: group.bytes }));
  return trustedHtml(barsSvg(bars, { width: 500, title, format: formatBytes }));
}

function groupTable(groups: Record<string, UsageGroup>, heading: string): SafeHtml {
  const head = markup`<th>${heading}</th><th class="num">Records</th><th class="num">Size</th><th class="num">Reclaimable</th>`;
  const rows = Object.entries(groups).map(
    ([name, group]) => markup`<tr><td>${name}</td><td class="num">${group.count}</td>
<td class="num">${formatBytes(group.bytes)}</td><td class="num">${formatBytes(group.reclaimableBytes)}</td></tr>`,
  );
  return markup`<div class="block">${dataTable(head, rows)}</div>`;
}

function largestEntries(usage: CacheUsage): SafeHtml {
  if (usage.entries.length === 0) return notice('info', 'The build cache is empty.');
  const largest = [...usage.entries].sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, LARGEST_ENTRIES);
  const head = markup`<th>ID</th><th>Type</th><th>Description</th><th class="num">Size</th><th>Last used</th><th></th>`;
  const rows = largest.map(
    (entry) => markup`<tr>
<td class="mono">${entry.id.slice(0, 12)}</td>
<td>${entry.type || 'unknown'}</td>
<td title="${entry.description}">${shorten(entry.description, DESCRIPTION_CHARS)}</td>
<td class="num">${formatBytes(entry.sizeBytes)}</td>
<td class="nowrap">${formatTime(entry.lastUsedAt)}</td>
<td>${entry.inUse ? markup`<span class="badge tone-warning">in use</span>` : ''}</td>
</tr>`,
  );
  return panel(`Largest records (${largest.length} of ${usage.count})`, dataTable(head, rows));
}

/** Long RUN commands fill the table; the full text stays in the cell's tooltip. */
function shorten(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
