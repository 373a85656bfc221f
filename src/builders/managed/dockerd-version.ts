// The version of the dockerd a managed builder will run (the first on PATH), read before its
// daemon.json is written: engines before 28.0 need the older GC keys (daemon-json.ts).
import { exec, isSuccess } from '../../exec/exec.js';

/** `Docker version 26.1.5+dfsg1, build a72d7cd` → "26.1.5+dfsg1". */
export function parseDockerdVersion(output: string): string | undefined {
  return /Docker version ([^,\s]+)/.exec(output)?.[1];
}

/** undefined when dockerd cannot tell (then the current GC keys are written). */
export async function dockerdVersion(env: Record<string, string | undefined>): Promise<string | undefined> {
  const result = await exec('dockerd', ['--version'], { timeoutMs: 15_000, env });
  return isSuccess(result) ? parseDockerdVersion(result.stdout) : undefined;
}
