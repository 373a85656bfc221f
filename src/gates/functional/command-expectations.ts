// Compares the result of one `test.commands` entry (exit code, stdout, stderr) with what is expected,
// and words each difference with an excerpt of the output that explains it.
import { excerpt, formatPattern } from './check-messages.js';
import type { CommandExpectation } from './test-spec-schema.js';
import { matchesText } from './text-patterns.js';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Every difference; empty when the command behaved as expected. */
export function describeCommandMismatches(expected: CommandExpectation, result: CommandResult): string[] {
  const problems: string[] = [];
  if (result.exitCode !== expected.exitCode) {
    problems.push(`expected exit code ${expected.exitCode}, got ${result.exitCode}${outputHint(result)}`);
  }
  if (expected.stdout !== undefined && !matchesText(expected.stdout, result.stdout)) {
    problems.push(
      `expected stdout matching ${formatPattern(expected.stdout)}, got ${excerpt(result.stdout)}`,
    );
  }
  if (expected.stderr !== undefined && !matchesText(expected.stderr, result.stderr)) {
    problems.push(
      `expected stderr matching ${formatPattern(expected.stderr)}, got ${excerpt(result.stderr)}`,
    );
  }
  return problems;
}

/** The end of stderr (or of stdout when stderr is empty): usually where the reason is. */
function outputHint(result: CommandResult): string {
  if (result.stderr.trim() !== '') return `; stderr: ${excerpt(result.stderr)}`;
  if (result.stdout.trim() !== '') return `; stdout: ${excerpt(result.stdout)}`;
  return '';
}

/** The command's name in messages: `command "java -version"`. */
export function commandLabel(command: CommandExpectation): string {
  return `command ${JSON.stringify(command.name)}`;
}

/**
 * The useful end of an engine start error: runc wraps "exec: "java": executable file not found in
 * $PATH" in three layers of "failed to create task ..." context.
 */
export function startFailureReason(engineError: string): string {
  const marker = 'unable to start container process: ';
  const at = engineError.lastIndexOf(marker);
  const reason = at === -1 ? engineError : engineError.slice(at + marker.length);
  return reason.replace(/: unknown$/, '').trim();
}
