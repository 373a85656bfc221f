// Scoped, expiring ignore rules: the config/CLI schema, when a rule matches a finding, and when it
// has expired. Kept apart from the policy so config validation and reports share one definition.
import { z } from 'zod';
import type { Finding } from '../scan/findings.js';
import type { IgnoreRule } from './scan-policy.js';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** One ignore as written in imageforge.yaml (`scan.ignore[]`) or an ignore file passed on the CLI. */
export const ignoreRuleSchema = z.strictObject({
  id: z.string().trim().min(1).describe('CVE/GHSA id or secret rule id, e.g. CVE-2019-1549.'),
  package: z.string().trim().min(1).optional().describe('Only this package (vulnerabilities).'),
  purl: z.string().trim().min(1).optional().describe('Only packages whose purl starts with this.'),
  path: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('Only findings whose package path or target starts with this (language packages, secrets).'),
  reason: z
    .string({ error: 'every ignore needs a reason' })
    .trim()
    .min(1, { error: 'every ignore needs a reason' })
    .describe('Why the finding is accepted; shown in reports.'),
  expires: z
    .string()
    .refine((value) => DATE_PATTERN.test(value), { error: 'expected a date as YYYY-MM-DD, e.g. 2026-01-31' })
    .refine((value) => !DATE_PATTERN.test(value) || expiryEnd(value) !== undefined, {
      error: (issue) => `${String(issue.input)} is not a real date`,
    })
    .optional()
    .describe('YYYY-MM-DD; the ignore stops applying after this day ends (UTC).'),
});

/** First instant (ms, UTC) after the expiry day ends, or undefined when `expires` is not a real date. */
export function expiryEnd(expires: string): number | undefined {
  const match = DATE_PATTERN.exec(expires);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(Date.UTC(year, month - 1, day));
  const real =
    start.getUTCFullYear() === year && start.getUTCMonth() === month - 1 && start.getUTCDate() === day;
  return real ? start.getTime() + DAY_MS : undefined;
}

/** A rule applies through the end of its expiry day (UTC); an unreadable date never applies. */
export function isExpired(rule: IgnoreRule, now: Date): boolean {
  if (rule.expires === undefined) return false;
  const end = expiryEnd(rule.expires);
  return end === undefined || now.getTime() >= end;
}

/** Same id (any case) and every scope field the rule gives matches the finding. */
export function matchesFinding(rule: IgnoreRule, finding: Finding): boolean {
  if (rule.id.toLowerCase() !== finding.id.toLowerCase()) return false;
  if (rule.package !== undefined && !matchesPackage(rule.package, finding)) return false;
  if (rule.purl !== undefined && !matchesPurl(rule.purl, finding)) return false;
  if (rule.path !== undefined && !matchesPath(rule.path, finding)) return false;
  return true;
}

function matchesPackage(name: string, finding: Finding): boolean {
  return finding.kind === 'vulnerability' && finding.packageName === name;
}

function matchesPurl(prefix: string, finding: Finding): boolean {
  return finding.kind === 'vulnerability' && (finding.purl ?? '').startsWith(prefix);
}

/** Paths inside an image are compared without a leading slash: Trivy writes `usr/lib/...`, people write `/usr/lib/...`. */
function matchesPath(prefix: string, finding: Finding): boolean {
  const wanted = stripLeadingSlash(prefix);
  const candidates =
    finding.kind === 'vulnerability' ? [finding.packagePath, finding.target] : [finding.target];
  return candidates.some(
    (candidate) => candidate !== undefined && stripLeadingSlash(candidate).startsWith(wanted),
  );
}

function stripLeadingSlash(path: string): string {
  return path.replace(/^\/+/, '');
}

/** `CVE-2019-1549 (openssl)`: the id and the scope that narrows it, for messages. */
export function describeRule(rule: IgnoreRule): string {
  const scope = [rule.package, rule.purl, rule.path].filter((field) => field !== undefined);
  return scope.length === 0 ? rule.id : `${rule.id} (${scope.join(', ')})`;
}

/** Why an expired (or undatable) rule no longer applies, prefixed with where it was declared. */
export function describeExpiredRule(rule: IgnoreRule): string {
  const where = rule.source === undefined ? '' : `${rule.source}: `;
  const what =
    rule.expires !== undefined && expiryEnd(rule.expires) === undefined
      ? `has an invalid expiry date ${JSON.stringify(rule.expires)} (expected YYYY-MM-DD) and does not apply`
      : `expired on ${rule.expires} and no longer applies`;
  return `${where}ignore ${describeRule(rule)} ${what} — renew it with a new reason or fix the finding`;
}
