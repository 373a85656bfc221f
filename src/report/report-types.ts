// report.json: a documented, versioned schema (docs/report-schema.md). The zod schema is the single
// source of truth; TypeScript types are inferred from it, and readers validate files against it.
import { z } from 'zod';
import { imageGatesSchema } from '../gates/gate-report.js';

export const REPORT_SCHEMA_VERSION = 1;

export const classifiedErrorSchema = z.object({
  code: z.string(),
  kind: z.enum(['transient', 'deterministic', 'timeout', 'cancelled', 'builder-unavailable']),
  message: z.string(),
  hint: z.string().optional(),
});

export const attemptSchema = z.object({
  number: z.number().int().positive(),
  outcome: z.enum(['succeeded', 'failed', 'cancelled']),
  startedAt: z.string(),
  durationMs: z.number().nonnegative(),
  error: classifiedErrorSchema.optional(),
});

export const stepSchema = z.object({
  name: z.string(),
  /** `[stage 2/5] RUN ...` instructions count as cacheable; internal loads, FROM, cache import/export do not. */
  cacheable: z.boolean(),
  cached: z.boolean(),
  durationMs: z.number().nonnegative().optional(),
  error: z.string().optional(),
  /** Last lines of the step's output, only for failed steps. */
  logTail: z.array(z.string()).optional(),
});

export const cacheFiguresSchema = z.object({
  /** Cacheable steps (Dockerfile instructions other than FROM). */
  totalSteps: z.number().int().nonnegative(),
  cachedSteps: z.number().int().nonnegative(),
  /** cachedSteps / totalSteps, 0 when totalSteps is 0. */
  hitRatio: z.number().min(0).max(1),
  /** Raw BuildKit vertex counts, as `buildx history` would count them. */
  vertexTotal: z.number().int().nonnegative(),
  vertexCached: z.number().int().nonnegative(),
  /** Time spent in cacheable steps served from cache vs executed. */
  cachedStepsMs: z.number().nonnegative().optional(),
  executedStepsMs: z.number().nonnegative().optional(),
  /** Bytes of build context sent to BuildKit. */
  contextBytes: z.number().int().nonnegative().optional(),
  /** Bytes of layers downloaded (registry cache layers and base images). */
  bytesPulled: z.number().int().nonnegative().optional(),
  /** Cache refs imported, in order, and whether each existed (a missing cache is normal). */
  imports: z.array(z.object({ ref: z.string(), found: z.boolean() })).optional(),
  /** Cache exports; an export that failed did not fail the build and carries its error. */
  exports: z.array(z.object({ name: z.string(), error: z.string().optional() })).optional(),
});

export const pushSchema = z.object({
  status: z.enum(['pushed', 'failed', 'skipped', 'not-requested']),
  attempts: z.array(attemptSchema),
  durationMs: z.number().nonnegative(),
});

export const imageResultSchema = z.object({
  name: z.string(),
  status: z.enum(['built', 'failed', 'skipped', 'cancelled']),
  /** Why it was skipped, e.g. `dependency failed: base`, `up to date`. */
  reason: z.string().optional(),
  /** Skipped because its inputs did not change and its image still exists (incremental build). */
  upToDate: z.boolean().optional(),
  method: z.enum(['buildkit', 'legacy']).optional(),
  attempts: z.array(attemptSchema),
  durationMs: z.number().nonnegative(),
  imageId: z.string().optional(),
  digest: z.string().optional(),
  tags: z.array(z.string()),
  platforms: z.array(z.string()),
  target: z.string().optional(),
  dependsOn: z.array(z.string()),
  buildRef: z.string().optional(),
  /** The builder (and pool node) that built the image. */
  builder: z.string().optional(),
  node: z.string().optional(),
  cache: cacheFiguresSchema,
  steps: z.array(stepSchema),
  warnings: z.array(z.string()),
  push: pushSchema,
  error: classifiedErrorSchema.optional(),
  /** Functional tests, scans, SBOMs and signatures (docs/gates.md); absent when none were configured. */
  gates: imageGatesSchema.optional(),
});

export const runStatusSchema = z.enum(['succeeded', 'failed', 'cancelled']);

export const reportSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('imageforge'), version: z.string() }),
  runId: z.string(),
  status: runStatusSchema,
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number().nonnegative(),
  configFile: z.string(),
  profile: z.string().optional(),
  options: z.object({
    push: z.boolean(),
    parallel: z.number().int().positive(),
    failFast: z.boolean(),
    legacy: z.boolean(),
    selected: z.array(z.string()),
    /** false when run with --no-gates (never under the production policy). */
    gates: z.boolean().optional(),
  }),
  environment: z.object({
    dockerHost: z.string().optional(),
    engineVersion: z.string().optional(),
    buildxVersion: z.string().optional(),
    builder: z.string().optional(),
    driver: z.string().optional(),
    buildkitAvailable: z.boolean(),
  }),
  git: z.object({
    commit: z.string().optional(),
    branch: z.string().optional(),
    dirty: z.boolean().optional(),
  }),
  images: z.array(imageResultSchema),
  summary: z.object({
    built: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
    cancelled: z.number().int().nonnegative(),
    /** Of the skipped images, how many were up to date (not built because nothing changed). */
    upToDate: z.number().int().nonnegative().default(0),
    cache: cacheFiguresSchema,
    /** Images whose gates ran: how many passed and failed (failed ones block publishing). */
    gates: z
      .object({ passed: z.number().int().nonnegative(), failed: z.number().int().nonnegative() })
      .optional(),
  }),
  error: classifiedErrorSchema.optional(),
  /** The hardening policy this run was checked against (settings.policy: production). */
  policy: z
    .object({
      name: z.string(),
      violations: z.array(z.object({ rule: z.string(), message: z.string() })),
      warnings: z.array(z.object({ rule: z.string(), message: z.string() })),
    })
    .optional(),
  /** Build cache pruned per settings.cache before this run built (enforce: before-build). */
  cacheMaintenance: z
    .object({
      prunedEntries: z.number().int().nonnegative(),
      bytesReclaimed: z.number().nonnegative(),
      reason: z.string(),
    })
    .optional(),
  /**
   * Wall time of each phase (ms): planMs, preflightMs, checkMs (incremental check), buildMs
   * (BuildKit), publishMs. What imageforge adds on top of BuildKit is everything but buildMs/publishMs.
   */
  timings: z.record(z.string(), z.number().nonnegative()).optional(),
  warnings: z.array(z.string()),
});

export type Attempt = z.infer<typeof attemptSchema>;
export type StepResult = z.infer<typeof stepSchema>;
export type CacheFigures = z.infer<typeof cacheFiguresSchema>;
export type PushResult = z.infer<typeof pushSchema>;
export type ImageResult = z.infer<typeof imageResultSchema>;
export type RunStatus = z.infer<typeof runStatusSchema>;
export type Report = z.infer<typeof reportSchema>;
