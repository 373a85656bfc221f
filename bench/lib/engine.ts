// Puts the bench engine into a known state between runs: "cold" means the set's images are gone and
// BuildKit's cache (layers and cache mounts) is pruned, while base images pulled from the local
// registry stay. Also records what engine the numbers were taken on.
import os from 'node:os';
import { exec, isSuccess, tail } from '../../src/exec/exec.js';
import type { EnvironmentInfo } from './types.js';

export interface EngineOptions {
  env: Record<string, string | undefined>;
}

/** Removes the given image references (missing ones are fine) and prunes all build cache. */
export async function resetToCold(imageRefs: readonly string[], options: EngineOptions): Promise<void> {
  if (imageRefs.length > 0) {
    // `image rm -f` exits non-zero when a reference does not exist: that is the desired state.
    await exec('docker', ['image', 'rm', '-f', ...imageRefs], { env: options.env, timeoutMs: 60_000 });
  }
  const prune = await exec('docker', ['buildx', 'prune', '-af'], { env: options.env, timeoutMs: 120_000 });
  if (!isSuccess(prune)) {
    throw new Error(
      `docker buildx prune -af failed (exit ${prune.exitCode ?? '?'}): ${tail(prune.stderr, 5)}`,
    );
  }
}

export async function describeEnvironment(options: EngineOptions): Promise<EnvironmentInfo> {
  const server = await exec('docker', ['version', '--format', '{{.Server.Version}}'], {
    env: options.env,
    timeoutMs: 20_000,
  });
  const buildx = await exec('docker', ['buildx', 'version'], { env: options.env, timeoutMs: 20_000 });
  return {
    dockerHost: options.env.DOCKER_HOST ?? '',
    serverVersion: isSuccess(server) ? server.stdout.trim() : undefined,
    buildxVersion: isSuccess(buildx) ? buildx.stdout.trim() : undefined,
    cpus: os.availableParallelism(),
    node: process.version,
    platform: `${os.platform()}/${os.arch()}`,
  };
}

/** Undefined when every reference exists in the engine's image store, else which are missing. */
export async function findMissingImages(
  imageRefs: readonly string[],
  options: EngineOptions,
): Promise<string | undefined> {
  const missing: string[] = [];
  for (const ref of imageRefs) {
    const inspect = await exec('docker', ['image', 'inspect', '--format', '{{.Id}}', ref], {
      env: options.env,
      timeoutMs: 20_000,
    });
    if (!isSuccess(inspect)) missing.push(ref);
  }
  return missing.length === 0 ? undefined : `missing images: ${missing.join(', ')}`;
}
