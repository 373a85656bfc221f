// `/`: the runs list, newest first, with filters (status, branch, image) and `?before=` paging.
import { markup, type SafeHtml } from '../../html/html-template.js';
import type { RunSummary } from '../../history/history-store.js';
import { RUNS_LIMIT_DEFAULT, type ListRunsParams } from '../api-schemas.js';
import { formatDuration, ratioMeter, shortCommit, statusBadge, timeElement } from './format.js';
import { dataTable, notice, pageTitle, renderPage } from './page-layout.js';

export interface RunsPageData {
  runs: RunSummary[];
  query: ListRunsParams;
  historyLocation: string;
}

const STATUSES = ['succeeded', 'failed', 'cancelled'] as const;

export function renderRunsPage(data: RunsPageData): string {
  const filtered = Boolean(data.query.status ?? data.query.branch ?? data.query.image);
  const body = markup`${pageTitle(undefined, 'Runs', 'Every build run recorded in history, newest first.')}
${filterForm(data.query)}
${data.runs.length === 0 ? emptyState(filtered, data.query.before !== undefined) : markup`<section class="panel">${runsTable(data.runs)}</section>`}
${pager(data)}`;
  return renderPage({ title: 'Runs', section: 'runs', historyLocation: data.historyLocation, body });
}

function filterForm(query: ListRunsParams): SafeHtml {
  const options = STATUSES.map(
    (status) =>
      markup`<option value="${status}"${query.status === status ? markup` selected` : ''}>${status}</option>`,
  );
  return markup`<form class="filters" method="get" action="/" role="search">
<label>Status <select name="status"><option value="">any</option>${options}</select></label>
<label>Branch <input name="branch" value="${query.branch ?? ''}" placeholder="any branch"></label>
<label>Image <input name="image" value="${query.image ?? ''}" placeholder="any image"></label>
<button type="submit">Filter</button>
<a class="button-link" href="/">Clear</a>
</form>`;
}

function runsTable(runs: RunSummary[]): SafeHtml {
  const head = markup`<th>Status</th><th>Run</th><th>Started</th><th class="num">Duration</th><th>Branch</th>
<th>Commit</th><th>Host</th><th class="num">Built</th><th class="num">Failed</th><th class="num">Up to date</th><th>Cache hits</th>`;
  const rows = runs.map(
    (run) => markup`<tr>
<td>${statusBadge(run.status)}</td>
<td class="nowrap"><a class="run-link mono" href="/runs/${encodeURIComponent(run.runId)}">${run.runId}</a></td>
<td class="nowrap">${timeElement(run.startedAt)}</td>
<td class="num">${formatDuration(run.durationMs)}</td>
<td>${run.gitBranch ?? '–'}</td>
<td><code>${shortCommit(run.gitCommit)}</code></td>
<td class="nowrap">${run.host}</td>
<td class="num">${run.built}</td>
<td class="num${run.failed > 0 ? ' text-failure' : ''}">${run.failed}</td>
<td class="num">${run.upToDate}</td>
<td>${ratioMeter(run.cacheHitRatio)}</td>
</tr>`,
  );
  return dataTable(head, rows, 'runs');
}

function emptyState(filtered: boolean, paged: boolean): SafeHtml {
  if (paged) return notice('info', 'No older runs.');
  if (filtered) return notice('info', 'No runs match these filters.');
  return notice(
    'info',
    'No runs recorded yet.',
    markup`Runs appear here once <code>imageforge build</code> records them in the history store.`,
  );
}

/** "Older" continues after the last run shown; "Newest" drops the cursor but keeps the filters. */
function pager(data: RunsPageData): SafeHtml {
  const last = data.runs.at(-1);
  const hasOlder = last !== undefined && data.runs.length >= data.query.limit;
  if (!hasOlder && data.query.before === undefined) return markup``;
  const link = (before: string | undefined): string => {
    const params = new URLSearchParams();
    for (const key of ['status', 'branch', 'image'] as const) {
      const value = data.query[key];
      if (value !== undefined) params.set(key, value);
    }
    if (data.query.limit !== RUNS_LIMIT_DEFAULT) params.set('limit', String(data.query.limit));
    if (before !== undefined) params.set('before', before);
    const search = params.toString();
    return search ? `/?${search}` : '/';
  };
  return markup`<nav class="pager" aria-label="Pages">
${data.query.before === undefined ? '' : markup`<a href="${link(undefined)}">← Newest</a>`}
${hasOlder ? markup`<a href="${link(last.runId)}" rel="next">Older runs →</a>` : ''}
</nav>`;
}
