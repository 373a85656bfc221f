// The append-only audit trail of production builds: one JSON line per build, appended with a single
// O_APPEND write so concurrent imageforge processes never interleave or overwrite each other's lines.
import { mkdir, open, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ErrorCode } from '../errors/codes.js';
import { ImageforgeError } from '../errors/imageforge-error.js';
import { resolveAuditActor } from './audit-actor.js';
import { auditWriteError } from './audit-errors.js';
import {
  AUDIT_SCHEMA_VERSION,
  auditRecordSchema,
  type AuditRecord,
  type AuditRecordInput,
} from './audit-record.js';
import { redactStrings } from './redact-record.js';

/** The audit log of a project, relative to its directory. */
export const DEFAULT_AUDIT_LOG = '.imageforge/audit.jsonl';

export function defaultAuditLogFile(projectDir: string): string {
  return path.join(projectDir, DEFAULT_AUDIT_LOG);
}

export interface AppendAuditRecordOptions {
  /** Replaces secret values in a string; applied to every string of the record. */
  redact?: (text: string) => string;
  now?: Date;
  env?: Record<string, string | undefined>;
}

/** Validates, redacts and appends one record; returns the record as written. */
export async function appendAuditRecord(
  file: string,
  input: AuditRecordInput,
  options: AppendAuditRecordOptions = {},
): Promise<AuditRecord> {
  const complete: AuditRecord = {
    ...input,
    schemaVersion: AUDIT_SCHEMA_VERSION,
    at: input.at ?? (options.now ?? new Date()).toISOString(),
    who: input.who ?? resolveAuditActor(options.env ?? process.env),
    host: input.host ?? os.hostname(),
    gates: input.gates ?? [],
  };
  const redacted = options.redact === undefined ? complete : redactStrings(complete, options.redact);
  const parsed = auditRecordSchema.safeParse(redacted);
  if (!parsed.success) {
    throw new ImageforgeError(`invalid audit record: ${parsed.error.issues.map(issueText).join('; ')}`, {
      code: ErrorCode.Internal,
      category: 'internal',
    });
  }
  await appendLine(file, JSON.stringify(parsed.data) + '\n');
  return parsed.data;
}

function issueText(issue: { path: PropertyKey[]; message: string }): string {
  return `${issue.path.map(String).join('.') || '(record)'}: ${issue.message}`;
}

/**
 * One write(2) on an O_APPEND descriptor: the kernel moves to the end and writes under the inode
 * lock, so lines from concurrent writers on a local filesystem stay whole and in some order.
 */
async function appendLine(file: string, line: string): Promise<void> {
  const buffer = Buffer.from(line, 'utf8');
  let written: number;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const handle = await open(file, 'a', 0o644);
    try {
      ({ bytesWritten: written } = await handle.write(buffer, 0, buffer.length));
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error: unknown) {
    throw auditWriteError(file, error instanceof Error ? error.message : String(error), error);
  }
  if (written !== buffer.length)
    throw auditWriteError(file, `short write (${written} of ${buffer.length} bytes)`);
}

export interface AuditLogProblem {
  /** 1-based line number in the file. */
  line: number;
  message: string;
  /** The last line, cut short (no newline) — a writer died mid-write. */
  torn: boolean;
}

export interface AuditLog {
  records: AuditRecord[];
  problems: AuditLogProblem[];
}

/** Every valid record in order; unreadable lines (a torn last line included) become problems. */
export async function readAuditLog(file: string): Promise<AuditLog> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], problems: [] };
    throw error;
  }
  const lines = text.split('\n');
  const complete = text.endsWith('\n');
  if (complete) lines.pop();
  const log: AuditLog = { records: [], problems: [] };
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const torn = !complete && index === lines.length - 1;
    const problem = parseLine(line);
    if (typeof problem === 'string') log.problems.push({ line: index + 1, message: problem, torn });
    else if (torn) log.problems.push({ line: index + 1, message: 'last line has no newline', torn });
    else log.records.push(problem);
  });
  return log;
}

function parseLine(line: string): AuditRecord | string {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return 'not valid JSON';
  }
  const parsed = auditRecordSchema.safeParse(data);
  return parsed.success
    ? parsed.data
    : `not an audit record: ${parsed.error.issues.map(issueText).join('; ')}`;
}
