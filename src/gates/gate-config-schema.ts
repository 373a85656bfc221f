// The gate sections of imageforge.yaml: `scan` and `test` per image (also in defaults and profiles),
// `settings.scan` for the scanner itself and `settings.sign` for cosign signing of pushed digests.
import * as z from 'zod';
import { acceptsStringForm, booleanLike, durationSchema } from '../config/schema-fields.js';
import { SEVERITIES } from './scan/findings.js';
import { ignoreRuleSchema } from './policy/ignore-rules.js';

const failOnSchema = z.enum([...SEVERITIES.filter((severity) => severity !== 'UNKNOWN'), 'NONE'], {
  error: 'expected CRITICAL, HIGH, MEDIUM, LOW or NONE',
});

/**
 * `true` / `false` / an object: one object schema behind a preprocess, so a bad field is reported on
 * its own path ("failOn: expected CRITICAL, …") instead of zod's "Invalid input" for a failed union.
 */
function switchable<T extends z.ZodRawShape>(shape: T) {
  const inner = z.strictObject({ enabled: booleanLike().optional(), ...shape });
  acceptsStringForm.set(inner, { type: 'boolean' });
  return z.preprocess((value) => {
    if (value === true || value === 'true') return {};
    if (value === false || value === 'false') return { enabled: false };
    return value;
  }, inner);
}

export const imageScanSchema = z.strictObject({
  enabled: booleanLike().optional().describe('false turns scanning off for this image. Default true.'),
  vulnerabilities: switchable({ failOn: failOnSchema.optional(), ignoreUnfixed: booleanLike().optional() })
    .optional()
    .describe('Vulnerability gate (or false). Default {failOn: CRITICAL, ignoreUnfixed: false}.'),
  secrets: switchable({ failOn: failOnSchema.optional() })
    .optional()
    .describe('Secret scan of the final image (or false). Default {failOn: HIGH}.'),
  sbom: z
    .union([z.literal(false), z.array(z.enum(['cyclonedx', 'spdx-json']))], {
      error: 'expected a list of cyclonedx, spdx-json, or false',
    })
    .optional()
    .describe('SBOM formats stored with the run. Default [cyclonedx].'),
  ignore: z
    .array(ignoreRuleSchema)
    .optional()
    .describe('Findings that do not block: {id, package?, purl?, path?, reason, expires?}.'),
});

export const scanSettingsSchema = z.strictObject({
  onError: z
    .enum(['block', 'warn'])
    .optional()
    .describe(
      'When the scanner fails (no database, timeout): block publishing or warn. Default warn; production: block.',
    ),
  timeout: durationSchema.optional().describe('Per scanner invocation. Default 5m.'),
  parallel: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Images verified at once. Default settings.parallel.'),
  trivy: z
    .strictObject({
      binary: z.string().min(1).optional().describe('Path of the trivy binary (else TRIVY_BIN, PATH).'),
      cacheDir: z.string().min(1).optional().describe('Trivy cache/DB directory. Default .imageforge/trivy.'),
      offline: booleanLike().optional().describe('Never download the databases. Default true.'),
      dbRepository: z.string().min(1).optional().describe('OCI repository of a vulnerability DB mirror.'),
    })
    .optional(),
});

export const signSettingsSchema = z.strictObject({
  key: z.string().min(1).describe('cosign private key file (relative to the project) or KMS URI.'),
  publicKey: z.string().min(1).optional().describe('Key used to verify. Default: key with .pub.'),
  passwordEnv: z
    .string()
    .min(1)
    .optional()
    .describe('Variable holding the key password. Default COSIGN_PASSWORD.'),
  tlog: booleanLike().optional().describe('Use a transparency log (Rekor). Default false (offline).'),
  allowHttpRegistry: booleanLike()
    .optional()
    .describe('Allow plain-HTTP registries. Default true for localhost.'),
});
