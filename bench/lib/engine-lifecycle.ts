// Starts, stops and wipes the throwaway engines of a bench section through scripts/engine.sh, so a
// measured run can begin on a machine that has never built anything ("a fresh CI runner").
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { exec, isSuccess, tail } from '../../src/exec/exec.js';

export interface EngineLifecycleOptions {
  /** Repository root (where scripts/engine.sh lives). */
  root: string;
  env: Record<string, string | undefined>;
}

/** `export DOCKER_HOST=unix:///…/docker.sock` lines of `engine.sh env|up` → the DOCKER_HOST value. */
export function parseDockerHost(output: string): string | undefined {
  const match = /^export DOCKER_HOST=(\S+)$/m.exec(output);
  return match?.[1];
}

function engineDirectory(name: string, options: EngineLifecycleOptions): string {
  return path.join(options.env.IMAGEFORGE_ENGINE_DIR ?? path.join(options.root, '.engine'), name);
}

async function runEngineScript(
  args: string[],
  options: EngineLifecycleOptions,
): Promise<{ stdout: string; ok: boolean; error: string }> {
  const result = await exec('bash', [path.join(options.root, 'scripts', 'engine.sh'), ...args], {
    cwd: options.root,
    env: options.env,
    timeoutMs: 180_000,
  });
  const error = `scripts/engine.sh ${args.join(' ')} failed (exit ${result.exitCode ?? '?'}): ${tail(result.stderr, 5)}`;
  return { stdout: result.stdout, ok: isSuccess(result), error };
}

/** Starts engine `name` (and the shared registry when needed); returns its DOCKER_HOST. */
export async function startEngine(name: string, options: EngineLifecycleOptions): Promise<string> {
  const up = await runEngineScript(['up', name], options);
  const dockerHost = parseDockerHost(up.stdout);
  if (!up.ok || dockerHost === undefined) throw new Error(up.error);
  return dockerHost;
}

/** Stops engine `name` if it runs (only what engine.sh started, by its pidfile). */
export async function stopEngine(name: string, options: EngineLifecycleOptions): Promise<void> {
  const down = await runEngineScript(['down', name], options);
  if (!down.ok) throw new Error(down.error);
  const pid = await readPid(path.join(engineDirectory(name, options), 'docker.pid'));
  if (pid !== undefined && isAlive(pid)) {
    throw new Error(`engine ${name} (pid ${pid}) still running after scripts/engine.sh down ${name}`);
  }
}

/** Stop, delete the engine's data and exec roots, start again: no images, no build cache, no state. */
export async function startFreshEngine(name: string, options: EngineLifecycleOptions): Promise<string> {
  await wipeEngine(name, options);
  return startEngine(name, options);
}

/** Stops the engine and deletes its data and exec roots (its images and build cache). */
export async function wipeEngine(name: string, options: EngineLifecycleOptions): Promise<void> {
  await stopEngine(name, options);
  const directory = engineDirectory(name, options);
  await rm(path.join(directory, 'data'), { recursive: true, force: true });
  await rm(path.join(directory, 'exec'), { recursive: true, force: true });
}

async function readPid(file: string): Promise<number | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  const pid = Number(text?.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
