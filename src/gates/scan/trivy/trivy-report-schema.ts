// The slice of Trivy's JSON report (`trivy image --format json`, SchemaVersion 2) imageforge reads.
// Trivy omits empty arrays and writes nulls freely, so every field is nullish, and objects stay loose
// so new Trivy fields never break a gate. See https://trivy.dev/latest/docs/configuration/reporting/
import { z } from 'zod';
import { SEVERITIES, type Severity } from '../findings.js';

/** Trivy's severities are ours; anything else (a new level, a typo in a DB) reads as UNKNOWN. */
export function toSeverity(value: string | null | undefined): Severity {
  const upper = (value ?? '').toUpperCase();
  return SEVERITIES.find((severity) => severity === upper) ?? 'UNKNOWN';
}

const text = z.string().nullish();
const severity = z.string().nullish().transform(toSeverity);

export const trivyVulnerabilitySchema = z.looseObject({
  VulnerabilityID: text,
  PkgName: text,
  /** File the package was found in (language packages, jars). */
  PkgPath: text,
  PkgIdentifier: z.looseObject({ PURL: text }).nullish(),
  InstalledVersion: text,
  /** Empty or absent when no fix exists; may list several versions: "6.0.3.1, 5.2.4.3". */
  FixedVersion: text,
  /** fixed, affected, will_not_fix, fix_deferred, end_of_life, ... */
  Status: text,
  Severity: severity,
  Title: text,
  PrimaryURL: text,
});

export const trivySecretSchema = z.looseObject({
  RuleID: text,
  Category: text,
  Severity: severity,
  Title: text,
  StartLine: z.number().int().nullish(),
  EndLine: z.number().int().nullish(),
  /** The matched line, already masked by Trivy. */
  Match: text,
});

export const trivyPackageSchema = z.looseObject({
  Name: text,
  Version: text,
  Identifier: z.looseObject({ PURL: text }).nullish(),
});

export const trivyResultSchema = z.looseObject({
  Target: text,
  /** os-pkgs, lang-pkgs, secret, config, ... */
  Class: text,
  /** debian, alpine, npm, gemspec, ...; null for secrets. */
  Type: text,
  Vulnerabilities: z.array(trivyVulnerabilitySchema).nullish(),
  Secrets: z.array(trivySecretSchema).nullish(),
  Packages: z.array(trivyPackageSchema).nullish(),
  /** Findings Trivy suppressed itself (.trivyignore, VEX); only their number matters here. */
  ExperimentalModifiedFindings: z.array(z.unknown()).nullish(),
});

export const trivyReportSchema = z.looseObject({
  SchemaVersion: z.number().nullish(),
  Trivy: z.looseObject({ Version: text }).nullish(),
  ArtifactName: text,
  /** container_image, filesystem, repository, ... */
  ArtifactType: text,
  Metadata: z.looseObject({ OS: z.looseObject({ Family: text, Name: text }).nullish() }).nullish(),
  Results: z.array(trivyResultSchema).nullish(),
});

export type TrivyVulnerability = z.infer<typeof trivyVulnerabilitySchema>;
export type TrivySecret = z.infer<typeof trivySecretSchema>;
export type TrivyResult = z.infer<typeof trivyResultSchema>;
export type TrivyReport = z.infer<typeof trivyReportSchema>;
