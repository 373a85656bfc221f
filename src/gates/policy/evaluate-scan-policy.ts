// Decides a scan gate: which findings block, which are ignored (and by which rule), which are unfixed
// and not counted, which ignore rules have expired, and the one-line summary a user reads first.
import { SEVERITIES, findingKey, type Finding, type Severity } from '../scan/findings.js';
import { describeExpiredRule, isExpired, matchesFinding } from './ignore-rules.js';
import type { IgnoredFinding, IgnoreRule, PolicyDecision, ScanPolicy } from './scan-policy.js';

type Classification = { kind: 'below' } | { kind: 'blocking' } | { kind: 'unfixed' } | IgnoredClassification;
type IgnoredClassification = { kind: 'ignored'; rule: IgnoreRule };

export function evaluateScanPolicy(findings: Finding[], policy: ScanPolicy, now: Date): PolicyDecision {
  const activeRules = policy.ignores.filter((rule) => !isExpired(rule, now));
  const blocking: Finding[] = [];
  const ignored: IgnoredFinding[] = [];
  const unfixed: Finding[] = [];
  for (const finding of findings) {
    const verdict = classify(finding, policy, activeRules);
    if (verdict.kind === 'blocking') blocking.push(finding);
    else if (verdict.kind === 'unfixed') unfixed.push(finding);
    else if (verdict.kind === 'ignored') ignored.push({ finding, rule: verdict.rule });
  }
  blocking.sort(compareFindings);
  const expiredIgnores = policy.ignores
    .filter((rule) => isExpired(rule, now))
    .map((rule) => ({ rule, message: describeExpiredRule(rule) }));
  const counts = countBySeverity(findings);
  const decision = { passed: blocking.length === 0, counts, blocking, ignored, unfixed, expiredIgnores };
  return { ...decision, summary: summarize(decision, policy, findings.length) };
}

/** Most severe first; 0 is CRITICAL. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Whether a finding of this severity counts toward a gate that fails on `failOn`. */
export function isAtOrAbove(severity: Severity, failOn: Severity | 'NONE'): boolean {
  return failOn !== 'NONE' && severityRank(severity) <= severityRank(failOn);
}

/**
 * A vulnerability with no fixed version to upgrade to. The scanner's status (affected, will_not_fix,
 * fix_deferred, end_of_life) says why, but only the missing version decides: with a version to
 * upgrade to, the finding is actionable whatever the status.
 */
export function isUnfixed(finding: Finding): boolean {
  return finding.kind === 'vulnerability' && (finding.fixedVersion ?? '').trim() === '';
}

function classify(finding: Finding, policy: ScanPolicy, activeRules: IgnoreRule[]): Classification {
  if (!isAtOrAbove(finding.severity, policy.failOn)) return { kind: 'below' };
  if (policy.ignoreUnfixed && isUnfixed(finding)) return { kind: 'unfixed' };
  const rule = activeRules.find((candidate) => matchesFinding(candidate, finding));
  return rule === undefined ? { kind: 'blocking' } : { kind: 'ignored', rule };
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    a.id.localeCompare(b.id) ||
    findingKey(a).localeCompare(findingKey(b))
  );
}

function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

type DecisionFacts = Omit<PolicyDecision, 'summary'>;

function summarize(decision: DecisionFacts, policy: ScanPolicy, total: number): string {
  if (policy.failOn === 'NONE') {
    const breakdown = describeCounts(decision.counts);
    return total === 0
      ? 'passed: no findings (not gated, failOn NONE)'
      : `passed: ${total} finding${total === 1 ? '' : 's'} (${breakdown}), not gated (failOn NONE)`;
  }
  const notCounted = describeNotCounted(decision);
  const expired = describeExpiredCount(decision.expiredIgnores.length);
  if (!decision.passed) {
    const breakdown = describeCounts(countBySeverity(decision.blocking));
    const tail = [notCounted, expired].filter((part) => part !== '').join('; ');
    return `failed: ${decision.blocking.length} blocking at or above ${policy.failOn} (${breakdown})${tail === '' ? '' : `; ${tail}`}`;
  }
  const atOrAbove = decision.ignored.length + decision.unfixed.length;
  const below = total - atOrAbove;
  const belowText = below === 0 ? '' : ` (${below} below the threshold)`;
  const head =
    atOrAbove === 0
      ? `passed: no findings at or above ${policy.failOn}${belowText}`
      : `passed: nothing blocking at or above ${policy.failOn}; ${notCounted}${belowText}`;
  return expired === '' ? head : `${head}; ${expired}`;
}

/** `1 CRITICAL, 1 HIGH`: only the severities present, most severe first. */
function describeCounts(counts: Record<Severity, number>): string {
  return SEVERITIES.filter((severity) => counts[severity] > 0)
    .map((severity) => `${counts[severity]} ${severity}`)
    .join(', ');
}

/** `1 ignored, 3 unfixed not counted`, or empty when nothing at the threshold was set aside. */
function describeNotCounted(decision: DecisionFacts): string {
  const parts: string[] = [];
  if (decision.ignored.length > 0) parts.push(`${decision.ignored.length} ignored`);
  if (decision.unfixed.length > 0) parts.push(`${decision.unfixed.length} unfixed`);
  return parts.length === 0 ? '' : `${parts.join(', ')} not counted`;
}

function describeExpiredCount(expired: number): string {
  if (expired === 0) return '';
  return `${expired} expired ignore${expired === 1 ? '' : 's'} no longer appl${expired === 1 ? 'ies' : 'y'}`;
}
