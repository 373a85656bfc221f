// One scan gate (vulnerabilities or secrets): counts per severity, the findings that block
// publishing, what was ignored and why, and scanner failures kept apart from findings.
import { markup, type SafeHtml } from '../../html/html-template.js';
import type { ScanGate } from '../../gates/gate-report.js';
import { SEVERITIES, type Finding } from '../../gates/scan/findings.js';
import { formatDuration } from '../human-format.js';
import { alert, externalLink, fileLink, subpanel, table } from './html-fragments.js';

/** More would make the page unusable; the raw scanner report has them all. */
const MAX_FINDINGS_SHOWN = 50;

export function scanPanel(scan: ScanGate): SafeHtml {
  const scanner = [scan.scanner.name, scan.scanner.version].filter(Boolean).join(' ');
  const settings = [
    scanner,
    `fails on ${scan.failOn}`,
    scan.ignoreUnfixed ? 'ignores unfixed' : undefined,
    formatDuration(scan.durationMs),
  ].filter(Boolean);
  const body = markup`${severityChips(scan.counts)}${scan.summary === '' ? '' : markup`<p>${scan.summary}</p>`}
${scanError(scan)}${blockingFindings(scan)}${ignoredFindings(scan)}${expiredIgnores(scan)}
${scan.rawReport === undefined ? '' : markup`<p class="muted">Raw report: ${fileLink(scan.rawReport)}</p>`}`;
  return subpanel(capitalise(scan.kind), scan.status, settings.join(' · '), body);
}

function severityChips(counts: ScanGate['counts']): SafeHtml {
  const chips = SEVERITIES.map((severity) => {
    const count = counts[severity] ?? 0;
    const zero = count === 0 ? ' is-zero' : '';
    return markup`<span class="chip severity-${severity.toLowerCase()}${zero}"><strong>${count}</strong> ${severity}</span>`;
  });
  return markup`<div class="chips">${chips}</div>`;
}

function scanError(scan: ScanGate): SafeHtml | undefined {
  if (scan.error === undefined) return undefined;
  const blocks = scan.blocksOnError === true ? 'blocks publishing' : 'does not block publishing';
  return alert(
    scan.blocksOnError === true ? 'failure' : 'warning',
    `Scanner failed (${scan.error.reason}), ${blocks}`,
    [markup`<code>${scan.error.code}</code> ${scan.error.message}`],
    scan.error.hint,
  );
}

function blockingFindings(scan: ScanGate): SafeHtml | undefined {
  if (scan.blocking.length === 0) return undefined;
  const shown = scan.blocking.slice(0, MAX_FINDINGS_SHOWN);
  const more = scan.blocking.length - shown.length;
  return markup`<p><strong>${scan.blocking.length} blocking publishing</strong></p>
${table(['ID', 'Severity', 'What', 'Where'], shown.map(findingRow))}
${more > 0 ? markup`<p class="muted">and ${more} more in the raw report.</p>` : ''}`;
}

function findingRow(finding: Finding): SafeHtml {
  const severity = markup`<span class="chip severity-${finding.severity.toLowerCase()}">${finding.severity}</span>`;
  if (finding.kind === 'secret') {
    const where = finding.startLine === undefined ? finding.target : `${finding.target}:${finding.startLine}`;
    const match = finding.match === undefined ? '' : markup`<br><code>${finding.match}</code>`;
    return markup`<tr><td><code>${finding.id}</code></td><td>${severity}</td><td>${finding.title ?? finding.category ?? ''}${match}</td><td><code>${where}</code></td></tr>`;
  }
  const fix =
    finding.fixedVersion === undefined || finding.fixedVersion === ''
      ? 'no fix yet'
      : `fixed in ${finding.fixedVersion}`;
  const title = finding.title === undefined ? '' : markup`<br><span class="muted">${finding.title}</span>`;
  return markup`<tr><td>${externalLink(finding.url, finding.id)}</td><td>${severity}</td><td><code>${finding.packageName} ${finding.installedVersion}</code>, ${fix}${title}</td><td><code>${finding.target}</code></td></tr>`;
}

function ignoredFindings(scan: ScanGate): SafeHtml | undefined {
  if (scan.ignored.length === 0) return undefined;
  const items = scan.ignored.map(
    (entry) =>
      markup`<li><code>${entry.finding.id}</code> (${entry.finding.severity}): ${entry.reason}${entry.expires === undefined ? '' : `, until ${entry.expires}`}</li>`,
  );
  return markup`<details><summary class="muted">${scan.ignored.length} ignored</summary><ul class="plain">${items}</ul></details>`;
}

function expiredIgnores(scan: ScanGate): SafeHtml | undefined {
  if (scan.expiredIgnores.length === 0) return undefined;
  return alert(
    'warning',
    'Expired ignore rules (no longer applied)',
    scan.expiredIgnores.map((rule) => markup`<code>${rule}</code>`),
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
