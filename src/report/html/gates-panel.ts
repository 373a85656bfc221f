// The gates of one image: functional test checks (with the message and container output of each
// failure), scans, SBOM files and signatures — what decided whether the image could be published.
import { markup, type SafeHtml } from '../../html/html-template.js';
import type { ImageGates, SbomResult, SignatureResult, TestGate } from '../../gates/gate-report.js';
import { formatDuration } from '../human-format.js';
import { alert, badge, fileLink, shortReference, subpanel, table } from './html-fragments.js';
import { logBlock } from './log-excerpts.js';
import { scanPanel } from './scan-panel.js';

export function gatesPanel(gates: ImageGates): SafeHtml {
  const sboms = gates.sboms ?? [];
  const signatures = gates.signatures ?? [];
  return markup`<section class="block gates"><h3>Gates ${badge(gates.status)}</h3>
${gates.test === undefined ? '' : testsBlock(gates.test)}
${(gates.scans ?? []).map(scanPanel)}
${sboms.length === 0 ? '' : sbomsBlock(sboms)}
${signatures.length === 0 ? '' : signaturesBlock(signatures)}
</section>`;
}

function testsBlock(test: TestGate): SafeHtml {
  const rows = test.checks.map((check) => {
    const row = markup`<tr><td><code>${check.name}</code></td><td>${check.kind}</td><td>${badge(check.status)}</td><td class="num">${formatDuration(check.durationMs)}</td><td>${check.message ?? ''}</td></tr>`;
    const logs = check.status === 'failed' && (check.logs ?? []).length > 0;
    return logs
      ? markup`${row}<tr><td class="detail" colspan="5">${logBlock(check.logs ?? [])}</td></tr>`
      : row;
  });
  const passed = test.checks.filter((check) => check.status === 'passed').length;
  const meta = markup`${passed} of ${test.checks.length} checks passed against <code>${test.image}</code> in ${formatDuration(test.durationMs)}`;
  return subpanel(
    'Tests',
    test.status,
    meta,
    markup`${test.error === undefined ? '' : alert('failure', 'Tests could not run', [test.error])}
${rows.length === 0 ? '' : table(['Check', 'Kind', 'Status', ['Time', 'num'], 'Message'], rows)}`,
  );
}

function sbomsBlock(sboms: SbomResult[]): SafeHtml {
  const items = sboms.map((sbom) => {
    const components = sbom.components === undefined ? '' : `, ${sbom.components} components`;
    const file = sbom.file === undefined ? '' : markup` ${fileLink(sbom.file)}`;
    const error = sbom.error === undefined ? '' : markup` ${badge('failed')} ${sbom.error}`;
    return markup`<li><strong>${sbom.format}</strong>${file}${components}${error}</li>`;
  });
  return subpanel('SBOMs', undefined, '', markup`<ul class="plain">${items}</ul>`);
}

function signaturesBlock(signatures: SignatureResult[]): SafeHtml {
  const rows = signatures.map((signature) => {
    const signatureRef =
      signature.signatureRef === undefined
        ? ''
        : markup`<br><span class="muted">signature <code title="${signature.signatureRef}">${shortReference(signature.signatureRef)}</code></span>`;
    return markup`<tr><td><code title="${signature.reference}">${shortReference(signature.reference)}</code>${signatureRef}</td><td>${badge(signature.status)}</td><td>${signature.verified ? 'yes' : 'no'}</td><td>${signature.tlog ? 'yes' : 'no'}</td><td>${signature.keyRef === undefined ? '-' : markup`<code>${signature.keyRef}</code>`}</td><td>${signature.message ?? ''}</td></tr>`;
  });
  return subpanel(
    'Signatures',
    undefined,
    '',
    table(['Image', 'Status', 'Verified', 'Transparency log', 'Key', 'Note'], rows),
  );
}
