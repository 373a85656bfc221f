// Runs a zod schema over config data and turns its issues into one plain sentence per problem,
// splitting unknown keys one per line with a did-you-mean from that object's own keys.
import * as z from 'zod';
import type { ConfigPath } from './config-source.js';
import { didYouMean } from '../shared/did-you-mean.js';

export interface SchemaIssue {
  path: ConfigPath;
  message: string;
  /** True when the issue is about a key that should not be there (it is never about a templated value). */
  unknownKey: boolean;
}

export type SchemaResult<T> = { success: true; data: T } | { success: false; issues: SchemaIssue[] };

export function checkSchema<T extends z.ZodType>(schema: T, data: unknown): SchemaResult<z.output<T>> {
  const knownKeys = new Map<string, string[]>();
  const result = schema.safeParse(data, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys' && issue.inst instanceof z.ZodObject) {
        knownKeys.set(JSON.stringify(issue.path ?? []), Object.keys(issue.inst.shape));
      }
      return describeIssue(issue);
    },
  });
  if (result.success) return { success: true, data: result.data };
  return { success: false, issues: result.error.issues.flatMap((issue) => toSchemaIssues(issue, knownKeys)) };
}

function toSchemaIssues(issue: z.core.$ZodIssue, knownKeys: Map<string, string[]>): SchemaIssue[] {
  const path = issue.path.filter((segment) => typeof segment !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys.get(JSON.stringify(path)) ?? [];
    return issue.keys.map((key) => ({
      path: [...path, key],
      message: `unknown key${didYouMean(key, known)}`,
      unknownKey: true,
    }));
  }
  if (issue.code === 'invalid_key') {
    // Record keys: report the key itself with the key schema's message.
    const key = path.at(-1);
    const inner = issue.issues[0]?.message ?? 'invalid key';
    return [{ path, message: `invalid name ${JSON.stringify(key)}: ${inner}`, unknownKey: false }];
  }
  return [{ path, message: issue.message, unknownKey: false }];
}

/** Default wording for zod's built-in checks; schemas with their own `error` keep theirs. */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `required ${typeName(issue.expected)} is missing`
        : `expected ${typeName(issue.expected)}, received ${describeValue(issue.input)}`;
    case 'too_small':
      return describeBound('at least', issue.origin, issue.minimum, issue.inclusive);
    case 'too_big':
      return describeBound('at most', issue.origin, issue.maximum, issue.inclusive);
    case 'invalid_value':
      return `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`;
    default:
      return undefined;
  }
}

function describeBound(word: string, origin: string, limit: number | bigint, inclusive?: boolean): string {
  if (origin === 'string')
    return Number(limit) <= 1 ? 'must not be empty' : `must be ${word} ${limit} characters`;
  if (origin === 'array') {
    if (word === 'at least' && Number(limit) === 1) return 'must not be empty';
    return `must have ${word} ${limit} item${Number(limit) === 1 ? '' : 's'}`;
  }
  const relation = inclusive === false ? (word === 'at least' ? 'greater than' : 'less than') : word;
  return `must be ${relation} ${limit}`;
}

function describeValue(value: unknown): string {
  const type = typeName(valueType(value));
  if (typeof value !== 'string') return type;
  return value.length <= 40 ? `${type} ${JSON.stringify(value)}` : type;
}

function valueType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function typeName(type: string): string {
  if (type === 'object' || type === 'record') return 'mapping';
  if (type === 'array') return 'list';
  return type;
}
