// Before signalling a pid read from a pidfile, prove it is still the process we started: pids are
// reused, and a stale pidfile must never make imageforge kill an unrelated process.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** The pid in a pidfile, or undefined when the file is missing or not a pid. */
export async function readPidFile(file: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(file, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** argv of a live process (from /proc), or undefined when it is gone. */
export function processArgv(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (raw.length === 0) return undefined; // zombie
    return raw.replace(/\0$/, '').split('\0');
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    // EPERM: alive but not ours to signal (e.g. another user's process)
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when `pid` runs `program` (basename of argv[0] or of the script it interprets) with
 * `marker` among its arguments — e.g. a dockerd whose `--data-root` is our builder's.
 */
export function isOurProcess(pid: number, program: string, marker: string): boolean {
  const argv = processArgv(pid);
  if (!argv) return false;
  const runsProgram = argv.slice(0, 3).some((arg) => arg.split('/').pop() === program);
  return runsProgram && argv.some((arg) => arg === marker || arg.includes(marker));
}
