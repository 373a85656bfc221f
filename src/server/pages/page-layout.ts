// The frame every dashboard page shares: head (one external stylesheet, no inline CSS or scripts, so
// the strict Content-Security-Policy holds), top navigation, and a footer with the machine endpoints.
import { markup, type HtmlValue, type SafeHtml } from '../../html/html-template.js';
import { VERSION } from '../../version.js';

export type NavSection = 'runs' | 'cache' | 'builders';

export interface PageOptions {
  title: string;
  section: NavSection | undefined;
  /** Where history lives (credentials already removed), shown in the header. */
  historyLocation: string;
  body: HtmlValue;
}

const NAV: Array<{ section: NavSection; href: string; label: string }> = [
  { section: 'runs', href: '/', label: 'Runs' },
  { section: 'cache', href: '/cache', label: 'Cache' },
  { section: 'builders', href: '/builders', label: 'Builders' },
];

export function renderPage(options: PageOptions): string {
  const nav = NAV.map(
    (item) =>
      markup`<a href="${item.href}"${item.section === options.section ? markup` aria-current="page"` : ''}>${item.label}</a>`,
  );
  const page: SafeHtml = markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · imageforge</title>
<link rel="stylesheet" href="/assets/style.css">
<link rel="icon" type="image/svg+xml" href="/assets/favicon.svg">
</head>
<body class="dashboard">
<header class="topbar">
<div class="page topbar-row">
<a class="brand" href="/">imageforge</a>
<nav class="topnav" aria-label="Sections">${nav}</nav>
<span class="topbar-note" title="history store">history: ${options.historyLocation}</span>
</div>
</header>
<main class="page">${options.body}</main>
<footer class="page page-footer">
imageforge ${VERSION} · <a href="/api/runs">JSON API</a> · <a href="/metrics">metrics</a> · <a href="/healthz">health</a>
</footer>
</body>
</html>
`;
  return page.text;
}

/** The title row of a page: breadcrumbs, heading (with an optional badge) and a note below. */
export function pageTitle(crumbs: HtmlValue, title: HtmlValue, note?: HtmlValue): SafeHtml {
  return markup`<div class="page-title">
${crumbs === undefined ? '' : markup`<p class="eyebrow crumbs">${crumbs}</p>`}
<div class="title-row"><h1>${title}</h1></div>
${note === undefined ? '' : markup`<p class="muted title-note">${note}</p>`}
</div>`;
}

/** A labelled figure in the row of cards at the top of a page. */
export function statCard(label: string, value: HtmlValue, note?: HtmlValue): SafeHtml {
  return markup`<div class="card"><span class="stat-label">${label}</span><span class="stat-value">${value}</span>${
    note === undefined ? '' : markup`<span class="stat-note">${note}</span>`
  }</div>`;
}

/** A boxed message: why something is missing and what to do about it. */
export function notice(kind: 'info' | 'error', title: string, detail?: HtmlValue): SafeHtml {
  const role = kind === 'error' ? 'alert' : 'status';
  return markup`<div class="alert${kind === 'error' ? ' tone-failure' : ''}" role="${role}"><p><strong>${title}</strong></p>${
    detail === undefined ? '' : markup`<div class="hint">${detail}</div>`
  }</div>`;
}

/** A titled white box around a table, chart or list. */
export function panel(title: HtmlValue, body: HtmlValue): SafeHtml {
  return markup`<section class="panel"><h2>${title}</h2>${body}</section>`;
}

/** A horizontally scrollable data table. */
export function dataTable(head: HtmlValue, rows: HtmlValue, className = ''): SafeHtml {
  return markup`<div class="table-scroll"><table class="data ${className}"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}
