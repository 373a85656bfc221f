// `down` for a managed builder: SIGTERM to the pidfile's pid only after proving it is the dockerd
// of this builder's data root, SIGKILL after a grace period, then the rootless launcher and cgroups.
import { rm } from 'node:fs/promises';
import { ImageforgeError } from '../../errors/imageforge-error.js';
import { BuilderErrorCode } from '../builder-errors.js';
import { removeCgroupLimits } from './cgroup-limits.js';
import { runningEnginePid } from './managed-engine.js';
import { managedLayout } from './managed-layout.js';
import { isAlive, isOurProcess, processArgv, readPidFile } from './process-identity.js';

export interface StopManagedBuilderOptions {
  home: string;
  /** How long dockerd gets to shut down after SIGTERM; default 30 s. */
  graceMs?: number;
}

export interface StoppedManagedBuilder {
  name: string;
  /** The engine's pid when one was running. */
  pid: number | undefined;
  wasRunning: boolean;
  /** True when SIGKILL was needed. */
  killed: boolean;
}

const DEFAULT_GRACE_MS = 30_000;

export async function stopManagedBuilder(
  name: string,
  options: StopManagedBuilderOptions,
): Promise<StoppedManagedBuilder> {
  const layout = managedLayout(name, options.home);
  const pid = await runningEnginePid(layout);
  let killed = false;
  if (pid !== undefined) killed = await terminate(pid, options.graceMs ?? DEFAULT_GRACE_MS);
  if (pid !== undefined && isRunning(pid))
    throw new ImageforgeError(`managed builder ${name}: dockerd pid ${pid} survived SIGKILL`, {
      code: BuilderErrorCode.EngineStop,
      category: 'environment',
      hint: `inspect it: ps -o pid,stat,cmd -p ${pid}`,
    });
  await stopLauncher(layout.launcherPidFile, layout.dataRoot);
  await removeCgroupLimits(name);
  return { name, pid, wasRunning: pid !== undefined, killed };
}

function isRunning(pid: number): boolean {
  return isAlive(pid) && processArgv(pid) !== undefined; // a zombie has no argv
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return !isRunning(pid);
}

/** SIGTERM, wait, SIGKILL. Returns true when SIGKILL was sent. */
async function terminate(pid: number, graceMs: number): Promise<boolean> {
  signal(pid, 'SIGTERM');
  if (await waitForExit(pid, graceMs)) return false;
  signal(pid, 'SIGKILL');
  await waitForExit(pid, 5000);
  return true;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // exited meanwhile
  }
}

/** rootlesskit exits with its dockerd; stop it only if it lingers and is provably ours. */
async function stopLauncher(pidFile: string, dataRoot: string): Promise<void> {
  const pid = await readPidFile(pidFile);
  if (pid === undefined) return;
  const ours = isRunning(pid) && isOurProcess(pid, 'rootlesskit', dataRoot);
  if (ours && !(await waitForExit(pid, 5000))) await terminate(pid, 10_000);
  await rm(pidFile, { force: true });
}
