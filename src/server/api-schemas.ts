// Runtime validation of everything the HTTP API and the pages accept: query strings, route params
// and request bodies, with one error shape ({error, field}) for every 400.
import { z } from 'zod';
import { runStatusSchema } from '../report/report-types.js';
import { tryParseDuration } from '../config/duration.js';

export const RUNS_LIMIT_MAX = 500;
export const RUNS_LIMIT_DEFAULT = 50;

/** HTML forms send empty fields as ""; an empty filter means no filter. */
const blankToUndefined = (value: unknown): unknown => (value === '' ? undefined : value);

const text = (max: number) => z.preprocess(blankToUndefined, z.string().trim().min(1).max(max).optional());

/** An ISO time, or a duration meaning "that long before now" (`7d`, `12h`). */
const timeOrAgo = z.preprocess(
  blankToUndefined,
  z
    .string()
    .max(64)
    .transform((value, context) => {
      const ago = tryParseDuration(value);
      const date = ago === undefined ? new Date(value) : new Date(Date.now() - ago);
      if (Number.isNaN(date.getTime())) {
        context.addIssue({ code: 'custom', message: 'expected an ISO time or a duration like 7d or 12h' });
        return z.NEVER;
      }
      return date;
    })
    .optional(),
);

export const listRunsQuerySchema = z.object({
  limit: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int('expected an integer')
      .min(1, 'expected at least 1')
      .max(RUNS_LIMIT_MAX, `expected at most ${RUNS_LIMIT_MAX}`)
      .default(RUNS_LIMIT_DEFAULT),
  ),
  before: text(200),
  status: z.preprocess(blankToUndefined, runStatusSchema.optional()),
  branch: text(200),
  image: text(200),
});

export type ListRunsParams = z.infer<typeof listRunsQuerySchema>;

export const trendsQuerySchema = z
  .object({
    since: timeOrAgo,
    until: timeOrAgo,
    image: text(200),
    bucket: z.preprocess(blankToUndefined, z.enum(['hour', 'day']).optional()),
    top: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100).optional()),
  })
  .refine((query) => !query.since || !query.until || query.since < query.until, {
    message: 'since must be before until',
    path: ['since'],
  });

export type TrendsParams = z.infer<typeof trendsQuerySchema>;

export const runIdParamsSchema = z.object({ runId: z.string().min(1).max(200) });

export const imageParamsSchema = z.object({ image: z.string().min(1).max(200) });

export const pruneBodySchema = z
  .object({
    maxAge: z
      .string()
      .max(64)
      .transform((value, context) => {
        const ms = tryParseDuration(value);
        if (ms === undefined || ms <= 0) {
          context.addIssue({ code: 'custom', message: 'expected a duration like 30d, 12h or 90m' });
          return z.NEVER;
        }
        return ms;
      })
      .optional(),
    maxRuns: z.number().int('expected an integer').min(1, 'expected at least 1').optional(),
  })
  .strict()
  .refine((body) => body.maxAge !== undefined || body.maxRuns !== undefined, {
    message: 'give maxAge (e.g. "30d") and/or maxRuns',
  });

export type PruneBody = z.infer<typeof pruneBodySchema>;

export interface ValidationProblem {
  error: string;
  /** Dotted path of the offending field ("limit", "maxAge"); the part's name when it is the whole. */
  field: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problem: ValidationProblem };

/** Parses `input` (a query, params or body) into `schema`'s output, or the first problem found. */
export function validate<T>(schema: z.ZodType<T>, input: unknown, part: string): Validated<T> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue?.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys] : (issue?.path ?? []);
  const field = path.length > 0 ? path.map(String).join('.') : part;
  return { ok: false, problem: { error: `${field}: ${issue?.message ?? 'invalid'}`, field } };
}
