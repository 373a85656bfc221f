// Turns Trivy's JSON report into the normalised findings model, validating it first: a report that
// does not match fails with IMAGEFORGE_SCAN_REPORT_INVALID naming the first bad field, never a crash.
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { ErrorCode } from '../../../errors/codes.js';
import { ImageforgeError } from '../../../errors/imageforge-error.js';
import type { Finding, ScanFindings, SecretFinding, VulnerabilityFinding } from '../findings.js';
import {
  trivyReportSchema,
  type TrivyReport,
  type TrivyResult,
  type TrivySecret,
  type TrivyVulnerability,
} from './trivy-report-schema.js';

const HINT =
  'Pass the JSON that `trivy image --format json` writes (SchemaVersion 2), unchanged; ' +
  'other formats (table, sarif, cyclonedx) are not scan reports.';

/** Findings of one Trivy report; `source` (file name or image ref) names it in errors and stands in for a missing ArtifactName. */
export function parseTrivyReport(json: unknown, source: string): ScanFindings {
  const parsed = trivyReportSchema.safeParse(json, { error: describeTypeIssue });
  if (!parsed.success) throw invalidReport(source, describeFirstIssue(json, parsed.error));
  const report = parsed.data;
  const artifact = nonEmpty(report.ArtifactName) ?? source;
  const results = report.Results ?? [];
  return {
    scanner: { name: 'trivy', version: nonEmpty(report.Trivy?.Version) },
    artifact,
    os: describeOs(report),
    findings: dedupe(results.flatMap((result) => resultFindings(result, artifact))),
    suppressedByScanner: results.reduce(
      (total, result) => total + (result.ExperimentalModifiedFindings?.length ?? 0),
      0,
    ),
  };
}

/** Reads and parses a Trivy report file; every failure is IMAGEFORGE_SCAN_REPORT_INVALID with the file named. */
export async function readTrivyReportFile(file: string): Promise<ScanFindings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    throw invalidReport(file, `could not read the file (${describeReadError(error)})`, error);
  }
  if (text.trim() === '') throw invalidReport(file, 'the file is empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error: unknown) {
    throw invalidReport(file, `not JSON (${error instanceof Error ? error.message : String(error)})`, error);
  }
  return parseTrivyReport(json, file);
}

function invalidReport(source: string, problem: string, cause?: unknown): ImageforgeError {
  return new ImageforgeError(`invalid Trivy report ${source}: ${problem}`, {
    code: ErrorCode.ScanReportInvalid,
    category: 'config',
    hint: HINT,
    cause,
    details: { source },
  });
}

function describeFirstIssue(json: unknown, error: z.ZodError): string {
  if (Array.isArray(json)) {
    return 'a top-level list is the pre-2021 report format (no SchemaVersion 2); upgrade trivy to v0.20 or later';
  }
  const issue = error.issues[0];
  if (issue === undefined) return 'does not match the expected shape';
  const path = formatPath(issue.path);
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}

/** `expected string, received number` instead of zod's `Invalid input: ...`; other issues keep zod's text. */
function describeTypeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  const received = issue.input === null ? 'null' : Array.isArray(issue.input) ? 'array' : typeof issue.input;
  return `expected ${issue.expected}, received ${received}`;
}

/** `Results[0].Vulnerabilities[3].Severity`, the way the JSON reads. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    const key = String(segment);
    return text === '' ? key : `${text}.${key}`;
  }, '');
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return error instanceof Error ? error.message : String(error);
}

function describeOs(report: TrivyReport): string | undefined {
  const os = report.Metadata?.OS;
  const parts = [nonEmpty(os?.Family), nonEmpty(os?.Name)].filter((part) => part !== undefined);
  return parts.length === 0 ? undefined : parts.join(' ');
}

function resultFindings(result: TrivyResult, artifact: string): Finding[] {
  const target = nonEmpty(result.Target) ?? artifact;
  return [
    ...(result.Vulnerabilities ?? []).map((vulnerability) => toVulnerability(vulnerability, target)),
    ...(result.Secrets ?? []).map((secret) => toSecret(secret, target)),
  ];
}

function toVulnerability(vulnerability: TrivyVulnerability, target: string): VulnerabilityFinding {
  return {
    kind: 'vulnerability',
    id: vulnerability.VulnerabilityID ?? '',
    severity: vulnerability.Severity,
    packageName: vulnerability.PkgName ?? '',
    installedVersion: vulnerability.InstalledVersion ?? '',
    fixedVersion: nonEmpty(vulnerability.FixedVersion),
    status: nonEmpty(vulnerability.Status),
    purl: nonEmpty(vulnerability.PkgIdentifier?.PURL),
    target,
    packagePath: nonEmpty(vulnerability.PkgPath),
    title: nonEmpty(vulnerability.Title),
    url: nonEmpty(vulnerability.PrimaryURL),
  };
}

function toSecret(secret: TrivySecret, target: string): SecretFinding {
  return {
    kind: 'secret',
    id: secret.RuleID ?? '',
    severity: secret.Severity,
    category: nonEmpty(secret.Category),
    title: nonEmpty(secret.Title),
    target,
    startLine: secret.StartLine ?? undefined,
    endLine: secret.EndLine ?? undefined,
    match: nonEmpty(secret.Match),
  };
}

/**
 * Trivy can list one vulnerability twice for the same package (several advisories, merged layers);
 * the same id, package, version and location counts once.
 */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    if (finding.kind !== 'vulnerability') return true;
    const key = [
      finding.id,
      finding.packageName,
      finding.installedVersion,
      finding.target,
      finding.packagePath,
    ];
    const text = JSON.stringify(key);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === '' ? undefined : value;
}
