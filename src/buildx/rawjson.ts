// Reads `--progress=rawjson` stderr: one BuildKit SolveStatus JSON object per line, validated at runtime.
// buildx also prints plain lines on the same stream (the Dockerfile excerpt and `ERROR: ...` on failure).
import { z } from 'zod';

/** Go omits empty slices (`omitempty`) and may emit `null`; both read as an empty list. */
function listOf<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((value) => value ?? []);
}

const progressGroupSchema = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  weak: z.boolean().optional(),
});

export const vertexSchema = z.object({
  digest: z.string(),
  inputs: listOf(z.string()),
  name: z.string().default(''),
  started: z.string().optional(),
  completed: z.string().optional(),
  cached: z.boolean().default(false),
  error: z.string().optional(),
  progressGroup: progressGroupSchema.optional(),
});

export const vertexStatusSchema = z.object({
  id: z.string().default(''),
  vertex: z.string(),
  name: z.string().optional(),
  total: z.number().optional(),
  current: z.number().optional(),
  timestamp: z.string().optional(),
  started: z.string().optional(),
  completed: z.string().optional(),
});

export const vertexLogSchema = z.object({
  vertex: z.string(),
  /** 1 = stdout, 2 = stderr. */
  stream: z.number().default(1),
  /** Base64 of raw output bytes; a chunk may end mid-line. */
  data: z.string().default(''),
  timestamp: z.string().optional(),
});

export const vertexWarningSchema = z.object({
  vertex: z.string().default(''),
  level: z.number().optional(),
  /** Base64, e.g. "FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)". */
  short: z.string().optional(),
  detail: listOf(z.string()),
  url: z.string().optional(),
});

export const solveStatusSchema = z.object({
  vertexes: listOf(vertexSchema),
  statuses: listOf(vertexStatusSchema),
  logs: listOf(vertexLogSchema),
  warnings: listOf(vertexWarningSchema),
});

export type SolveStatus = z.infer<typeof solveStatusSchema>;
export type Vertex = SolveStatus['vertexes'][number];
export type VertexStatus = SolveStatus['statuses'][number];
export type VertexLog = SolveStatus['logs'][number];
export type VertexWarning = SolveStatus['warnings'][number];

/** One stderr line → SolveStatus, or undefined for plain (non-JSON or non-status) lines. */
export function parseRawjsonLine(line: string): SolveStatus | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  const parsed = solveStatusSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

export interface RawjsonOutput {
  statuses: SolveStatus[];
  /** Lines that are not progress JSON, e.g. the `ERROR: failed to build: ...` line. */
  plainLines: string[];
}

/** Splits a whole captured stderr into progress statuses and plain lines. */
export function splitRawjsonOutput(text: string): RawjsonOutput {
  const output: RawjsonOutput = { statuses: [], plainLines: [] };
  for (const line of text.split('\n')) {
    const status = parseRawjsonLine(line);
    if (status) output.statuses.push(status);
    else if (line.trim()) output.plainLines.push(line.replace(/\r$/, ''));
  }
  return output;
}

/** Decodes BuildKit's base64 byte fields (log data, warning texts). */
export function decodeBase64(data: string): string {
  return Buffer.from(data, 'base64').toString('utf8');
}
