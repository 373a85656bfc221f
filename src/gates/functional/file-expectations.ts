// Compares one archived path with a `test.files` entry: existence, type, permission bits, owner and
// content, and words each difference for the report.
import type { Accounts } from './account-names.js';
import { describeOwnerMismatch } from './account-names.js';
import { excerptStart, formatPattern } from './check-messages.js';
import type { ArchiveEntry } from './read-archive-entry.js';
import type { FileExpectation } from './test-spec-schema.js';
import { matchesText } from './text-patterns.js';

/** `0755`, `4755`. */
export function formatMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/** Every difference, each prefixed with the path; empty when the entry matches. */
export function describeFileMismatches(
  expected: FileExpectation,
  entry: ArchiveEntry | undefined,
  accounts: Accounts,
): string[] {
  const problems = entry === undefined ? missingProblems(expected) : entryProblems(expected, entry, accounts);
  return problems.length === 0 ? [] : [`file ${expected.path}: ${problems.join('; ')}`];
}

function missingProblems(expected: FileExpectation): string[] {
  return expected.exists ? ['expected to exist, not found'] : [];
}

function entryProblems(expected: FileExpectation, entry: ArchiveEntry, accounts: Accounts): string[] {
  if (!expected.exists) return [`expected not to exist, found ${describeEntry(entry)}`];
  const problems: string[] = [];
  if (expected.type !== undefined && expected.type !== entry.type) {
    problems.push(`expected a ${expected.type}, found ${describeEntry(entry)}`);
  }
  if (expected.mode !== undefined && expected.mode !== entry.mode) {
    problems.push(`expected mode ${formatMode(expected.mode)}, got ${formatMode(entry.mode)}`);
  }
  const owner =
    expected.owner === undefined ? undefined : describeOwnerMismatch(expected.owner, entry, accounts);
  if (owner !== undefined) problems.push(owner);
  if (expected.contains !== undefined) problems.push(...contentProblems(expected.contains, entry));
  return problems;
}

function contentProblems(pattern: string, entry: ArchiveEntry): string[] {
  if (entry.type !== 'file') return [`content check needs a regular file, found ${describeEntry(entry)}`];
  const text = entry.content.toString('utf8');
  if (matchesText(pattern, text)) return [];
  const scope = entry.truncated ? ` (first ${entry.content.length} of ${entry.size} bytes checked)` : '';
  return [`expected content matching ${formatPattern(pattern)}, got ${excerptStart(text)}${scope}`];
}

/** `a file`, `a directory`, `a symlink to /etc/alternatives/java`. */
export function describeEntry(entry: ArchiveEntry): string {
  if (entry.type === 'symlink') return `a symlink to ${entry.linkTarget ?? '?'}`;
  return `a ${entry.type}`;
}
