// One line of the audit log: who built what, where, from which commit and config, with which result.
// The zod schema is the single source of truth; readers validate every line against it.
import { z } from 'zod';
import { POLICY_RULES } from '../policy/policy-types.js';

export const AUDIT_SCHEMA_VERSION = 1;

export const auditActorSchema = z.object({
  /** The OS account that ran imageforge (os.userInfo().username). */
  user: z.string(),
  /** The account that invoked sudo, when run through sudo (SUDO_USER). */
  sudoUser: z.string().optional(),
  /** The CI identity that triggered the run, and the variable it came from. */
  ci: z.object({ actor: z.string(), variable: z.string() }).optional(),
});

export const auditFindingSchema = z.object({
  rule: z.enum(POLICY_RULES),
  image: z.string().optional(),
  builder: z.string().optional(),
  message: z.string(),
});

export const auditRecordSchema = z.object({
  schemaVersion: z.literal(AUDIT_SCHEMA_VERSION),
  /** ISO 8601 time the record was written. */
  at: z.string(),
  who: auditActorSchema,
  host: z.string(),
  runId: z.string(),
  status: z.enum(['succeeded', 'failed', 'cancelled', 'refused']),
  git: z.object({
    commit: z.string().optional(),
    branch: z.string().optional(),
    dirty: z.boolean().optional(),
  }),
  configFile: z.string(),
  /** sha256 of the resolved configuration (configHash). */
  configHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  profile: z.string().optional(),
  /** The builder name; undefined = the current buildx builder. */
  builder: z.string().optional(),
  images: z.array(
    z.object({
      name: z.string(),
      digest: z.string().optional(),
      tags: z.array(z.string()),
      status: z.string(),
    }),
  ),
  /** Gate results (scans, tests) once gates exist. */
  gates: z.array(z.object({ name: z.string(), status: z.string(), message: z.string().optional() })),
  policy: z.object({
    violations: z.array(auditFindingSchema),
    warnings: z.array(auditFindingSchema),
    /** Base images resolved to a digest for this build (pin mode resolve): ref -> pinned ref. */
    resolvedBaseImages: z.record(z.string(), z.string()).optional(),
  }),
});

export type AuditRecord = z.infer<typeof auditRecordSchema>;
export type AuditActor = z.infer<typeof auditActorSchema>;

/** What a caller supplies: the version is implied; time, actor and host default to now / this process. */
export type AuditRecordInput = Omit<AuditRecord, 'schemaVersion' | 'at' | 'who' | 'host' | 'gates'> &
  Partial<Pick<AuditRecord, 'at' | 'who' | 'host' | 'gates'>>;
