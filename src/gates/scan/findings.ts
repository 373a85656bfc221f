// The normalised findings model every scanner adapter maps its output to (Trivy today, Grype the
// same way later). Policy, reports, JUnit and metrics only ever see this shape.
import { z } from 'zod';

/** Severities from most to least severe; UNKNOWN is what scanners use when a database has no rating. */
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

export const vulnerabilityFindingSchema = z.object({
  kind: z.literal('vulnerability'),
  /** CVE-2019-1549, GHSA-..., DLA-... */
  id: z.string(),
  severity: severitySchema,
  packageName: z.string(),
  installedVersion: z.string(),
  /** Empty when no fixed version exists (an "unfixed" finding). */
  fixedVersion: z.string().optional(),
  /** Scanner's status when given: fixed, affected, will_not_fix, fix_deferred, end_of_life, ... */
  status: z.string().optional(),
  purl: z.string().optional(),
  /** What was scanned: "alpine:3.10 (alpine 3.10.2)", "Gemfile.lock", "usr/lib/node_modules/x/package.json". */
  target: z.string(),
  /** File the package was found in, for language packages. */
  packagePath: z.string().optional(),
  title: z.string().optional(),
  url: z.string().optional(),
});

export const secretFindingSchema = z.object({
  kind: z.literal('secret'),
  /** Scanner rule id, e.g. aws-access-key-id. */
  id: z.string(),
  severity: severitySchema,
  category: z.string().optional(),
  title: z.string().optional(),
  /** File inside the image where the secret was found. */
  target: z.string(),
  startLine: z.number().int().optional(),
  endLine: z.number().int().optional(),
  /** The matched line with the secret masked by the scanner (never the raw value). */
  match: z.string().optional(),
});

export const findingSchema = z.discriminatedUnion('kind', [vulnerabilityFindingSchema, secretFindingSchema]);

export type VulnerabilityFinding = z.infer<typeof vulnerabilityFindingSchema>;
export type SecretFinding = z.infer<typeof secretFindingSchema>;
export type Finding = z.infer<typeof findingSchema>;

/** What one scan of one artifact found, whatever the scanner. */
export interface ScanFindings {
  scanner: { name: string; version: string | undefined };
  /** Image reference or report file that was scanned. */
  artifact: string;
  /** e.g. "debian 10.1" when the scanner detected it. */
  os: string | undefined;
  findings: Finding[];
  /** Ignores the scanner itself applied (e.g. a .trivyignore), when it reports them. */
  suppressedByScanner: number;
}

/** A finding keyed for humans and for de-duplication: id + package/path. */
export function findingKey(finding: Finding): string {
  return finding.kind === 'vulnerability'
    ? `${finding.id} ${finding.packageName}@${finding.installedVersion} (${finding.target})`
    : `${finding.id} ${finding.target}${finding.startLine === undefined ? '' : `:${finding.startLine}`}`;
}
