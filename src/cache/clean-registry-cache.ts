// `imageforge cache prune --registry`: lists the cache repositories under a prefix, reads each
// tag's digest and cache age, plans (planRegistryCleanup) and deletes manifests by digest.
import { listGitBranches } from './branch-tags.js';
import { cacheCreatedAt } from './registry-cache-age.js';
import { RegistryClient } from './registry-client.js';
import { resolveRegistryCredentials } from './registry-credentials.js';
import {
  planRegistryCleanup,
  type RegistryCacheTag,
  type RegistryCleanupPolicy,
  type RegistryTagDecision,
} from './plan-registry-cleanup.js';

export interface CleanRegistryCacheOptions {
  /** Cache repository prefix as in `images.*.cache.registry`, e.g. "localhost:5000/cache". */
  prefix: string;
  policy: RegistryCleanupPolicy;
  /** Git repository whose branches count as live. */
  projectDir: string;
  /** Live branches, instead of asking git. */
  branches?: string[];
  now?: Date;
  dryRun?: boolean;
  env?: Record<string, string | undefined>;
}

export interface CleanRegistryCacheResult {
  prefix: string;
  dryRun: boolean;
  /** False when git could not list branches: only the age rule applied. */
  branchesKnown: boolean;
  decisions: RegistryTagDecision[];
  /** Tags deleted (dry run: that would be). */
  deleted: RegistryTagDecision[];
}

/** "http://localhost:5000/cache/" → host "localhost:5000", repository prefix "cache". */
export function parseRegistryPrefix(prefix: string): {
  host: string;
  path: string;
  scheme?: 'http' | 'https';
} {
  const scheme = /^(https?):\/\//.exec(prefix)?.[1] as 'http' | 'https' | undefined;
  const [host = '', ...rest] = prefix
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '')
    .split('/');
  return { host, path: rest.join('/'), ...(scheme && { scheme }) };
}

export async function cleanRegistryCache(
  options: CleanRegistryCacheOptions,
): Promise<CleanRegistryCacheResult> {
  const { host, path, scheme } = parseRegistryPrefix(options.prefix);
  const credentials = await resolveRegistryCredentials(host, options.env);
  const client = new RegistryClient({ host, scheme, credentials });
  const branches = options.branches ?? (await listGitBranches(options.projectDir));
  const tags = await listCacheTags(client, path);
  const decisions = planRegistryCleanup(tags, options.policy, { now: options.now ?? new Date(), branches });
  const deleted = decisions.filter((decision) => decision.action === 'delete');
  if (!options.dryRun) {
    const done = new Set<string>();
    for (const { tag } of deleted) {
      const key = `${tag.repository}@${tag.digest}`;
      if (done.has(key)) continue;
      await client.deleteManifest(tag.repository, tag.digest);
      done.add(key);
    }
  }
  return {
    prefix: options.prefix,
    dryRun: options.dryRun === true,
    branchesKnown: branches !== undefined,
    decisions,
    deleted,
  };
}

async function listCacheTags(client: RegistryClient, path: string): Promise<RegistryCacheTag[]> {
  const repositories = (await client.catalog()).filter(
    (repository) => path === '' || repository === path || repository.startsWith(`${path}/`),
  );
  const tags: RegistryCacheTag[] = [];
  for (const repository of repositories) {
    for (const tag of await client.tags(repository)) {
      const manifest = await client.manifest(repository, tag);
      if (!manifest?.digest) continue;
      tags.push({ repository, tag, digest: manifest.digest, createdAt: cacheCreatedAt(manifest.body) });
    }
  }
  return tags;
}
