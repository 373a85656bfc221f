// The one seam for child processes. Every spawn in imageforge goes through here so that timeouts,
// cancellation (whole process group), environment handling and failure results behave the same.
import { execa } from 'execa';

export interface ExecOptions {
  cwd?: string;
  /** Extra environment, merged over process.env. */
  env?: Record<string, string | undefined>;
  input?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with each complete line of stderr / stdout as it arrives. */
  onStderrLine?: (line: string) => void;
  onStdoutLine?: (line: string) => void;
}

export interface ExecResult {
  command: string;
  args: string[];
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
  cancelled: boolean;
  /** Killed by a signal (e.g. SIGKILL from OOM or our own cancellation). */
  signal: string | undefined;
  /** Spawning failed (ENOENT, EACCES): the command could not run at all. */
  spawnError: string | undefined;
}

export function isSuccess(result: ExecResult): boolean {
  return result.exitCode === 0 && !result.timedOut && !result.cancelled && result.spawnError === undefined;
}

/** Last `lines` lines of a text, for messages. */
export function tail(text: string, lines = 20): string {
  const all = text.trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}

/**
 * Runs a command to completion and never throws for process failures: the failure is the result.
 * The child runs in its own process group, which is killed as a whole on timeout or abort so that
 * grandchildren (buildx -> docker-buildx plugin) are not orphaned.
 */
export async function exec(command: string, args: string[], options: ExecOptions = {}): Promise<ExecResult> {
  const started = performance.now();
  const child = execa(command, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: true,
    input: options.input,
    reject: false,
    detached: true,
    stripFinalNewline: false,
    buffer: true,
    cleanup: true,
    stdin: options.input === undefined ? 'ignore' : 'pipe',
  });

  let timedOut = false;
  let cancelled = false;
  const killGroup = (signal: NodeJS.Signals): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const stopGroup = (): void => {
    killGroup('SIGTERM');
    setTimeout(() => killGroup('SIGKILL'), 3000).unref();
  };
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          stopGroup();
        }, options.timeoutMs);
  const onAbort = (): void => {
    cancelled = true;
    stopGroup();
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  attachLineReader(child.stderr, options.onStderrLine);
  attachLineReader(child.stdout, options.onStdoutLine);

  const result = await child;
  if (timer) clearTimeout(timer);
  options.signal?.removeEventListener('abort', onAbort);
  // The leader exited; make sure nothing of its group lingers (e.g. a plugin process).
  if (timedOut || cancelled) killGroup('SIGKILL');

  const spawnError =
    result.failed && result.exitCode === undefined && result.signal === undefined
      ? (result.originalMessage ?? result.shortMessage)
      : undefined;
  return {
    command,
    args,
    exitCode: result.exitCode,
    stdout: typeof result.stdout === 'string' ? result.stdout : '',
    stderr: typeof result.stderr === 'string' ? result.stderr : '',
    durationMs: performance.now() - started,
    timedOut,
    cancelled,
    signal: result.signal,
    spawnError,
  };
}

function attachLineReader(
  stream: NodeJS.ReadableStream | null | undefined,
  onLine: ((line: string) => void) | undefined,
): void {
  if (!stream || !onLine) return;
  let pending = '';
  stream.on('data', (chunk: Buffer | string) => {
    pending += chunk.toString();
    let index = pending.indexOf('\n');
    while (index >= 0) {
      onLine(pending.slice(0, index));
      pending = pending.slice(index + 1);
      index = pending.indexOf('\n');
    }
  });
  stream.on('end', () => {
    if (pending.length > 0) onLine(pending);
    pending = '';
  });
}
