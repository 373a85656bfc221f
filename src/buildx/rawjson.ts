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

/** One stderr line (or one whole pretty-printed object) → SolveStatus, or undefined for plain lines. */
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
  const reader = new RawjsonReader({
    onStatus: (status) => output.statuses.push(status),
    onPlain: (line) => {
      if (line.trim()) output.plainLines.push(line);
    },
  });
  for (const line of text.split('\n')) reader.push(line);
  reader.end();
  return output;
}

export interface RawjsonHandlers {
  onStatus(status: SolveStatus): void;
  /** A line that is not progress JSON (a trailing CR removed); may be blank. */
  onPlain(line: string): void;
}

/** A "{" that never closes (not progress after all) is given back as plain lines after this many. */
const MAX_OBJECT_LINES = 100_000;

/**
 * Reads the rawjson stream line by line as it arrives. buildx 0.15 and later write one compact JSON
 * object per line; buildx 0.13 and 0.14 (Debian trixie ships 0.13.1) pretty-print each object over
 * many lines, opening with a lone "{" and closing with a lone "}" at column 0
 * (test/fixtures/trixie). Both read the same; anything else is a plain line.
 */
export class RawjsonReader {
  private pending: string[] | undefined;

  constructor(private readonly handlers: RawjsonHandlers) {}

  push(rawLine: string): void {
    const line = rawLine.replace(/\r$/, '');
    if (this.pending) {
      this.pending.push(line);
      if (line === '}') this.closeObject(this.pending);
      else if (this.pending.length > MAX_OBJECT_LINES) this.giveBack(this.pending);
      return;
    }
    if (line === '{') {
      this.pending = [line];
      return;
    }
    const status = parseRawjsonLine(line);
    if (status) this.handlers.onStatus(status);
    else this.handlers.onPlain(line);
  }

  /** The stream ended: an object still open was not progress after all. */
  end(): void {
    if (this.pending) this.giveBack(this.pending);
  }

  private closeObject(lines: string[]): void {
    const status = parseRawjsonLine(lines.join('\n'));
    if (!status) return this.giveBack(lines);
    this.pending = undefined;
    this.handlers.onStatus(status);
  }

  private giveBack(lines: string[]): void {
    this.pending = undefined;
    for (const line of lines) this.handlers.onPlain(line);
  }
}

/** Decodes BuildKit's base64 byte fields (log data, warning texts). */
export function decodeBase64(data: string): string {
  return Buffer.from(data, 'base64').toString('utf8');
}
