// Keeps the engine's build cache within policy before a run builds (settings.cache.enforce:
// before-build). Listing the cache costs ~0.2 s, so the full check runs at most every ten minutes
// per engine; low free disk (a cheap statfs, done by preflight) always triggers it.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { CachePolicy } from '../config/types.js';
import type { PreflightResult } from '../preflight/preflight.js';
import { enforceCachePolicy } from '../cache/enforce-cache-policy.js';

const CHECK_INTERVAL_MS = 10 * 60_000;

export interface CacheMaintenance {
  prunedEntries: number;
  bytesReclaimed: number;
  reason: string;
}

export async function enforceBeforeBuild(
  policy: CachePolicy,
  preflight: PreflightResult,
  env: Record<string, string | undefined>,
  now: () => number = Date.now,
): Promise<CacheMaintenance | undefined> {
  if (
    policy.enforce !== 'before-build' ||
    preflight.method !== 'buildkit' ||
    preflight.builder?.driver !== 'docker'
  ) {
    return undefined;
  }
  const lowDisk =
    policy.minFreeSpaceBytes !== undefined &&
    preflight.diskFreeBytes !== undefined &&
    preflight.diskFreeBytes < policy.minFreeSpaceBytes;
  const stamp = stampFile(preflight.endpoint.host, policy, env);
  if (!lowDisk && (await checkedRecently(stamp, now()))) return undefined;
  const result = await enforceCachePolicy({
    client: preflight.client,
    policy,
    host: preflight.endpoint.host,
  });
  await writeStamp(stamp, now());
  if (result.pruned.length === 0) return undefined;
  return {
    prunedEntries: result.pruned.length,
    bytesReclaimed: result.bytesReclaimed,
    reason: result.reason,
  };
}

/** Per engine and policy: a changed policy is checked at once. */
function stampFile(endpoint: string, policy: CachePolicy, env: Record<string, string | undefined>): string {
  const key = createHash('sha256')
    .update(JSON.stringify([endpoint, policy]))
    .digest('hex')
    .slice(0, 16);
  const cacheHome = env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  return path.join(cacheHome, 'imageforge', 'enforce', `${key}.json`);
}

async function checkedRecently(file: string, now: number): Promise<boolean> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    const at =
      typeof parsed === 'object' && parsed !== null && 'checkedAt' in parsed ? Number(parsed.checkedAt) : NaN;
    return Number.isFinite(at) && now - at < CHECK_INTERVAL_MS && now >= at;
  } catch {
    return false;
  }
}

async function writeStamp(file: string, now: number): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, JSON.stringify({ checkedAt: now }));
  } catch {
    // without a stamp the next run checks again: slower, never wrong
  }
}
