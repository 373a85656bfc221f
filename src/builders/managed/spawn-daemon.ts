// Starts a long-lived daemon that must outlive the CLI: its own session and process group, stdio to
// a log file, not awaited. This is the one spawn outside exec/exec.ts, because exec's contract is
// "run to completion and stop the whole group with the parent" — the opposite of what a daemon needs.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export interface SpawnDaemonOptions {
  command: string;
  args: string[];
  logFile: string;
  /** Complete environment of the daemon (not merged with process.env). */
  env: Record<string, string | undefined>;
  cwd?: string;
  uid?: number;
  gid?: number;
}

export interface SpawnedDaemon {
  pid: number;
  /** Resolves with the exit code if the daemon exits while we still watch it. */
  exited: Promise<number | null>;
}

export function spawnDaemon(options: SpawnDaemonOptions): Promise<SpawnedDaemon> {
  const log = openSync(options.logFile, 'a');
  try {
    const child = spawn(options.command, options.args, {
      detached: true, // setsid(): own session and process group
      stdio: ['ignore', log, log],
      env: options.env,
      cwd: options.cwd ?? '/',
      ...(options.uid !== undefined ? { uid: options.uid } : {}),
      ...(options.gid !== undefined ? { gid: options.gid } : {}),
    });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => {
        const exited = new Promise<number | null>((resolveExit) =>
          child.once('exit', (code) => resolveExit(code)),
        );
        // the CLI may exit while the daemon keeps running
        child.unref();
        resolve({ pid: child.pid ?? -1, exited });
      });
    });
  } finally {
    closeSync(log);
  }
}
