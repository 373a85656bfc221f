// Turns a scanner outcome plus a policy into one scan gate of the report: findings, counts, the
// decision and what decided it; a scanner failure becomes an `error` gate that blocks or warns.
import type { ScanGate } from '../gate-report.js';
import { evaluateScanPolicy } from '../policy/evaluate-scan-policy.js';
import type { ScanPolicy } from '../policy/scan-policy.js';
import { SEVERITIES, type Severity } from './findings.js';
import type { ImageScanOutcome } from './scanner.js';

export interface ScanGateInput {
  kind: ScanGate['kind'];
  outcome: ImageScanOutcome;
  policy: ScanPolicy;
  scanner: { name: string; version: string | undefined };
  /** A scanner failure blocks publishing (settings.scan.onError: block). */
  blockOnError: boolean;
  rawReport: string | undefined;
  now: Date;
}

export function scanGateResult(input: ScanGateInput): ScanGate {
  const { outcome, policy } = input;
  const common = {
    kind: input.kind,
    scanner: {
      name: input.scanner.name,
      ...(input.scanner.version ? { version: input.scanner.version } : {}),
    },
    failOn: policy.failOn,
    ignoreUnfixed: policy.ignoreUnfixed,
  };
  if (!outcome.ok) {
    return {
      ...common,
      status: 'error',
      durationMs: Math.round(outcome.durationMs),
      counts: zeroCounts(),
      blocking: [],
      ignored: [],
      expiredIgnores: [],
      findings: [],
      summary: `${input.blockOnError ? 'blocked' : 'not checked'}: ${outcome.message}`,
      error: {
        code: outcome.code,
        reason: outcome.reason,
        message: outcome.message,
        ...(outcome.hint ? { hint: outcome.hint } : {}),
      },
      blocksOnError: input.blockOnError,
    };
  }
  const findings = outcome.result.findings.filter((finding) =>
    input.kind === 'secrets' ? finding.kind === 'secret' : finding.kind === 'vulnerability',
  );
  const decision = evaluateScanPolicy(findings, policy, input.now);
  return {
    ...common,
    status: decision.passed ? 'passed' : 'failed',
    durationMs: Math.round(outcome.durationMs),
    counts: decision.counts,
    blocking: decision.blocking,
    ignored: [
      ...decision.ignored.map(({ finding, rule }) => ({
        finding,
        reason: rule.reason,
        ...(rule.expires ? { expires: rule.expires } : {}),
      })),
      ...decision.unfixed.map((finding) => ({ finding, reason: 'unfixed (ignoreUnfixed)' })),
    ],
    expiredIgnores: decision.expiredIgnores.map((expired) => expired.message),
    findings,
    summary: decision.summary,
    ...(input.rawReport ? { rawReport: input.rawReport } : {}),
  };
}

function zeroCounts(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
}
