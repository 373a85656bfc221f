// The lines a CLI prints for a scan gate decision: the summary, the findings that decide it (blocking,
// then set aside with why), and a warning per expired ignore. Rendering only; the decision is made elsewhere.
import { createColors } from 'picocolors';
import type { Finding, Severity } from '../scan/findings.js';
import type { PolicyDecision } from './scan-policy.js';

type Colors = ReturnType<typeof createColors>;

export interface FormatDecisionOptions {
  color?: boolean;
  /** Most finding lines to print; the rest become "… and N more". All when omitted. */
  max?: number;
}

/** Ends with the OS part Trivy appends to an image target: `image.tar (debian 10.1)`. */
const OS_SUFFIX = /\(([^()]+)\)$/;

export function formatDecision(decision: PolicyDecision, options: FormatDecisionOptions): string[] {
  const colors = createColors(options.color ?? false);
  const findingLines = [
    ...decision.blocking.map((finding) => describeFinding(finding, colors)),
    ...decision.ignored.map(
      ({ finding, rule }) =>
        `${describeFinding(finding, colors)} — ignored: ${rule.reason}${rule.expires === undefined ? '' : ` (until ${rule.expires})`}`,
    ),
    ...decision.unfixed.map((finding) => `${describeFinding(finding, colors)} — not counted (ignoreUnfixed)`),
  ];
  const shown = options.max === undefined ? findingLines : findingLines.slice(0, Math.max(0, options.max));
  const hidden = findingLines.length - shown.length;
  return [
    colorSummary(decision, colors),
    ...shown.map((line) => `  ${line}`),
    ...(hidden > 0 ? [`  … and ${hidden} more`] : []),
    ...decision.expiredIgnores.map(({ message }) => colors.yellow(`warning: ${message}`)),
  ];
}

/**
 * `CRITICAL CVE-2019-1549 openssl 1.1.1c → fixed in 1.1.1d (debian 10.1)` or
 * `HIGH     aws-access-key-id in deploy.sh:3 (AWS Access Key ID)`.
 */
export function describeFinding(finding: Finding, colors: Colors = createColors(false)): string {
  const severity = colorSeverity(finding.severity, colors);
  if (finding.kind === 'secret') {
    const line = finding.startLine === undefined ? '' : `:${finding.startLine}`;
    const title = finding.title === undefined ? '' : ` (${finding.title})`;
    return `${severity} ${finding.id} in ${finding.target}${line}${title}`;
  }
  const fix =
    finding.fixedVersion === undefined ? ', no fix available' : ` → fixed in ${finding.fixedVersion}`;
  const location = finding.packagePath ?? OS_SUFFIX.exec(finding.target)?.[1] ?? finding.target;
  return `${severity} ${finding.id} ${finding.packageName} ${finding.installedVersion}${fix} (${location})`;
}

function colorSeverity(severity: Severity, colors: Colors): string {
  const padded = severity.padEnd(8);
  if (severity === 'CRITICAL') return colors.bold(colors.red(padded));
  if (severity === 'HIGH') return colors.red(padded);
  if (severity === 'MEDIUM') return colors.yellow(padded);
  return colors.dim(padded);
}

function colorSummary(decision: PolicyDecision, colors: Colors): string {
  const [verdict = '', ...rest] = decision.summary.split(':');
  const paint = decision.passed ? colors.green : colors.red;
  return rest.length === 0 ? decision.summary : `${paint(verdict)}:${rest.join(':')}`;
}
