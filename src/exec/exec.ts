// The one seam for child processes. Every spawn in imageforge goes through here so that timeouts,
// cancellation (of the whole process group), environment handling and failure results behave the
// same. Plain node:child_process: execa cost ~70 ms of start-up per CLI run (measured), which
// matters for a tool whose warm run must stay under half a second.
import { spawn } from 'node:child_process';

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
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

const KILL_GRACE_MS = 3000;

/**
 * Runs a command to completion and never throws for process failures: the failure is the result.
 * The child leads its own process group, which is signalled as a whole on timeout or abort so that
 * grandchildren (docker → docker-buildx plugin) are not orphaned.
 */
export function exec(command: string, args: string[], options: ExecOptions = {}): Promise<ExecResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      detached: true,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const state = { timedOut: false, cancelled: false, spawnError: undefined as string | undefined };
    const stdout = collect(child.stdout, options.onStdoutLine);
    const stderr = collect(child.stderr, options.onStderrLine);
    const killGroup = (signal: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // the group is gone already
      }
    };
    let graceTimer: NodeJS.Timeout | undefined;
    const stopGroup = (): void => {
      killGroup('SIGTERM');
      graceTimer ??= setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
    };
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            state.timedOut = true;
            stopGroup();
          }, options.timeoutMs);
    const onAbort = (): void => {
      state.cancelled = true;
      stopGroup();
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    // Without an exit listener, a parent killed by SIGKILL would still leave the group; this covers
    // normal exits and signals Node handles (the CLI cancels runs itself on SIGINT/SIGTERM).
    const onParentExit = (): void => killGroup('SIGKILL');
    process.once('exit', onParentExit);
    if (options.input !== undefined) child.stdin?.end(options.input);
    child.on('error', (error) => {
      state.spawnError = error.message;
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
      options.signal?.removeEventListener('abort', onAbort);
      process.off('exit', onParentExit);
      // The leader exited; make sure nothing of its group lingers after a stop.
      if (state.timedOut || state.cancelled) killGroup('SIGKILL');
      resolve({
        command,
        args,
        exitCode: code ?? undefined,
        stdout: stdout.text(),
        stderr: stderr.text(),
        durationMs: performance.now() - started,
        timedOut: state.timedOut,
        cancelled: state.cancelled,
        signal: signal ?? undefined,
        spawnError: state.spawnError,
      });
    });
  });
}

function collect(stream: NodeJS.ReadableStream | null, onLine: ((line: string) => void) | undefined) {
  const chunks: string[] = [];
  let pending = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    chunks.push(chunk);
    if (!onLine) return;
    pending += chunk;
    let index = pending.indexOf('\n');
    while (index >= 0) {
      onLine(pending.slice(0, index));
      pending = pending.slice(index + 1);
      index = pending.indexOf('\n');
    }
  });
  stream?.on('end', () => {
    if (onLine && pending.length > 0) onLine(pending);
    pending = '';
  });
  return { text: () => chunks.join('') };
}
