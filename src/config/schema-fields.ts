// Leaf schemas shared by every section of imageforge.yaml: values that YAML or interpolation may
// deliver as strings ("4", "true") are coerced, and each field carries a message a user can act on.
import * as z from 'zod';
import { checkImageReference, checkPlatform } from './docker-reference.js';
import { DURATION_EXAMPLES, tryParseDuration } from './duration.js';

export const IMAGE_NAME_PATTERN = /^[a-z0-9][a-z0-9_.-]*$/;
export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Schemas that also accept a string form; the JSON schema generator widens them (see config-json-schema.ts). */
export const acceptsStringForm = new WeakMap<object, Record<string, unknown>>();
const INTERPOLATED_STRING = { type: 'string', pattern: '\\$\\{' };

/** "4" (e.g. from `${PARALLEL:-4}`) becomes 4; anything else is left for the inner schema to judge. */
export function numberLike<T extends z.ZodType>(inner: T) {
  acceptsStringForm.set(inner, INTERPOLATED_STRING);
  return z.preprocess((value) => {
    if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
    return value;
  }, inner);
}

/** "true"/"false" (e.g. from `${PULL:-false}`) become booleans. */
export function booleanLike() {
  const inner = z.boolean();
  acceptsStringForm.set(inner, INTERPOLATED_STRING);
  return z.preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), inner);
}

/** Build args, labels and variables: YAML numbers and booleans are stored as the strings Docker sees. */
export function stringLike() {
  return z.preprocess(
    (value) => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value),
    z.string(),
  );
}

export const imageNameSchema = z
  .string()
  .regex(IMAGE_NAME_PATTERN, { error: 'image names use lowercase letters, digits, `.`, `_` and `-`' });

export const variableNameSchema = z.string().regex(VARIABLE_NAME_PATTERN, {
  error: 'variable names use letters, digits and `_`, not starting with a digit',
});

export const durationSchema = z
  .union([z.number(), z.string()], { error: `expected a duration such as ${DURATION_EXAMPLES}` })
  .refine((value) => tryParseDuration(value) !== undefined, {
    error: `invalid duration; use ${DURATION_EXAMPLES}`,
  });

export const tagSchema = z.string().superRefine((value, ctx) => {
  const problem = checkImageReference(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `invalid tag "${value}": ${problem}` });
});

export const platformSchema = z.string().superRefine((value, ctx) => {
  const problem = checkPlatform(value);
  if (problem !== undefined)
    ctx.addIssue({ code: 'custom', message: `invalid platform "${value}": ${problem}` });
});

const secretObjectSchema = z
  .strictObject({ env: z.string().min(1).optional(), file: z.string().min(1).optional() })
  .refine((value) => (value.env === undefined) !== (value.file === undefined), {
    error: 'a secret needs exactly one of `env` or `file`',
  });
acceptsStringForm.set(secretObjectSchema, { type: 'string', pattern: '^(env|file):.+' });

/** `{env: GH_TOKEN}`, `{file: ./npmrc}`, or the shorthands `env:GH_TOKEN` / `file:./npmrc`. */
export const secretSourceSchema = z.preprocess((value, ctx) => {
  if (typeof value !== 'string') return value;
  const match = /^(env|file):(.+)$/.exec(value);
  if (match === null) {
    ctx.issues.push({
      code: 'custom',
      input: value,
      message: 'expected `env:NAME`, `file:PATH`, `{env: NAME}` or `{file: PATH}`',
    });
    return z.NEVER;
  }
  return { [match[1] ?? 'env']: match[2] };
}, secretObjectSchema);

export const secretIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+$/, { error: 'secret ids use letters, digits, `.`, `_` and `-`' });
