// report.html: the run as a page a person opens from Jenkins' archived artifacts. Jenkins serves
// those under `sandbox; default-src 'none'; img-src 'self'; style-src 'self';`, so the page is
// static markup with no script, no inline style and one stylesheet file (report.css) beside it.
import { markup } from '../../html/html-template.js';
import { STYLESHEET } from '../../html/stylesheet.js';
import type { Report } from '../report-types.js';
import { alert, formatTimestamp } from './html-fragments.js';
import { stripAnsi } from '../strip-ansi.js';
import { imageSection } from './image-section.js';
import { imagesTable, phasesPanel, runAlerts, runHeader, summaryCards } from './run-overview.js';

export const HTML_REPORT_FILE_NAMES = { html: 'report.html', css: 'report.css' } as const;

export interface RenderedHtmlReport {
  html: string;
  css: string;
}

export function renderHtmlReport(report: Report): RenderedHtmlReport {
  const page = markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>imageforge ${report.status}: run ${report.runId}</title>
<link rel="stylesheet" href="${HTML_REPORT_FILE_NAMES.css}">
</head>
<body>
${runHeader(report)}
<main class="page">
${summaryCards(report)}
${runAlerts(report)}
${report.warnings.length === 0 ? '' : alert('warning', `Warnings (${report.warnings.length})`, report.warnings.map(stripAnsi))}
${imagesTable(report)}
${phasesPanel(report)}
${report.images.map(imageSection)}
</main>
<footer class="page page-footer">Written by ${report.tool.name} ${report.tool.version} · finished ${formatTimestamp(report.finishedAt)} · machine-readable: <a href="report.json">report.json</a>, <a href="junit.xml">junit.xml</a></footer>
</body>
</html>
`;
  return { html: page.text, css: STYLESHEET };
}
