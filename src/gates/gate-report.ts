// The `gates` section of each image in report.json: functional test checks, scan gates (findings,
// counts, decision), SBOMs and signatures. Part of the versioned report schema (report-types.ts).
import { z } from 'zod';
import { findingSchema, severitySchema } from './scan/findings.js';

export const gateStatusSchema = z.enum(['passed', 'failed', 'error', 'skipped']);
export type GateStatus = z.infer<typeof gateStatusSchema>;

export const testCheckSchema = z.object({
  kind: z.enum(['metadata', 'file', 'command', 'readiness', 'http', 'service']),
  /** e.g. "file /usr/share/jenkins/jenkins.war", "GET /login". */
  name: z.string(),
  status: z.enum(['passed', 'failed', 'skipped']),
  durationMs: z.number().nonnegative(),
  /** What was expected, what came, after how long. */
  message: z.string().optional(),
  /** Container output (last lines), kept when the check failed. */
  logs: z.array(z.string()).optional(),
});

export const testGateSchema = z.object({
  status: gateStatusSchema,
  durationMs: z.number().nonnegative(),
  /** The image reference the tests ran against. */
  image: z.string(),
  checks: z.array(testCheckSchema),
  /** Set when the tests could not run at all (engine error, image missing). */
  error: z.string().optional(),
});

export const ignoredFindingSchema = z.object({
  finding: findingSchema,
  /** Why it did not block: the ignore rule's reason, or "unfixed". */
  reason: z.string(),
  expires: z.string().optional(),
});

export const scanGateSchema = z.object({
  /** vulnerabilities or secrets: each is its own gate with its own threshold. */
  kind: z.enum(['vulnerabilities', 'secrets']),
  status: gateStatusSchema,
  durationMs: z.number().nonnegative(),
  scanner: z.object({ name: z.string(), version: z.string().optional() }),
  failOn: z.union([severitySchema, z.literal('NONE')]),
  ignoreUnfixed: z.boolean(),
  /** Every finding per severity, before ignores. */
  counts: z.record(severitySchema, z.number().int().nonnegative()),
  blocking: z.array(findingSchema),
  ignored: z.array(ignoredFindingSchema),
  expiredIgnores: z.array(z.string()),
  /** All findings (the full list also stays in the raw scanner report). */
  findings: z.array(findingSchema),
  summary: z.string(),
  /** Raw scanner output kept with the run, relative to the report directory. */
  rawReport: z.string().optional(),
  /** Scanner failure (no database, timeout, crash): never confused with findings. */
  error: z
    .object({ code: z.string(), reason: z.string(), message: z.string(), hint: z.string().optional() })
    .optional(),
  /** Whether a scanner failure blocked publishing (settings.scan.onError). */
  blocksOnError: z.boolean().optional(),
});

export const sbomSchema = z.object({
  format: z.enum(['cyclonedx', 'spdx-json']),
  /** Relative to the report directory. */
  file: z.string().optional(),
  components: z.number().int().nonnegative().optional(),
  error: z.string().optional(),
});

export const signatureSchema = z.object({
  status: z.enum(['signed', 'verified', 'failed', 'skipped']),
  /** repository@sha256:... that was signed. */
  reference: z.string(),
  /** The signature's own reference in the registry (cosign 3: an OCI referrer repo@sha256:...; older: the .sig tag). */
  signatureRef: z.string().optional(),
  keyRef: z.string().optional(),
  verified: z.boolean(),
  tlog: z.boolean(),
  message: z.string().optional(),
});

export const imageGatesSchema = z.object({
  /** passed when every configured gate passed; failed blocks publishing. */
  status: gateStatusSchema,
  test: testGateSchema.optional(),
  scans: z.array(scanGateSchema).optional(),
  sboms: z.array(sbomSchema).optional(),
  signatures: z.array(signatureSchema).optional(),
});

export type TestCheck = z.infer<typeof testCheckSchema>;
export type TestGate = z.infer<typeof testGateSchema>;
export type ScanGate = z.infer<typeof scanGateSchema>;
export type SbomResult = z.infer<typeof sbomSchema>;
export type SignatureResult = z.infer<typeof signatureSchema>;
export type ImageGates = z.infer<typeof imageGatesSchema>;
