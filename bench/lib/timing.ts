// Runs one competitor's command and turns the outcome into a Sample. Goes through imageforge's own
// exec seam, so the process group is killed on timeout and a failure is data, never an exception.
import { exec, isSuccess, tail, type ExecResult } from '../../src/exec/exec.js';
import type { Competitor, Sample } from './types.js';

export interface TimedRunOptions {
  round: number;
  /** Repository root: the default working directory. */
  root: string;
  env: Record<string, string | undefined>;
  timeoutMs: number;
}

export async function runTimed(competitor: Competitor, options: TimedRunOptions): Promise<Sample> {
  const result = await exec(competitor.command, competitor.args, {
    cwd: competitor.cwd ?? options.root,
    env: options.env,
    timeoutMs: options.timeoutMs,
  });
  const ok = isSuccess(result);
  const sample: Sample = {
    round: options.round,
    durationMs: Math.round(result.durationMs),
    ok,
    exitCode: result.exitCode,
    timedOut: result.timedOut,
  };
  if (!ok) {
    sample.error = describeFailure(result, options.timeoutMs);
    sample.outputTail = tail(`${result.stdout}\n${result.stderr}`.trim(), 20);
  }
  return sample;
}

function describeFailure(result: ExecResult, timeoutMs: number): string {
  if (result.spawnError !== undefined) return `could not start: ${result.spawnError}`;
  if (result.timedOut) return `timed out after ${timeoutMs}ms`;
  return `exit ${result.exitCode ?? result.signal ?? '?'}: ${summarizeFailureOutput(`${result.stdout}\n${result.stderr}`)}`;
}

/**
 * One line out of a failed command's output, for tables and logs: the lines that mention an error
 * (at most three), else the last three lines, joined with ` ⏎ `. Stack frames are dropped.
 */
export function summarizeFailureOutput(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('at '));
  const errors = lines.filter((line) => /error|failed|cannot|denied/i.test(line));
  const chosen = errors.length > 0 ? errors.slice(0, 3) : lines.slice(-3);
  return chosen.length > 0 ? chosen.join(' ⏎ ') : '(no output)';
}

/** `command arg1 'arg two'` for results and logs. */
export function formatCommandLine(competitor: Pick<Competitor, 'command' | 'args'>): string {
  return [competitor.command, ...competitor.args]
    .map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replaceAll("'", "'\\''")}'`))
    .join(' ');
}
